"""The SPARQL 1.1 Protocol as every server answers it: the HTTP half of `kg.remote_store`.

Queries go as GET when short and as a form-encoded POST otherwise, the two
forms every server accepts (Virtuoso 7.2 never answers a query POSTed as a raw
`application/sparql-query` body). Updates are POSTed as they are
(`application/sparql-update`), which Virtuoso takes: UTF-8 text stays a third
of the size it has percent-encoded in a form (Chinese IRIs and labels).

Which URL answers what is read from the parsed URL's last path segment:
`…/sparql` and Virtuoso's Digest-protected `…/sparql-auth` take queries and
updates alike; `…/query` has its update endpoint beside it at `…/update`
(Oxigraph, Fuseki). Any other URL is asked `ASK {}` itself, then `<url>/query`,
then `<url>/sparql`.

Authentication is what the servers use: with `KG_STORE_USER`/`KG_STORE_PASSWORD`
every request is sent with Basic credentials, and once a server answers 401
with a Digest challenge (Virtuoso's `/sparql-auth`) with Digest from then on.
Without them, updates carry `Authorization: Bearer $KG_UPDATE_TOKEN` (our own
`kg serve`).
"""

from __future__ import annotations

import base64
from collections.abc import Generator, Mapping, Sequence

import httpx

from kg.errors import QueryError, StoreError

ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, "
          "application/n-triples, text/turtle;q=0.9")
MAX_GET_BYTES = 2_000  # a longer query URL is POSTed instead (servers and proxies cut URLs at 2–8 kB)
_RESULTS_MEDIA = ("application/sparql-results+json", "application/sparql-results+xml")


class BasicThenDigest(httpx.Auth):
    """Basic credentials on every request, until a server asks for Digest: then Digest only.

    A refused Basic request is sent once more without credentials to read the server's challenge,
    since Virtuoso answers Basic credentials with a 401 that carries none.
    """

    def __init__(self, user: str, password: str) -> None:
        token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        self.basic_header, self.digest = f"Basic {token}", httpx.DigestAuth(user, password)
        self.use_digest = False

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if not self.use_digest:
            request.headers["Authorization"] = self.basic_header
            response = yield request
            if response.status_code != 401:
                return
            del request.headers["Authorization"]
            if not _asks_for_digest(response):  # Virtuoso answers Basic with a bare 401: ask without credentials
                response = yield request
                if response.status_code != 401 or not _asks_for_digest(response):
                    return
            self.use_digest = True
        yield from self.digest.auth_flow(request)


def _asks_for_digest(response: httpx.Response) -> bool:
    """The 401 carries a Digest challenge (the scheme is the challenge's first token)."""
    challenges = response.headers.get_list("www-authenticate")
    return any(c.strip().split(" ", 1)[0].lower() == "digest" for c in challenges)


class SparqlHttp:
    """One server's query and update endpoints, with its credentials and time-out."""

    def __init__(self, url: str, *, user: str | None, password: str | None, token: str | None,
                 timeout: float) -> None:
        self.location, self.timeout, self.user = url, timeout, user
        auth = BasicThenDigest(user, password or "") if user else None
        self.client = httpx.Client(headers={"User-Agent": "zhengwu-kg"}, timeout=timeout, auth=auth)
        self._update_headers = {"Authorization": f"Bearer {token}"} if token and not user else {}
        self.query_url, self.update_url = self._endpoints(url.rstrip("/"))

    def _endpoints(self, url: str) -> tuple[str, str]:
        segment = httpx.URL(url).path.rstrip("/").rsplit("/", 1)[-1]
        if segment in ("sparql", "sparql-auth"):
            return url, url
        if segment == "query":
            return url, url[: -len("query")] + "update"
        for candidate in (url, url + "/query"):
            probe = self._send("GET", candidate, params={"query": "ASK {}"}, headers={"Accept": ACCEPT},
                               check=False)
            if probe.is_success and probe.headers.get("content-type", "").startswith(_RESULTS_MEDIA):
                return candidate, candidate[: -len("query")] + "update" if candidate != url else url
        return url + "/sparql", url + "/sparql"

    def close(self) -> None:
        self.client.close()

    # --- requests ------------------------------------------------------------------
    def query(self, sparql: str, params: Sequence[tuple[str, str]]) -> httpx.Response:
        """Run a query (with protocol `params`, which may repeat): GET when its URL stays short, else a
        form-encoded POST."""
        fields = (*params, ("query", sparql))
        if len(str(httpx.QueryParams(fields))) <= MAX_GET_BYTES:
            return self._send("GET", self.query_url, params=fields, headers={"Accept": ACCEPT})
        form: dict[str, list[str]] = {}
        for name, value in fields:
            form.setdefault(name, []).append(value)
        return self._send("POST", self.query_url, data=form, headers={"Accept": ACCEPT})

    def update(self, sparql: str) -> httpx.Response:
        """Run an update (one request, one transaction where the server has them), POSTed as it is."""
        headers = {"Content-Type": "application/sparql-update; charset=utf-8", **self._update_headers}
        return self._send("POST", self.update_url, content=sparql.encode(), headers=headers)

    def _send(self, method: str, url: str, *, headers: Mapping[str, str], check: bool = True,
              params: tuple[tuple[str, str], ...] | Mapping[str, str] | None = None,
              data: Mapping[str, list[str]] | None = None, content: bytes | None = None) -> httpx.Response:
        try:
            response = self.client.request(method, url, headers=headers, params=params, data=data, content=content)
        except httpx.ConnectTimeout as exc:
            raise StoreError(f"{self.location}: cannot reach the SPARQL server: {exc}") from exc
        except httpx.TimeoutException:
            raise StoreError(f"{self.location}: no answer within {self.timeout:g} s (the server took the request "
                             "but did not answer; KG_REMOTE_TIMEOUT sets the wait)") from None
        except httpx.HTTPError as exc:
            raise StoreError(f"{self.location}: cannot reach the SPARQL server: {exc}") from exc
        if check:
            self._check(response)
        return response

    def _check(self, response: httpx.Response) -> None:
        if response.is_success:
            return
        detail = " ".join(response.text.split())[:300]
        if response.status_code in (400, 422):
            raise QueryError(f"malformed query: {detail}")
        if response.status_code in (401, 403):
            if self.user:
                raise StoreError(f"{self.location}: the server refused user {self.user!r} (HTTP "
                                 f"{response.status_code}): wrong KG_STORE_PASSWORD, or the user may not do this")
            raise StoreError(f"{self.location}: the server refused the request (HTTP {response.status_code}): "
                             "set KG_STORE_USER and KG_STORE_PASSWORD (or KG_UPDATE_TOKEN for kg serve)")
        raise StoreError(f"{self.location}: HTTP {response.status_code}: {detail}")
