"""Roles, fourth round of issue 16: frames around a role verb (relayed words, declared openings, arriving
to join an activity) and speech verbs that local reports use. Sentences written for these tests, not
copied from any article; each kind has a near miss that must keep its old reading."""

from tests.extract.helpers import extract, roles


def test_an_act_inside_relayed_words_is_no_act_at_this_meeting():
    x = extract("县长钱立主持会议。会议传达学习了省委书记柯文涛在我市调研时的讲话精神。")
    assert roles(x) == {"钱立": {"presided"}}


def test_a_speech_at_another_meeting_relayed_is_not_given_here():
    x = extract("会议传达学习了市委书记柯文涛在全市经济工作会议上的讲话精神。")
    assert "柯文涛" not in roles(x)


def test_a_speech_delivered_at_a_work_meeting_is_given():
    x = extract("县长钱立在全县工作会议上作了重要讲话。")
    assert roles(x) == {"钱立": {"spokeAt"}}


def test_an_instruction_named_as_a_noun_is_no_speech():
    x = extract("会议还传达了市长顾明远批示要求，研究贯彻意见。")
    assert "顾明远" not in roles(x)


def test_a_leader_who_requires_at_the_meeting_spoke():
    x = extract("市长顾明远要求，各地抓好落实。")
    assert roles(x) == {"顾明远": {"spokeAt"}}


def test_who_declares_the_sitting_open_presided():
    x = extract("上午9时，县政协主席邹海平宣布大会开幕。")
    assert roles(x) == {"邹海平": {"presided"}}


def test_who_announces_a_list_only_attended():
    x = extract("县政协主席邹海平宣布获奖名单。")
    assert roles(x) == {"邹海平": {"attended"}}


def test_who_reports_to_the_congress_spoke():
    x = extract("县长钱立代表县人民政府向大会报告工作。")
    assert roles(x) == {"钱立": {"spokeAt"}}


def test_who_hears_others_report_did_not_speak():
    x = extract("县长钱立听取各乡镇报告工作。")
    assert "spokeAt" not in roles(x).get("钱立", set())


def test_a_leadership_list_arriving_to_join_an_activity_attended():
    x = extract("3月12日，县四大班子领导郑方圆、钱立、邹海平来到城郊林场，参加义务植树活动。")
    assert roles(x) == {"郑方圆": {"attended"}, "钱立": {"attended"}, "邹海平": {"attended"}}


def test_arriving_to_inspect_still_leads():
    x = extract("县长钱立来到张庄村，察看防汛工作。")
    assert roles(x) == {"钱立": {"led"}}


def test_officials_listed_before_participating_attended():
    x = extract("公司党委书记甘德顺，总经理韩立群，各部门负责人参会。")
    assert roles(x) == {"甘德顺": {"attended"}, "韩立群": {"attended"}}


def test_those_who_attend_named_as_a_noun_give_no_attendance():
    x = extract("县长钱立向参会人员介绍了情况。")
    assert roles(x) == {"钱立": {"spokeAt"}}


def test_a_clause_opening_with_bing_goes_on_with_its_subject():
    x = extract("副校长贺东认真听取了学院工作汇报，并就进一步加强学院建设提出四点要求。")
    assert roles(x) == {"贺东": {"spokeAt"}}


def test_a_clause_with_its_own_unnamed_subject_is_not_the_openers():
    x = extract("副校长贺东出席座谈会，与会教师代表提出了意见。")
    assert roles(x) == {"贺东": {"attended"}}


def test_summing_up_arranging_hoping_and_praising_are_speech():
    x = extract("会上，县长钱立对全年工作进行了总结。副县长邹海平对下一步工作进行安排。"
                "副县长蒋一鸣对乡镇工作给予了充分肯定，同时希望各乡镇再接再厉。")
    assert roles(x) == {"钱立": {"spokeAt"}, "邹海平": {"spokeAt"}, "蒋一鸣": {"spokeAt"}}


def test_a_proposal_owned_by_a_name_is_no_speech_here():
    x = extract("按照县长钱立提出的要求，各乡镇抓好落实。")
    assert "钱立" not in roles(x)


def test_a_summing_up_meeting_attended_is_no_speech():
    x = extract("县长钱立出席年终总结大会。")
    assert roles(x) == {"钱立": {"attended"}}


def test_a_name_opening_a_framing_clause_is_the_next_clauses_subject():
    x = extract("县委书记郑方圆以《守初心担使命》为题，为全体党员讲授专题党课。"
                "县长钱立结合分管工作，就安全生产提出三点要求。")
    assert roles(x) == {"郑方圆": {"spokeAt"}, "钱立": {"spokeAt"}}


def test_a_clause_with_its_own_role_verb_frames_nothing():
    x = extract("县长钱立结合分管工作出席座谈，为获奖企业颁奖。")
    assert roles(x) == {"钱立": {"attended"}}


def test_leaders_yuhui_attended_and_yuhui_persons_are_a_noun():
    assert roles(extract("市领导柯文涛、韩立群与会。")) == {"柯文涛": {"attended"}, "韩立群": {"attended"}}
    assert roles(extract("县长钱立向与会人员通报情况。")) == {"钱立": {"spokeAt"}}


def test_supervising_leads_and_explaining_or_pledging_speaks():
    x = extract("副县长钱立到张庄镇督导防汛工作。会上，县长邹海平对文件进行了解读，副县长蒋一鸣作了表态。")
    assert roles(x) == {"钱立": {"led"}, "邹海平": {"spokeAt"}, "蒋一鸣": {"spokeAt"}}


def test_a_supervision_team_is_no_person_leading():
    x = extract("省督导组到我县督导。县长钱立陪同。")
    assert roles(x) == {"钱立": {"accompanied"}}


def test_leaders_arriving_to_do_something_with_the_public_attended():
    x = extract("3月12日，县委书记郑方圆，县长钱立等县领导来到张庄村植树点，与干部群众一起植树。")
    assert roles(x) == {"郑方圆": {"attended"}, "钱立": {"attended"}}


def test_arriving_to_inspect_with_village_cadres_still_leads():
    x = extract("县委书记郑方圆来到张庄村，与村干部一起察看灾情。")
    assert roles(x) == {"郑方圆": {"led"}}


def test_the_officials_a_principal_brings_along_accompanied():
    x = extract("县委书记郑方圆带领县领导钱立、邹海平到张庄村调研。县委书记蒋一鸣率县长韩立群等到李集村调研。")
    assert roles(x) == {"郑方圆": {"led"}, "钱立": {"accompanied"}, "邹海平": {"accompanied"},
                        "蒋一鸣": {"led"}, "韩立群": {"accompanied"}}


def test_taking_the_lead_brings_nobody_along():
    x = extract("县长钱立率先垂范，副县长邹海平来到张庄村调研。")
    assert roles(x) == {"邹海平": {"led"}}


def test_a_list_framing_its_proposals_clauses_later_spoke():
    x = extract("座谈会上，县政协委员施晓红、乔安、陶志远围绕乡村振兴，结合各自工作实际，提出了意见和建议。")
    assert roles(x) == {"施晓红": {"spokeAt"}, "乔安": {"spokeAt"}, "陶志远": {"spokeAt"}}


def test_a_framing_official_who_hears_reports_did_not_speak():
    x = extract("县长钱立结合分管工作，听取了各乡镇汇报。")
    assert "spokeAt" not in roles(x).get("钱立", set())


def test_ceremonial_acts_attend_and_looking_over_a_site_leads():
    x = extract("县委书记郑方圆、县长钱立共同为新馆剪彩。副县长邹海平向获奖者颁发证书。副县长蒋一鸣实地察看了项目进展。")
    assert roles(x) == {"郑方圆": {"attended"}, "钱立": {"attended"}, "邹海平": {"attended"}, "蒋一鸣": {"led"}}


def test_a_launch_ceremony_attended_is_one_role():
    assert roles(extract("县长钱立出席启动仪式。")) == {"钱立": {"attended"}}
    assert roles(extract("县委书记郑方圆一同察看。")) == {"郑方圆": {"accompanied"}}


def test_hosts_inspecting_after_a_visiting_party_accompanied():
    x = extract("4月2日，市委书记柯文涛一行到张庄镇调研乡村振兴工作。在张庄村，县委书记郑方圆，县长钱立及相关部门负责人调研了合作社。")
    assert roles(x) == {"柯文涛": {"led"}, "郑方圆": {"accompanied"}, "钱立": {"accompanied"}}


def test_two_local_inspections_without_a_visiting_party_both_lead():
    x = extract("4月2日，县委书记郑方圆到张庄镇调研乡村振兴工作。4月3日，县长钱立调研了李集村合作社。")
    assert roles(x) == {"郑方圆": {"led"}, "钱立": {"led"}}


def test_ta_after_an_accompanying_sentence_is_the_principal():
    x = extract("4月2日，市委书记柯文涛到张庄镇调研防汛工作。县委书记郑方圆陪同调研。他强调，要压实责任。")
    assert roles(x) == {"柯文涛": {"led", "spokeAt"}, "郑方圆": {"accompanied"}}


def test_ta_after_an_attending_sentence_is_still_the_last_opener():
    x = extract("县委书记郑方圆主持会议。县长钱立出席会议。他强调，要压实责任。")
    assert roles(x)["钱立"] == {"attended", "spokeAt"}


def test_who_convenes_a_meeting_presided():
    x = extract("县长钱立召开专题会议，研究防汛工作。县委书记郑方圆召集相关部门负责人开会。")
    assert roles(x) == {"钱立": {"presided"}, "郑方圆": {"presided"}}


def test_adverbs_before_a_common_role_verb_make_no_person():
    x = extract("会议要求，高规格召开大会，周密召开会议。")
    assert x.persons == () and roles(x) == {}


def test_a_principal_convening_a_forum_on_their_visit_led():
    x = extract("县卫生健康局局长钱立率队到县医院开展专题调研，并召开了座谈会。")
    assert roles(x) == {"钱立": {"led"}}


def test_who_delivers_a_report_or_explanation_on_a_matter_spoke():
    x = extract("受县人民政府委托，县财政局局长乔安作关于2023年预算执行情况的报告。"
                "县人大常委会副主任蒋一鸣作关于选举办法草案的说明。")
    assert roles(x) == {"乔安": {"spokeAt"}, "蒋一鸣": {"spokeAt"}}


def test_a_report_deliberated_or_heard_is_no_speech_of_the_hearer():
    assert roles(extract("县长钱立听取了关于预算的报告。")) == {}
    assert roles(extract("会议审议了县长钱立所作关于预算的报告。")) == {}


def test_sharing_and_answering_at_a_forum_are_speech():
    x = extract("县人民医院院长乔安分享了医联体建设经验。县税务局局长陶志远现场解答企业提问。")
    assert roles(x) == {"乔安": {"spokeAt"}, "陶志远": {"spokeAt"}}


def test_a_sharing_session_attended_is_no_speech():
    assert roles(extract("县长钱立出席分享会。")) == {"钱立": {"attended"}}


def test_who_studies_and_then_stresses_the_spirit_spoke():
    x = extract("县长钱立在学习讨论时强调要深刻领会全会精神。")
    assert roles(x) == {"钱立": {"spokeAt"}}
