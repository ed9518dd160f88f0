"""Every notebook was executed top to bottom and saved with outputs a user can see.

nbval compares text and HTML (and skips ``image/png``), so these tests check what nbval cannot: that
each figure cell carries one PNG with its alt text, that no output is a bare figure repr, that tables
are HTML, and that nothing leaks to stdout or stderr. They judge what a notebook shows, never the
metadata a notebook server writes when a user opens and saves it; the committed form is checked
separately, against what git holds.
"""

from __future__ import annotations

import ast
import base64
import json
import subprocess
from pathlib import Path

import nbformat
import pytest

from cabinet_analysis import figures
from cabinet_analysis.build.notebooks import normalise

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXPECTED = [
    "01-dataset",
    "02-regional-gaps",
    "03-west-and-southwest",
    "04-hazarajat",
    "05-helmandi-networks",
    "06-claims-ledger",
    "07-timeline",
    "08-explore",
    "09-fair-baselines",
    "10-five-years",
    "11-governments",
]
WIDGET = "application/vnd.jupyter.widget-view+json"  # a live control: its own renderer, no HTML form
FIGURE_CALLS = {
    "draw",
    "map",
    "lollipop",
    *figures.NAMES,
}  # figures.draw, the figure functions, the explorer's figures


def _code_cells(path):
    nb = nbformat.read(path, as_version=4)
    return nb, [c for c in nb.cells if c.cell_type == "code"]


def _last_call(source: str) -> str | None:
    """Name of the function called by the cell's final expression, if any."""
    body = ast.parse(source).body
    if not body or not isinstance(body[-1], ast.Expr) or not isinstance(body[-1].value, ast.Call):
        return None
    func = body[-1].value.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


def test_the_notebooks_exist():
    assert [p.stem for p in NOTEBOOKS] == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_executed_in_order_with_outputs(path):
    nb, code = _code_cells(path)
    assert code, "no code cells"
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), (
        "cells were not run top to bottom in one session"
    )
    for i, cell in enumerate(code, start=1):
        kept = cell.metadata.get(
            "keep_output", True
        )  # the live explorer keeps no output (its widget needs a kernel)
        assert cell.outputs or cell.source.startswith(("from ", "import ")) or not kept, (
            f"code cell {i} has no stored output"
        )
        for out in cell.outputs:
            assert out.output_type != "error", f"code cell {i} stored an error"
    assert nb.cells[0].cell_type == "markdown" and "Question" in nb.cells[0].source
    assert nb.cells[-1].cell_type == "markdown" and nb.cells[-1].source.startswith("## Answer")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_figures_are_pngs_with_alt_text_and_tables_are_html(path):
    _, code = _code_cells(path)
    images = 0
    for i, cell in enumerate(code, start=1):
        called = _last_call(cell.source)
        for out in cell.outputs:
            assert out.output_type != "stream", (
                f"cell {i} writes to {out.get('name')}: show values, not prints"
            )
            data = out.get("data", {})
            text = data.get("text/plain", "")
            if text.startswith("<Figure size"):
                assert "image/png" in data, f"cell {i} shows a bare figure repr"
            if out.output_type == "execute_result" and "image/png" not in data and WIDGET not in data:
                assert "text/html" in data, f"cell {i}: a table without its HTML form"
                assert "<table" in data["text/html"], f"cell {i}: its HTML is not a table"
        if called in FIGURE_CALLS:
            pngs = [o for o in cell.outputs if "image/png" in o.get("data", {})]
            assert len(pngs) == 1, f"figure cell {i} ({called}) carries {len(pngs)} PNG outputs, not 1"
            png = base64.b64decode(pngs[0].data["image/png"])
            assert png.startswith(b"\x89PNG") and b"Software" not in png and b"matplotlib" not in png.lower()
            alt = pngs[0].metadata.get("image/png", {}).get("alt", "")
            assert len(alt) > 80 and alt.endswith("."), f"figure cell {i} ({called}) has no alt text: {alt!r}"
            images += 1
    assert images >= 1, "the notebook shows no figure"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_tables_show_headings_for_readers(path):
    """No table shows a row index or a snake_case heading."""
    _, code = _code_cells(path)
    for i, cell in enumerate(code, start=1):
        for out in cell.outputs:
            html = out.get("data", {}).get("text/html", "")
            if "<table" not in html:
                continue
            assert 'class="row_heading' not in html and "<th>0</th>" not in html, (
                f"cell {i} shows a row index"
            )
            headings = [h.split(">", 1)[1] for h in html.split("<th")[1:] if ">" in h]
            snake = [h for h in headings if "_" in h.split("<", 1)[0]]
            assert not snake, f"cell {i} has snake_case headings: {snake[:3]}"


def _committed(path: Path) -> str | None:
    """The notebook as git holds it (the index), or None outside a git checkout."""
    rel = path.relative_to(ROOT).as_posix()
    try:
        out = subprocess.run(["git", "show", f":{rel}"], cwd=ROOT, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_git_holds_the_normalised_form(path):
    """What git holds is nbstripout's normal form (cabinet_analysis.build.notebooks.STRIP): no interpreter
    version, widget state or random cell ids. A notebook saved from JupyterLab is normalised by the git
    filter that tasks.py installs; without the filter, this test says how to mend it."""
    text = _committed(path)
    if text is None:
        pytest.skip("not a git checkout")
    nb = nbformat.reads(text, as_version=4)
    assert json.loads(nbformat.writes(normalise(nbformat.reads(text, as_version=4)))) == json.loads(
        nbformat.writes(nb)
    ), (
        f"{path.name} is staged with volatile metadata (interpreter version, widget state or cell ids). Mend it: run "
        "`python3 tasks.py test` once (it installs the nbstripout git filter), then `git add --renormalize notebooks/`."
    )


def test_the_explorer_cell_keeps_no_output_and_is_the_only_ignored_one():
    ignored, stripped = [], []
    for path in NOTEBOOKS:
        _, code = _code_cells(path)
        ignored += [(path.stem, c.source.splitlines()[0]) for c in code if "NBVAL_IGNORE_OUTPUT" in c.source]
        stripped += [path.stem for c in code if c.metadata.get("keep_output") is False]
    assert ignored == [("08-explore", "# NBVAL_IGNORE_OUTPUT")]
    assert stripped == ["08-explore"]


def test_build_leaves_git_status_clean_but_never_stages_a_real_edit(tmp_path, monkeypatch):
    """`build` keeps the kernel's version in the working copy, which the clean filter strips: git's status
    would call every notebook modified (its size changed) although `git diff` is empty. tasks.py records
    those as unchanged, and leaves a notebook with a real edit unstaged."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("tasks", ROOT / "tasks.py")
    tasks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tasks)
    repo = tmp_path / "repo"
    (repo / "notebooks").mkdir(parents=True)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    (repo / ".gitattributes").write_bytes((ROOT / ".gitattributes").read_bytes())
    monkeypatch.setattr(tasks, "ROOT", repo)
    tasks.install_git_filter()
    source = ROOT / "notebooks" / "03-west-and-southwest.ipynb"
    for name in ("a.ipynb", "b.ipynb"):
        nb = nbformat.read(source, as_version=4)
        nb.metadata.get("language_info", {}).pop("version", None)
        nbformat.write(nb, repo / "notebooks" / name)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "x"], check=True)

    def status() -> str:
        return subprocess.run(
            [*git, "status", "--porcelain"], capture_output=True, text=True, check=True
        ).stdout

    for name in ("a.ipynb", "b.ipynb"):  # what build writes: the same notebook plus the kernel's version
        nb = nbformat.read(repo / "notebooks" / name, as_version=4)
        nb.metadata.setdefault("language_info", {})["version"] = "3.11.99"
        nbformat.write(nb, repo / "notebooks" / name)
    text = (repo / "notebooks" / "b.ipynb").read_text()
    (repo / "notebooks" / "b.ipynb").write_text(
        text.replace("# 03 · The west and the southwest", "# 03 · The west and the south-west", 1)
    )
    assert status().split() == ["M", "notebooks/a.ipynb", "M", "notebooks/b.ipynb"]
    tasks.refresh_notebook_index()
    assert status() == " M notebooks/b.ipynb\n"
    staged = subprocess.run(
        [*git, "diff", "--cached", "--name-only"], capture_output=True, text=True, check=True
    ).stdout
    assert staged == ""
