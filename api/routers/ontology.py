"""/ontology: the vocabulary (ontology/zhengwu.ttl) as Turtle, another RDF syntax, or an HTML page."""

from __future__ import annotations

from functools import cache

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pyoxigraph import RdfFormat, Store, parse

from api import html
from api.negotiation import HTML_PAGE, bodies
from api.routers.linked_data import accepted
from kg.errors import NotFound
from kg.formats import RDF_MEDIA_TYPES, rdf_bytes
from kg.rdf import ONTOLOGY_DIR
from kg.store_api import solutions

router = APIRouter(tags=["ontology"])
ONTOLOGY = ONTOLOGY_DIR / "zhengwu.ttl"  # package data (kg.ontology)
_TERMS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?term ?kind (SAMPLE(?l) AS ?label) (SAMPLE(?c) AS ?comment) WHERE {
  VALUES (?class ?kind) { (owl:Class "class") (owl:ObjectProperty "property") (owl:DatatypeProperty "property")
                          (owl:NamedIndividual "individual") }
  ?term a ?class . FILTER(STRSTARTS(STR(?term), "https://w3id.org/zhengwu/ontology#"))
  OPTIONAL { ?term rdfs:label ?l FILTER(LANG(?l) = "zh") }
  OPTIONAL { ?term rdfs:comment ?c }
} GROUP BY ?term ?kind ORDER BY ?kind ?term
"""


@cache
def _turtle() -> bytes:
    if not ONTOLOGY.is_file():
        raise NotFound("the ontology file ontology/zhengwu.ttl is missing")
    return ONTOLOGY.read_bytes()


@cache
def _html() -> str:
    store = Store()
    store.load(_turtle(), RdfFormat.TURTLE)
    rows = [(f"<code>{html.text(r['term'].value.split('#')[-1])}</code> {html.text(r['kind'].value)}",
             f"{html.text(r['label'].value) if r['label'] else ''}<br><span class='muted'>"
             f"{html.text(r['comment'].value) if r['comment'] else ''}</span>")
            for r in solutions(store.query(_TERMS))]
    return html.page("政务知识图谱本体 · zhengwu-kg ontology", "https://w3id.org/zhengwu/ontology#",
                     html.table(rows, ("term", "meaning")),
                     {"Turtle": "/ontology?format=turtle", "JSON-LD": "/ontology?format=jsonld"})


@router.head("/ontology", operation_id="head_ontology", response_class=Response,
             responses={200: {"description": "the headers a GET would send; no body"}}, summary="the ontology's headers")
@router.get("/ontology", response_class=Response,
            responses=bodies("the ontology: Turtle, another RDF syntax or HTML, by Accept", HTML_PAGE, RDF_MEDIA_TYPES),
            summary="the ontology: Turtle, JSON-LD, … or HTML")
async def ontology(request: Request) -> Response:
    media = accepted(request)
    if media in ("text/html", "application/xhtml+xml"):
        return HTMLResponse(_html(), headers={"Vary": "Accept"})
    if media == "text/turtle":
        return Response(_turtle(), media_type=media, headers={"Vary": "Accept"})
    fmt = RDF_MEDIA_TYPES[media]
    data = rdf_bytes(parse(_turtle(), RdfFormat.TURTLE), fmt)
    return Response(data, media_type=media, headers={"Vary": "Accept"})
