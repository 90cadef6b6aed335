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


def test_a_title_of_address_after_a_name_makes_a_person_holding_it():
    x = extract("会议由郝文清主任主持。邱振东书记强调，要压实责任。会上，严嘉禾同志传达了文件精神。")
    assert posts(x) == {"郝文清": ["主任"], "邱振东": ["书记"]}
    assert roles(x) == {"郝文清": {"presided"}, "邱振东": {"spokeAt"}, "严嘉禾": {"spokeAt"}}


def test_no_person_before_an_address_inside_a_word():
    x = extract("党总支书记参加会议。各位同志要认真学习，老同志要发挥作用。")
    assert names(x) == set() and posts(x) == {}


def test_the_premier_named_before_his_title_is_quoted_not_present():
    x = extract("正如韩立平总理所说，要把实事办好。", source="人民日报")
    assert [(h.person, h.post.canonical) for h in x.holdings] == [("韩立平", "国务院总理")]
    assert roles(x) == {}


def test_a_speech_made_by_a_name_and_a_meeting_where_a_post_was_spoken():
    x = extract("区长邬文亮所作的政府工作报告获得通过。座谈会上副县长柯丽萍介绍了情况。")
    assert posts(x) == {"邬文亮": ["区长"], "柯丽萍": ["副县长"]}
    assert roles(x)["柯丽萍"] == {"spokeAt"}


def test_a_post_keeps_an_organisation_that_merely_contains_a_meeting_word():
    x = extract("青少年活动中心主任谭晓云出席。")
    assert posts(x) == {"谭晓云": ["青少年活动中心主任"]}


def test_a_leadership_list_doing_something_together_with_no_leader_attended():
    x = extract("市委书记屠建新，市委副书记、市长严雪松等市领导一同参加义务植树。")
    assert roles(x) == {"屠建新": {"attended"}, "严雪松": {"attended"}}


def test_together_after_a_leader_still_accompanies_him():
    x = extract("市长屠建新到企业走访调研。副市长严雪松一同调研。")
    assert roles(x) == {"屠建新": {"led"}, "严雪松": {"accompanied"}}



def test_the_core_formulation_makes_no_second_node_of_a_national_leader():
    """以某某同志为核心的党中央 names the party's core: no local person beside the national one."""
    assert "张德明" not in names(extract("会议强调，要紧密团结在以张德明同志为核心的党中央周围。县委书记李建国主持会议。"))
    assert "张德明" in names(extract("县委召开会议，张德明同志传达了会议精神。县委书记李建国主持会议。"))


def test_a_chair_addressed_after_a_name_is_no_local_post():
    """某某主席 is as often the head of state as a local chair: no local post 主席 is guessed."""
    assert "主席" not in {t for ts in posts(extract("王建华主席指出，要坚持高质量发展。")).values() for t in ts}
