"""The SPARQL 1.1 Graph Store HTTP Protocol at /store (`?graph=IRI` or `?default`)."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pyoxigraph import NamedNode

from api import execution
from api.deps import Service
from api.errors import UnsupportedMediaType
from api.negotiation import bodies
from api.protocol import check_write_access, media_type, query_string_params
from api.service import StoreService
from kg.errors import BadInput
from kg.formats import RDF_MEDIA_TYPES

router = APIRouter(tags=["Graph Store Protocol"])


def _target(request: Request) -> str | None:
    """The graph a request names: an IRI, or None for the default graph."""
    params = query_string_params(request)
    graph, default = params.one("graph"), params.all("default")
    if (graph is None) == (not default):
        raise BadInput("name exactly one graph: ?graph=IRI or ?default")
    if graph is None:
        return None
    try:
        return NamedNode(graph).value
    except ValueError:
        raise BadInput(f"graph: {graph!r} is not an absolute IRI") from None


@router.head("/store", operation_id="head_graph_store", response_class=Response,
             responses={200: {"description": "the headers a GET would send; no body"}}, summary="a graph's headers")
@router.get("/store", response_class=Response, responses=bodies("the graph's triples", RDF_MEDIA_TYPES),
            summary="a graph's triples")
async def get_graph(request: Request, service: Service) -> Response:
    answer = await service.read(execution.graph_get, _target(request), request.headers.get("accept"))
    if request.method == "HEAD":
        return Response(status_code=200, media_type=answer.media_type,
                        headers={"Content-Length": str(len(answer.body))})
    return Response(answer.body, media_type=answer.media_type, headers={"Vary": "Accept"})


async def _write(request: Request, service: StoreService, job: Callable[..., bool]) -> Response:
    check_write_access(request, service.settings)
    graph = _target(request)
    media, _ = media_type(request)
    if media not in RDF_MEDIA_TYPES or RDF_MEDIA_TYPES[media].supports_datasets:
        offered = ", ".join(m for m, f in RDF_MEDIA_TYPES.items() if not f.supports_datasets)
        raise UnsupportedMediaType(f"the body must be one graph in an RDF syntax ({offered}), not {media or 'untyped'}")
    created = await service.write(job, graph, await request.body(), media)
    return Response(status_code=201 if created else 204)


@router.put("/store", status_code=204, response_class=Response,
            responses={201: {"description": "the graph was created; no body"}}, summary="replace a graph (201 created, 204 replaced; needs the update token)")
async def put_graph(request: Request, service: Service) -> Response:
    return await _write(request, service, execution.graph_put)


@router.post("/store", status_code=204, response_class=Response,
             responses={201: {"description": "the graph was created; no body"}}, summary="merge triples into a graph (needs the update token)")
async def post_graph(request: Request, service: Service) -> Response:
    return await _write(request, service, execution.graph_post)


@router.delete("/store", status_code=204, response_class=Response, summary="delete a graph (needs the update token)")
async def delete_graph(request: Request, service: Service) -> Response:
    check_write_access(request, service.settings)
    await service.write(execution.graph_delete, _target(request))
    return Response(status_code=204)
