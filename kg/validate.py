"""Validation: does a graph satisfy `ontology/shapes.ttl`? (`kg validate`)

pySHACL runs the shapes with the ontology as its `ont_graph`, so class targets
reach subclasses (a `zw:Meeting` is checked as a `zw:Event`). Named graphs are
merged first: every article graph is self-contained, so the shapes hold on the
union as on each graph. Parsing goes through pyoxigraph (fast and strict);
rdflib only holds what pySHACL is handed.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import rdflib
from pyoxigraph import Literal, NamedNode, RdfFormat, Store, serialize
from rdflib.namespace import SH

from kg.errors import BadInput
from kg.formats import RDF_FORMATS, written
from kg.iri import PREFIXES, XSD
from kg.rdf import ONTOLOGY_DIR
from kg.store_api import solutions

SHAPES = ONTOLOGY_DIR / "shapes.ttl"
ONTOLOGY = ONTOLOGY_DIR / "zhengwu.ttl"
_SEVERITY = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result, printable on one line: `<focus> path: message (value)`."""

    focus: str
    path: str
    message: str
    value: str = ""
    severity: str = "violation"
    shape: str = ""

    def __str__(self) -> str:
        where = f"{self.focus} {self.path}" if self.path else self.focus
        shown = f" (value: {self.value})" if self.value and self.value not in self.message else ""
        tag = "" if self.severity == "violation" else f"[{self.severity}] "
        return f"{tag}{where}: {self.message}{shown}"


def _short(term: object) -> str:
    """A term (rdflib or pyoxigraph) as a reader wants it: prefixed names for our vocabularies, else `<iri>`.

    >>> _short(NamedNode("https://w3id.org/zhengwu/ontology#attended"))
    'zw:attended'
    >>> _short(rdflib.URIRef("https://w3id.org/zhengwu/id/person/无锡/杜小刚"))
    '<https://w3id.org/zhengwu/id/person/无锡/杜小刚>'
    >>> _short(Literal("2024-04-09")), _short(rdflib.Literal("2024-04-09", datatype=rdflib.XSD.date))
    ('"2024-04-09"', '"2024-04-09"^^xsd:date')
    """
    if term is None:
        return ""
    if isinstance(term, rdflib.URIRef | NamedNode):
        iri = str(term) if isinstance(term, rdflib.URIRef) else term.value
        for prefix, namespace in PREFIXES.items():
            if iri.startswith(namespace) and iri != namespace:
                return f"{prefix}:{iri[len(namespace):]}"
        return f"<{iri}>"
    if isinstance(term, rdflib.Literal):
        return f'"{term}"' + (f"^^{_short(term.datatype)}" if term.datatype else "")
    if isinstance(term, Literal):
        plain = term.datatype.value == XSD + "string"
        return f'"{term.value}"' + ("" if plain else f"^^{_short(term.datatype)}")
    return "[]"  # a blank node (pySHACL's paths of sequence or alternative shapes)


@functools.cache
def shapes_graph() -> rdflib.Graph:
    """`ontology/shapes.ttl`, parsed once."""
    return rdflib.Graph().parse(data=SHAPES.read_text(encoding="utf-8"), format="turtle")


@functools.cache
def ontology_graph() -> rdflib.Graph:
    """`ontology/zhengwu.ttl`, parsed once."""
    return rdflib.Graph().parse(data=ONTOLOGY.read_text(encoding="utf-8"), format="turtle")


@functools.cache
def _core_shapes() -> rdflib.Graph:
    """The shapes without their SPARQL constraints, which `_sparql_constraints` runs instead."""
    core = rdflib.Graph()
    for triple in shapes_graph():
        if triple[1] != SH.sparql:
            core.add(triple)
    return core


@dataclass(frozen=True)
class _SparqlConstraint:
    shape: str
    query: str  # a SELECT over the whole graph: one row per result, ?this the focus node
    message: str


def _target_pattern(shape: rdflib.term.Node) -> str:
    """The focus nodes of `shape` as a graph pattern binding ?this (targets are IRIs in our shapes)."""
    shapes, subclasses = shapes_graph(), ontology_graph()
    patterns = []
    for cls in shapes.objects(shape, SH.targetClass):
        classes = {cls, *subclasses.transitive_subjects(rdflib.RDFS.subClassOf, cls)}
        values = " ".join(f"<{c}>" for c in sorted(str(c) for c in classes))
        patterns.append(f"{{ ?this a ?class VALUES ?class {{ {values} }} }}")
    for prop in shapes.objects(shape, SH.targetSubjectsOf):
        patterns.append(f"{{ ?this <{prop}> [] }}")
    for prop in shapes.objects(shape, SH.targetObjectsOf):
        patterns.append(f"{{ [] <{prop}> ?this }}")
    for node in shapes.objects(shape, SH.targetNode):
        patterns.append(f"{{ VALUES ?this {{ {node.n3()} }} }}")
    return " UNION ".join(patterns) or "FILTER(false)"


@functools.cache
def _sparql_constraints() -> tuple[_SparqlConstraint, ...]:
    """The shapes' SHACL-SPARQL constraints, each as one query over the whole graph.

    pySHACL parses a constraint's query again for every focus node (~70 ms
    each, so hours on a real store); joining the query with the shape's
    targets gives the same results in one pass of Oxigraph. For our queries,
    where `$this` is bound by a triple pattern, the join equals SHACL's
    pre-binding (a test checks both agree).
    """
    shapes = shapes_graph()
    out = []
    for shape, constraint in shapes.subject_objects(SH.sparql):
        prefixes = []
        for declared in shapes.objects(constraint, SH.prefixes):
            for decl in shapes.objects(declared, SH.declare):
                prefixes.append(f"PREFIX {shapes.value(decl, SH.prefix)}: <{shapes.value(decl, SH.namespace)}>")
        select = str(shapes.value(constraint, SH.select)).replace("$this", "?this")
        query = "\n".join(prefixes) + (f"\nSELECT * WHERE {{\n  {{ SELECT DISTINCT ?this WHERE {{ {_target_pattern(shape)} }} }}"
                                        f"\n  {{ {select} }}\n}}")
        out.append(_SparqlConstraint(_short(shape), query, str(shapes.value(constraint, SH.message) or "")))
    return tuple(out)


def _sparql_violations(store: Store) -> set[Violation]:
    found = set()
    for constraint in _sparql_constraints():
        rows = solutions(store.query(constraint.query, use_default_graph_as_union=True))
        names = [v.value for v in rows.variables]
        for row in rows:
            bound = {name: row[name] for name in names if row[name] is not None}
            message = constraint.message.replace("{$this}", _short(bound.get("this")))
            for name, term in bound.items():
                message = message.replace(f"{{?{name}}}", term.value if isinstance(term, Literal) else _short(term))
            found.add(Violation(focus=_short(bound.get("this")), path="", message=message,
                                value=_short(bound.get("value")), shape=constraint.shape))
    return found


def _load(data: bytes | Path | str | Store, fmt: str) -> Store:
    """`data` as a pyoxigraph store whose default graph (queried as the union) holds every triple."""
    if isinstance(data, Store):
        return data
    path = None
    if isinstance(data, str | Path):
        path = str(data)
        rdf_format = RdfFormat.from_extension(Path(data).suffix.lstrip(".").lower()) or RDF_FORMATS.get(fmt)
        try:
            data = Path(data).read_bytes()
        except OSError as exc:
            raise BadInput(exc.strerror or str(exc), path=path) from None
    else:
        rdf_format = RDF_FORMATS.get(fmt)
    if rdf_format is None:
        raise BadInput(f"unknown RDF format {fmt!r}; choose one of {', '.join(RDF_FORMATS)}", path=path)
    store = Store()
    try:
        store.bulk_load(data, format=rdf_format)
    except SyntaxError as exc:
        raise BadInput(f"not valid {rdf_format.name}: {exc}", path=path or "<data>") from None
    return store


def validate(data: bytes | Path | str | Store, *, fmt: str = "nquads", inference: str = "none") -> list[Violation]:
    """The SHACL violations of `data` against `ontology/shapes.ttl`, sorted; `[]` when it conforms.

    `data` is serialized RDF (bytes in `fmt`), a file (`Path` or path string;
    its extension gives the format, else `fmt`) or a pyoxigraph `Store` (all
    its graphs, merged). `inference` is pySHACL's (`none`, `rdfs`, …): the data
    asserts what queries need, so none is required. Malformed RDF raises
    `BadInput`.
    """
    import pyshacl  # imported late: heavy, and only `kg validate` and the tests need it

    store = _load(data, fmt)
    found = _sparql_violations(store)
    graph = rdflib.Graph()
    merged = written(serialize(dict.fromkeys(q.triple for q in store), format=RdfFormat.N_TRIPLES))
    if merged.strip():
        graph.parse(data=merged, format="nt")
    conforms, results, _ = pyshacl.validate(
        graph, shacl_graph=_core_shapes(), ont_graph=ontology_graph(), inference=inference,
        allow_warnings=True, allow_infos=True, inplace=True)  # `graph` is ours to throw away: no clone
    if not conforms and not isinstance(results, rdflib.Graph):  # pySHACL refused the shapes: our bug
        raise RuntimeError(f"{SHAPES}: {results}")
    for result in ([] if conforms else results.subjects(rdflib.RDF.type, SH.ValidationResult)):
        message = results.value(result, SH.resultMessage)
        found.add(Violation(
            focus=_short(results.value(result, SH.focusNode)),
            path=_short(results.value(result, SH.resultPath)),
            message=str(message) if message is not None else "does not conform",
            value=_short(results.value(result, SH.value)),
            severity=_SEVERITY.get(results.value(result, SH.resultSeverity), "violation"),
            shape=_short(results.value(result, SH.sourceShape)),
        ))
    return sorted(found)
