"""The SPARQL 1.1 Protocol: queries and updates at /sparql, updates also at /sparql/update."""

from __future__ import annotations

from dataclasses import replace

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pyoxigraph import NamedNode, RdfFormat, parse

from api import execution
from api.deps import Service
from api.errors import MethodNotAllowed, UnsupportedMediaType
from api.execution import Answer
from api.negotiation import NO_BODY, bodies, choose
from api.protocol import (
    FORM,
    Params,
    check_write_access,
    media_type,
    parse_params,
    query_string_params,
    text_body,
)
from api.schemas import ErrorBody
from api.service import StoreService
from kg.errors import BadInput
from kg.formats import RDF_MEDIA_TYPES, RESULT_MEDIA_TYPES, rdf_bytes

router = APIRouter(tags=["SPARQL 1.1 Protocol"])
# SELECT and ASK answer in a results format, CONSTRUCT and DESCRIBE (and the service description) in RDF
_ANSWERS = bodies("the query's results, in the format Accept asks for", RESULT_MEDIA_TYPES, RDF_MEDIA_TYPES)

QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"

_DESCRIPTION = """
@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix fmt: <http://www.w3.org/ns/formats/> .
<{endpoint}> a sd:Service ;
  sd:endpoint <{endpoint}> ;
  sd:supportedLanguage sd:SPARQL11Query{update} ;
  sd:feature sd:UnionDefaultGraph, sd:BasicFederatedQuery ;
  sd:resultFormat fmt:SPARQL_Results_JSON, fmt:SPARQL_Results_XML, fmt:SPARQL_Results_CSV,
    fmt:SPARQL_Results_TSV, fmt:Turtle, fmt:N-Triples, fmt:N-Quads, fmt:RDF_XML, fmt:JSON-LD ;
  sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] .
"""


def _response(answer: Answer, row_limit: int) -> Response:
    headers = {"Vary": "Accept"}
    if answer.truncated:
        headers |= {"X-Results-Truncated": "true", "X-Row-Limit": str(row_limit)}
    return Response(answer.body, media_type=answer.media_type, headers=headers)


def _base(request: Request) -> str | None:
    """The base the service chooses for relative IRIs in queries and updates: the URL this request reached,
    without its query string (what the W3C protocol tests expect). None if the Host header makes that no IRI."""
    try:
        return NamedNode(str(request.url.replace(query=""))).value
    except ValueError:
        return None


def _description(request: Request, service: StoreService) -> Response:
    endpoint = str(request.url.replace(query=""))
    update = ", sd:SPARQL11Update" if service.settings.update_token else ""
    if not service.settings.allow_service:
        turtle = _DESCRIPTION.replace(", sd:BasicFederatedQuery", "")
    else:
        turtle = _DESCRIPTION
    media = choose(request.headers.get("accept"), RDF_MEDIA_TYPES, "text/turtle")
    triples = parse(turtle.format(endpoint=endpoint, update=update).encode(), RdfFormat.TURTLE)
    return Response(rdf_bytes(triples, RDF_MEDIA_TYPES[media]), media_type=media)


async def answer_query(request: Request, service: StoreService, params: Params, query: str) -> Response:
    settings = service.settings
    dataset = replace(params.dataset(), base=_base(request))
    if params.one("union-default-graph") == "false":
        dataset = replace(dataset, union=False)
    answer = await service.query(execution.run_query, query, dataset, request.headers.get("accept"),
                                 settings.row_limit, settings.allow_service)
    return _response(answer, settings.row_limit)


async def _update(request: Request, service: StoreService, params: Params, update: str) -> Response:
    settings = service.settings
    check_write_access(request, settings)
    using = (params.graphs("using-graph-uri"), params.graphs("using-named-graph-uri"))
    await service.write(execution.run_update, update, using, settings.allow_service, settings.allow_load,
                        _base(request))
    return Response(status_code=204)


def posted_query(media: str, charset: str | None, params: Params, body: bytes) -> tuple[Params, str] | None:
    """The one query a POST to /sparql carries, with its parameters (the query string's and the form's);
    None when it is anything else (an update, a query beside an update, no query): `_post` answers those."""
    if media == FORM:
        params = Params(params.pairs + parse_params(body, "form"))
        if params.all("update"):
            return None
        query = params.one("query")
        return None if query is None else (params, query)
    if media == QUERY and not params.all("query") and not params.all("update"):
        return params, text_body(body, charset)
    return None


def got_query(params: Params) -> str | None:
    """The query of a GET /sparql; None for a bare GET (the service description) or an update (refused)."""
    return None if params.all("update") else params.one("query")


async def _post(request: Request, service: StoreService, *, updates_only: bool) -> Response:
    media, charset = media_type(request)
    params = query_string_params(request)
    body = await request.body()
    if not updates_only and (found := posted_query(media, charset, params, body)) is not None:
        return await answer_query(request, service, *found)
    if media == FORM:
        params = Params(params.pairs + parse_params(body, "form"))
        query, update = params.one("query"), params.one("update")
        if query is not None and update is not None:
            raise BadInput("give either a query or an update, not both")
        if update is not None:
            return await _update(request, service, params, update)
        raise BadInput(f"the form has no {'update' if updates_only else 'query or update'} parameter")
    if media == QUERY and not updates_only:  # with query or update parameters besides (posted_query took the rest)
        raise BadInput("a query in the body cannot also have query or update parameters")
    if media == UPDATE:
        return await _update(request, service, params, text_body(body, charset))
    accepted = f"{FORM} or {UPDATE}" if updates_only else f"{FORM}, {QUERY} or {UPDATE}"
    raise UnsupportedMediaType(f"POST needs a body of type {accepted}, not {media or 'none'}")


@router.get("/sparql", response_class=Response, responses=_ANSWERS, summary="SPARQL query by GET (a bare GET gives the service description)")
async def sparql_get(request: Request, service: Service) -> Response:
    params = query_string_params(request)
    query = got_query(params)
    if query is not None:
        return await answer_query(request, service, params, query)
    if params.all("update"):
        raise MethodNotAllowed("a SPARQL Update must be sent by POST")
    return _description(request, service)


@router.post("/sparql", response_class=Response, responses={**_ANSWERS, **NO_BODY}, summary="SPARQL query or update by POST (form, sparql-query or sparql-update body)")
async def sparql_post(request: Request, service: Service) -> Response:
    return await _post(request, service, updates_only=False)


@router.get("/sparql/update", status_code=405, response_model=ErrorBody,
            response_description="updates are sent by POST", summary="not allowed: updates are sent by POST")
async def update_get() -> Response:
    raise MethodNotAllowed("a SPARQL Update must be sent by POST")


@router.post("/sparql/update", status_code=204, response_class=Response, summary="SPARQL 1.1 Update (needs Authorization: Bearer TOKEN)")
async def update_post(request: Request, service: Service) -> Response:
    return await _post(request, service, updates_only=True)
