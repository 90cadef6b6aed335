"""Policies, issue 16's second round on held-out-like text (d27-d40): kinds frequent in government news
generally. Sentences written for these tests, not copied from any article; each kind has a near miss."""

from tests.extract.helpers import extract, policies


def test_the_closing_words_of_a_titled_plan_are_no_second_policy():
    x = extract("常委会审议了《某县2025年农村“厕所革命”工作实施方案（送审稿）》。")
    found = policies(x)
    assert "某县2025年农村厕所革命工作实施方案" in found
    assert not {p for p in found if p.endswith("方案") and p != "某县2025年农村厕所革命工作实施方案"}


def test_a_policy_named_inside_a_titled_plan_stays():
    x = extract("会议研究了《关于加快建设农业强市推进乡村全面振兴的实施方案》。")
    assert "农业强市" in policies(x)


def test_rules_of_procedure_and_lists_of_duties_in_brackets_are_documents():
    x = extract("会议审议了《某区街道人大工作委员会工作规程》和《某区村级组织工作事项清单》。")
    assert {"某区街道人大工作委员会工作规程", "某区村级组织工作事项清单"} <= policies(x)


def test_a_book_in_brackets_is_still_no_document():
    x = extract("会上，大家交流了阅读《乡土中国》的体会。")
    assert policies(x) == set()


def test_the_verb_of_fighting_a_campaign_is_no_part_of_its_name():
    x = extract("会议要求，要坚决打好蓝天保卫攻坚战，持续改善空气质量。")
    found = policies(x)
    assert "蓝天保卫攻坚战" in found and not {p for p in found if p.startswith("打")}


def test_who_studied_around_a_speech_is_no_part_of_its_spirit():
    x = extract("会上，班子成员围绕习近平总书记在全国两会期间的重要讲话精神进行了交流研讨。")
    assert "习近平总书记在全国两会期间的重要讲话精神" in policies(x)


def test_a_double_formulation_closed_by_a_dictionary_pair_is_one():
    x = extract("要推动党建和业务工作双促双赢，实现双减目标。")
    assert {"双促双赢", "双减"} <= policies(x)


def test_rural_work_formulations_of_the_national_lexicon():
    x = extract("要认真落实中央一号文件部署，扛稳维护国家粮食安全重任，坚持立德树人根本任务。")
    assert {"中央一号文件", "国家粮食安全", "立德树人根本任务"} <= policies(x)


def test_a_verb_after_a_quote_opens_a_second_policy():
    x = extract("要围绕“山水林田湖”强化生态强市建设。")
    found = policies(x)
    assert {"山水林田湖", "生态强市"} <= found and not {p for p in found if "强化" in p}


def test_a_quote_before_its_own_campaign_word_keeps_it():
    x = extract("全市上下要深入推进“无废城市”建设。")
    assert "无废城市建设" in policies(x) or "无废城市" in policies(x)


def test_around_an_unquoted_object_is_no_policy():
    x = extract("会议围绕年度重点工作进行了讨论。")
    assert policies(x) == set()


def test_the_duty_of_every_level_of_secretaries_is_one_formulation():
    x = extract("要压实责任，落实好五级书记抓基层治理的要求。")
    assert "五级书记抓基层治理" in policies(x)


def test_a_secretary_taking_hold_of_a_task_is_no_formulation():
    x = extract("县委书记抓住机遇，亲自调度项目进度。")
    assert not {p for p in policies(x) if "书记" in p}


def test_a_quoted_figure_brought_into_play_is_a_policy():
    x = extract("要充分发挥“头雁引领”作用，带动基层党组织建设。")
    assert "头雁引领" in policies(x)


def test_a_quoted_figure_without_its_role_frame_is_figurative():
    x = extract("他笑称自己是“老黄牛”，一干就是三十年。")
    assert policies(x) == set()


def test_a_leaders_article_studied_by_its_title_is_a_policy():
    x = extract("会议学习了习近平总书记在《求是》杂志发表的重要文章《坚定不移推进全面从严治党》。")
    assert "坚定不移推进全面从严治党" in policies(x)


def test_a_book_read_without_the_article_frame_is_no_policy():
    x = extract("会后，大家共同阅读了《平凡的世界》一书。")
    assert policies(x) == set()


def test_the_plan_of_an_activity_deploys_its_theme():
    x = extract("会议听取了关于“委员进社区”专题视察活动方案的汇报。")
    found = policies(x)
    assert "委员进社区" in found and not {p for p in found if p.endswith("方案")}


def test_an_activity_plan_named_in_brackets_stays_a_document():
    x = extract("会议审议通过了《某区关于开展委员进社区活动方案》。")
    assert "某区关于开展委员进社区活动方案" in policies(x)


def test_each_clause_of_a_training_class_theme_is_a_policy():
    x = extract("全县科级干部“学习贯彻党的二十大精神，奋力打造区域物流枢纽”专题培训班开班。")
    found = policies(x)
    assert {"党的二十大精神", "奋力打造区域物流枢纽"} <= found and "学习贯彻党的二十大精神" not in found


def test_a_quote_before_an_activity_that_is_no_class_is_not_split_into_clauses():
    x = extract("学校开展“讲好家乡故事，争做时代新人”主题征文活动。")
    assert "争做时代新人" not in policies(x)


def test_the_verbs_of_a_speechs_setting_do_not_cut_its_name():
    x = extract("会议传达学习了习近平总书记在江西考察调研和开展座谈时的重要讲话精神。")
    found = policies(x)
    assert not {p for p in found if p.startswith(("座谈", "开展"))}


def test_a_spirit_cut_by_a_quote_is_no_name():
    x = extract("会议学习了习近平总书记对“三农”工作作出的重要指示精神。")
    assert "工作作出重要指示精神" not in policies(x)


def test_the_second_of_two_joined_settings_is_no_spirit():
    x = extract("会议传达了某部长出席某某论坛和在沪调研时的讲话精神。")
    assert not {p for p in policies(x) if p.startswith("论坛和")}


def test_a_spirit_with_one_setting_keeps_it():
    x = extract("会议传达学习了习近平总书记在江苏考察时的重要讲话精神。")
    assert "习近平总书记在江苏考察时的重要讲话精神" in policies(x)


def test_a_formulation_inside_the_name_of_a_yearly_event_is_the_event():
    x = extract("他出席了第三届乡村振兴高峰论坛。")
    assert "乡村振兴" not in policies(x)


def test_a_formulation_without_an_edition_stays():
    x = extract("会议要求，全面推进乡村振兴。")
    assert "乡村振兴" in policies(x)


def test_what_is_sped_up_revived_or_made_routine_is_the_policy():
    x = extract("要加快城乡融合发展进程，实现革命老区全面振兴，推进清廉机关建设常态化、长效化。")
    assert {"城乡融合发展", "革命老区全面振兴", "清廉机关建设"} <= policies(x)


def test_a_short_object_of_those_frames_is_no_policy():
    x = extract("要加快施工进程，推进工作常态化。")
    assert policies(x) == set()


def test_an_enforcement_operation_held_that_day_is_the_event_not_a_policy():
    x = extract("当天，区城管局开展占道经营整治联合执法行动。")
    assert not {p for p in policies(x) if p.endswith("执法行动")}


def test_a_standing_campaign_is_still_a_policy():
    x = extract("要深入开展安全生产三年行动。")
    assert "安全生产三年行动" in policies(x)


def test_a_work_plan_named_bare_is_the_agenda():
    x = extract("会议研究了2025年机关作风整顿专项工作方案。")
    assert not {p for p in policies(x) if p.endswith("方案")}


def test_a_work_plan_named_in_brackets_is_a_document():
    x = extract("会议审议通过了《某县生活垃圾分类工作方案》。")
    assert "某县生活垃圾分类工作方案" in policies(x)
