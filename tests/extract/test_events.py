"""Events: kind from triggers, label from the text, the reader's date, places, asides."""

import datetime as dt

from kg.model import EventKind
from tests.extract.helpers import extract


def test_held_meeting_label_kind_and_date():
    x = extract("4月9日，市委党建工作领导小组会议暨市党建考核工作调度会召开。市委书记王建国主持。")
    event = x.events[0]
    assert event.kind is EventKind.MEETING
    assert event.label == "市委党建工作领导小组会议暨市党建考核工作调度会"
    assert event.date.start == event.date.end == dt.date(2024, 4, 9)


def test_conference_ceremony_and_place():
    x = extract("12月28日，全市医疗卫生高质量发展大会召开。")
    assert x.events[0].kind is EventKind.CONFERENCE
    y = extract("2月2日，县政府与某大学战略合作签约暨研究院揭牌仪式举行。", source="长兴新闻")
    assert y.events[0].kind is EventKind.CEREMONY
    z = extract("全国春季农业生产工作会议18日在湖南长沙召开。", source="新华社", issued=dt.date(2024, 4, 19))
    assert z.events[0].places == ("湖南长沙",)
    assert z.events[0].date.start == dt.date(2024, 4, 18)


def test_inspection_visit_condolence_and_guests():
    cases = {
        "4月9日，市委书记王建国来到城区相关板块，专题调研民生实事项目建设情况。": EventKind.INSPECTION,
        "4月8日—9日，市长赵建明带队在上海密集拜访重点企业。": EventKind.VISIT,
        "2月1日，县委书记周海波带队走访慰问困难群众。": EventKind.CONDOLENCE_VISIT,
        "5月15日，省委书记汪建华在南昌会见了某集团董事长欧阳立明一行。": EventKind.MEETING_WITH_GUESTS,
        "近日，市委常委会专题听取各区委书记抓基层党建工作述职。": EventKind.HEARING,
    }
    for body, kind in cases.items():
        assert extract(body).events[0].kind is kind, body


def test_inspection_label_names_the_principal_and_a_range_date():
    x = extract("4月8日—9日，市长赵建明带队在上海密集拜访重点企业。")
    assert x.events[0].label.startswith("赵建明")
    assert x.events[0].places == ("上海",)
    assert (x.events[0].date.start, x.events[0].date.end) == (dt.date(2024, 4, 8), dt.date(2024, 4, 9))


def test_vague_date_gives_no_date():
    x = extract("近日，市委常委会专题听取各区委书记述职。")
    assert x.events[0].date is None


def test_aside_inspection_is_an_event_of_its_own_with_its_roles():
    x = extract("全国春季农业生产会议18日在湖南长沙召开。国务院副总理张振国出席会议并讲话。"
                "会前，张振国在长沙县调研了春耕备耕情况。", source="新华社", issued=dt.date(2024, 4, 19))
    assert [e.kind for e in x.events] == [EventKind.MEETING, EventKind.INSPECTION]
    assert {p.role.value for p in x.events[1].participations} == {"led"}
    assert {p.role.value for p in x.events[0].participations} == {"attended", "spokeAt"}


def test_convened_meeting_is_labelled_by_its_name():
    x = extract("3月18日，市委书记彭立明主持召开市委常委会会议，传达学习全国两会精神。")
    assert x.events[0].label == "市委常委会会议"
    assert x.events[0].kind is EventKind.MEETING
    assert {p.role.value for p in x.events[0].participations} == {"presided"}
