"""Property tests: random text, page-like layouts and JSON lines through read → extract → RDF.

Nothing but `BadInput` may escape; every emitted graph must serialise to
N-Quads that pyoxigraph loads; and (fewer examples: pySHACL is slow) conform to
ontology/shapes.ttl.
"""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyoxigraph import RdfFormat, Store, serialize

from kg.errors import BadInput
from kg.extract import extract_article
from kg.iri import Minter
from kg.rdf import article_quads
from kg.read import read_text
from kg.validate import validate

FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SHACL = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of the genre (generic titles and words, made-up names): what a page is built from.
TITLES = ["市委书记", "市长", "副市长", "区委书记", "省委常委", "市政府党组成员", "主任", "局长"]
NAMES = ["周建华", "刘海峰", "孙立平", "欧阳明", "陈静", "王一", "張國華", "John Smith", "李"]
CLAUSES = ["主持召开会议", "到企业调研", "出席活动并讲话", "强调要推动高质量发展", "会见了客人一行",
           "指出要深入贯彻新发展理念", "参加", "研究部署", "陪同", "雙方進行交流"]
DATELINES = ["本报讯", "本报讯（记者 陈静）", "新华社北京4月9日电", "本報訊", ""]
DAYS = ["4月9日，", "昨天，", "2024年4月8日，", "", "上午，"]


@st.composite
def sentences(draw) -> str:
    parts = [draw(st.sampled_from(DAYS))]
    for _ in range(draw(st.integers(1, 4))):
        parts.append(draw(st.sampled_from(TITLES)) + draw(st.sampled_from(NAMES)))
        parts.append(draw(st.sampled_from(["，", "、", "和", ""])))
    parts.append(draw(st.sampled_from(CLAUSES)))
    return "".join(parts) + draw(st.sampled_from(["。", "！", "；", ""]))


@st.composite
def pages(draw) -> str:
    """A page laid out like a PDF text layer: columns wrapped at a width, blank lines, datelines, bylines."""
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        headline = draw(st.sampled_from(TITLES)) + draw(st.sampled_from(NAMES)) + draw(st.sampled_from(CLAUSES))
        body = draw(st.sampled_from(DATELINES)) + "".join(draw(st.lists(sentences(), min_size=1, max_size=6)))
        width = draw(st.integers(4, 40))
        wrapped = [body[i:i + width] for i in range(0, len(body), width)]
        for i in sorted(draw(st.lists(st.integers(0, len(wrapped)), max_size=3)), reverse=True):
            wrapped.insert(i, "")  # a column break
        if draw(st.booleans()):
            wrapped.append(f"（记者 {draw(st.sampled_from(NAMES))}）")
        order = draw(st.sampled_from(["headline first", "headline last"]))
        lines += [headline, "", *wrapped, ""] if order == "headline first" else [*wrapped, "", headline, ""]
    return "\n".join(lines)


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=30),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                      max_size=3), max_leaves=8)


@st.composite
def json_lines(draw) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        record = draw(st.dictionaries(st.sampled_from(["title", "body", "content", "published", "source", "url",
                                                       "x"]), json_values | sentences(), max_size=5))
        line = json.dumps(record, ensure_ascii=draw(st.booleans()))
        lines.append(line if draw(st.integers(0, 9)) else line[: draw(st.integers(0, len(line)))])
    return "\n".join(lines)


def _graphs(text: str, kind: str | None, published: dt.date | None) -> list[bytes]:
    """Each article's N-Quads; BadInput (raised or yielded) is the only failure allowed."""
    out = []
    try:
        for item in read_text(text, doc_id="fuzz", published=published, source="无锡日报", kind=kind):
            if isinstance(item, BadInput):
                continue
            graph = article_quads(extract_article(item), Minter())
            out.append(serialize(graph.quads, format=RdfFormat.N_QUADS))
    except BadInput:
        pass
    for nquads in out:
        store = Store()
        store.load(nquads, format=RdfFormat.N_QUADS)  # valid RDF, or this raises
        assert len(list(store.named_graphs())) == 1  # one article, one named graph
    return out


DATES = st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)))


@FUZZ
@given(st.text(max_size=400), st.sampled_from([None, "page", "article", "jsonl"]), DATES)
def test_random_unicode(text: str, kind: str | None, published: dt.date | None) -> None:
    _graphs(text, kind, published)


@FUZZ
@given(pages(), st.sampled_from([None, "page", "article"]), DATES)
def test_random_page_layouts(text: str, kind: str | None, published: dt.date | None) -> None:
    _graphs(text, kind, published)


@FUZZ
@given(json_lines(), DATES)
def test_random_json_lines(text: str, published: dt.date | None) -> None:
    _graphs(text, "jsonl", published)


@SHACL
@given(pages(), DATES)
def test_random_pages_conform_to_the_shapes(text: str, published: dt.date | None) -> None:
    nquads = b"".join(_graphs(text, None, published))
    if nquads:
        assert validate(nquads) == []
