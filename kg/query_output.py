"""Query results as the user asked for them: a readable table, or a standard format (`kg.formats`)."""

from __future__ import annotations

from pyoxigraph import QueryBoolean, QuerySolutions

from kg.errors import QueryError
from kg.formats import RDF_FORMATS, RESULT_FORMATS, written
from kg.store_api import QueryResult
from kg.tables import render_table


def _cell(term: object) -> str:
    if term is None:
        return ""
    return getattr(term, "value", str(term))


def render(result: QueryResult, fmt: str) -> bytes:
    """Serialise a query result; `table` gives aligned text for SELECT, ASK and CONSTRUCT."""
    if isinstance(result, QueryBoolean):
        if fmt in RESULT_FORMATS:
            return written(result.serialize(format=RESULT_FORMATS[fmt]))
        return (("true" if bool(result) else "false") + "\n").encode()
    if isinstance(result, QuerySolutions):
        if fmt in RESULT_FORMATS:
            return written(result.serialize(format=RESULT_FORMATS[fmt]))
        if fmt != "table":
            raise QueryError(f"--format {fmt} is for CONSTRUCT/DESCRIBE; use table, {', '.join(RESULT_FORMATS)}")
        names = [v.value for v in result.variables]
        rows = [[_cell(sol[n]) for n in names] for sol in result]
        return (render_table(names, rows) + f"\n({len(rows)} rows)\n").encode()
    # CONSTRUCT / DESCRIBE
    if fmt == "table":
        rows = [[_cell(t.subject), _cell(t.predicate), _cell(t.object)] for t in result]
        return (render_table(["subject", "predicate", "object"], rows) + f"\n({len(rows)} triples)\n").encode()
    if fmt not in RDF_FORMATS:
        raise QueryError(f"--format {fmt} is for SELECT/ASK; use table, {', '.join(RDF_FORMATS)}")
    return written(result.serialize(format=RDF_FORMATS[fmt]))
