"""Opening a store: the one place that picks the implementation for a location and wires its listener.

An http(s) URL opens a standalone SPARQL 1.1 server (`kg.remote_store.RemoteStore`); anything else
the embedded Oxigraph store (`kg.store.GraphStore`) of that folder, or an in-memory one for
`":memory:"`, with the folder's precomputed views (`kg.views`) listening to its writes. Both are a
`kg.store_api.KnowledgeStore`.
"""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import RdfFormat

from kg.store import open_embedded
from kg.store_api import KnowledgeStore
from kg.views import open_views


def is_remote(location: str | Path) -> bool:
    return str(location).startswith(("http://", "https://"))


def open_store(location: str | Path, *, read_only: bool = False) -> KnowledgeStore:
    """Open (creating if needed) the store at `location`: a folder, `":memory:"`, or a SPARQL server's URL."""
    location = str(location)
    if is_remote(location):
        from kg.remote_store import RemoteStore  # here: httpx takes ~40 ms to import, on every start of `kg`

        return RemoteStore(location)
    return open_embedded(location, read_only=read_only, listener=open_views(location, read_only=read_only))


def in_memory_copy(source: KnowledgeStore) -> KnowledgeStore:
    """An in-memory embedded store holding `source`'s quads: a remote store's graphs, read page by page,
    so that whole-graph reads (exports) run here instead of against a server's result cap."""
    copy = open_embedded(":memory:")
    copy.store.load(source.dump(None, RdfFormat.N_QUADS), RdfFormat.N_QUADS)
    return copy
