"""Reach on local news (issue 16), persons and roles: kinds of construction that county and city
reports use. Sentences written for these tests, not copied from any article; each kind has a
near miss that must stay out."""

from tests.extract.helpers import extract, posts, roles


def test_the_names_right_before_yixing_head_the_party():
    x = extract("6月3日，校长顾明远、副校长邵海一行赴省内高校调研。")
    assert roles(x) == {"顾明远": {"led"}, "邵海": {"led"}}


def test_the_host_who_receives_a_party_does_not_head_it():
    x = extract("区委书记韩立群会见市委书记柯文涛一行。")
    assert "led" in roles(x)["柯文涛"]
    assert "led" not in roles(x)["韩立群"]


def test_a_leadership_list_closed_by_its_group_noun_acts_together():
    x = extract("3月12日，县委书记郑方圆，县长钱立，县政协主席邹海平等县四套班子领导，深入林场开展义务植树活动。")
    assert set(roles(x)) == {"郑方圆", "钱立", "邹海平"}


def test_a_clause_after_a_comma_without_a_list_closer_is_not_the_lists():
    x = extract("县长钱立出席会议。县政协主席邹海平指出，全县干部要深入基层。")
    assert roles(x)["钱立"] == {"attended"}
    assert roles(x)["邹海平"] == {"spokeAt"}


def test_names_listed_without_titles_and_counted_are_persons():
    x = extract("座谈会上，省作协会员施晓红、乔安、陶志远等3位作家分别就创作体会作了交流。")
    assert set(roles(x)) == {"施晓红", "乔安", "陶志远"}
    assert all("spokeAt" in r for r in roles(x).values())
    assert posts(x) == {}


def test_untitled_names_before_a_role_verb_after_deng_attend():
    x = extract("区委书记韩立群主持会议。贺东、蔡红英等列席会议。")
    assert roles(x)["贺东"] == roles(x)["蔡红英"] == {"attended"}


def test_a_list_of_places_closed_by_a_count_is_no_list_of_persons():
    x = extract("县长钱立先后来到张庄、李集等4个村检查防汛工作。")
    assert [p.name for p in x.persons] == ["钱立"]


def test_the_owner_of_a_relayed_speech_did_not_speak():
    x = extract("会上，院长陶志远传达了校党委书记贺东的讲话精神。在县长钱立的陪同下，专家组察看了现场。")
    assert roles(x) == {"陶志远": {"spokeAt"}, "钱立": {"accompanied"}}
    assert posts(x)["贺东"] == ["校党委书记"]


def test_a_post_starts_after_a_preposition_or_a_joiner():
    x = extract("活动以市政协主席邹海平为总团长。会议听取了工作报告和院长乔安的说明。", source="某市日报")
    assert posts(x) == {"邹海平": ["市政协主席", "总团长"], "乔安": ["院长"]}


def test_a_rare_surname_reading_that_ends_inside_a_word_is_no_name():
    x = extract("会议讨论县政协常委会议工作报告，县政协主席邹海平讲话。")
    assert [p.name for p in x.persons] == ["邹海平"]


def test_a_name_ending_in_zhi_after_a_post_and_a_preposition_after_a_name():
    x = extract("市委常委、组织部部长贺远之，副县长柯文以普通代表身份参加审议。")
    assert posts(x) == {"贺远之": ["市委常委", "组织部部长"], "柯文": ["副县长"]}


def test_a_known_two_character_name_before_an_adverb_is_the_pronouns_antecedent():
    x = extract("县委书记郭立主持会议，县长钱立新出席。会上，郭立不时询问进展。他指出，要抓好落实。")
    assert roles(x)["郭立"] == {"presided", "spokeAt"}
    assert roles(x)["钱立新"] == {"attended"}


def test_a_post_after_wei_is_held_and_heads_the_group():
    x = extract("活动以市政协主席邹海平为总团长，副主席柯文、贺东为第一分团团长。专班由副县长钱立为组长。")
    assert posts(x)["柯文"] == posts(x)["贺东"] == ["副主席", "第一分团团长"]
    assert "总团长" in posts(x)["邹海平"]
    assert roles(x)["邹海平"] == {"led"}
    assert "钱立" not in roles(x) and posts(x)["钱立"] == ["副县长", "组长"]


def test_a_speech_owned_by_a_name_is_not_given_but_one_delivered_is():
    x = extract("会议传达了市长钱立在全市大会上的讲话精神。县长柯文作了热情洋溢的讲话。")
    assert roles(x) == {"柯文": {"spokeAt"}}


def test_a_semicolon_after_a_name_only_groups_the_list():
    x = extract("甲方副市长柯文，秘书长贺东；乙方副市长钱立，秘书长乔安参加活动。")
    assert set(roles(x)) == {"柯文", "贺东", "钱立", "乔安"}


def test_they_at_a_sentence_start_are_the_persons_of_the_sentence_before():
    x = extract("县委书记郑方圆，县长钱立等县四大班子领导，与干部群众一道。他们一同挥锹铲土、参加植树。")
    assert roles(x) == {"郑方圆": {"attended"}, "钱立": {"attended"}}


def test_they_with_no_persons_in_the_sentence_before_is_nobody():
    x = extract("会议由县长钱立主持。各部门负责人汇报了工作。他们一同表示，要抓好落实。")
    assert roles(x) == {"钱立": {"presided"}}


def test_speakers_listed_after_fa_yan_de_you_hold_posts_without_you():
    x = extract("座谈会上，发言的有市民盟主委柯文、市工商联主席贺东。")
    assert posts(x) == {"柯文": ["市民盟主委"], "贺东": ["市工商联主席"]}
    assert roles(x) == {"柯文": {"spokeAt"}, "贺东": {"spokeAt"}}


def test_a_title_is_shared_over_a_list_closed_by_he():
    x = extract("副院长柯文、贺东和乔安分别就教学工作进行部署。县长钱立和夫人出席。")
    assert posts(x) == {"柯文": ["副院长"], "贺东": ["副院长"], "乔安": ["副院长"], "钱立": ["县长"]}
    assert roles(x)["乔安"] == {"spokeAt"}


def test_untitled_names_after_chu_xi_de_huan_you_attend():
    x = extract("县长钱立出席会议。出席会议的还有柯文、贺东、乔安。")
    assert roles(x) == {n: {"attended"} for n in ("钱立", "柯文", "贺东", "乔安")}


def test_members_listed_after_a_body_that_is_no_title_attend():
    x = extract("民盟某某大学委员会柯文、贺东、乔安出席座谈会。")
    assert roles(x) == {n: {"attended"} for n in ("柯文", "贺东", "乔安")}
    assert posts(x) == {}


def test_you_guan_after_de_opens_no_list_of_names():
    x = extract("县长钱立要求，会议的有关部门负责人要抓好落实。张家港、江阴参加比赛。")
    assert [p.name for p in x.persons] == ["钱立"]


def test_they_who_speak_after_a_visit_are_not_taken_for_the_visitors():
    x = extract("市委书记郑方圆看望了老党员柯文、贺东。他们表示，要永远跟党走。")
    assert roles(x)["郑方圆"] == {"led"}
    assert "spokeAt" not in roles(x).get("柯文", set())
