"""Standalone SPARQL servers for the remote-store tests and bench, each on a free 127.0.0.1 port, stopped after.

- OpenLink Virtuoso (Debian package `virtuoso-opensource`, `.ci/run` installs it): its own database and
  `virtuoso.ini` in a fresh folder, so nothing depends on the package's system service. Anonymous
  `/sparql` reads; `/sparql-auth` writes as SQL user `USER` over HTTP Digest (`GRANT SPARQL_UPDATE`).
- `oxigraph serve` (the `oxigraph` wheel, a dev dependency), which has no authentication of its own,
  behind nginx (Debian package `nginx-light`) asking for HTTP Basic credentials, the usual way to protect it;
  reads may also go to it directly.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.servers import OXIGRAPH, free_port, oxigraph_serve, serving

VIRTUOSO, ISQL, NGINX = "virtuoso-t", "isql-vt", "nginx"
USER, PASSWORD = "kg", "kg-secret"  # the user the servers are given (throwaway, local databases)
RESULT_ROWS = 10_000  # Virtuoso's ResultSetMaxRows, as the package ships it

_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = {dir}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = {rows}
MaxQueryExecutionTime = 120
"""
# A SQL user for /sparql-auth (HTTP Digest checks SQL users), allowed SPARQL Update.
_VIRTUOSO_SETUP = f"DB.DBA.USER_CREATE ('{USER}', '{PASSWORD}');\nGRANT SPARQL_UPDATE TO \"{USER}\";\n"


@dataclass(frozen=True)
class Server:
    name: str
    url: str  # where the project writes (and reads)
    read_url: str  # anonymous reads (the same as `url` where the server has no authentication)
    user: str | None = None
    password: str | None = None


def installed(name: str) -> bool:
    needed = [VIRTUOSO, ISQL] if name == "virtuoso" else [OXIGRAPH, NGINX]
    return all(shutil.which(program) for program in needed)


@contextlib.contextmanager
def virtuoso(folder: Path) -> Iterator[Server]:
    """A fresh Virtuoso in `folder` (which must be empty); yields its endpoints and the Digest user."""
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(_VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port, rows=RESULT_ROWS))
    base = f"http://127.0.0.1:{http_port}"
    with serving([VIRTUOSO, "+foreground", "+configfile", str(ini)], f"{base}/sparql?query=ASK%7B%7D",
                 wait=120, log=folder / "stderr.log"):
        setup = folder / "setup.sql"
        setup.write_text(_VIRTUOSO_SETUP)
        done = subprocess.run([ISQL, f"127.0.0.1:{sql_port}", "dba", "dba", str(setup)],
                              capture_output=True, text=True, timeout=60)
        if done.returncode != 0 or "Error" in done.stdout + done.stderr:
            raise RuntimeError(f"virtuoso setup failed: {done.stdout[-300:]} {done.stderr[-300:]}")
        yield Server("virtuoso", f"{base}/sparql-auth", f"{base}/sparql", USER, PASSWORD)


_NGINX_CONF = """\
daemon off;
user root;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 64; }}
http {{
  access_log off;
  client_body_temp_path {dir}/body;
  proxy_temp_path {dir}/proxy;
  fastcgi_temp_path {dir}/fastcgi;
  uwsgi_temp_path {dir}/uwsgi;
  scgi_temp_path {dir}/scgi;
  client_max_body_size 100m;
  server {{
    listen 127.0.0.1:{port};
    location / {{
      auth_basic "zhengwu-kg";
      auth_basic_user_file {dir}/htpasswd;
      proxy_pass {upstream};
      proxy_read_timeout 300s;
    }}
  }}
}}
"""


@contextlib.contextmanager
def basic_auth_proxy(folder: Path, upstream: str) -> Iterator[str]:
    """nginx in front of `upstream`, letting through requests with Basic credentials USER:PASSWORD only."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "htpasswd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    port = free_port()
    conf = folder / "nginx.conf"
    conf.write_text(_NGINX_CONF.format(dir=folder, port=port, upstream=upstream))
    with serving([NGINX, "-p", str(folder), "-c", str(conf), "-e", str(folder / "error.log")],
                 f"http://127.0.0.1:{port}/", log=folder / "stderr.log"):
        yield f"http://127.0.0.1:{port}"


@contextlib.contextmanager
def oxigraph_with_basic_auth(folder: Path) -> Iterator[Server]:
    """`oxigraph serve` on a store in `folder`/store, written through nginx with Basic credentials."""
    with oxigraph_serve(folder / "store") as direct, basic_auth_proxy(folder / "nginx", direct) as guarded:
        yield Server("oxigraph", guarded, direct, USER, PASSWORD)


SERVERS = {"virtuoso": virtuoso, "oxigraph": oxigraph_with_basic_auth}
