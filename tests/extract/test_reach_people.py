"""Reach on persons, posts and roles in local news (issue 16, fourth round). Sentences written for
these tests, not copied from any article; each kind has a near-miss that must stay as it was."""

from tests.extract.helpers import extract, posts, roles


def names(x):
    return {p.name for p in x.persons}


def test_chang_inside_a_given_name_after_a_post():
    x = extract("副市长周长林出席会议。县委书记毛长春主持会议。")
    assert posts(x) == {"周长林": ["副市长"], "毛长春": ["县委书记"]}
    assert roles(x) == {"周长林": {"attended"}, "毛长春": {"presided"}}


def test_chang_still_ends_a_title_in_running_text():
    x = extract("区委副书记、区长邵明出席会议。")
    assert posts(x) == {"邵明": ["区委副书记", "区长"]}
