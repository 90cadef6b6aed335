"""Kinds of policy mentions reached in issue 16 (sentences written for these tests, not taken from news):
campaigns by their head noun, meetings studied without 精神, parallel slogans, counted and paired quotes,
rules and systems by their document heads — each with the near miss that must stay out."""

from kg.extract.policies import find_policies
from tests.extract.helpers import extract, policies


def labels(body: str) -> set[str]:
    return {p.canonical for p in find_policies(body)}


def test_campaigns_by_their_head_noun_back_to_the_verb_before_them():
    found = labels("各支部要认真组织开展机关作风学习教育，全力打好城乡环境攻坚战，积极投身于党的农村工作教育实践活动。")
    assert {"机关作风学习教育", "城乡环境攻坚战", "党的农村工作教育实践活动"} <= found


def test_a_campaign_head_after_a_clause_or_a_pronoun_names_no_campaign():
    assert labels("他介绍了学习教育的意义。本次专项行动历时三天。") == set()


def test_named_meetings_count_when_the_clause_studies_them():
    found = labels("会议传达学习了市委七届三次全会和全省农业工作会议的重大部署。")
    assert {"市委七届三次全会", "全省农业工作会议"} <= found


def test_named_meetings_as_a_setting_are_background():
    assert labels("他出席了全省农业工作会议。在市委七届三次全会上，他作了发言。") == set()


def test_parallel_slogans_after_a_policy_verb_are_one_formulation():
    assert "保供给、保安全、保稳定" in labels("要统筹推进保供给、保安全、保稳定，确保平稳。")


def test_a_list_of_names_with_one_surname_is_no_slogan():
    assert labels("会见了王小明、王大力、王中华等人。") == set()


def test_counted_formulations_in_quotes_however_short():
    assert {"三力", "两个清单"} <= labels("要不断增强“三力”，抓实“两个清单”。")


def test_quoted_meetings_holidays_and_one_counted_are_no_formulations():
    assert labels("“两会”期间，“两节”前后，“五一”假期，召开“一把手”座谈会。") == set()


def test_two_adjacent_quoted_slogans_are_both_policies():
    assert {"邻里帮帮团", "社区议事厅"} <= labels("今年以来，“邻里帮帮团”“社区议事厅”在各街道铺开。")


def test_quotes_valued_by_a_verb_of_emphasis():
    assert {"引才入乡", "育才在乡"} <= labels("既要重视“引才入乡”，又要重视“育才在乡”。")


def test_rules_and_systems_by_their_heads():
    found = labels("审议了《市政府常务会议议事规则》，要全面落实河湖管护责任制，坚持党委领导下的校长负责制，带头执行六条禁令。")
    assert {"市政府常务会议议事规则", "河湖管护责任制", "党委领导下的校长负责制", "六条禁令"} <= found


def test_bare_heads_and_things_counted_by_two_are_not_rules():
    assert labels("要落实责任制，出台两条规定。") == set()


def test_fragments_cut_at_a_policy_word_are_no_policies():
    found = labels("要实施一批战略性新兴产业项目，加快推进“五好”建设等重要举措，要创新发展理念，"
                   "传达学习国务院、省有关会议精神。")
    assert not any(w in label for label in found for w in ("战略", "等重要举措", "新发展理念", "有关会议"))


def test_the_topic_of_an_instruction_keeps_its_verb():
    found = labels("会议学习了总书记关于深化农村改革工作重要指示精神。")
    assert "总书记关于深化农村改革工作重要指示精神" in found and "农村改革工作重要指示精神" not in found


def test_a_clause_after_a_spirit_is_no_second_spirit():
    found = labels("会议学习了中央八项规定精神、推进节约型机关建设的重要指示精神。")
    assert "中央八项规定精神" in found and not any(label.startswith("节约型") for label in found)


def test_the_strategy_deployed_is_its_topic():
    assert "加快县域振兴" in labels("要认真贯彻省委关于加快县域振兴战略部署。")


def test_a_speakers_important_speech_is_one_label_with_or_without_de():
    one = extract("会议召开。传达学习习近平总书记的重要讲话精神。")
    assert "习近平总书记重要讲话精神" in policies(one)


def test_the_named_thoughts_of_the_leadership():
    assert "习近平法治思想" in labels("要深入学习习近平法治思想。")


def test_honours_won_are_background_but_creating_one_is_a_policy():
    assert labels("该镇先后荣获“全国文明村镇”称号，被评为省级生态示范区。") == set()
    assert "省级生态示范区" in labels("要加快创建省级生态示范区。")


def test_a_policy_word_right_after_another_belongs_to_the_name():
    assert labels("要深化集体林权制度改革，落实城乡网格管理机制。") == {"集体林权制度改革", "城乡网格管理机制"}


def test_a_bare_system_word_is_no_policy():
    assert labels("要落实长效机制，健全工作制度。") == set()


def test_rules_named_without_book_quotes_after_adopting_or_studying_them():
    found = labels("会议审议通过了区政府常务会议议事规则，学习了新修订的信访工作条例，印发关于加强社区治理的实施意见。")
    assert {"区政府常务会议议事规则", "信访工作条例", "关于加强社区治理的实施意见"} <= found


def test_opinions_without_a_topic_and_plans_on_the_agenda_are_no_rules():
    assert labels("会议审议了修改意见和全区年度预算调整方案，通过了人事任免决定。") == set()


def test_the_idea_that_guides_the_work():
    assert "党的组织建设" in labels("要坚持以党的组织建设为统领，做好各项工作。")
    assert labels("要以人民为中心，以项目为抓手。") == set()


def test_quoted_parallel_slogans_whatever_stands_around_them():
    assert "比贡献、争一流" in labels("营造“比贡献、争一流”的良好氛围。")
    assert labels("他说：“今天天气很好，大家辛苦了。”") == set()


def test_a_meeting_and_its_spirit_are_one_policy_with_a_variant():
    x = extract("会议召开。会议传达学习市委七届三次全会精神，要求认真学习贯彻市委七届三次全会的重大部署。")
    assert "市委七届三次全会精神" in policies(x) and "市委七届三次全会" not in policies(x)
    assert ("市委七届三次全会精神", "市委七届三次全会") in x.policy_variants


def test_a_bare_campaign_word_is_no_name_and_a_scope_is_no_part_of_one():
    assert labels("开展为期一个月的专项行动。") == set()
    assert labels("会议听取了全市安全生产专项整治三年行动进展情况。") == {"安全生产专项整治三年行动"}


def test_a_speech_studied_without_spirit_is_named_with_its_speaker_and_meeting():
    assert "省委书记在全省经济工作会议上的讲话" in labels("会议传达学习了省委书记在全省经济工作会议上的讲话。")
    assert labels("省委书记在全省经济工作会议上的讲话引起热烈反响。") == set()


def test_the_programme_an_event_is_held_for():
    assert "百企帮百村" in labels("全区“百企帮百村”结对仪式举行。")
    assert labels("全区“最美家庭”颁奖仪式举行。") == set()


def test_a_plan_inside_a_request_for_approval_is_the_agenda():
    assert labels("会议审议了《关于推行“网格治理”工作实施方案的请示》。") == set()
    assert "网格治理" in labels("会议学习了《关于开展“网格治理”活动的通知》，要求扎实推进“网格治理”。")


def test_the_setting_of_a_speech_keeps_its_verbs():
    found = labels("会议传达学习了省委书记在全省干部集体学习时的重要讲话精神。")
    assert "省委书记在全省干部集体学习时的重要讲话精神" in found


def test_the_topic_of_a_discourse_is_no_policy_of_its_own():
    found = labels("要深入学习习近平总书记关于“一老一小”工作的重要论述。")
    assert "习近平总书记关于一老一小工作的重要论述" in found and "一老一小" not in found


def test_a_document_title_is_named_without_its_years_or_trial_note():
    found = labels("要对照《某市数字经济发展规划（2025—2030年）》，落实《某县村规民约管理办法（试行）》，发布《海岛生态保护倡议》。")
    assert {"某市数字经济发展规划", "某县村规民约管理办法", "海岛生态保护倡议"} <= found


def test_a_plan_and_its_full_document_name_are_one_policy():
    x = extract("会议召开。会议审议《某市推进数字乡村三年行动计划》，要求推进数字乡村三年行动计划落地。")
    assert "某市推进数字乡村三年行动计划" in policies(x) and "数字乡村三年行动计划" not in policies(x)


def test_a_bare_rule_at_the_end_of_a_list_is_named_alone():
    assert labels("认真学习党章和干部廉洁自律准则。") == {"干部廉洁自律准则"}
