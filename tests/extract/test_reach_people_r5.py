"""Reach on persons and posts in unseen news (issue 16, session 10, people-r5). Sentences written for these
tests in the style of government news, not copied from any article; each form has a near miss."""

from tests.extract.helpers import extract, posts


def names(x):
    return {p.name for p in x.persons}


def test_given_names_with_weak_stop_characters_after_a_post():
    for body, name in (("区委书记刘向阳主持会议。", "刘向阳"), ("副区长王在明参加调研。", "王在明"),
                       ("市长李为民讲话。", "李为民"), ("县委书记林以銮主持。", "林以銮")):
        assert names(extract(body)) == {name}, body


def test_a_weak_stop_character_after_a_name_stays_the_next_word():
    x = extract("市委书记王明在会上强调，要抓好落实。副市长赵刚和市长助理钱伟出席。")
    assert names(x) >= {"王明", "赵刚"} and not names(x) & {"王明在", "赵刚和"}


def test_a_list_item_may_hold_a_weak_stop_character():
    x = extract("会议推选韩立新、邬佳明、刘向阳为大会主席团常务主席。")
    assert posts(x) == {n: ["大会主席团常务主席"] for n in ("韩立新", "邬佳明", "刘向阳")}
    x = extract("区人大常委会副主任谭立新、丁兴俊、王书和出席会议。")
    assert names(x) == {"谭立新", "丁兴俊", "王书和"}


def test_weak_stop_characters_in_running_text_make_no_name():
    assert names(extract("他向阳光下的孩子们问好，王在明确任务后离开。")) == set()
