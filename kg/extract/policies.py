"""Policies the event emphasised: quoted initiatives, named plans and the
standing formulations of the genre, each under one canonical label.

- A quoted phrase is a policy when a policy suffix follows it (“强基”工程), a
  cue word follows it (树牢“…”意识), a policy verb comes shortly before it
  (扎实开展“…”), it continues a list of quoted policies (“甲”“乙”等) or opens
  one (“甲乙丙丁”“戊己庚辛”), or it counts duties (“三力”, “两个清单”).
  The canonical label strips the quotes and keeps the suffix; a quote of bare
  digits keeps the words it qualifies (某某“1+8”行动).
- An unquoted phrase right after a policy verb and ending in a policy suffix
  (开展…三年行动, 落实…20条举措, 深化…制度改革) is a policy, minus issuers and
  qualifiers; not when an adjective (战略性) or a list (…等重要举措) follows.
- Documents named in 《》 whose title ends like a rule or plan (条例, 意见, 方案 …).
- 关于…的重要论述/重要思想 formulations.
- The national formulations of the lexicon (新质生产力, 两个确立 …), where a word
  starts (not 创新发展理念), unless inside a longer policy already found.
- Spirits being studied (kg.extract.spirits); campaigns, studied meetings and
  parallel slogans (kg.extract.policy_phrases); counted formulations (三个务必, 八项规定).
- Chief systems (田长制) and paired-place cooperation (沪苏合作) by their shape (kg.extract.policy_structures).
- Names the genre's frames give (五级书记抓…, 发挥“…”作用, 署名文章《…》, 加快…进程, a training class's
  quoted theme) and an activity plan's theme (kg.extract.policy_frames).
- Honours won (荣获…称号) are background and dropped; so are projects sized by a quantity (年产…项目),
  operations held that day (…联合执法行动), the closing words of a title in 《》 and names opened by an
  edition number (第八届…峰会).
"""

from __future__ import annotations

from kg.extract.policy_frames import activity_theme, framed_policies, operation
from kg.extract.policy_names import (
    DISCOURSE,
    TITLED,
    bare_rules,
    formulations,
    named_policies,
    numbered_formulations,
    strip_qualifiers,
    titled_documents,
)
from kg.extract.policy_phrases import (
    campaigns,
    guiding_ideas,
    headed_names,
    mobilised_work,
    parallel_slogans,
    studied_meetings,
)
from kg.extract.policy_quotes import PolicyHit, canonical, quoted_policies
from kg.extract.policy_structures import chief_systems, place_pairs, shuang_formulations, sized_project
from kg.extract.spirits import spirits, studied_speeches
from kg.lexicon import longest_first, word_set

__all__ = ["PolicyHit", "canonical", "find_policies"]

PARTY, SPIRIT_WORD = "党的", "精神"  # 党的…全会精神: the meeting's own name lies between
HONOUR_REACH = 12  # characters before a name searched for a verb of winning it
AGENDA_ENDINGS = ("请示", "报告")  # 审议《关于审定…方案的请示》: a plan put up for approval is the agenda
DESIGNATION_INFIX = 2  # characters of a field (产业, 工业) allowed between a name and its designation head
PURSUED = ("创建", "建设")  # …示范区创建: a designation pursued is a campaign of its own
EDITION = "届"  # 第五届…论坛: an edition number opens the name of an event, not of a policy
VARIANT_HEAD = 6  # characters of issuer or verb (某市推进…) a longer label of the same policy may open with
PLACE_ENDS = ("省", "市", "县", "区", "镇", "乡", "村", "街道")  # 某某镇|乡村振兴战略: a place before a national name
MIN_SHARED = 4  # 某某区|城市更新: shorter national names (双碳) are left as they stand
VARIANT_TAILS = ("国家战略", "战略", "工程", "行动", "建设", "精神")  # 长三角一体化发展(国家战略), 某全会(精神): one policy


def _merge_variants(hits: list[PolicyHit]) -> list[PolicyHit]:
    """One label for variants of one policy: 长三角一体化发展 and 长三角一体化发展国家战略 are both
    known by the longer one (the shorter is kept as a variant, an altLabel, by the caller)."""
    labels = {h.canonical for h in hits}
    longer = {}
    by_core: dict[str, list[str]] = {}
    for label in labels:  # 党的二十届三中全会精神 / 二十届三中全会: a meeting and its spirit, with or without 党的
        by_core.setdefault(label.removeprefix(PARTY).removesuffix(SPIRIT_WORD), []).append(label)
    for group in by_core.values():
        if len(group) > 1:
            full = max(group, key=len)
            longer.update({label: full for label in group if label != full})
    for label in labels - set(longer):
        for tail in VARIANT_TAILS:
            if label + tail in labels:
                longer[label] = label + tail
                break
        else:  # 数字乡村三年行动计划 of 《某市推进数字乡村三年行动计划》: the document's full name
            titled = [t for t in labels if t.endswith(label) and 0 < len(t) - len(label) <= VARIANT_HEAD and len(label) >= 6]
            if titled and _national(label) and not any(_national(t) for t in titled):
                longer.update({t: label for t in titled if t not in longer})  # 城头山|乡村振兴战略: the national name
            elif titled:
                longer[label] = max(titled, key=len)
    return [PolicyHit(_followed(longer, h.canonical), h.start, h.end) for h in hits]


def _national(label: str) -> bool:
    """Whether the label is a national formulation, with or without the tail it is deployed under (乡村振兴|战略)."""
    known = word_set("national_formulations.txt")
    return label in known or any(label.endswith(tail) and label[:-len(tail)] in known for tail in VARIANT_TAILS)


def _national_share(label: str) -> str:
    """A place's share of a national formulation is known by the formulation (某某镇|乡村振兴战略, 老城区|城市更新);
    a local name that merely ends like one keeps its place when the rest is no formulation of its own."""
    if _national(label):
        return label
    for cut in range(2, VARIANT_HEAD + 1):
        rest = label[cut:]
        if label[:cut].endswith(PLACE_ENDS) and len(rest) >= MIN_SHARED and _national(rest):
            return rest
    return label


def _followed(longer: dict[str, str], label: str) -> str:
    """The label a variant ends up under when the longer label is itself a variant of another."""
    seen = {label}
    while label in longer and longer[label] not in seen:
        label = longer[label]
        seen.add(label)
    return label


def _honour(body: str, hit: PolicyHit) -> bool:
    """Whether the name is an honour won (荣获…称号, 被评为…): background, not a policy deployed."""
    cues = longest_first("policy_honour_cues.txt")
    clause = body[max(hit.start - HONOUR_REACH, 0):hit.start]
    clause = clause[max(clause.rfind(p) for p in "，。；！？\n") + 1:]
    return any(c in clause for c in cues) or body.startswith(cues, hit.end)


def _designation(body: str, hit: PolicyHit) -> bool:
    """Whether a designation head follows the name (生态文明建设|示范区): the title a place holds, background;
    unless the title is being pursued (…示范区创建, …示范县建设), which is a policy."""
    for gap in range(DESIGNATION_INFIX + 1):  # 新型工业化|产业|示范基地: a field word may stand between
        if gap and not body[hit.end:hit.end + gap].isalpha():
            break
        head = next((h for h in longest_first("policy_designation_heads.txt") if body.startswith(h, hit.end + gap)), "")
        if head:
            return not body.startswith(PURSUED, hit.end + gap + len(head))
    return False


def _title_tail(hit: PolicyHit, titles: list[PolicyHit]) -> bool:
    """Whether the hit is the closing words of a document named in 《》 (《某县…“厕所革命”实施方案》 gives
    实施方案 and 厕所革命实施方案 by other rules): a piece of the title, not a second policy. A policy the
    title names inside it (《关于加快建设农业强县…的实施方案》: 农业强县) does not end like a document."""
    endings = tuple(longest_first("policy_document_suffixes.txt"))
    return hit.canonical.endswith(endings) and any(
        t.start <= hit.start and hit.end <= t.end and t.canonical != hit.canonical for t in titles)


def find_policies(body: str) -> list[PolicyHit]:
    """Every policy mention of the body; lexicon formulations inside a longer policy are dropped."""
    framed = framed_policies(body)  # a frame names the whole: the plan a verb opens inside it is a piece of it
    ruled = [h for h in quoted_policies(body) + named_policies(body) + titled_documents(body) + bare_rules(body)
             if not any(f.start <= h.start and h.end <= f.end and f.canonical != h.canonical for f in framed)] + framed
    lexicon = formulations(body)  # “四个全面”战略|布局: a quote's rule cut inside a formulation is a piece of it
    ruled = [r for r in ruled if not any(f.start <= r.start and r.end <= f.end and f.end - f.start > r.end - r.start for f in lexicon)]
    found = [h for h in lexicon if not any(r.start <= h.start and h.end <= r.end and r.canonical != h.canonical for r in ruled)]
    studied = [PolicyHit(canonical(label), start, end) for label, start, end in spirits(body) + studied_speeches(body)]
    found += [h for h in studied + numbered_formulations(body)
              if not any(r.start <= h.start and h.end <= r.end for r in ruled + found)]
    phrased = [PolicyHit(canonical(name), start + dropped, end) for label, start, end in campaigns(body)
               for name, dropped in [strip_qualifiers(label)]]  # 全市|…专项整治 (a meeting's 市委… is its name)
    headed = [PolicyHit(canonical(name), start + dropped, end) for label, start, end in headed_names(body)
              for name, dropped in [strip_qualifiers(label)]]
    phrased += [h for h in headed if not any(r.start < h.end and h.start < r.end for r in ruled + found)]  # the surer name
    phrased += [PolicyHit(canonical(label), start, end) for label, start, end
                in parallel_slogans(body) + studied_meetings(body) + guiding_ideas(body)]
    phrased += chief_systems(body) + place_pairs(body) + shuang_formulations(body)
    found += [h for h in phrased if not any(r.start <= h.start and h.end <= r.end for r in ruled + found)]
    launched = [PolicyHit(canonical(name), start + dropped, end) for label, start, end in mobilised_work(body)
                for name, dropped in [strip_qualifiers(label)]]
    found += [h for h in launched if not any(r.start <= h.start and h.end <= r.end for r in ruled)]  # inside a spirit too
    titles = titled_documents(body)
    enclosing = [(m.start(), m.end()) for m in TITLED.finditer(body) if m.group(1).endswith(AGENDA_ENDINGS)]
    enclosing += [(m.start(), m.end()) for m in DISCOURSE.finditer(body)]  # 关于“…”工作的重要论述: its topic
    kept = [h for h in ruled + found if not _honour(body, h) and not _designation(body, h) and not sized_project(h.canonical) and not operation(h.canonical)
            and body[h.start - 1:h.start] != EDITION  # 第八届|数字中国建设峰会: the name of an event held yearly
            and not any(s <= h.start and h.end <= e and (s, e) != (h.start, h.end) for s, e in enclosing)
            and not _title_tail(h, titles)]
    themed = [PolicyHit(theme if h in titles else _national_share(theme), h.start, h.end) for h in kept
              if (theme := h.canonical if h in titles else activity_theme(h.canonical))]  # a plan in 《》 is a document
    spans = _merge_variants(themed)
    return sorted(spans, key=lambda h: (h.start, -h.end))
