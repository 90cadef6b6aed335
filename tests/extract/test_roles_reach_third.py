"""Roles, third round of issue 16: kinds of construction that local reports use to say who spoke or
attended. Sentences written for these tests, not copied from any article; each kind has a near miss
that must keep its old reading."""

from tests.extract.helpers import extract, roles


def test_officials_who_report_at_the_event_spoke():
    x = extract("在随后召开的座谈会上，县委书记方立群、县长史文涛分别作了汇报。")
    assert roles(x) == {"方立群": {"spokeAt"}, "史文涛": {"spokeAt"}}


def test_the_official_who_hears_the_report_did_not_give_it():
    x = extract("副省长甘秋实听取了全县防汛工作汇报。")
    assert "spokeAt" not in roles(x).get("甘秋实", set())


def test_a_report_show_is_no_report_given():
    x = extract("区长闵浩然出席汇报演出。")
    assert roles(x) == {"闵浩然": {"attended"}}


def test_those_seated_on_the_rostrum_attended():
    x = extract("市人大常委会主任俞秉文，市政协主席柯晓岚等在主席台就座。")
    assert roles(x) == {"俞秉文": {"attended"}, "柯晓岚": {"attended"}}


def test_leaders_together_with_the_public_attended_and_accompanied_nobody():
    x = extract("县委书记蒋一鸣、县长裘丽华与干部群众一起挥锹铲土、扶苗培土。")
    assert roles(x) == {"蒋一鸣": {"attended"}, "裘丽华": {"attended"}}


def test_officials_together_on_a_visit_accompanied():
    x = extract("县委常委、副县长裘丽华一同调研。")
    assert roles(x) == {"裘丽华": {"accompanied"}}


def test_a_list_speaking_in_turn_clauses_later_spoke():
    x = extract("座谈会上，县一中校长邝永年、县二中校长阙晓梅相继结合本校实际，围绕课后服务，提出了意见和建议。")
    assert roles(x) == {"邝永年": {"spokeAt"}, "阙晓梅": {"spokeAt"}}


def test_a_list_going_in_turn_to_places_is_not_speaking():
    x = extract("校长邝永年、副校长阙晓梅先后来到实验室和图书馆，察看了设备更新情况。")
    assert roles(x) == {"邝永年": {"led"}, "阙晓梅": {"led"}}


def test_a_list_in_turn_that_heard_a_speech_did_not_give_it():
    x = extract("县一中校长邝永年、县二中校长阙晓梅先后走进教室，认真听取了学生代表的发言。")
    assert "spokeAt" not in roles(x).get("邝永年", set())


def test_hosts_going_along_on_a_visitors_inspection_accompanied():
    x = extract("5月6日，市委常委、副市长戚明远带领市直部门负责人来我县调研。县委副书记、县长盛文杰及相关单位负责人调研。")
    assert roles(x) == {"戚明远": {"led"}, "盛文杰": {"accompanied"}}


def test_two_local_leaders_inspecting_on_their_own_both_led():
    x = extract("5月6日，县委书记戚明远到城关镇调研。5月8日，县长盛文杰到工业园区检查安全生产工作。")
    assert roles(x) == {"戚明远": {"led"}, "盛文杰": {"led"}}


def test_speaking_acts_of_meetings_and_study_sessions_are_speaking():
    x = extract("会上，市委常委、组织部部长甘小雨对各单位述职情况逐一点评，县委党校常务副校长宁国华作专题辅导。"
                "校党委副书记邵文清领学了党章。县委书记龚立平对下一步工作作出安排部署。")
    assert roles(x) == {"甘小雨": {"spokeAt"}, "宁国华": {"spokeAt"}, "邵文清": {"spokeAt"}, "龚立平": {"spokeAt"}}


def test_careful_deployment_without_a_name_gives_no_speaker():
    x = extract("全县各单位要把此项工作作为政治任务，周密安排部署，精心组织实施。")
    assert roles(x) == {}


def test_handing_out_awards_attends():
    x = extract("会上，县长季平安为获奖单位颁奖。")
    assert roles(x) == {"季平安": {"attended"}}


def test_the_persons_whose_report_was_heard_spoke():
    x = extract("座谈会上，市委书记常建华认真听取了县委书记柏文涛、县长鲁明远关于全县工作的汇报。")
    assert roles(x)["柏文涛"] == {"spokeAt"} and roles(x)["鲁明远"] == {"spokeAt"}
    assert "spokeAt" not in roles(x).get("常建华", set())


def test_a_person_heard_about_without_a_report_did_not_speak():
    x = extract("会议听取了关于县长鲁明远履职情况的评议意见。")
    assert "spokeAt" not in roles(x).get("鲁明远", set())


def test_officials_together_with_department_heads_still_accompanied():
    x = extract("县委常委、副县长裘丽华和县直有关部门负责人一同调研。")
    assert roles(x) == {"裘丽华": {"accompanied"}}
