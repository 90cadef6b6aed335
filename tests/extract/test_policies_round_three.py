"""Policies, issue 16's third round on unseen text: kinds of the genre, not of any article. Sentences written
for these tests, not copied from any article; each kind has a near miss that must not fire."""

from tests.extract.helpers import extract, policies


def test_a_formulation_quoted_in_part_is_the_whole_formulation():
    x = extract("会议强调，要统筹推进“五位一体”总体布局、协调推进“四个全面”战略布局。")
    assert policies(x) == {"五位一体总体布局", "四个全面战略布局"}


def test_a_campaign_quoted_in_part_is_one_campaign():
    x = extract("会议要求，要深入开展“两学一做”学习教育，推动学习教育走深走实。")
    assert "两学一做学习教育" in policies(x) and "两学一做" not in policies(x)


def test_the_named_strategies_of_the_national_congress_report_are_policies():
    x = extract("会议要求，深入实施区域协调发展战略、主体功能区战略和就业优先战略，推进城乡融合发展。")
    assert {"区域协调发展战略", "主体功能区战略", "就业优先战略", "城乡融合发展"} <= policies(x)


def test_a_formulation_inside_another_word_is_no_strategy():
    x = extract("该厂的产品结构调整与区域协调发展规律相符。")  # no named strategy, a law of development
    assert "区域协调发展战略" not in policies(x)


def test_a_sector_named_before_high_quality_development_is_the_policy():
    x = extract("座谈会上，与会代表围绕推动民营经济高质量发展建言献策。")
    assert "民营经济高质量发展" in policies(x) and "高质量发展" not in policies(x)
    x = extract("调研组一行来到该院开展卫生健康高质量发展专题调研。")
    assert "卫生健康高质量发展" in policies(x)


def test_a_place_a_time_or_the_whole_economy_before_it_is_no_sector():
    for text in ("大家表示，要为推动某某区高质量发展贡献力量。",
                 "大家表示，要推动经济社会高质量发展。",
                 "大家表示，要推动新时代高质量发展。",
                 "全市医疗科技与人才高质量发展推进会召开。"):
        found = policies(extract(text))
        assert not {p for p in found if p.endswith("高质量发展") and p != "高质量发展"}, text


def test_a_designation_a_place_holds_is_background():
    x = extract("近年来，该县先后获评全国乡村振兴示范县、国家生态文明建设示范区。")
    assert policies(x) == set()


def test_a_designation_being_pursued_keeps_its_policy():
    x = extract("会议要求，全力推进生态文明建设示范区创建，深入推进生态文明建设。")
    assert "生态文明建设" in policies(x)


def test_a_discourse_is_known_with_its_speaker_unless_its_topic_is_a_formulation():
    x = extract("他强调，要深入学习贯彻习近平总书记关于安全生产的重要论述。")
    assert "习近平总书记关于安全生产的重要论述" in policies(x)
    x = extract("他强调，要学深悟透习近平总书记关于发展新质生产力的重要论述。")
    assert "关于发展新质生产力的重要论述" in policies(x)
    assert not {p for p in policies(x) if p.startswith("习近平总书记关于")}


def test_one_speakers_list_of_words_is_one_spirit():
    x = extract("会议传达学习了习近平总书记近期重要讲话、贺信精神。")
    assert policies(x) == {"习近平总书记近期重要讲话、贺信精神"}


def test_two_meetings_joined_are_two_spirits():
    x = extract("会议传达学习了全国两会精神和省委十四届五次全会精神。")
    assert policies(x) == {"全国两会精神", "省委十四届五次全会精神"}


def test_national_programmes_are_policies_but_bare_business_environment_is_not():
    x = extract("会议强调，要持续优化营商环境，大力推进老旧小区改造和城中村改造。")
    assert {"优化营商环境", "老旧小区改造", "城中村改造"} <= policies(x)
    x = extract("该区交通便利，营商环境良好。")
    assert policies(x) == set()


def test_a_designation_with_a_field_word_before_its_head_is_background():
    x = extract("该园区先后获批国家级经济技术开发区、国家新型工业化产业示范基地。")
    assert policies(x) == set()
    x = extract("会议要求，要加快推进新型工业化，做强产业集群。")
    assert "新型工业化" in policies(x)


def test_a_title_enterprises_hold_is_no_programme():
    x = extract("该企业是国家级专精特新“小巨人”企业，年产值超10亿元。")
    assert policies(x) == set()
