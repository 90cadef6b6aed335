"""The one dependency routes need: the served store (`StoreService`) and its settings."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.service import StoreService


async def get_service(request: Request) -> StoreService:
    """`async`, so FastAPI calls it on the event loop: a plain `def` dependency is run in a worker thread,
    a thread hand-off on every request (docs/performance.md: what a /sparql request costs)."""
    return request.app.state.service


Service = Annotated[StoreService, Depends(get_service)]
