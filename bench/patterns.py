"""The raw material of generated articles: sentence patterns of the genre and the pools they draw from.

Patterns are written the way local party papers write their front pages
(本报讯 + date + event, 主持/讲话/出席, 强调/要求 + formulations, a byline in
brackets). Slots in braces are filled by `bench.corpus`. Names are built from
surname and given-name characters, never taken from real reports.
"""

from __future__ import annotations

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "建国华明军平伟志强磊洋勇艳杰娟涛斌超秀英霞敏静丽红芳玲燕萍兰春海波宁峰晓东亮新文辉刚健松林杨云飞鹏宏永浩凯晨雪梅琴佳欣怡雯婷琳颖慧晶"

CITIES = ["江城", "湖州", "扬州", "泰州", "常州", "南通", "盐城", "淮安", "宿迁", "镇江", "徐州", "绍兴",
          "嘉兴", "金华", "台州", "温州", "芜湖", "蚌埠", "九江", "赣州"]
DISTRICT_STEMS = "梁溪滨湖新吴锡山惠山江阴宜兴姑苏吴中相城高新经开临港东湖西湖南山北塘"
DISTRICT_KINDS = ["区", "县", "经开区", "高新区"]
PLACES = ["城区相关板块", "重点项目现场", "产业园区", "乡镇街道", "社区服务中心", "重点企业", "港口码头",
          "科创中心", "老旧小区改造现场", "农业示范园", "医院", "学校", "交通枢纽"]
TOPICS = ["民生实事项目建设", "安全生产", "重大项目推进", "科技创新", "乡村振兴", "生态环境保护",
          "城市更新", "防汛防台", "营商环境建设", "基层党建", "文旅融合发展", "教育工作", "医疗卫生",
          "保障性住房建设", "制造业转型升级", "外贸稳增长", "数字经济发展", "河湖治理"]
MEETINGS = ["市委常委会会议", "市政府常务会议", "市委全面深化改革委员会会议", "市委党建工作领导小组会议",
            "全市经济运行调度会", "全市安全生产工作会议", "市委理论学习中心组学习会", "全市优化营商环境大会",
            "市委财经委员会会议", "全市组织工作会议", "市委农村工作会议", "全市科技创新大会"]
ORGS = ["集团", "科技股份有限公司", "银行", "研究院", "大学", "控股有限公司", "新能源有限公司"]
ORG_STEMS = ["华信", "远航", "中科", "天合", "恒通", "海纳", "启明", "瑞丰", "长江", "东方", "蓝海", "星河"]
GROUPS = ["困难群众", "一线职工", "退役军人", "老党员", "环卫工人", "援疆干部家属", "科技人才"]

# (post as printed before a name, rank weight): higher weight → appears in more articles
LEADER_POSTS = [("市委书记", 8), ("市长", 7), ("市委副书记", 3), ("市人大常委会主任", 3), ("市政协主席", 3)]
OTHER_POSTS = ["市委常委、秘书长", "市委常委、组织部部长", "市委常委、宣传部部长", "副市长", "市委常委、常务副市长",
               "市人大常委会副主任", "市政协副主席", "市纪委书记", "区委书记", "区长"]

NATIONAL_POLICIES = ["新质生产力", "高质量发展", "乡村振兴", "主题教育", "全面从严治党", "中国式现代化",
                     "共同富裕", "碳达峰碳中和", "营商环境", "长三角一体化发展", "安全生产治本攻坚三年行动",
                     "以旧换新", "两个确立", "两个维护", "四下基层", "放管服改革", "数字中国", "健康中国",
                     "美丽中国", "平安中国", "一带一路", "科教兴国战略", "人才强国战略", "河长制"]
# Local initiatives are built from these: “{stem}{kind}” → a long tail of named programmes
INITIATIVE_STEMS = ["红帆", "青松", "银杏", "金桥", "连心", "聚力", "强基", "筑梦", "领航", "暖心", "先锋",
                    "百企", "千村", "万户", "智造", "绿动", "安居", "育才", "惠企", "清风"]
INITIATIVE_KINDS = ["行动", "计划", "工程", "专项行动", "三年行动", "服务月", "提升工程"]

# The opening sentence of an article, by kind. {date} {lead} {others} {place} {topic} {meeting} …
OPENINGS = {
    "meeting": "{date}，{meeting}召开。{lead_post}{lead}主持并讲话。市领导{others}出席会议。",
    "inspection": "{date}，{lead_post}{lead}来到{district}{place}，专题调研{topic}情况。市领导{others}参加调研。",
    "visit": "{date}，{lead_post}{lead}率队赴{city}考察对接{topic}工作。市领导{others}一同考察。",
    "guests": "{date}，{lead_post}{lead}会见了{org}董事长{guest}一行。市领导{others}参加会见。",
    "condolence": "{date}，{lead_post}{lead}走访慰问{group}，送上节日祝福。市领导{others}陪同。",
    "study": "{date}，{meeting}举行专题学习，{lead_post}{lead}主持并讲话。{others}作交流发言。",
}
HEADLINES = {
    "meeting": ["{meeting}召开", "{lead}主持召开{meeting}"],
    "inspection": ["{lead}调研{topic}工作", "{lead}专题调研{topic}"],
    "visit": ["{lead}带队赴{city}考察对接", "{lead}率队考察{topic}工作"],
    "guests": ["{lead}会见{org}客人", "{lead}会见{guest}一行"],
    "condolence": ["{lead}走访慰问{group}"],
    "study": ["{meeting}举行专题学习"],
}
# Body sentences by the kinds of article they suit ("*": any); {p} is a policy as the paper writes it
BODY = {
    "*": [
        "{he}强调，要把握政策机遇，坚持供需匹配，深入实施{p}，加快推进{p2}，持续深化{p3}。",
        "{lead}指出，要坚持以人民为中心的发展思想，扎实推动{p}落地见效，以实实在在的工作举措交出高质量发展新答卷。",
        "{he}要求，要始终树牢安全意识，压紧压实各方责任，持续推进{p}，筑牢安全发展防线。",
        "{lead}叮嘱，要坚持通盘考虑、统筹衔接，深入开展{p}，让群众获得感成色更足、幸福感更可持续。",
        "近年来，{district}围绕{topic}持续加大投入，累计实施重点项目{num}个，完成投资{num}亿元，一批标志性工程相继建成投用。",
        "要坚持问题导向、目标导向、结果导向，聚焦群众急难愁盼，拿出更具颗粒度、精准度的办法，切实把好事办好、实事办实。",
        "要进一步压实属地责任、部门监管责任和企业主体责任，健全常态长效工作机制，推动各项工作往深里走、往实里走。",
        "要加强统筹协调，强化要素保障，优化审批服务，推动项目早开工、早建成、早见效，以项目建设的加速度跑出发展的新高度。",
        "{lead}认真听取{topic}情况汇报，与基层干部群众深入交流，详细询问项目进度、资金保障和群众满意度等情况。",
        "今年以来，全市{topic}工作取得积极进展，{num}项重点任务全面推进，群众获得感、幸福感、安全感不断增强。",
    ],
    "meeting study": [
        "会议要求，全市各级各部门要深入学习贯彻习近平总书记重要讲话重要指示精神，坚持以{p}为引领，扎实推进{p2}。",
        "会议指出，要聚焦重点领域和关键环节，全面推行{p}，积极落实{p2}，进一步完善相关行动方案。",
        "会议强调，要坚持稳中求进工作总基调，加快培育{p}，纵深推进{p2}，为奋力推进{p3}作出新的更大贡献。",
    ],
    "inspection visit condolence": [
        "在{site}，{lead}详细了解{topic}等情况，要求有关部门加强统筹协调，确保{p}各项任务落到实处。",
        "自{year}年起，我市探索实施{topic}项目，累计服务群众{num}万人次，{p}成效持续显现。",
    ],
    "guests visit": [
        "双方表示，将在{topic}等方面深化合作，共同推动{p}，携手打造区域协调、共赢发展的示范。",
    ],
}
# National posts for the leaders every paper quotes (names are generated), and the sentence that quotes them
NATIONAL_POSTS = ["国务院总理", "国务院副总理", "中共中央政治局委员", "全国人大常委会副委员长", "全国政协副主席"]
NATIONAL_SENTENCE = "会议要求，要认真贯彻落实{post}{name}在全国{topic}工作会议上的讲话要求。"
# Closing punctuation never starts a printed line: it stays at the end of the line before
NO_LINE_START = "，。、；：！？”’）》"
