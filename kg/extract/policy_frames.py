"""Policies named inside the fixed frames of the genre, where the words around them say what they are even
though no policy verb comes before them (kg.extract.policies gathers them):

- the duty of every level of party secretaries (五级书记抓乡村振兴, 书记一起抓…): the whole formulation;
- a coined figure whose role is to be brought into play (发挥“领头雁”作用, 发挥好“压舱石”作用): the figure;
- the quoted theme of a training class (“学习贯彻…精神，加快建设…”专题研讨班): each clause of it, without
  the study verb that opens it;
- the object of a verb that deploys nothing by itself, in its fixed frame: 加快…进程 (加快追赶超越进程),
  实现…全面振兴 (the whole), 推进…常态化/长效化 (推进作风建设常态化): what is sped up, revived or made
  routine;
- a leader's article studied by its title (署名文章《…》, 重要文章《…》): articles are not documents by their
  ending, the frame says they are the thing studied;
- a filter: an operation carried out on the day (…联合执法行动) is the event itself, not a policy;
- and a relabelling: the plan of an activity heard at a meeting (关于…专题视察活动方案的汇报) is the agenda;
  what it deploys is the activity's theme (…建设专题视察活动方案 → …建设); a work plan named bare
  (研究了…工作方案) is only the agenda.
"""

from __future__ import annotations

import re

from kg.extract.policy_quotes import PolicyHit, canonical
from kg.lexicon import longest_first, strip_leading

LEVELS_OF_SECRETARIES = re.compile(r"[二三四五六]级(?:党委)?书记(?:一起)?抓[^，。；、：的\n“”]{2,10}")  # 五级书记抓乡村振兴
ROLE_FIGURE = re.compile(r"发挥(?:好|出)?“(?P<figure>[^“”\n]{2,10})”(?:的)?作用")  # 发挥“领头雁”作用
STUDIED_ARTICLE = re.compile(r"(?:署名|重要)文章《(?P<title>[^《》\n]{4,40})》")  # 重要文章《…》
CLASS_THEME = re.compile(r"“(?P<theme>[^“”\n]{4,40})”(?:专题|主题)?(?:研讨班|培训班|读书班|轮训班)")
THEME_CLAUSE = re.compile(r"[^，、；]{4,}")  # the clauses of a theme (a shorter one is a fragment)
OBJECT = r"[^，。；、：的\n“”]"
FRAMED_OBJECTS = (re.compile(rf"加快(?P<name>{OBJECT}{{4,8}}?)进程"),  # 加快追赶超越进程
                  re.compile(rf"实现(?P<name>{OBJECT}{{2,10}}?全面振兴)"),  # 实现东北全面振兴
                  re.compile(rf"(?:推进|推动|坚持)(?P<name>{OBJECT}{{4,10}}?)(?:常态化|长效化|制度化)"))
ACTIVITY_PLAN = "活动方案"
WORK_PLAN = "工作方案"
ACTIVITY_KINDS = ("专题视察", "专题调研", "集中视察", "视察", "调研")  # how an activity is held, not its theme
MIN_THEME = 3  # a shorter theme (…月活动方案 → 月) is no name


def framed_policies(body: str) -> list[PolicyHit]:
    """The policies the genre's frames name (see the module's docstring)."""
    out = [PolicyHit(canonical(m.group()), m.start(), m.end()) for m in LEVELS_OF_SECRETARIES.finditer(body)]
    out += [PolicyHit(canonical(m["figure"]), m.start("figure") - 1, m.end("figure") + 1) for m in ROLE_FIGURE.finditer(body)]
    out += [PolicyHit(canonical(m["title"]), m.start("title") - 1, m.end()) for m in STUDIED_ARTICLE.finditer(body)]
    out += [PolicyHit(canonical(m["name"]), m.start("name"), m.end("name")) for frame in FRAMED_OBJECTS
            for m in frame.finditer(body)]
    for theme in CLASS_THEME.finditer(body):
        for clause in THEME_CLAUSE.finditer(theme["theme"]):
            name, dropped = strip_leading(clause.group(), "spirit_verbs.txt")  # 学习贯彻|党的二十大精神
            at = theme.start("theme") + clause.start() + dropped
            out.append(PolicyHit(canonical(name), at, at + len(name)))
    return out


def activity_theme(label: str) -> str | None:
    """The theme of an activity's plan (界别活动月活动方案 → 界别活动月), the label itself when it names no
    activity's plan, None when the plan has no theme left to name."""
    if label.endswith(WORK_PLAN):
        return None  # 研究了…专班工作方案: an office's own work plan named bare is the agenda, never a policy
    if not label.endswith(ACTIVITY_PLAN):
        return label
    theme = label.removesuffix(ACTIVITY_PLAN)
    theme = next((theme.removesuffix(k) for k in ACTIVITY_KINDS if theme.endswith(k)), theme)
    return theme if len(theme) >= MIN_THEME else None


def operation(label: str) -> bool:
    """Whether the label names an operation carried out on the day (水源地保护联合执法行动): the event."""
    return label.endswith(tuple(longest_first("policy_operation_heads.txt")))
