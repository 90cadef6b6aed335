"""One router per resource; `ROUTERS` is the order they are mounted in."""

from api.routers import (
           articles,
           events,
           graph,
           linked_data,
           ontology,
           pages,
           persons,
           policies,
           search,
           sparql,
           stats,
           store,
)

ROUTERS = [pages.router, sparql.router, store.router, persons.router, events.router, policies.router, articles.router,
           search.router, stats.router, graph.router, linked_data.router, ontology.router]
