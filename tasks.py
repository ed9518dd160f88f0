#!/usr/bin/env python3
"""Entry points for a fresh machine that has only Python 3.11+.

    python3 tasks.py build   # install (first time), validate the data, write data/appointees.csv,
                             # the codebook tables, reports, figures and notebooks
    python3 tasks.py test    # install (first time), run the whole test suite (ruff check and format,
                             # the pyrefly type check, CITATION.cff, pytest with nbval)
    python3 tasks.py site    # build the offline site into site/ (git-ignored): a page per person, post and round
    python3 tasks.py lab     # install JupyterLab (an opt-in group) and open the notebooks in it
                             # (`lab --install` only installs it)

The first run creates ``.venv`` from the locked dependencies in ``uv.lock``
(with the uv installer, itself pinned below), so every machine, CI included,
gets the same versions. Extra arguments after ``test`` go to pytest, after
``lab`` to JupyterLab.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
UV_VERSION = "0.13.9"
CFFCONVERT_VERSION = (
    "2.0.0"  # validates CITATION.cff; its pins conflict with the lock, so it lives in its own venv
)
BOOTSTRAP = ROOT / ".cache" / "bootstrap"
CFFCONVERT = ROOT / ".cache" / "cffconvert"
VENV = ROOT / ".venv"


def _bin(env: Path, name: str) -> Path:
    sub = "Scripts" if os.name == "nt" else "bin"
    return env / sub / name


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        UV_PYTHON_DOWNLOADS="never",  # use this machine's Python; never download one
        UV_PROJECT_ENVIRONMENT=str(VENV),
        PYTHONHASHSEED="0",
        UV_COMPILE_BYTECODE="1",  # compile at install time, not during the first test run
    )
    return env


def ensure_environment(*groups: str) -> None:
    """Create the bootstrap uv and sync .venv to uv.lock (fast when already in sync).

    ``--inexact`` keeps an opt-in group (JupyterLab) once installed."""
    uv = _bin(BOOTSTRAP, "uv")
    if not uv.exists():
        venv.create(BOOTSTRAP, with_pip=True)
        subprocess.run(
            [str(_bin(BOOTSTRAP, "python")), "-m", "pip", "install", "--quiet", f"uv=={UV_VERSION}"],
            check=True,
        )
    extra = [arg for g in groups for arg in ("--group", g)]
    subprocess.run(
        [str(uv), "sync", "--frozen", "--inexact", "--quiet", "--python", sys.executable, *extra],
        check=True,
        cwd=ROOT,
        env=_env(),
    )
    install_git_filter()


def install_git_filter() -> None:
    """Make git store notebooks normalised (nbstripout as the clean filter named in .gitattributes), with
    the settings the package defines for `build` (cabinet_analysis.build.notebooks.STRIP). Only in a git
    checkout; a setting already in place is left alone."""
    if not (ROOT / ".git").exists():
        return
    wanted = subprocess.run(
        [str(_bin(VENV, "python")), "-m", "cabinet_analysis.build.notebooks", "git-filter"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=_env(),
    ).stdout
    for line in wanted.splitlines():
        name, value = line.split("\t", 1)
        have = subprocess.run(
            ["git", "config", "--local", "--get", name], capture_output=True, text=True, cwd=ROOT
        ).stdout
        if have.rstrip("\n") != value:
            subprocess.run(["git", "config", "--local", name, value], check=True, cwd=ROOT)


def refresh_notebook_index() -> None:
    """After `build`, tell git that notebooks whose normalised content is what the index holds are
    unchanged. `build` keeps the kernel's version in the working copy (so JupyterLab does not mark a
    notebook modified as it opens); the clean filter strips it, so `git diff` is empty, but git's
    status judges a file whose size changed as modified without running the filter. Re-adding a
    notebook whose content equals the index stages nothing new and records its size; a notebook with
    real changes is left alone."""
    if not (ROOT / ".git").exists():
        return
    git = ["git", "-C", str(ROOT)]
    tracked = subprocess.run(
        [*git, "ls-files", "--", "notebooks/*.ipynb"], capture_output=True, text=True, check=True
    ).stdout.split()
    changed = set(
        subprocess.run(
            [*git, "diff", "--name-only", "--", "notebooks/"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    same = [path for path in tracked if path not in changed]
    if same:
        subprocess.run([*git, "add", "--", *same], check=True)


def run(args: list[str]) -> int:
    return subprocess.run(args, cwd=ROOT, env=_env()).returncode


def validate_citation() -> int:
    """`cffconvert --validate` from a throw-away venv of its own (created once, then reused)."""
    exe = _bin(CFFCONVERT, "cffconvert")
    if not exe.exists():
        venv.create(CFFCONVERT, with_pip=True)
        subprocess.run(
            [
                str(_bin(CFFCONVERT, "python")),
                "-m",
                "pip",
                "install",
                "--quiet",
                f"cffconvert=={CFFCONVERT_VERSION}",
            ],
            check=True,
        )
    return run([str(exe), "--validate", "-i", "CITATION.cff"])


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"build", "test", "lab", "site"}:
        print(__doc__, file=sys.stderr)
        return 2
    if argv[0] == "lab":
        ensure_environment("lab")
        if argv[1:] == ["--install"]:
            return 0
        return run([str(_bin(VENV, "jupyter")), "lab", *argv[1:], "notebooks/"])
    ensure_environment()
    if argv[0] == "site":
        return run([str(_bin(VENV, "cabinet-analysis")), "site", *argv[1:]])
    if argv[0] == "build":
        cli = str(_bin(VENV, "cabinet-analysis"))
        status = run([cli, "build", *argv[1:]]) or run([cli, "notebooks"])
        if not status:
            refresh_notebook_index()
        return status
    if len(argv) == 1:  # the whole suite: lint and citation first, then every test
        code = ["src", "tests", "tasks.py", "benchmarks"]
        typecheck = [
            "check",
            "--preset",
            "legacy",
            "--summary=none",
            "--python-interpreter-path",
            str(_bin(VENV, "python")),
            "src",
        ]
        status = (
            run([str(_bin(VENV, "ruff")), "check", "--quiet", *code])
            or run([str(_bin(VENV, "ruff")), "format", "--check", "--quiet", *code])
            or run([str(_bin(VENV, "pyrefly")), *typecheck])
            or validate_citation()
        )
        if status:
            return status
    return run([str(_bin(VENV, "pytest")), *argv[1:]])


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)
