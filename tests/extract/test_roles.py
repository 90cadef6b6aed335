"""Roles at the event: presided, led, spokeAt, accompanied, attended — and when they must not fire."""

from tests.extract.helpers import attendees, extract, roles


def test_presided_and_spoke_and_attendee_list():
    x = extract("4月9日，市委常委会会议召开。市委书记王建国主持并讲话。市领导陈一平、周小琴，"
                "市人大常委会秘书长陆河出席会议。")
    r = roles(x)
    assert r["王建国"] == {"presided", "spokeAt"}
    assert r["陈一平"] == r["周小琴"] == r["陆河"] == {"attended"}


def test_passive_presided():
    x = extract("全国会议18日在北京召开。会议由农业农村部部长唐明辉主持。")
    assert roles(x)["唐明辉"] == {"presided"}


def test_led_by_the_principal_of_an_inspection_and_accompanied_is_not_led():
    x = extract("12月29日，市委书记王建国来到有关部门调研，走访慰问干部职工。市委常委、常务副市长李文华一同走访调研。")
    r = roles(x)
    assert "led" in r["王建国"]
    assert r["李文华"] == {"accompanied"}


def test_led_by_who_leads_a_delegation():
    x = extract("4月8日，市长赵建明带队在上海拜访重点企业。副市长周文达参加活动。")
    assert roles(x)["赵建明"] == {"led"}
    assert roles(x)["周文达"] == {"attended"}


def test_speakers_in_a_list_and_pronoun_resolution():
    x = extract("全省座谈会召开。省长罗文明主持。省工商联主席司马建华，某公司董事长黄志强等先后发言。"
                "罗文明指出，要优化环境。他强调，要抓好落实。")
    r = roles(x)
    assert r["司马建华"] == r["黄志强"] == {"spokeAt"}
    assert r["罗文明"] == {"presided", "spokeAt"}


def test_counterparts_met_are_attendees():
    x = extract("5月15日，省委书记汪建华在南昌会见了某集团有限公司董事长欧阳立明一行。")
    assert {"汪建华", "欧阳立明"} <= attendees(x)


def test_leader_in_a_formulation_is_never_an_attendee():
    x = extract("会议召开。会议要求，聚焦习近平总书记强调的重大问题，学习贯彻习近平总书记重要讲话精神。市委书记王建国主持。")
    assert "习近平" not in attendees(x)
    assert "习近平" in {p.name for p in x.persons}


def test_listening_to_speeches_is_not_speaking():
    x = extract("座谈会召开。企业代表先后发言。省长罗文明认真听取发言，与大家深入交流。")
    assert "spokeAt" not in roles(x).get("罗文明", set())


def test_a_person_merely_visited_has_no_role():
    x = extract("2月1日，县委书记周海波带队走访慰问困难群众。周海波来到92岁老党员陈阿福家中，详细询问老人的身体状况。",
                source="长兴新闻")
    assert "陈阿福" in {p.name for p in x.persons}
    assert "陈阿福" not in attendees(x)
    assert "led" in roles(x)["周海波"]


def test_noun_uses_of_role_verbs_do_not_fire():
    x = extract("座谈会上，大家围绕发展交流。按照市委部署要求，做好工作。")
    assert roles(x) == {}


def test_attendees_listed_after_the_verb():
    x = extract("全市工作会议召开。市委书记王建国讲话。出席会议的还有市领导陈一平、周小琴，市政协副主席孙立。")
    r = roles(x)
    assert r["陈一平"] == r["周小琴"] == r["孙立"] == {"attended"}
    assert r["王建国"] == {"spokeAt"}


def test_reports_heard_are_not_speeches_but_reports_given_are():
    x = extract("全市大会召开。市委书记王建国听取了市发展改革委主任赵一帆所作的工作报告。")
    assert "spokeAt" not in roles(x).get("王建国", set())
    y = extract("全市大会召开。会上，市发展改革委主任赵一帆作工作报告。市长李强国致欢迎辞。")
    assert roles(y)["赵一帆"] == roles(y)["李强国"] == {"spokeAt"}
