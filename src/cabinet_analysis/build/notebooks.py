"""Re-execute the project's notebooks, top to bottom, reproducibly, and write them back together.

Outputs must be identical from run to run so that nbval can compare them and the committed files do
not churn: a fresh kernel per notebook with the inline backend (figures as PNG outputs), a fixed hash
seed and no timing metadata. Every notebook is executed in memory first (two at a time, one per core);
only when all have run are they written, all or nothing.

**Normalised form.** What changes between runs or machines is stripped by nbstripout, the ecosystem's
notebook normaliser, with the settings of :data:`STRIP` (outputs and execution counts kept; the
interpreter version, widget state, timing metadata and random cell ids dropped; the live explorer
cell, marked ``keep_output: false``, keeps no output). The same settings drive the git filter that
``tasks.py`` installs (:func:`git_filter`), so a notebook saved from JupyterLab is committed in
exactly the form ``build`` writes. The one difference: the file ``build`` leaves on disk keeps the
kernel's ``language_info.version``, because JupyterLab writes that key on opening a notebook and would
otherwise mark every notebook modified the moment it opens; git never sees it.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from ..paths import notebooks_dir
from .outputs import OutputSet

INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
# nbstripout's settings, one definition for `build` and for the git filter.
STRIP = {
    "keep_output": True,
    "keep_count": True,
    "keep_id": False,  # cell ids become "0", "1", ... (JupyterLab gives a new cell a random one)
    "extra_keys": [
        "metadata.language_info.version",
        "metadata.signature",
        "metadata.widgets",
        "cell.metadata.collapsed",
        "cell.metadata.ExecuteTime",
        "cell.metadata.execution",
        "cell.metadata.heading_collapsed",
        "cell.metadata.hidden",
        "cell.metadata.scrolled",
    ],
}


def notebook_paths(folder: Path | None = None) -> list[Path]:
    return sorted((folder or notebooks_dir()).glob("[0-9][0-9]-*.ipynb"))


def kernel_env() -> dict[str, str]:
    """The kernel's environment: this one, with the inline backend whatever MPLBACKEND says here."""
    env = dict(os.environ)
    env["MPLBACKEND"] = INLINE_BACKEND
    env["PYTHONHASHSEED"] = "0"
    return env


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The committed form of a notebook: nbstripout with :data:`STRIP` (in place; returned)."""
    from nbstripout import strip_output

    return strip_output(
        nb, STRIP["keep_output"], STRIP["keep_count"], STRIP["keep_id"], extra_keys=list(STRIP["extra_keys"])
    )


def git_filter() -> dict[str, str]:
    """The git configuration that makes git store notebooks in their normalised form: nbstripout as
    the clean filter of ``notebooks/*.ipynb`` (``.gitattributes``), with :data:`STRIP`'s settings."""
    flags = [
        flag
        for flag, on in (
            ("--keep-output", STRIP["keep_output"]),
            ("--keep-count", STRIP["keep_count"]),
            ("--keep-id", STRIP["keep_id"]),
        )
        if on
    ]
    clean = " ".join([shlex.quote(sys.executable), "-m", "nbstripout", *flags])
    return {
        "filter.nbstripout.clean": clean,
        "filter.nbstripout.smudge": "cat",
        "filter.nbstripout.extrakeys": " ".join(STRIP["extra_keys"]),
        "diff.ipynb.textconv": clean + " -t",
    }


class KernelError(Exception):
    """The Python kernel that runs a notebook did not start or died (an environment error, not the notebook's)."""


def execute(path: Path, timeout: int = 300, startup_timeout: int = 120) -> bytes:
    """Run one notebook with its folder as working directory; return the file ``build`` writes:
    the normalised form, plus the kernel's version (see the module docstring)."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        startup_timeout=startup_timeout,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    # The kernel's own log (a warning about localhost TCP at every start) is not the user's business;
    # errors in the notebook reach us through the kernel protocol (CellExecutionError). nbclient reports a
    # kernel that never answered, or died, as a RuntimeError (DeadKernelError is one).
    try:
        client.execute(env=kernel_env(), stderr=subprocess.DEVNULL)
    except RuntimeError as exc:
        raise KernelError(
            f"{path.name}: the Python kernel did not start or died ({exc}); the previous outputs are intact"
        ) from None
    version = nb.metadata.get("language_info", {}).get("version")
    nb = normalise(nb)
    if version:
        nb.metadata.language_info["version"] = version
    return (nbformat.writes(nb) + "\n").encode("utf-8")


def execute_all(folder: Path | None = None, workers: int = 2) -> OutputSet:
    """Every notebook executed in memory, as an :class:`OutputSet` ready to be written."""
    paths = notebook_paths(folder)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        executed = list(pool.map(execute, paths))
    out = OutputSet()
    for path, data in zip(paths, executed):
        out.add_file(path, data)
    return out


if (
    __name__ == "__main__"
):  # `python -m cabinet_analysis.build.notebooks git-filter`: the settings tasks.py installs
    if sys.argv[1:] != ["git-filter"]:
        sys.exit("usage: python -m cabinet_analysis.build.notebooks git-filter")
    for name, value in git_filter().items():
        print(f"{name}\t{value}")
