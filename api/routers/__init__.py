"""One router per resource; `ROUTERS` is the order they are mounted in."""

from api.routers import sparql, store

ROUTERS = [sparql.router, store.router]
