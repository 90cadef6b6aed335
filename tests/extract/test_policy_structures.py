"""Policies recognised by their shape (kg.extract.policy_structures), issue 16's fourth round on policies:
chief systems, paired-place cooperation, and projects sized by a quantity. Sentences written for these
tests, not copied from any article; each kind has a near miss."""

from tests.extract.helpers import extract, policies


def test_a_chief_system_of_any_field_is_a_policy():
    x = extract("今年以来，该县全面推行田长制，同步落实路长制和河湖长制。")
    assert {"田长制", "路长制", "河湖长制"} <= policies(x)


def test_zhang_zhi_opening_another_word_is_no_system():
    x = extract("要克服经济增长制约因素，延长制度有效期限，反对家长制作风和家长制。")
    assert policies(x) == set()


def test_paired_short_names_before_cooperation_are_a_programme():
    x = extract("双方将深化苏陕协作，推动沪苏、浙皖合作走深走实，加快宁镇扬一体化。")
    assert {"苏陕协作", "沪苏合作", "浙皖合作", "宁镇扬一体化"} <= policies(x)


def test_a_word_or_directions_before_cooperation_are_no_pair():
    x = extract("两地达成合作意向，将推动南北合作和广泛合作，加强与上海合作。")
    assert policies(x) == set()


def test_a_project_sized_by_a_quantity_is_works_not_a_policy():
    x = extract("会上，要加快推进年产10万吨锂电池材料项目，开工建设200兆瓦光伏发电项目。")
    assert not {p for p in policies(x) if p.endswith("项目")}


def test_a_programme_named_project_without_a_size_stays():
    x = extract("会议要求，要深入实施乡村教师素质提升项目。")
    assert "乡村教师素质提升项目" in policies(x)


def test_a_quote_of_named_goals_joined_by_a_comma_is_one_policy_each():
    x = extract("会议提出，要加快打造“花园之城、创新高地”，提升城市能级。")
    assert {"花园之城", "创新高地"} <= policies(x)
    assert "花园之城、创新高地" not in policies(x)


def test_a_quoted_slogan_of_duties_joined_by_a_comma_stays_one():
    x = extract("全局扎实开展“查短板、促发展”专项行动。")
    assert policies(x) == {"查短板、促发展专项行动"}


def test_a_named_corridor_or_channel_after_a_verb_is_a_policy():
    x = extract("会议要求，加快建设沿江绿色物流走廊，共同推进东部陆海联运新通道。")
    assert {"沿江绿色物流走廊", "东部陆海联运新通道"} <= policies(x)


def test_a_short_channel_is_a_common_noun():
    x = extract("会议要求，为重点企业开辟绿色通道。")
    assert policies(x) == set()


def test_paired_assistance_between_regions_is_a_national_formulation():
    x = extract("两地签署对口合作框架协议，共同深化东西部协作和定点帮扶。")
    assert {"对口合作", "东西部协作", "定点帮扶"} <= policies(x)


def test_a_strategy_served_or_a_mechanism_set_up_is_a_policy():
    x = extract("要主动服务长江经济带发展战略，双方商定建立两地干部交流互派机制。")
    assert {"长江经济带发展战略", "干部交流互派机制"} <= policies(x)


def test_serving_or_setting_up_a_common_noun_is_none():
    x = extract("他指出，要聚焦主责主业，服务群众，健全工作机制。")
    assert policies(x) == set()


def test_a_coined_shuang_formulation_unquoted_is_a_policy():
    x = extract("会议要求，要持续推进双招双引，深化双创示范。")
    assert {"双招双引", "双创"} <= policies(x)


def test_shuang_words_of_the_dictionary_and_counted_outcomes_are_none():
    x = extract("双方实现双赢，推动营收利润双提升，来到双流区。")
    assert policies(x) == set()


def test_a_second_verb_and_a_qualifier_open_no_name():
    x = extract("会议强调，要深化拓展各项改革，全面落实安全生产责任制。")
    assert policies(x) == {"安全生产责任制"}


def test_a_verb_that_is_part_of_the_name_stays():
    x = extract("会议强调，要深入实施创新驱动发展战略。")
    assert policies(x) == {"创新驱动发展战略"}


def test_a_title_approved_or_recognised_is_background():
    x = extract("该区先后获批“国家级生态文明建设示范区”，被认定为“省级现代农业示范区”。")
    assert policies(x) == set()


def test_a_party_congress_studied_without_jingshen_is_a_policy():
    x = extract("会议传达学习了市第十三次党代会，研究贯彻落实举措。")
    assert "市第十三次党代会" in policies(x)


def test_a_congress_as_a_setting_is_none():
    x = extract("出席全国两会期间，他参加了代表团审议。")
    assert policies(x) == set()


def test_concentrated_and_hundred_day_drives_are_campaigns():
    x = extract("全县开展电动车安全集中整治，部署校园周边隐患大排查大整治，打好冬季扬尘治理百日攻坚。")
    assert {"电动车安全集中整治", "校园周边隐患大排查大整治", "冬季扬尘治理百日攻坚"} <= policies(x)


def test_the_class_noun_closing_a_list_is_no_part_of_the_campaign():
    x = extract("要做好商场、学校等领域消防隐患大排查大整治。")
    assert policies(x) == {"消防隐患大排查大整治"}


def test_a_reform_or_zone_named_by_its_head_needs_no_verb():
    x = extract("去年以来，医疗服务价格综合改革取得新突破，沿江绿色发展示范区成效初显。")
    assert {"医疗服务价格综合改革", "沿江绿色发展示范区"} <= policies(x)


def test_a_head_turned_into_another_word_or_a_short_name_is_none():
    x = extract("双方坚持改革开放，这次机构改革成效明显，企业发展战略清晰。")
    assert policies(x) == set()


def test_the_work_a_mobilisation_meeting_launches_is_a_policy():
    x = extract("我区召开第三轮巡察工作动员部署会议，传达全省市县交叉巡察工作动员会议精神。")
    assert {"第三轮巡察", "市县交叉巡察"} <= policies(x)


def test_an_ordinary_work_meeting_launches_nothing():
    x = extract("全区召开安全生产工作会议，部署节日期间各项工作。")
    assert policies(x) == set()


def test_a_title_being_won_as_a_noun_is_a_policy():
    x = extract("会议要求，要扎实推进国家园林城市创建工作。")
    assert "国家园林城市创建" in policies(x)


def test_creating_as_a_verb_is_not_a_head():
    x = extract("去年，我市成功创建全国园林城市。")
    assert not {p for p in policies(x) if p.endswith("创建")}


def test_a_qualifier_before_a_bare_head_names_nothing():
    x = extract("会议要求，要以钉钉子精神推动各项改革任务落地见效。")
    assert policies(x) == set()


def test_what_a_place_is_is_background():
    x = extract("该区是国家级经济技术开发区，也是省级现代农业产业示范区。")
    assert policies(x) == set()
