"""The project's public vocabulary (zhengwu.ttl), its SHACL shapes and JSON-LD context.

Shipped inside the installed package as `kg.ontology` (pyproject.toml maps this folder there), so the
code reads these files with `importlib.resources.files("kg.ontology")`, installed or not.
"""
