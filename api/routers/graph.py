"""/graph: a neighbourhood of the graph for Cytoscape.js, Cytoscape, Gephi (JSON, GraphML, GEXF)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import Service
from api.negotiation import bodies
from api.rest import resolve
from kg.formats import DRAWN_FORMATS
from kg.records import graph

router = APIRouter(tags=["visualisation"])


@router.get("/graph", response_class=Response, responses=bodies("the drawing, in the format asked for", DRAWN_FORMATS),
            summary="persons, events, policies, organisations and places around focus, with role-labelled edges")
async def draw(service: Service,
               focus: Annotated[str | None, Query(max_length=2000, description="an IRI (or id) to centre on")] = None,
               depth: Annotated[int, Query(ge=1, le=3, description="links from the focus")] = 1,
               format: Annotated[Literal["cytoscape", "graphml", "gexf"], Query()] = "cytoscape") -> Response:
    iri = (await resolve(service, "", focus))[0] if focus else None
    data = await service.read(graph.drawing, format, iri, depth)
    return Response(data, media_type=DRAWN_FORMATS[format])
