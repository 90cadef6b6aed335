"""Policies, issue 16's fourth round: labels as the owners' gold draws them (docs/extraction.md, "The owners'
policy labels") and what is no policy at all. Sentences written for these tests, not copied from any article;
each rule has a near miss that must not fire."""

from tests.extract.helpers import extract, policies


def test_a_campaign_named_after_a_long_formulation_is_not_cut_inside_a_word():
    x = extract("会议要求，扎实开展学习贯彻习近平新时代中国特色社会主义思想主题教育，推动主题教育走深走实。")
    found = policies(x)
    assert "主题教育" in found
    assert not any(p.startswith("时代") or p.startswith("近平") for p in found), found


def test_a_campaign_named_by_a_short_name_keeps_it():
    x = extract("会议要求，全面开展城镇燃气安全隐患排查专项整治，坚决守牢安全底线。")
    assert "城镇燃气安全隐患排查专项整治" in policies(x)


def test_a_counted_quote_handed_out_at_a_ceremony_is_an_honour():
    x = extract("7月1日，公司党委召开庆祝建党103周年暨“两优一先”表彰大会。")
    assert "两优一先" not in policies(x)


def test_a_counted_quote_deployed_is_still_a_policy():
    x = extract("会议强调，要坚持“两个一以贯之”，把党的领导融入公司治理各环节。")
    assert "两个一以贯之" in policies(x)


def test_a_batch_is_no_part_of_a_campaigns_name():
    x = extract("会议强调，要高质量开展第二批主题教育，确保取得实效。")
    assert "主题教育" in policies(x) and "第二批主题教育" not in policies(x)
    x = extract("会议要求，扎实开展第三批燃气安全专项整治。")
    assert policies(x) == {"燃气安全专项整治"}


def test_the_spirits_of_the_partys_pedigree_are_policies_each():
    x = extract("会议要求，大力弘扬伟大建党精神和劳模精神、劳动精神、工匠精神，传承“两弹一星”精神。")
    assert {"伟大建党精神", "劳模精神", "劳动精神", "工匠精神", "两弹一星精神"} <= policies(x)


def test_a_pedigree_spirit_is_known_by_its_longest_name():
    x = extract("会议要求，大力弘扬伟大抗疫精神。")
    assert "伟大抗疫精神" in policies(x) and "抗疫精神" not in policies(x)


def test_a_place_speaking_of_itself_is_no_part_of_the_name():
    x = extract("会议要求，全力推进我县乡村振兴战略，扎实开展本市城镇燃气安全专项整治。")
    assert {"乡村振兴战略", "城镇燃气安全专项整治"} <= policies(x)
    assert not any(p.startswith(("我县", "本市")) for p in policies(x))


def test_a_places_share_of_a_national_strategy_is_the_strategy():
    x = extract("4月2日，某某镇召开整域推进某某镇乡村振兴战略推进会。会议系统学习了乡村振兴战略的内容。")
    assert "乡村振兴战略" in policies(x) and not any(p.startswith("某某镇") for p in policies(x))
    x = extract("会议要求，加快推进老城区城市更新。")
    assert "城市更新" in policies(x)


def test_a_local_name_that_ends_like_no_national_one_keeps_its_place():
    x = extract("会议要求，深入实施某某县人才强县战略。")  # 人才强县 is no national formulation
    assert "某某县人才强县战略" in policies(x)
    x = extract("会议要求，深入实施区域协调发展战略。")  # 区域 is no place before 协调发展战略
    assert "区域协调发展战略" in policies(x)


def test_a_working_bodys_session_is_no_spirit_but_the_strategy_it_carries_is():
    x = extract("会议传达学习了省推进长三角一体化发展领导小组第六次全体会议精神。")
    found = policies(x)
    assert "长三角一体化发展" in found and not any("领导小组" in p for p in found), found


def test_a_speech_given_at_a_working_bodys_session_is_still_studied():
    x = extract("会议传达学习了习近平总书记在中央全面深化改革领导小组会议上的重要讲话精神。")
    assert "习近平总书记在中央全面深化改革领导小组会议上的重要讲话精神" in policies(x)
    x = extract("会议传达学习了中央城市工作会议精神。")
    assert "中央城市工作会议精神" in policies(x)


def test_national_formulations_of_education_and_of_working_methods():
    x = extract("会议要求，要以教育家精神铸魂强师，全面贯彻党的教育方针，扎实开展四下基层，学习运用浦江经验。")
    assert {"教育家精神", "党的教育方针", "四下基层", "浦江经验"} <= policies(x)


def test_a_working_method_named_with_its_era_keeps_it():
    x = extract("会议要求，坚持和发展新时代“枫桥经验”，推动矛盾纠纷就地化解。")
    assert "新时代枫桥经验" in policies(x) and "枫桥经验" not in policies(x)


def test_a_reform_said_only_by_pointing_at_it_is_no_name():
    x = extract("会议要求，积极稳妥推进上级国资改革和区国资相关改革。")
    assert not any("上级" in p or "相关" in p for p in policies(x)), policies(x)


def test_a_reform_named_by_its_field_is_a_policy():
    x = extract("会议要求，深化城市运营体制改革，推进国有企业改革深化提升行动。")
    assert "城市运营体制改革" in policies(x)


def test_the_meetings_own_voting_procedure_is_no_rule_deployed():
    x = extract("大会表决通过了县第十八届人民代表大会第四次会议选举办法。")
    assert not any(p.endswith("选举办法") for p in policies(x))
    x = extract("会议审议通过了某某县村级组织议事规则。")  # a rule for others to follow
    assert any(p.endswith("议事规则") for p in policies(x))


def test_one_speakers_list_of_three_kinds_of_words_is_one_spirit():
    x = extract("会议传达学习了习近平总书记近期重要讲话、贺信、回信精神及上级相关会议精神。")
    assert "习近平总书记近期重要讲话、贺信、回信精神" in policies(x)
    assert "贺信、回信精神" not in policies(x)


def test_a_second_issuer_after_the_joiner_is_a_second_spirit():
    x = extract("会议传达学习了习近平总书记重要讲话和省委全会精神。")
    assert "省委全会精神" in policies(x)


def test_a_label_never_opens_with_a_joiner():
    x = extract("会议审议通过了关于将保障性安居工程建设和旧城区改建项目纳入年度计划的决议。")
    assert not any(p.startswith(("和", "及", "与")) for p in policies(x)), policies(x)
    x = extract("会议要求，加快建设和美乡村。")  # 建设 is the verb here, 和美乡村 the name
    assert "和美乡村" in policies(x)


def test_a_study_verb_inside_a_discourses_topic_stays_in_the_spirit():
    x = extract("会议传达学习了习近平总书记关于学习教育重要指示精神。")
    assert "习近平总书记关于学习教育重要指示精神" in policies(x)
    assert "教育重要指示精神" not in policies(x)


def test_a_verb_opening_with_dui_is_no_topic():
    x = extract("会议要求，要对标落实全国全省组织部长会议精神。")
    assert "全国全省组织部长会议精神" in policies(x)


def test_the_two_ends_of_a_change_are_figures_of_speech():
    x = extract("会议要求，推动政协工作从“做了多少”向“做成什么”转变，推动服务由“有没有”到“好不好”提升。")
    assert not {"做了多少", "做成什么", "有没有", "好不好"} & policies(x)


def test_two_quoted_policies_after_a_verb_stay_policies():
    x = extract("会议要求，深入开展“四下基层”，全面推行“一线工作法”。")
    assert {"四下基层", "一线工作法"} <= policies(x)


def test_a_list_of_plans_under_one_verb_is_a_policy_each():
    x = extract("会议要求，深入实施乡村建设行动、乡村治理能力提升工程和农村人居环境整治提升五年行动。")
    assert {"乡村建设行动", "乡村治理能力提升工程", "农村人居环境整治提升五年行动"} <= policies(x)


def test_a_list_item_runs_to_the_lists_joiner_or_the_clauses_end():
    x = extract("会议要求，深入开展安全生产治本攻坚三年行动、城镇燃气安全专项整治和消防安全集中除患攻坚大整治行动。")
    assert not any("和" in p for p in policies(x)), policies(x)
    x = extract("全会为我县建设经济强县、美丽某城提供了行动纲领和工作指南。")  # 行动纲领: no plan named
    assert not any("提供" in p for p in policies(x)), policies(x)
