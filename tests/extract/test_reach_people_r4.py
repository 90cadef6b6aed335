"""Reach on name lists in unseen local news (issue 16, session 9, round 4). Sentences written for these
tests, not copied from any article; each kind has a near miss that must stay as it was."""

from tests.extract.helpers import extract, posts, roles

LISTED = ("韩立新", "邬佳明", "洪晓峰", "蒋卫东")


def names(x):
    return {p.name for p in x.persons}


def test_a_list_of_names_closed_by_wei_and_a_post_holds_the_post():
    x = extract("会议推选韩立新、邬佳明、洪晓峰、蒋卫东为大会主席团常务主席。")
    assert names(x) == set(LISTED)
    assert posts(x) == {n: ["大会主席团常务主席"] for n in LISTED}


def test_a_list_of_places_closed_by_wei_is_no_persons():
    for body in ("苏州、无锡、常州为全省试点城市。", "会议认为，发展、改革、稳定为市长的重要工作。"):
        assert names(extract(body)) == set(), body


def test_a_group_label_between_de_and_haiyou_still_lists_the_attendees():
    for body in ("会议由市长韩立新主持。出席会议的市领导还有：邬佳明、洪晓峰、蒋卫东。",
                 "会议由市长韩立新主持。应邀出席大会的市领导还有：邬佳明、洪晓峰，蒋卫东。"):
        got = roles(extract(body))
        assert got == {"韩立新": {"presided"}, **{n: {"attended"} for n in LISTED[1:]}}, body


def test_a_group_label_after_de_without_a_list_word_names_no_attendee():
    x = extract("出席会议的市领导强调，邬佳明、洪晓峰要抓好落实。")
    assert roles(x) == {}


def test_a_list_announced_by_haiyou_keeps_names_with_characters_read_name_stops_at():
    x = extract("会议由市长韩立新主持。出席会议的市领导还有：邬佳明、王建为、洪晓峰，蒋卫东。")
    assert names(x) == set(LISTED) | {"王建为"}
    assert roles(x)["王建为"] == {"attended"}


def test_places_and_units_announced_by_haiyou_are_no_names():
    for body in ("出席会议的还有各乡镇、市直部门负责同志。", "出席会议的还有：各县区、市直部门负责人。"):
        assert names(extract(body)) == set(), body
