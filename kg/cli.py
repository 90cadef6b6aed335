"""The `kg` command: thin wrappers over library functions, one function per subcommand.

Errors reach the user as one line on stderr, never a traceback; the exit codes
are mapped here, in `EXIT_CODES`.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kg import __version__
from kg.errors import BadInput, Forbidden, KgError, NotFound, QueryError, StoreError, printable
from kg.formats import DRAWN_FORMATS, RDF_FORMATS, RESULT_FORMATS
from kg.settings import Settings

if TYPE_CHECKING:
    from pyoxigraph import Quad

EXIT_CODES: dict[type[KgError], int] = {  # sysexits.h, most specific first
    BadInput: 65,  # EX_DATAERR
    QueryError: 65,
    NotFound: 66,  # EX_NOINPUT
    StoreError: 74,  # EX_IOERR
    Forbidden: 77,  # EX_NOPERM
    KgError: 1,
}

EPILOG = {
    "extract": "examples:\n  kg extract seeds/000_6619c5c4ce064df3.txt --published 2024-04-10 --source 无锡日报\n"
    "  kg extract crawl.jsonl --format turtle > crawl.ttl",
    "ingest": "examples:\n  kg ingest seeds/\n  kg ingest page.txt --published 2024-04-10 --source 无锡日报 --store data/store\n"
    "  kg ingest archive/ --jobs 2 --store http://127.0.0.1:7878   # a standalone SPARQL server",
    "query": "examples:\n  kg query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'\n  kg query @question.rq --format csv",
    "stats": "example:\n  kg stats --store data/store",
    "serve": "example:\n  kg serve --port 8000   # then open http://127.0.0.1:8000/docs",
    "validate": "examples:\n  kg validate out.nq\n  kg validate --store data/store",
    "remove": "example:\n  kg remove seeds/000_6619c5c4ce064df3.txt",
    "export": "examples:\n  kg export --format gexf -o graph.gexf   # open in Gephi\n"
    "  kg export --format cytoscape --focus https://w3id.org/zhengwu/id/person/无锡/杜小刚 --depth 2\n"
    "  kg export --format csv --table attention -o attention.csv   # pandas.read_csv\n"
    "  kg export --format gexf --table coattendance -o network.gexf   # Gephi's timeline",
    "backup": "example:\n  kg backup backups/2024-04-10",
    "restore": "example:\n  kg restore backups/2024-04-10   # with kg serve stopped",
    "views": "example:\n  kg views refresh --store data/store   # with kg serve stopped (kg ingest refreshes them itself)",
}


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a number of processes (1 or more): {text!r}")
    return int(text)


def _report(error: KgError | str) -> None:
    """One line on stderr; names from the outside (file names, folder names) cannot break it or forge another."""
    print(f"kg: {printable(str(error))}", file=sys.stderr)


def _options(args: argparse.Namespace):
    from kg import pipeline  # here, not at the top: it loads jieba, which only extraction needs

    settings = Settings()
    return pipeline.Options(published=args.published, source=args.source, kind=args.kind, base=args.base,
                            max_document_bytes=settings.max_document_bytes, link_names=settings.link_names)


def _open(args: argparse.Namespace, *, read_only: bool = False):
    from kg.stores import open_store

    store = open_store(args.store, read_only=read_only)
    if store.recovered:
        _report(f"{args.store}: an ingest was interrupted while writing {len(store.recovered)} documents; "
                f"removed what it had written of them (e.g. {store.recovered[0]}): ingest those files again")
    return store


class _Progress:
    """A one-line progress count on a terminal; silent when stderr is not one."""

    def __init__(self, total: int) -> None:
        self.total, self.done = total, 0
        self.live = sys.stderr.isatty() and total > 3

    def __call__(self, path: Path) -> None:
        self.done += 1
        if self.live:
            bar = "#" * (30 * self.done // self.total)
            print(f"\r[{bar:<30}] {self.done}/{self.total} {printable(path.name)[:40]:<40}", end="", file=sys.stderr)

    def close(self) -> None:
        if self.live:
            print(file=sys.stderr)


# --- commands ------------------------------------------------------------------------
def cmd_extract(args: argparse.Namespace) -> int:
    from kg import pipeline
    from kg.rdf import serialize

    failed = []

    def on_error(error: BadInput) -> None:
        failed.append(error)
        _report(error)

    out = sys.stdout.buffer
    pending: list[Quad] = []  # formats other than N-Quads are written once, at the end
    for doc in pipeline.extract_files(args.paths, _options(args), on_error, jobs=args.jobs):
        if args.format == "nquads":  # streams: one file at a time
            out.write(doc.nquads())
        else:
            pending.extend(q for g in doc.articles for q in g.quads)
    if pending:
        out.write(serialize(pending, args.format))
    out.flush()
    return EXIT_CODES[BadInput] if failed else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from kg import pipeline
    from kg.read import expand_paths
    from kg.store import counts

    store = _open(args)
    paths = list(expand_paths(args.paths))
    progress = _Progress(len(paths))
    summary = pipeline.ingest_files(store, paths, _options(args), _report, progress, jobs=args.jobs,
                                     batch_quads=Settings().ingest_batch_quads)
    progress.close()
    tally = counts(store)
    print(summary.line({k: tally[k] for k in ("persons", "events", "policies", "quads")}))
    return EXIT_CODES[BadInput] if summary.skipped else 0


def cmd_query(args: argparse.Namespace) -> int:
    from kg.query_output import render

    text = args.sparql
    if text.startswith("@"):
        try:
            text = Path(text[1:]).read_text(encoding="utf-8")
        except OSError as exc:
            raise BadInput(exc.strerror or str(exc), path=text[1:]) from None
    store = _open(args, read_only=True)
    sys.stdout.buffer.write(render(store.query(text), args.format))
    if getattr(store, "capped", None):  # a remote server's result cap (kg.remote_store)
        print(f"kg: warning: {args.store}: exactly {store.capped} rows, the server's result cap: the answer was "
              "probably cut (page with ORDER BY … LIMIT/OFFSET, or raise the cap; Virtuoso: ResultSetMaxRows)",
              file=sys.stderr)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from kg.store import counts

    for name, n in counts(_open(args, read_only=True)).items():
        print(f"{name:<10}{n:>10}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api.main import create_app
    from kg.store_folder import announce_server

    settings = Settings(**{k: v for k, v in vars(args).items() if k in Settings.model_fields and v is not None})
    from api.limits import timed_protocol

    app = create_app(settings)  # opens the store first: refused in one line if another process holds it
    url = f"http://{settings.host}:{settings.port}"
    print(f"SPARQL endpoint: {url}/sparql")
    print(f"REST API docs:   {url}/docs", flush=True)
    with announce_server(settings.store, url):  # so a command refused while this runs can name the real port
        # loop="asyncio": uvloop (uvicorn's pick when installed) sets the worker pipes non-blocking once they are
        # watched, and a large answer then fails mid-read (5 % of /sparql requests answered 503 in a test)
        uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning", loop="asyncio",
                    http=timed_protocol(settings.header_timeout), timeout_keep_alive=5)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from pyoxigraph import RdfFormat

    from kg.validate import validate

    if args.path:
        if not Path(args.path).is_file():
            raise BadInput("no such file", path=args.path)
        violations = validate(Path(args.path))  # the format follows the file's extension
    else:
        violations = validate(_open(args, read_only=True).dump(None, RdfFormat.N_QUADS) or b"")  # any store
    for violation in violations:
        print(violation)
    print(f"{len(violations)} violations", file=sys.stderr)
    return 1 if violations else 0


def cmd_remove(args: argparse.Namespace) -> int:
    from kg import linking, pipeline

    store = _open(args)
    options = _options(args)
    failed = False
    names: set[str] = set()  # whose by-name links are recomputed once the documents are gone

    def on_error(error: BadInput) -> None:
        nonlocal failed
        failed = True
        _report(error)

    found: dict[Path, int] = {}  # graphs removed per file that had articles (a file may come in parts)
    for doc in pipeline.extract_files(args.paths, options, on_error):
        if doc.graphs:
            count, touched = linking.remove_documents(store, doc.graphs, link_names=options.link_names)
            found[doc.path], names = found.get(doc.path, 0) + count, names | touched
    linking.relink_names(store, names, options.minter().base)
    store.flush()
    for path in (path for path, count in found.items() if not count):
        failed = True
        _report(BadInput("nothing of this document is in the store (was it ingested with other --source or "
                         "--published values?)", path=str(path)))
    removed = sum(found.values())
    print(f"removed {removed} article graphs")
    return EXIT_CODES[NotFound] if failed and not removed else EXIT_CODES[BadInput] if failed else 0


def cmd_views(args: argparse.Namespace) -> int:
    from kg import views

    store = _open(args)
    if store.views is None:
        print(f"{printable(args.store)}: a remote or in-memory store has no views; its records are always computed live")
        return 0
    count, seconds = views.timed_refresh(store, args.threshold)
    threshold = store.views.threshold()
    fresh = len(store.views.fresh())
    print(f"{count} views refreshed in {seconds:.1f} s; {fresh} fresh views (entities with >= {threshold} events)")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from kg.export import export
    from kg.stores import in_memory_copy, is_remote

    store = _open(args, read_only=True)
    if is_remote(args.store):  # its graphs read page by page (below any result cap), exported from memory
        store = in_memory_copy(store)
    if args.format == "csv" or args.table:
        from kg import analytics_export

        if args.format not in ("csv", "gexf") or not args.table or (args.format, args.table) == ("gexf", "attention") \
                or (args.format, args.table) == ("gexf", "careers"):
            raise BadInput("--table goes with --format csv (attention, careers, coattendance) or gexf (coattendance)")
        data = (analytics_export.to_csv(store, args.table) if args.format == "csv"
                else analytics_export.coattendance_gexf(store))
        with open(args.output, "wb") if args.output else contextlib.nullcontext(sys.stdout.buffer) as out:
            out.write(data)
        return 0
    with open(args.output, "wb") if args.output else contextlib.nullcontext(sys.stdout.buffer) as out:
        export(store, args.format, out, focus=args.focus, depth=args.depth)
    return 0


def cmd_identity(args: argparse.Namespace) -> int:
    import json

    from kg.records.identity import candidates

    found = candidates(_open(args, read_only=True), args.name, args.base)
    print(json.dumps(found, ensure_ascii=False, indent=1))
    return 0


def cmd_curate(args: argparse.Namespace) -> int:
    from kg import curation, views
    from kg.records.ids import normalise

    store = _open(args)
    persons = [normalise(args.base, "person", ident) for ident in args.persons]
    if args.command == "merge":
        count = curation.merge(store, persons[0], persons[1], args.base)
        print(f"merged {persons[1]} into {persons[0]}: {count} article graphs rewritten")
    else:
        count = curation.split(store, persons[0], args.base)
        print(f"split {persons[0]} from the person it was merged into: {count} article graphs rewritten")
    views.timed_refresh(store)
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    _open(args).backup(args.target)
    print(f"backed up {printable(args.store)} to {printable(args.target)}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from kg.store_folder import restore

    restore(args.backup, args.store)
    print(f"restored {printable(args.store)} from {printable(args.backup)}")
    return 0


# --- parser --------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description="政务知识图谱: officials, events and policies from news.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    env = Settings()

    def command(name: str, func: Callable[[argparse.Namespace], int], help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_, epilog=EPILOG.get(name),
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        p.set_defaults(func=func)
        return p

    def reading(p: argparse.ArgumentParser) -> None:
        p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (recursively)")
        p.add_argument("--published", type=_date, help="issue date YYYY-MM-DD (else manifest or file name; a JSONL "
                                                         "record's own field wins)")
        p.add_argument("--source", help="publication, e.g. 无锡日报 (else manifest; a JSONL record's own field wins)")
        p.add_argument("--kind", choices=["page", "article", "jsonl"], help="input kind (default: detected per file)")
        p.add_argument("--base", default=env.base, help=f"base of minted IRIs (default {env.base})")

    def storing(p: argparse.ArgumentParser) -> None:
        p.add_argument("--store", default=env.store,  # kg.settings reads $KG_STORE
                       help="store folder (default ./data/store or $KG_STORE), or the URL of a SPARQL 1.1 "
                       "server, e.g. http://127.0.0.1:7878 (writes send $KG_UPDATE_TOKEN)")

    def parallel(p: argparse.ArgumentParser) -> None:
        p.add_argument("--jobs", type=_jobs, default=1, metavar="N",
                       help="extract in N processes (default 1); output and writes keep the input order")

    p = command("extract", cmd_extract, "print the RDF of documents to stdout; touches no store")
    reading(p)
    parallel(p)
    p.add_argument("--format", default="nquads", choices=list(RDF_FORMATS))

    p = command("ingest", cmd_ingest, "extract documents into the store, one named graph per article")
    reading(p)
    storing(p)
    parallel(p)

    p = command("query", cmd_query, "run SPARQL over the union of all graphs")
    p.add_argument("sparql", help="a query, or @file.rq")
    p.add_argument("--format", default="table", choices=["table", *RESULT_FORMATS, *RDF_FORMATS])
    storing(p)

    storing(command("stats", cmd_stats, "count articles, persons, events, policies, graphs and quads"))

    p = command("serve", cmd_serve, "serve SPARQL 1.1 and the REST API over HTTP")
    storing(p)
    p.add_argument("--host", default=None, help=f"(default {env.host})")
    p.add_argument("--port", type=int, default=None, help=f"(default {env.port})")
    p.add_argument("--update-token", dest="update_token", default=None,
                   help="allow SPARQL Update and Graph Store writes with Authorization: Bearer TOKEN")
    p.add_argument("--query-timeout", dest="query_timeout", type=float, default=None,
                   help=f"seconds before a query is cancelled (default {env.query_timeout:g})")
    p.add_argument("--base", default=None, help="base of the IRIs served under /id/")

    p = command("validate", cmd_validate, "check RDF against ontology/shapes.ttl (SHACL)")
    p.add_argument("path", nargs="?", help="an RDF file (.nq, .trig, .ttl); without it, the store")
    storing(p)

    p = command("remove", cmd_remove, "remove the graphs of documents from the store")
    reading(p)
    storing(p)

    p = command("views", cmd_views, "refresh the precomputed REST records of the busiest persons and policies")
    p.add_argument("action", choices=["refresh"], help="refresh: recompute stale or missing views, drop unneeded ones")
    p.add_argument("--threshold", type=int, default=None, metavar="N",
                   help="keep views of entities with at least N events, from now on (default: the store's, at first "
                   "kg.views.HEAVY_EVENTS)")
    storing(p)

    p = command("export", cmd_export, "the graph for Gephi, Cytoscape or Cytoscape.js, or as RDF")
    p.add_argument("--format", default="graphml", choices=[*DRAWN_FORMATS, *RDF_FORMATS, "csv"])
    p.add_argument("--table", choices=["attention", "careers", "coattendance"],
                   help="an analyst's table: csv (attention per period, careers, co-attendance) or the "
                   "co-attendance network as dynamic gexf")
    p.add_argument("--focus", help="an IRI: only its neighbourhood")
    p.add_argument("--depth", type=int, default=1, help="hops around --focus (1 to 3)")
    p.add_argument("-o", "--output", help="a file (default: stdout)")
    storing(p)

    p = command("identity", cmd_identity, "list persons of one name that may be one official (for kg merge/split)")
    p.add_argument("action", choices=["candidates"])
    p.add_argument("--name", help="only this name")
    p.add_argument("--base", default=env.base, help=f"base of the IRIs (default {env.base})")
    storing(p)
    for name, nargs, help_ in (("merge", 2, "make the second person one with the first (a curation kept across "
                                "re-ingests)"), ("split", 1, "undo the merge of a person and keep the two apart")):
        p = command(name, cmd_curate, help_)
        p.add_argument("persons", nargs=nargs, metavar="ID", help="person ids or IRIs (无锡/杜小刚, person/…, https://…)")
        p.add_argument("--base", default=env.base, help=f"base of the IRIs (default {env.base})")
        storing(p)

    p = command("backup", cmd_backup, "copy the store into a new folder (cheap hard links on the same disk)")
    p.add_argument("target", help="a folder that does not exist yet")
    storing(p)

    p = command("restore", cmd_restore, "replace the store by a backup (stop kg serve first)")
    p.add_argument("backup", help="a folder made by kg backup")
    storing(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KgError as error:
        _report(error)
        return next(code for cls, code in EXIT_CODES.items() if isinstance(error, cls))
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
