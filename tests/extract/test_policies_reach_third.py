"""Policies, third round of issue 16: kinds of policy mention that papers we have not read print, and
the figures of speech and works that are no policy. Sentences written for these tests, not copied
from any article; each kind has a near miss."""

from tests.extract.helpers import extract, policies


def test_a_quoted_common_word_is_a_figure_of_speech():
    x = extract("会议要求，要坚持“一盘棋”思想，确保一季度实现“开门红”，打造服务“升级版”。")
    assert policies(x) == set()


def test_a_quoted_coined_slogan_after_a_verb_is_a_policy():
    x = extract("会议要求，要持续打响“办事不求人”服务品牌，推动“一网通办”提质增效。")
    assert {"办事不求人", "一网通办"} <= policies(x)


def test_a_quoted_common_word_with_a_policy_suffix_is_a_name():
    x = extract("他强调，要深入实施“领头雁”工程，选好配强村党组织书记。")
    assert "领头雁工程" in policies(x)


def test_a_counted_shuang_quote_is_a_formulation():
    x = extract("他要求，要严格落实“双减”政策，减轻学生课业负担。")
    assert policies(x) == {"双减"}


def test_a_shuang_word_of_the_dictionary_is_none():
    x = extract("他表示，希望双方实现“双赢”。")
    assert policies(x) == set()


def test_a_reform_followed_by_its_action_is_the_action():
    x = extract("会议强调，要扎实推进国企改革深化提升行动，提高企业核心竞争力。")
    assert policies(x) == {"国企改革深化提升行动"}


def test_a_reform_followed_by_a_clause_stays_the_reform():
    x = extract("会议强调，要深化医药卫生体制改革，提高群众就医满意度。")
    assert policies(x) == {"医药卫生体制改革"}


def test_a_construction_project_is_no_policy():
    x = extract("会议要求，要加快推进城北污水处理厂提标改造项目，确保年底完工。")
    assert policies(x) == set()


def test_a_programme_named_project_stays_a_policy():
    x = extract("他强调，要扎实推进为民办实事项目，办好群众急难愁盼的事。")
    assert policies(x) == {"为民办实事项目"}


def test_central_formulations_are_found_unquoted():
    x = extract("会议强调，要坚持稳中求进工作总基调，严格落实河长制、林长制，建设宜居宜业和美乡村，"
                "打好蓝天保卫战，推进厕所革命。")
    assert {"稳中求进工作总基调", "河长制", "林长制", "宜居宜业和美乡村", "蓝天保卫战", "厕所革命"} <= policies(x)


def test_a_longer_central_formulation_is_one_policy_not_its_part():
    x = extract("他要求，要巩固拓展脱贫攻坚成果同乡村振兴有效衔接。")
    assert policies(x) == {"巩固拓展脱贫攻坚成果同乡村振兴有效衔接"}


def test_a_quoted_part_of_a_central_formulation_takes_its_full_label():
    x = extract("会议强调，要坚持和发展新时代“枫桥经验”，把矛盾纠纷化解在基层。")
    assert policies(x) == {"新时代枫桥经验"}


def test_a_quote_that_completes_no_formulation_keeps_its_own_label():
    x = extract("会议强调，要坚持和发展“三治融合”经验，把矛盾纠纷化解在基层。")
    assert "三治融合" in policies(x)


def test_the_second_spirit_of_a_list_has_no_joiner_in_its_label():
    x = extract("会议传达学习了省委常委会会议精神、市委常委会（扩大）会议精神。")
    assert policies(x) == {"省委常委会会议精神", "市委常委会(扩大)会议精神"}


def test_a_campaign_named_as_a_battle_is_a_campaign():
    x = extract("会议强调，要坚决打好碧水保卫战，确保国考断面水质稳定达标。")
    assert "碧水保卫战" in policies(x)


def test_a_weak_ending_coordinated_with_what_follows_is_a_fragment():
    x = extract("会议强调，要推进基层治理体系和治理能力现代化。")
    assert policies(x) == set()


def test_a_weak_ending_closing_its_clause_is_a_name():
    x = extract("会议强调，要落实“三重一大”决策制度，规范权力运行。")
    assert policies(x) == {"三重一大决策制度"}


def test_a_rank_before_a_bare_policy_word_is_no_name():
    x = extract("他要求，要全力打造国家级示范区。")
    assert policies(x) == set()


def test_a_named_zone_with_its_rank_stays_a_policy():
    x = extract("他要求，要全力打造国家级绿色低碳示范区。")
    assert policies(x) == {"国家级绿色低碳示范区"}


def test_a_plenum_and_its_spirit_are_one_policy():
    x = extract("会议传达学习了党的二十届三中全会精神。会议强调，要把学习贯彻二十届三中全会作为首要政治任务。")
    assert policies(x) == {"党的二十届三中全会精神"}


def test_two_different_plenums_stay_two_policies():
    x = extract("会议传达学习了党的二十届三中全会精神。会议强调，要学习贯彻省委十四届五次全会精神。")
    assert policies(x) == {"党的二十届三中全会精神", "省委十四届五次全会精神"}
