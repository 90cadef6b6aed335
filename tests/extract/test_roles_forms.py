"""Roles, fourth round of issue 16: forms in which government news of any level says who took part, each
with a near miss. Sentences written for these tests (invented names), not copied from any article."""

from tests.extract.helpers import attendees, extract, roles


# 作/进行 + words + the genre of speech: delivered at the meeting, so spoken
def test_a_mobilisation_speech_with_words_between_is_spoken():
    assert roles(extract("县委常委、组织部部长卜永年作开班动员。")) == {"卜永年": {"spokeAt"}}


def test_a_renewed_deployment_is_spoken():
    assert roles(extract("副县长卜永年对全县秋冬季安全生产工作进行再部署。")) == {"卜永年": {"spokeAt"}}


def test_a_yearly_duty_report_is_spoken():
    x = extract("会上，集团党委书记、董事长晏德昌代表集团领导班子作年度述职报告。")
    assert roles(x) == {"晏德昌": {"spokeAt"}}


def test_a_chair_and_a_deployment_in_one_sentence():
    x = extract("会议由县委书记岑立秋主持，县长欧阳明就做好今年经济工作作具体部署。")
    assert roles(x) == {"岑立秋": {"presided"}, "欧阳明": {"spokeAt"}}


def test_a_report_under_a_title_is_spoken():
    assert roles(extract("县长欧阳明作了题为《奋力谱写新篇章》的报告。")) == {"欧阳明": {"spokeAt"}}


def test_a_meeting_named_after_a_deployment_is_no_speech():
    x = extract("县委书记岑立秋出席作风建设部署会。")
    assert roles(x) == {"岑立秋": {"attended"}}


def test_doing_a_deployment_well_inside_a_speech_gives_no_other_speaker():
    x = extract("县长欧阳明出席会议。会议要求，各乡镇要做好秋冬季防火工作部署。")
    assert roles(x) == {"欧阳明": {"attended"}}


# party lessons and greetings written with words inside
def test_a_special_party_lesson_is_spoken():
    assert roles(extract("县长欧阳明讲专题党课。")) == {"欧阳明": {"spokeAt"}}
    assert roles(extract("县长欧阳明给参训学员上了一堂生动的党课。")) == {"欧阳明": {"spokeAt"}}


def test_an_online_party_lesson_attended_is_not_given():
    x = extract("县长欧阳明参加所在支部线上党课。")
    assert roles(x) == {"欧阳明": {"attended"}}


def test_a_welcome_or_closing_address_is_spoken():
    assert roles(extract("县委书记岑立秋致欢迎词。")) == {"岑立秋": {"spokeAt"}}
    assert roles(extract("县政协主席郦子川出席会议并致闭幕词。"))["郦子川"] >= {"spokeAt"}


# a mandate framing the clause after it
def test_a_report_made_on_a_mandate_is_the_mandated_persons():
    x = extract("县长欧阳明受县人民政府委托，作政府工作报告。")
    assert roles(x) == {"欧阳明": {"spokeAt"}}


def test_the_one_who_gave_the_mandate_did_not_speak():
    x = extract("县长欧阳明受县委书记岑立秋委托，出席会议并讲话。")
    assert roles(x) == {"欧阳明": {"attended", "spokeAt"}}


# coming to the scene, going along with a delegation
def test_coming_to_guide_is_attending():
    assert attendees(extract("县委常委、宣传部部长卜永年到场指导。")) == {"卜永年"}
    assert attendees(extract("市人大常委会副主任柏新民莅临指导。")) == {"柏新民"}


def test_going_with_the_delegation_is_accompanying():
    x = extract("县委书记岑立秋率党政代表团赴浙江考察学习，县领导卜永年、郦子川随团考察。")
    assert roles(x) == {"岑立秋": {"led"}, "卜永年": {"accompanied"}, "郦子川": {"accompanied"}}
    assert roles(extract("副市长柏新民同行。")) == {"柏新民": {"accompanied"}}


def test_peers_of_a_trade_are_no_party():
    x = extract("县长欧阳明出席推介会，与同行业企业家交流。")
    assert "accompanied" not in roles(x).get("欧阳明", set())


# lists of persons with an item whose name is not read
def test_an_unread_item_does_not_cut_the_list():
    x = extract("县人大常委会主任俞秉文，县委常委、县人武部政委曾建国大校，县委副书记柯晓岚出席。")
    assert {"俞秉文", "柯晓岚"} <= attendees(x)


def test_a_clause_with_its_own_verb_still_cuts_the_list():
    x = extract("县人大常委会主任俞秉文，县委常委会研究了防汛工作，县委副书记柯晓岚出席。")
    assert "俞秉文" not in attendees(x)


def test_leaders_listed_after_the_verb():
    x = extract("出席会议的领导有市委书记韦德川、市长柏新民。")
    assert roles(x) == {"韦德川": {"attended"}, "柏新民": {"attended"}}


# near misses: words of another time
def test_a_request_made_on_an_earlier_visit_is_no_act():
    x = extract("会议强调，要认真落实市委书记韦德川在调研时的要求。")
    assert roles(x) == {}


def test_a_speech_relayed_in_a_list_is_no_attendance():
    x = extract("会议传达学习了省委全会精神，国务院副总理匡立文出席论坛和在我省调研时的讲话精神。")
    assert roles(x) == {}


def test_attending_and_relaying_someone_elses_speech_still_attends():
    x = extract("县委书记岑立秋出席会议并传达了省委书记匡立文的重要讲话精神。")
    assert "岑立秋" in attendees(x) and "匡立文" not in attendees(x)


def test_a_former_visit_is_no_role():
    assert roles(extract("省委书记匡立文曾来到该企业调研。")) == {}
    assert roles(extract("韦德川指出的问题要立即整改。")) == {}
    assert roles(extract("柏新民曾任县委书记。")) == {}


def test_leaders_listed_after_a_ceremony_with_words_before_its_noun():
    x = extract("县长欧阳明出席开工仪式。出席开工仪式的领导还有县委副书记卜永年。")
    assert roles(x) == {"欧阳明": {"attended"}, "卜永年": {"attended"}}


def test_the_departments_attending_are_no_list_of_persons():
    x = extract("县长欧阳明出席会议。出席会议的有关部门负责人作了发言。")
    assert roles(x) == {"欧阳明": {"attended"}}


def test_encouraging_the_audience_is_speaking():
    assert roles(extract("县委书记岑立秋勉励大家再接再厉。")) == {"岑立秋": {"spokeAt"}}


def test_a_self_examination_at_a_democratic_life_meeting_is_spoken_not_an_inspection():
    assert roles(extract("县委书记岑立秋带头作对照检查。")) == {"岑立秋": {"spokeAt"}}
    assert roles(extract("县委书记岑立秋到城关镇检查防汛工作。")) == {"岑立秋": {"led"}}


def test_persons_elected_at_the_meeting_have_no_role():
    assert roles(extract("会议推选岑立秋、欧阳明为大会主席团常务主席。")) == {}


def test_a_leader_touring_an_exhibition_led_the_visit():
    assert roles(extract("副市长柏新民参观了科技成果展。")) == {"柏新民": {"led"}}


def test_delegates_touring_after_the_meeting_give_no_named_role():
    x = extract("县长欧阳明出席会议。会后，与会代表参观了产业园。")
    assert roles(x) == {"欧阳明": {"attended"}}


def test_coming_to_a_delegation_to_deliberate_together_is_attending():
    x = extract("县委副书记、县长欧阳明来到县人大第一代表团，与代表们共同审议政府工作报告。")
    assert roles(x) == {"欧阳明": {"attended"}}


def test_coming_to_inspect_together_with_officials_is_still_leading():
    x = extract("县长欧阳明来到城关镇，与镇干部共同察看灾情。")
    assert roles(x) == {"欧阳明": {"led"}}


def test_the_person_a_quote_is_attributed_to_spoke():
    x = extract("县长欧阳明来到城关镇调研。“我们要把实事办好。”欧阳明说。")
    assert roles(x) == {"欧阳明": {"led", "spokeAt"}}


def test_said_without_a_quote_or_a_pause_is_no_speech():
    x = extract("县长欧阳明出席会议。群众都说好。")
    assert roles(x) == {"欧阳明": {"attended"}}


def test_an_honorific_or_a_note_after_a_name_keeps_the_list_going():
    assert attendees(extract("县委书记岑立秋同志，县长欧阳明同志出席会议。")) == {"岑立秋", "欧阳明"}
    assert attendees(extract("县委书记岑立秋（左三），县长欧阳明（右二）出席。")) == {"岑立秋", "欧阳明"}


def test_a_clause_after_an_honorific_with_its_own_verb_still_cuts_the_list():
    x = extract("县委书记岑立秋同志调研了防汛工作，县长欧阳明同志出席会议。")
    assert roles(x) == {"岑立秋": {"led"}, "欧阳明": {"attended"}}


def test_a_view_stated_by_a_named_participant_is_spoken():
    x = extract("县委书记岑立秋出席座谈会。岑立秋认为，民营企业是发展的重要力量。")
    assert roles(x) == {"岑立秋": {"attended", "spokeAt"}}


def test_a_view_stated_by_the_meeting_gives_nobody_a_speech():
    x = extract("县长欧阳明出席会议。会议认为，今年工作成效明显。")
    assert roles(x) == {"欧阳明": {"attended"}}


def test_an_interview_given_is_spoken_under_the_right_name():
    assert roles(extract("县长欧阳明接受媒体采访时表示，将全力以赴。")) == {"欧阳明": {"spokeAt"}}


def test_unveiling_and_groundbreaking_are_attending():
    x = extract("县委书记岑立秋、县长欧阳明共同为纪念馆揭幕。")
    assert roles(x) == {"岑立秋": {"attended"}, "欧阳明": {"attended"}}
    assert roles(extract("县长欧阳明与集团董事长马宗骏共同为项目培土奠基。")) == {
        "欧阳明": {"attended"}, "马宗骏": {"attended"}}


def test_receiving_petitioners_and_patrolling_a_river_are_led():
    assert roles(extract("县委书记岑立秋到县信访局接访群众。")) == {"岑立秋": {"led"}}
    assert roles(extract("县长欧阳明以河长身份巡河。")) == {"欧阳明": {"led"}}


def test_the_reporter_heard_spoke_and_the_hearer_did_not():
    x = extract("县委书记岑立秋听取了县长欧阳明的汇报。")
    assert roles(x) == {"欧阳明": {"spokeAt"}}


def test_a_film_watched_by_the_participants_names_nobody():
    x = extract("县委书记岑立秋出席会议。会上，与会人员观看了警示教育片。")
    assert roles(x) == {"岑立秋": {"attended"}}


def test_a_visit_told_as_last_years_background_is_no_role():
    x = extract("县委书记岑立秋出席会议。去年，省委书记匡立文来到该企业调研时，对企业发展寄予厚望。")
    assert roles(x) == {"岑立秋": {"attended"}}


def test_a_dated_event_of_last_year_and_a_span_up_to_now_keep_their_roles():
    assert roles(extract("去年12月，县长欧阳明出席了揭牌仪式。")) == {"欧阳明": {"attended"}}
    assert roles(extract("去年以来，县长欧阳明多次深入企业调研。")) == {"欧阳明": {"led"}}


def test_a_speech_relayed_by_another_speaker_gives_its_author_no_role():
    x = extract("县长欧阳明在讲话中要求，要认真贯彻落实县委书记岑立秋在全县经济工作会议上的讲话要求。")
    assert roles(x) == {"欧阳明": {"spokeAt"}}
    x = extract("县长欧阳明指出，县委书记岑立秋在调研时强调的问题要立即整改。")
    assert roles(x) == {"欧阳明": {"spokeAt"}}
