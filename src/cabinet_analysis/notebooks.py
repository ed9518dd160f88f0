"""Re-execute the project's notebooks in place, top to bottom, reproducibly.

Outputs must be identical from run to run so that nbval can compare them: a
fresh kernel per notebook, no timing metadata, a fixed hash seed and the Agg
backend for anything not shown inline.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from .outputs import atomic_write

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


def notebook_paths(folder: Path = NOTEBOOKS) -> list[Path]:
    return sorted(folder.glob("[0-9][0-9]-*.ipynb"))


def execute(path: Path, timeout: int = 300) -> None:
    """Run one notebook with its folder as working directory and write it back atomically."""
    nb = nbformat.read(path, as_version=4)
    os.environ.setdefault("PYTHONHASHSEED", "0")
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    nb.metadata.pop("widgets", None)
    atomic_write(path, (nbformat.writes(nb) + "\n").encode("utf-8"))


def execute_all(folder: Path = NOTEBOOKS) -> list[Path]:
    paths = notebook_paths(folder)
    for path in paths:
        execute(path)
    return paths
