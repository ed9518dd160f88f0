"""Re-execute the project's notebooks in place, top to bottom, reproducibly.

Outputs must be identical from run to run so that nbval can compare them and
the committed files do not churn: a fresh kernel per notebook with the inline
backend (figures as PNG outputs), a fixed hash seed, no timing metadata, and
no interpreter version or widget state (whose ids are random) in the file.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from .outputs import atomic_write
from .paths import notebooks_dir

NOTEBOOKS = notebooks_dir()
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def notebook_paths(folder: Path = NOTEBOOKS) -> list[Path]:
    return sorted(folder.glob("[0-9][0-9]-*.ipynb"))


def kernel_env() -> dict[str, str]:
    """The kernel's environment: this one, with the inline backend whatever MPLBACKEND says here."""
    env = dict(os.environ)
    env["MPLBACKEND"] = INLINE_BACKEND
    env["PYTHONHASHSEED"] = "0"
    return env


def make_reproducible(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what changes between runs or machines: the interpreter version, widget state and
    widget views (their model ids are random; a live widget needs a running kernel anyway)."""
    nb.metadata.pop("widgets", None)
    nb.metadata.get("language_info", {}).pop("version", None)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        kept = []
        for out in cell.outputs:
            if WIDGET_VIEW in out.get("data", {}):
                del out["data"][WIDGET_VIEW]
                if not out["data"]:
                    continue
            kept.append(out)
        cell.outputs = kept
    return nb


def execute(path: Path, timeout: int = 300) -> None:
    """Run one notebook with its folder as working directory and write it back atomically."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute(env=kernel_env())
    atomic_write(path, (nbformat.writes(make_reproducible(nb)) + "\n").encode("utf-8"))


def execute_all(folder: Path = NOTEBOOKS) -> list[Path]:
    paths = notebook_paths(folder)
    for path in paths:
        execute(path)
    return paths
