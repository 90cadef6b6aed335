"""Our SPARQL 1.1 grammar (api/sparql11.lark) against Oxigraph's parser, the one that runs the text.

The guard's decision is only as good as its parser: a text it reads differently from Oxigraph could
hide a SERVICE, and a text it refuses that Oxigraph reads would be a false 400. So the verdicts are
compared on a fixed list of tricky texts and on texts hypothesis builds from SPARQL pieces (escaped
local names, strings holding `#`, `}` and quotes, long strings over lines, comments, `\\u` escapes,
paths, expressions, sub-selects, aggregates, VALUES), whole and with one character cut out. pyoxigraph
is only the oracle here (an empty in-memory store); every SERVICE/LOAD names 127.0.0.1 port 1, where
nothing listens.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyoxigraph import Store

from api.guard import check_query, check_update
from api.sparql_syntax import _WARM_UP, SparqlSyntaxError, parse
from bench import querying
from kg import records
from kg.errors import BadInput, Forbidden
from tests.api.test_attacks import load_update, service_query

ROOT = Path(__file__).resolve().parents[2]
NOWHERE = "http://127.0.0.1:1"  # port 1: refused at once, so the oracle never fetches anything


def oxigraph_reads(text: str, kind: str) -> bool:
    """Whether pyoxigraph's parser takes `text` (an evaluation error, e.g. SERVICE unreachable, is a yes)."""
    try:
        run = Store().query if kind == "query" else Store().update
        run(text, base_iri="http://example.org/base/")
    except SyntaxError:
        return False
    except Exception:  # noqa: BLE001 - it parsed; only evaluating failed
        return True
    return True


def we_read(text: str, kind: str) -> bool:
    try:
        parse(text, kind)
        (check_query(text, allow_service=True) if kind == "query"
         else check_update(text, allow_service=True, allow_load=True))
    except (SparqlSyntaxError, BadInput):
        return False
    return True


def _gallery() -> list[str]:
    examples = ROOT / "api" / "static" / "js" / "examples.js"
    script = f"import('{examples.as_uri()}').then(m => console.log(JSON.stringify(m.EXAMPLES.map(e => e.query))))"
    out = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def _shipped_queries() -> list[str]:
    params = querying.Parameters(["http://e/p"], ["2024-01"], ["http://e/x"], ["发展"])
    return ([records.sparql(p.stem) for p in sorted((ROOT / "kg" / "queries").glob("*.rq"))]
            + [text for _, text in querying.mix(params, 1)] + list(querying._PARAMETERS.values())
            + _gallery() + [_WARM_UP["query"]])


def test_every_query_the_project_ships_is_read() -> None:
    queries = _shipped_queries()
    assert len(queries) > 30
    for text in queries:
        assert we_read(text, "query") and oxigraph_reads(text, "query"), text


TRICKY = [  # (kind, text): read the same by both parsers, whichever way
    ("query", r"PREFIX ex: <http://e/> SELECT * WHERE { VALUES ?x { ex:a\# } SERVICE <http://127.0.0.1:1/a> { ?s ?p ?o } }"),
    ("query", r"PREFIX ex: <http://e/> SELECT * { ?s ex:a\.b\~c%20 ?o } # SERVICE <http://127.0.0.1:1/>"),
    ("query", r"SELECT * { MINUS { \u0053ERVICE <http://127.0.0.1:1/> { ?s ?p ?o } } }"),
    ("query", r"SELECT * { ?s ?p \u003Chttp://e/a\u003E }"),
    ("query", "SELECT * { ?s ?p \"\"\"a\n} SERVICE <http://127.0.0.1:1/> {\n\"\"\" }"),
    ("query", "SELECT * { ?s ?p 'it\\'s # } }' }"),
    ("query", "SELECT * { ?s ?p ?o FILTER(?o<?s&&?s>?o) }"),
    ("query", "SELECT (?x+1 AS ?y) (?x +1 AS ?z) { VALUES ?x { 1 } }"),
    ("query", "SELECT * { ?s <http://e/p>?/<http://e/q>*|^<http://e/r>+ ?o }"),
    ("query", "SELECT * { ?s !(a|^<http://e/p>) [] }"),
    ("query", "SELECT * { ?s ?p ( 1 ( 2 ) [ a <http://e/C> ] ) }"),
    ("query", "SELECT * FROM <g> FROM NAMED <h> { GRAPH ?g { } }"),
    ("query", "ASK { FILTER(\"a\"@en-GB = 'a'^^<http://www.w3.org/2001/XMLSchema#string>) }"),
    ("query", "SELECT * { ?s ?p 1.5e-3, -.5, +7, 08 }"),
    ("query", "DESCRIBE <http://e/a>"),
    ("query", "CONSTRUCT WHERE { ?s ?p ?o }"),
    ("query", "SELECT * { ?s ?p ?o } VALUES (?s ?o) { (UNDEF 1) (<a> UNDEF) }"),
    ("query", "SELECT * { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o }"),
    ("query", "SELECT * { ?s ex:p ?o }"),
    ("query", "SELECT * { ?s ?p ?o . . }"),
    ("query", "SELECT * { ?s ?p ?o } LIMIT -1"),
    ("query", "select * where { ?s a ?o }"),
    ("query", "SELECT * { ?s A ?o }"),
    ("update", r"PREFIX e: <http://e/> INSERT DATA { e:a\# e:b 'LOAD' } ; LOAD <http://127.0.0.1:1/x.ttl>"),
    ("update", "INSERT DATA { <http://e/a> <http://e/b> \"\\u0022 } ; LOAD <http://127.0.0.1:1/x.ttl> ; \\u0022\" }"),
    ("update", "WITH <g> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } USING <u> USING NAMED <n> WHERE { ?s ?p ?o }"),
    ("update", "DELETE WHERE { ?s ?p ?o } ; CLEAR ALL ; DROP SILENT NAMED ; CREATE GRAPH <c> ; ADD DEFAULT TO <c> ;"),
    ("update", "MOVE GRAPH <a> TO DEFAULT ; COPY <a> TO <b>"),
    ("update", ""),
    ("update", "INSERT DATA { <http://e/a> <http://e/p> 1 } ;; "),
]


@pytest.mark.parametrize(("kind", "text"), TRICKY)
def test_tricky_texts_are_read_as_oxigraph_reads_them(kind: str, text: str) -> None:
    assert we_read(text, kind) == oxigraph_reads(text, kind)


# Pieces of SPARQL: terms, paths, expressions, group patterns, glued by whitespace or comments.
gaps = st.sampled_from([" ", "\n", "\t", " # a comment with } and SERVICE\n", "\r\n"])
iris = st.sampled_from(["<http://e/a#b>", "ex:a\\#b", "ex:a\\.b", "ex:a%41", "ex:", ":x", "ex:a.b",
                        "\\u003Chttp://e/u\\u003E", "<rel>", "ex:1-x"])
literals = st.sampled_from(['"s # } \\" {"', "'x'@en-GB", '"""long\n} # string\n"""', "'''a''b'''",
                            '"1"^^xsd:integer', "12", "-1.5", "+3e2", "true", "FALSE", '"中文"'])
variables = st.sampled_from(["?s", "?o", "$s", "?o2"])
paths = st.sampled_from(["ex:p", "a", "ex:p?", "ex:p*", "^ex:p", "ex:p/ex:q", "(ex:p|ex:q)+", "!(ex:p|^ex:q)",
                         "?p"])
expressions = st.sampled_from(["?o + 1", "?o+1", "STRLEN(STR(?s)) * 2 > 3", 'CONTAINS(STR(?o), "#}")',
                               "!BOUND(?o)", "?o IN (1, 2)", "?o NOT IN ()", "COALESCE(?o, 1)", "-?o",
                               'REGEX(STR(?s), "^a", "i")', "?o < 1 || ?o >= 2 && ?s != ?o",
                               "EXISTS { ?s ?p ?o }", "isIRI(?s)"])


@st.composite
def triple(draw: st.DrawFn) -> str:
    subject = draw(st.one_of(variables, iris, st.just("[ ex:p ?o ]")))
    objects = draw(st.lists(st.one_of(variables, iris, literals, st.just("[]"), st.just("( 1 ?o )")),
                            min_size=1, max_size=3))
    return f"{subject} {draw(paths)} {' , '.join(objects)}"


fresh = iter(range(10**9))


@st.composite
def group(draw: st.DrawFn, depth: int = 0) -> str:
    """The inside of a group graph pattern."""
    parts = [draw(triple()) + " ."]
    for _ in range(draw(st.integers(0, 2 if depth < 2 else 0))):
        inner = draw(group(depth + 1))
        form = draw(st.sampled_from(["OPTIONAL {{ {} }}", "MINUS {{ {} }}", "{{ {} }} UNION {{ {} }}",
                                     "GRAPH ?g {{ {} }}", "FILTER NOT EXISTS {{ {} }}",
                                     "{{ SELECT ?s WHERE {{ {} }} LIMIT 2 }}",
                                     "SERVICE SILENT <" + NOWHERE + "/s> {{ {} }}"]))
        parts.append(form.format(inner, inner))
    parts.append(draw(st.sampled_from(["", f"FILTER({draw(expressions)})",
                                       f"BIND({draw(expressions)} AS ?b{next(fresh)})",
                                       f"VALUES ?o {{ {draw(literals)} UNDEF }}"])))
    return draw(gaps).join(parts)


PROLOGUE = "PREFIX ex: <http://e/> PREFIX : <http://d/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"


@st.composite
def generated(draw: st.DrawFn) -> tuple[str, str]:
    kind = draw(st.sampled_from(["select", "aggregate", "ask", "construct", "modify", "data"]))
    body = draw(group())
    head = {"select": "SELECT * WHERE", "ask": "ASK", "construct": "CONSTRUCT { ?s ex:p ?o } WHERE",
            "aggregate": "SELECT ?s (COUNT(DISTINCT ?o) AS ?n) (SAMPLE(?o) AS ?m) WHERE",
            "modify": "DELETE { ?s ex:p ?o } INSERT { ?s ex:q 1 } WHERE",
            "data": "INSERT DATA"}[kind]
    if kind == "data":
        body = " . ".join(f"<http://e/s> ex:p {draw(literals)}" for _ in range(draw(st.integers(1, 3))))
    tail = {"aggregate": " GROUP BY ?s HAVING(COUNT(?o) > 1) ORDER BY DESC(?n) LIMIT 10 OFFSET 1"}.get(kind, "")
    keyword = draw(st.sampled_from([head, "\\u0053" + head[1:], head.lower()]))
    text = f"{PROLOGUE}{keyword} {{{draw(gaps)}{body}{draw(gaps)}}}{tail}"
    return ("update" if kind in ("modify", "data") else "query"), text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(piece=generated(), cut=st.one_of(st.none(), st.floats(0, 1)))
def test_generated_texts_are_read_as_oxigraph_reads_them(piece: tuple[str, str], cut: float | None) -> None:
    kind, text = piece
    if cut is not None:  # one character cut out: mostly broken texts, which both must refuse
        at = int(cut * (len(text) - 1))
        text = text[:at] + text[at + 1:]
    ours = we_read(text, kind)
    assert ours == oxigraph_reads(text, kind), text
    if ours and "SERVICE SILENT" in text:
        with pytest.raises(Forbidden):
            (check_query(text, allow_service=False) if kind == "query"
             else check_update(text, allow_service=False, allow_load=False))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=service_query(NOWHERE), update=load_update(NOWHERE))
def test_every_disguised_service_or_load_is_read_and_found(query: str, update: str) -> None:
    # test_attacks' disguises; one Oxigraph cannot read (a `\\u`-escaped keyword) must be refused as unreadable
    for kind, text in (("query", query), ("update", update)):
        with pytest.raises(Forbidden if oxigraph_reads(text, kind) else BadInput):
            (check_query(text, allow_service=False) if kind == "query"
             else check_update(text, allow_service=False, allow_load=False))


def test_the_name_start_class_is_the_specs() -> None:
    # PN_CHARS_BASE [164] as the spec writes it, against the complement the grammar uses (it compiles faster)
    spec = re.compile("[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
                      "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF]")
    line = next(line for line in (ROOT / "api" / "sparql11.lark").read_text(encoding="utf-8").splitlines()
                if line.startswith("PN_CHARS_BASE:"))
    ours = re.compile(line.split("/")[1])
    assert all(bool(spec.match(chr(c))) == bool(ours.match(chr(c))) for c in range(0x110000))


@pytest.mark.parametrize("tag", ["en", "zh-Hans-CN", "en-GB-oed", "x-private", "de-CH-1901", "e-GB", "en-x", "abcdefghi",
                                 "zh-yue-abc-def-ghi", "en-GB-GB"])
def test_a_language_tag_is_read_as_oxigraph_reads_it(tag: str) -> None:
    # the grammar's LANGTAG takes any letters-and-hyphens; Oxigraph takes only BCP 47 tags, and so must we
    for kind, text in (("query", f'SELECT * WHERE {{ ?s ?p "x"@{tag} }}'),
                       ("update", f'INSERT DATA {{ <http://e/s> <http://e/p> "x"@{tag} }}')):
        assert we_read(text, kind) == oxigraph_reads(text, kind), text
