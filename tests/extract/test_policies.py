"""Policies the event emphasised: quoted initiatives, named plans, national formulations, canonical labels."""

from tests.extract.helpers import extract, policies


def test_quoted_initiative_keeps_its_suffix_and_drops_quotes():
    x = extract("会议召开。要加快推进“强基固本”工程，深入实施“青松领航”计划，全面推行“把服务送进楼宇”。")
    assert {"强基固本工程", "青松领航计划", "把服务送进楼宇"} <= policies(x)
    assert ("强基固本工程", "“强基固本”工程") in x.policy_variants


def test_quoted_digits_keep_the_words_they_qualify():
    x = extract("会议召开。深化红色赋能“1+6”行动。")
    assert "红色赋能1+6行动" in policies(x)


def test_quoted_list_after_a_verb():
    x = extract("会议召开。推行“跨镇联建”“村企共建”等模式，落实“两个走在前”“三个新”重大任务。")
    assert {"跨镇联建", "村企共建", "两个走在前", "三个新"} <= policies(x)


def test_unquoted_plan_after_a_policy_verb_minus_issuer_and_qualifier():
    x = extract("会议召开。要深入开展城市安全治本攻坚三年行动，深入落实省委进一步支持企业发展若干措施，"
                "学习贯彻新修订的信访工作条例。")
    assert {"城市安全治本攻坚三年行动", "进一步支持企业发展若干措施", "信访工作条例"} <= policies(x)


def test_national_formulations_and_discourse():
    x = extract("会议召开。要深入学习习近平总书记关于教育强国的重要论述，坚定拥护“两个确立”，推动高质量发展，发展新质生产力。")
    assert {"关于教育强国的重要论述", "两个确立", "高质量发展", "新质生产力"} <= policies(x)


def test_figures_of_speech_in_quotes_are_not_policies():
    x = extract("会议召开。校园定制公交“爆火”，要抬升“高线”，打好精准施策的“组合拳”，开展“清单式”执法检查，擦亮“金字招牌”。")
    assert policies(x) == set()


def test_random_four_character_phrases_are_not_policies():
    x = extract("会议召开。大家深入交流，共同推动各项工作取得实效，确保平安祥和。")
    assert policies(x) == set()


def test_same_policy_in_two_articles_has_one_canonical_label():
    one = extract("会议召开。深入实施“青松领航”计划。")
    two = extract("调研召开。推进党建引领“青松领航”计划落地。")
    assert "青松领航计划" in policies(one) & policies(two)


def test_formulation_inside_a_longer_policy_is_not_repeated():
    x = extract("会议召开。积极落实党建赋能乡村振兴15条举措。")
    assert policies(x) == {"党建赋能乡村振兴15条举措"}


def test_documents_named_in_book_quotes_when_they_are_rules_or_plans():
    x = extract("会议召开。要认真学习《中国共产党纪律处分条例》，落实《关于推进乡村建设的实施意见》，阅读《求是》杂志和《平凡的世界》。")
    assert {"中国共产党纪律处分条例", "关于推进乡村建设的实施意见"} <= policies(x)
    assert not {"求是", "平凡的世界"} & policies(x)
