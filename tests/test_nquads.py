"""The RDF stage writes N-Quads itself (kg.nquads): its text must be what pyoxigraph writes for the same quads.

`kg extract` prints that text and `kg ingest` parses it back, so a byte that
differs from pyoxigraph's writer would change every output and every checksum.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse, serialize

from kg import nquads
from kg.iri import Minter
from kg.model import Article, Extraction
from kg.rdf import article_quads
from tests.test_rdf import meeting_article, visit_article

S, G = NamedNode("https://example.org/s"), NamedNode("https://example.org/g")


def _pyoxigraph_writes(obj: NamedNode | Literal) -> bytes:
    line = serialize([Quad(S, S, obj, G)], format=RdfFormat.N_QUADS)
    return line[len(f"<{S.value}> <{S.value}> ".encode()):-len(f" <{G.value}> .\n".encode())]


def test_every_code_point_in_a_literal_is_written_as_pyoxigraph_writes_it() -> None:
    points = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]  # a lone surrogate is no text RDF can hold
    chunks = ["".join(map(chr, points[i:i + 512])) for i in range(0, len(points), 512)]
    ours = b"".join(f"<{S.value}> <{S.value}> ".encode() + nquads.literal(text) + f" <{G.value}> .\n".encode()
                    for text in chunks)
    assert ours == serialize([Quad(S, S, Literal(text), G) for text in chunks], format=RdfFormat.N_QUADS)


def test_typed_literals_and_iris_are_written_as_pyoxigraph_writes_them() -> None:
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert nquads.integer(0) == _pyoxigraph_writes(Literal(0))
    assert nquads.integer(40_000) == _pyoxigraph_writes(Literal(40_000))
    assert nquads.typed("2024-04-09", nquads.XSD_DATE) == _pyoxigraph_writes(
        Literal("2024-04-09", datatype=NamedNode(xsd + "date")))
    node = NamedNode("https://w3id.org/zhengwu/id/person/江城/王建国")
    assert nquads.iri(node) == _pyoxigraph_writes(node)


def test_an_article_graph_is_the_text_pyoxigraph_writes_for_its_quads() -> None:
    awkward = Article(**{**dataclasses.asdict(meeting_article().article), "sentences": meeting_article().article.sentences,
                         "title": '标题里有"引号"、反斜杠\\和\t制表符', "url": "not a url",
                         "issued": dt.date(2024, 4, 10)})
    for extraction in (meeting_article(), visit_article(), Extraction(article=awkward)):
        graph = article_quads(extraction, Minter())
        quads = list(parse(graph.nquads, format=RdfFormat.N_QUADS))
        assert graph.size == len(quads) > 10
        assert serialize(quads, format=RdfFormat.N_QUADS) == graph.nquads
        assert graph.quads == quads and {q.graph_name for q in quads} == {graph.graph}
