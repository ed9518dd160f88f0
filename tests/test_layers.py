"""The folders are the layers: a module imports only from its own layer or the layers below it.

    paths, vocab, store  <  data  <  coding  <  context  <  analysis  <  report, figures  <  build

(report and figures are one tier: figures read the report's labels and tables, the notebook explorer
draws figures.) The one upward import is named here with its reason."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "src" / "cabinet_analysis"
RANK = {
    "__init__": 0,
    "paths": 0,
    "vocab": 0,
    "store": 0,
    "data": 1,
    "coding": 2,
    "context": 3,
    "analysis": 4,
    "report": 5,
    "figures": 5,
    "build": 6,
}
# data/dataset.py checks each claim against its test kind when a folder is loaded; the kinds live with the
# analysis that evaluates them, imported inside the function.
UPWARD = {("data/dataset.py", "analysis")}


def imports() -> set[tuple[str, str]]:
    out = set()
    for path in PKG.rglob("*.py"):
        rel = path.relative_to(PKG)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                package = list(rel.parts[:-1])
                base = package[: len(package) - (node.level - 1)]
                target = base + (node.module.split(".") if node.module else [])
                for name in [target[0]] if target else [a.name for a in node.names]:
                    out.add((rel.as_posix(), name))
    return out


def layer(rel: str) -> str:
    parts = rel.split("/")
    return parts[0] if len(parts) > 1 else parts[0].removesuffix(".py")


def test_every_module_sits_in_a_layer_folder():
    loose = sorted(p.name for p in PKG.glob("*.py"))
    assert loose == ["__init__.py", "context.py", "paths.py", "store.py", "vocab.py"]
    assert sorted(p.name for p in PKG.iterdir() if p.is_dir() and p.name != "__pycache__") == [
        "analysis",
        "build",
        "coding",
        "data",
        "figures",
        "report",
    ]


def test_no_module_imports_from_a_layer_above_its_own():
    upward = {
        (rel, target) for rel, target in imports() if target in RANK and RANK[target] > RANK[layer(rel)]
    }
    assert upward == UPWARD
