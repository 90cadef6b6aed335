"""Reach on persons and posts in unseen local news (issue 16, session 9). Sentences written for these
tests, not copied from any article; each kind has a near miss that must stay as it was."""

from tests.extract.helpers import extract, posts, roles


def names(x):
    return {p.name for p in x.persons}


def test_untitled_names_listed_before_deng_and_a_group_label_attend():
    x = extract("韩立新、邬佳明、洪晓峰等市领导出席活动。")
    assert names(x) == {"韩立新", "邬佳明", "洪晓峰"}
    assert roles(x) == {n: {"attended"} for n in ("韩立新", "邬佳明", "洪晓峰")}


def test_places_listed_before_deng_and_a_group_label_are_no_persons():
    x = extract("苏州、无锡、常州等市领导出席。")
    assert names(x) == set()


def test_a_motion_verb_and_a_places_short_name_are_no_rare_surname_name():
    for body in ("省委书记来闽考察。", "市委书记来锡调研，总书记来闽考察时强调。"):
        assert names(extract(body)) == set()


def test_a_name_followed_by_lai_and_a_place_came_there():
    x = extract("县委书记韩立新来闽考察。")
    assert posts(x) == {"韩立新": ["县委书记"]}


def test_a_three_character_name_with_the_rare_surname_lai_is_still_read():
    x = extract("市委书记来建国出席会议。")
    assert posts(x) == {"来建国": ["市委书记"]}


def test_verbs_jieba_tags_as_nouns_follow_a_name():
    for body, name in (("副市长郑丽关心企业发展。", "郑丽"), ("区长孙明坦言，压力不小。", "孙明"),
                       ("县委书记邬敏高度重视此项工作。", "邬敏")):
        assert names(extract(body)) == {name}, body


def test_a_noun_after_a_title_still_opens_no_name():
    assert names(extract("副市长关心企业发展。")) == set()


def test_jian_joins_two_posts_of_one_name():
    x = extract("公司副总经理兼总会计师洪晓峰出席。")
    assert posts(x) == {"洪晓峰": ["公司副总经理", "总会计师"]}


def test_jian_inside_a_word_before_no_title_opens_no_post():
    assert names(extract("兼职教师韩立新授课。")) == set()


def test_gai_before_a_post_points_back_and_is_dropped():
    x = extract("该公司总经理韩立新介绍了情况。")
    assert posts(x) == {"韩立新": ["公司总经理"]}


def test_gai_inside_a_word_stays():
    x = extract("应该说，区长韩立新介绍了情况。")
    assert posts(x) == {"韩立新": ["区长"]}


def test_any_bodys_leaders_and_callings_before_a_name_are_labels():
    for body in ("校领导韩立新出席。", "市四套班子领导韩立新出席。", "企业家韩立新介绍情况。"):
        assert names(extract(body)) == {"韩立新"}, body


def test_leaders_and_callings_before_no_name_name_nobody():
    for body in ("领导班子成员参加会议。", "领导干部要带头。", "在领导的关心下，企业发展很快。", "党员代表发言。",
                 "负责人表示，将加快进度。"):
        assert names(extract(body)) == set(), body


def test_a_list_of_names_after_a_list_of_bodies_closed_by_a_role_verb():
    x = extract("市委、市政府领导韩立新、邬佳明参加活动。")
    assert roles(x) == {"韩立新": {"attended"}, "邬佳明": {"attended"}}
    assert names(extract("市委、市政府、市人大出席。")) == set()


def test_deputy_and_lower_titles_of_address_after_a_name_hold_the_post():
    x = extract("韩立新副市长出席会议。会议由邬佳明处长主持。洪晓峰老师为学生授课。")
    assert posts(x) == {"韩立新": ["副市长"], "邬佳明": ["处长"]}
    assert names(x) == {"韩立新", "邬佳明", "洪晓峰"}


def test_a_word_before_a_deputy_title_is_no_name():
    for body in ("新任副市长出席会议。", "全体副市长出席会议。", "常务副市长主持会议。"):
        assert names(extract(body)) == set(), body


def test_a_weak_follower_inside_a_word_with_the_names_last_character_does_not_count():
    x = extract("会议听取城建委主任韩立关于活动方案的汇报。")
    assert posts(x) == {"韩立": ["城建委主任"]}


def test_a_three_character_name_before_a_preposition_stays_whole():
    x = extract("会议听取城建委主任韩立新关于活动方案的汇报。")
    assert posts(x) == {"韩立新": ["城建委主任"]}


def test_adverbs_jieba_tags_as_adjectives_follow_a_name():
    x = extract("院长韩立简要汇报了学院发展情况。")
    assert posts(x) == {"韩立": ["院长"]}


def test_a_post_after_a_training_class_starts_after_the_class():
    x = extract("院长邬佳明传达研讨班上校党委书记韩立新的讲话精神。")
    assert posts(x) == {"邬佳明": ["院长"], "韩立新": ["校党委书记"]}


def test_a_rare_surname_that_is_a_function_word_is_read_as_the_word():
    assert names(extract("聚焦群众所想所盼，开展调研。")) == set()
    x = extract("副市长信长星出席。")
    assert posts(x) == {"信长星": ["副市长"]}


def test_names_announced_after_a_label_and_huan_you_go_on_over_commas():
    x = extract("出席大会的市领导还有：韩立新、邬佳明，洪晓峰、仝海涛。")
    assert names(x) == {"韩立新", "邬佳明", "洪晓峰", "仝海涛"}


def test_an_announced_list_ends_at_a_comma_before_no_name():
    x = extract("出席会议的还有韩立新，项目负责人介绍了情况。")
    assert names(x) == {"韩立新"}


def test_qi_and_er_are_given_name_characters_after_a_post():
    x = extract("区人大常委会副主任韩立新、邬其鑫参加会议。常务副区长鲍二伟通报了情况。")
    assert names(x) == {"韩立新", "邬其鑫", "鲍二伟"}


def test_qi_after_a_name_is_still_a_pronoun_word():
    x = extract("副市长韩立新其后来到企业。")
    assert names(x) == {"韩立新"}


def test_a_bare_leader_or_an_auxiliary_after_a_label_opens_no_name():
    for body in ("县级分管领导要牵头把关项目。", "校领导要牵头把关。"):
        assert names(extract(body)) == set(), body


def test_fu_ze_ren_before_a_name_is_still_a_post():
    x = extract("会议由区委巡察组带队负责人邬佳明同志主持。")
    assert posts(x) == {"邬佳明": ["区委巡察组带队负责人"]}
