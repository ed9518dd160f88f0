"""Re-execute the project's notebooks, top to bottom, reproducibly, and write them back together.

Outputs must be identical from run to run so that nbval can compare them and
the committed files do not churn: a fresh kernel per notebook with the inline
backend (figures as PNG outputs), a fixed hash seed, no timing metadata, and
no interpreter version or widget state (whose ids are random) in the file.
Every notebook is executed in memory first (two at a time, one per core); only
when all have run are they written, all or nothing.
"""

from __future__ import annotations

import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from .outputs import OutputSet
from .paths import notebooks_dir

INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def notebook_paths(folder: Path | None = None) -> list[Path]:
    return sorted((folder or notebooks_dir()).glob("[0-9][0-9]-*.ipynb"))


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


def execute(path: Path, timeout: int = 300) -> bytes:
    """Run one notebook with its folder as working directory; return the executed file's bytes."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    # The kernel's own log (a warning about localhost TCP at every start) is not the user's business;
    # errors in the notebook reach us through the kernel protocol.
    client.execute(env=kernel_env(), stderr=subprocess.DEVNULL)
    return (nbformat.writes(make_reproducible(nb)) + "\n").encode("utf-8")


def execute_all(folder: Path | None = None, workers: int = 2) -> OutputSet:
    """Every notebook executed in memory, as an :class:`OutputSet` ready to be written."""
    paths = notebook_paths(folder)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        executed = list(pool.map(execute, paths))
    out = OutputSet()
    for path, data in zip(paths, executed):
        out.add_file(path, data)
    return out
