"""All configuration in one place: environment variables `KG_*` and CLI flags override the defaults."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_BASE = "https://w3id.org/zhengwu/id/"
# A newspaper page's text layer is ~10 kB (the seed pages: 8.6 and 11.6 kB), a whole issue of 24 such pages
# ~300 kB. A page file is one document, held whole while it is written (~190 MB of memory per MB of page text:
# docs/reliability.md), so a larger "page" is refused rather than read: 2 MB is seven large issues.
MAX_DOCUMENT_BYTES = 2_000_000


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KG_", extra="ignore")

    store: str = "data/store"  # a folder (embedded Oxigraph) or an http(s) URL (remote SPARQL 1.1 server)
    base: str = DEFAULT_BASE  # IRIs of extracted entities are minted under this
    host: str = "127.0.0.1"
    port: int = 8000
    update_token: str | None = None  # SPARQL Update and Graph Store writes need `Authorization: Bearer …`
    query_timeout: float = 30.0  # seconds before a query is cancelled
    ingest_batch_quads: int | None = None  # new documents are bulk-written this many quads at a time (default
    # kg.store.BATCH_QUADS; 0: one transaction each)
    query_workers: int | None = None  # read-only worker processes serving queries (default: 3 to 4, by cores;
    # one is kept for REST pages and known-cheap queries)
    row_limit: int = 10_000  # SELECT results are capped here (flagged in the response)
    max_body_bytes: int = 1_000_000  # larger request bodies and query strings get 413
    worker_memory_mb: int = 512  # memory a query/update worker may take beyond its own footprint (0: no cap);
    # past it, the query ends with a clear error and the worker is replaced
    isolate_workers: bool = True  # query/update workers run without network access (api.sandbox); a server
    # that allows SERVICE or LOAD on purpose needs this off too
    header_timeout: float = 10.0  # seconds a client may take to send a request's line and headers
    body_timeout: float = 30.0  # seconds a client may take to send a request's body
    allow_service: bool = False  # SERVICE makes the server fetch remote URLs: off unless configured
    allow_load: bool = False  # LOAD likewise
    max_document_bytes: int = MAX_DOCUMENT_BYTES  # a larger page or article file (a JSON Lines record) is refused
    link_names: bool = True  # link post-less names to officials other documents placed (kg.linking), recomputed
    # after each batch from the store; KG_LINK_NAMES=0 keeps every name as its own article keyed it
    cors_origins: str = "*"  # comma-separated; CORS is on for GET by default for browser SPARQL clients
    # A remote store (--store http://…, kg.remote_store):
    store_user: str | None = None  # sent with Basic, or Digest once the server asks for it (Virtuoso's /sparql-auth)
    store_password: str | None = None
    remote_timeout: float = 300.0  # seconds to wait for a server's answer
    remote_insert_triples: int = 500  # triples per INSERT DATA operation (a Virtuoso build refused 1,534 in one)
    remote_page_rows: int = 5_000  # quads per request when the project reads its graphs (below every result cap)
    remote_result_cap: int = 10_000  # a user's answer of exactly this many rows was probably cut (Virtuoso's
    # ResultSetMaxRows default; kg serve's row_limit); 0: no warning
