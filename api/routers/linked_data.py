"""Linked Data: every IRI under the configured base dereferences at /id/… (HTML, Turtle, JSON-LD, …)."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pyoxigraph import NamedNode

from api import describe, html
from api.deps import Service
from api.explorer import entity_kind, language, shell
from api.negotiation import HTML_PAGE, bodies, choose
from api.rest import located
from kg.errors import BadInput
from kg.formats import RDF_FORMATS, RDF_MEDIA_TYPES, media_type
from kg.records import graph

router = APIRouter(tags=["Linked Data"])
HTML_OFFERS = {"text/html": None, "application/xhtml+xml": None, **RDF_MEDIA_TYPES}
# `?format=`: the command line's names of the RDF formats (kg.formats), and html
FORMAT_PARAMETER = {**{name: media_type(fmt) for name, fmt in RDF_FORMATS.items()}, "html": "text/html"}


def accepted(request: Request) -> str:
    """The media type to answer with: `?format=` (for links in a browser) wins over `Accept`."""
    fmt = request.query_params.get("format")
    if fmt is not None:
        if fmt not in FORMAT_PARAMETER:
            raise BadInput(f"format must be one of {', '.join(FORMAT_PARAMETER)}")
        return FORMAT_PARAMETER[fmt]
    return choose(request.headers.get("accept"), HTML_OFFERS, "text/turtle")


def iri_of(base: str, path: str) -> str:
    try:
        return NamedNode(base + path).value
    except ValueError:
        raise BadInput(f"/id/{path} is not a valid IRI path") from None


@router.head("/id/{path:path}", operation_id="head_resource", response_class=Response,
             responses={200: {"description": "the headers a GET would send; no body"}},
             summary="the headers of an IRI's description")
@router.get("/id/{path:path}", response_class=Response,
            responses=bodies("the statements about the IRI: an HTML page or RDF, by Accept", HTML_PAGE, RDF_MEDIA_TYPES),
            summary="dereference an IRI of the graph: HTML for browsers, RDF by Accept")
async def resource(request: Request, service: Service, path: str) -> Response:
    settings = service.settings
    iri, media = iri_of(settings.base, path), accepted(request)
    found = await located(request, service, "", path, "/id/{}")
    if isinstance(found, RedirectResponse):  # an old key (owl:sameAs onward), a label naming one node, …
        return found
    if media not in ("text/html", "application/xhtml+xml"):
        answer = await service.read(describe.describe, iri, media, settings.row_limit)
        return Response(answer.body, media_type=answer.media_type, headers={"Vary": "Accept"})
    kind = entity_kind(path)
    if kind:  # the explorer's page: its script reads the REST record of this IRI (a 404 if there is none)
        await service.read(graph.statements, iri, 1)
        title = path.rsplit("/", 1)[-1]
        return HTMLResponse(shell(kind, title, language(request.headers.get("accept-language")), iri=iri,
                                  head='<script src="/static/vendor/cytoscape/cytoscape.min.js"></script>'
                                  if kind == "person" else ""), headers={"Vary": "Accept, Accept-Language"})
    rows = await service.read(graph.statements, iri, min(settings.row_limit, 2000))
    out = [(html.link(str(r["property"]), None, settings.base),
            html.link(str(r["value"]), r.get("valueLabel"), settings.base) if "valueLabel" in r
            or str(r["value"]).startswith(("http://", "https://")) else html.text(str(r["value"])))
           for r in rows if r["direction"] == "out"]
    incoming = [(html.link(str(r["value"]), r.get("valueLabel"), settings.base),
                 html.link(str(r["property"]), None, settings.base)) for r in rows if r["direction"] == "in"]
    title = next((str(r["value"]) for r in rows if str(r["property"]).endswith("#label")), iri)
    body = html.table(out, ("property", "value")) + "<h2>links here</h2>" + html.table(incoming, ("from", "property"))
    here = "/id/" + quote(path)
    alternates = {"Turtle": f"{here}?format=turtle", "JSON-LD": f"{here}?format=jsonld"}
    return HTMLResponse(html.page(title, iri, body, alternates), headers={"Vary": "Accept"})
