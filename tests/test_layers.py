"""The one rule between the layers (docs/architecture.md): nothing under kg/ imports api/ — not even inside a
function — except the command line, the composition root; the two stores do not import each other."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

COMPOSITION_ROOTS = {"kg/cli.py", "kg/__main__.py"}


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, at any depth of its syntax tree."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def test_the_core_imports_nothing_of_the_web_layer() -> None:
    offenders = {}
    for path in sorted((REPO / "kg").rglob("*.py")):
        name = path.relative_to(REPO).as_posix()
        web = {m for m in _imports(path) if m == "api" or m.startswith("api.")}
        if web and name not in COMPOSITION_ROOTS:
            offenders[name] = sorted(web)
    assert offenders == {}


def test_the_store_and_the_remote_store_do_not_import_each_other_or_the_views() -> None:
    store, remote = _imports(REPO / "kg/store.py"), _imports(REPO / "kg/remote_store.py")
    assert not {m for m in store if m.startswith(("kg.remote_store", "kg.views"))}
    assert not {m for m in remote if m.startswith(("kg.store.", "kg.views")) or m == "kg.store"}
