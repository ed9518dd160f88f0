"""Documentation stays true: every data column is in the codebook; the README's commands are the ones CI runs."""

from __future__ import annotations

import csv
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_data_column_is_in_the_codebook():
    codebook = (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", codebook, flags=re.M)
    by_file = {s.splitlines()[0].strip(): s for s in sections[1:]}
    files = sorted((ROOT / "data").glob("*.csv"))
    assert len(files) == 10
    for path in files:
        section = by_file.get(f"data/{path.name}")
        assert section is not None, f"codebook has no section for data/{path.name}"
        with path.open(newline="", encoding="utf-8") as fh:
            header = next(csv.reader(fh))
        for column in header:
            assert f"`{column}`" in section, f"data/{path.name}: column {column} is not documented"


def test_readme_quick_start_matches_ci():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 tasks.py build" in readme
    assert "python3 tasks.py test" in readme
    assert "python3 tasks.py test" in ci


def test_readme_shows_every_figure():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pngs = sorted(p.name for p in (ROOT / "figures").glob("*.png"))
    assert len(pngs) == 10
    for name in pngs:
        assert f"](figures/{name})" in readme, f"README does not show figures/{name}"
