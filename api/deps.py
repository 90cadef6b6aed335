"""The one dependency routes need: the served store (`StoreService`) and its settings."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.service import StoreService


def get_service(request: Request) -> StoreService:
    return request.app.state.service


Service = Annotated[StoreService, Depends(get_service)]
