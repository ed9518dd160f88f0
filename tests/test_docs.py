"""Documentation stays true: the codebook's tables are generated from the data package, every data
file is described, the README's commands are the ones CI runs and it shows every figure."""

from __future__ import annotations

import json
import re
from pathlib import Path

from cabinet_analysis.analysis import claim_kinds
from cabinet_analysis.data import codebook

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


def test_every_data_file_is_a_resource_with_described_fields():
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["path"] for r in package["resources"]}
    assert paths == {p.name for p in DATA.iterdir() if p.name != "datapackage.json"}
    for r in package["resources"]:
        assert r.get("description"), r["name"]
        for f in r.get("schema", {}).get("fields", []):
            assert f.get("description"), f"{r['name']}.{f['name']} has no description"
    assert package["licenses"][0]["name"] == "CC-BY-4.0"


def test_codebook_tables_are_generated_from_the_package():
    text = (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8")
    blocks = {"claim_kinds": claim_kinds.codebook_table()}
    assert codebook.render(text, DATA, blocks) == text, (
        "docs/codebook.md is stale: run `python3 tasks.py build`"
    )
    assert "| `first_with_tie` | a person_id of persons.csv | a field of evidence.csv |" in text
    sections = set(re.findall(r"<!-- fields:(\w+) -->", text))
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    assert sections == {r["name"] for r in package["resources"] if r["path"].endswith(".csv")}


def test_csv_headers_match_the_package():
    import csv

    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    for r in package["resources"]:
        if r["path"].endswith(".csv"):
            with (DATA / r["path"]).open(newline="", encoding="utf-8") as fh:
                assert next(csv.reader(fh)) == [f["name"] for f in r["schema"]["fields"]], r["path"]


def test_readme_quick_start_matches_ci():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 tasks.py build" in readme
    assert "python3 tasks.py test" in readme
    assert "python3 tasks.py test" in ci


def test_readme_shows_every_figure_with_its_alt_text():
    """Every figure is in the README, its alt text the figure's own description (figures/<name>.py: ALT)."""
    from cabinet_analysis import figures

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pngs = sorted(p.stem for p in (ROOT / "figures").glob("*.png"))
    assert pngs == sorted(figures.NAMES) and len(pngs) == 17
    for name in pngs:
        assert f"![{figures.module(name).ALT}](figures/{name}.png)" in readme, (
            f"README does not show figures/{name}.png with its alt text"
        )
