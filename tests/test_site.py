"""The offline site: built once, then read as a browser would (links, assets, pages), and the data diff."""

from __future__ import annotations

import csv
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlsplit

import pandas as pd
import pytest
from typer.testing import CliRunner

from cabinet_analysis.analysis.sensitivity import focus_sensitivity
from cabinet_analysis.build.cli import app
from cabinet_analysis.build.site import EXPLORER_COLUMNS, build_site
from cabinet_analysis.context import load_context
from cabinet_analysis.report.diff import data_diff
from cabinet_analysis.report.explore import OPTIONS

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def site(ctx, tmp_path_factory) -> Path:
    return build_site(ctx, tmp_path_factory.mktemp("site") / "site")


class Refs(HTMLParser):
    """Every (tag, attribute, value) that points somewhere."""

    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href") and value:
                self.refs.append((tag, name, value))


def refs(page: Path) -> list[tuple[str, str, str]]:
    parser = Refs()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.refs


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_script_style_font_or_image_comes_from_another_host(site):
    external = []
    for page in pages(site):
        for tag, _attr, value in refs(page):
            if tag in ("script", "img", "link", "iframe", "source") and urlsplit(value).netloc:
                external.append((page.relative_to(site).as_posix(), tag, value))
    for css in site.rglob("*.css"):
        external += [
            (css.name, "css", u)
            for u in re.findall(r"url\((['\"]?)(?:https?:)?//[^)]*\)", css.read_text(encoding="utf-8"))
        ]
    assert external == []


def test_every_internal_link_resolves(site):
    broken = []
    for page in pages(site):
        for _, _, value in refs(page):
            parts = urlsplit(value)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            if not (page.parent / parts.path).exists():
                broken.append((page.relative_to(site).as_posix(), value))
    assert broken == []


def test_a_page_per_person_post_and_round_at_stable_addresses(ctx, site):
    assert sorted(p.stem for p in (site / "persons").glob("*.html")) == sorted(ctx.ds.persons["person_id"])
    assert sorted(p.stem for p in (site / "posts").glob("*.html")) == sorted(ctx.ds.posts["post_id"])
    assert sorted(p.stem for p in (site / "rounds").glob("*.html")) == sorted(ctx.ds.rounds["round_id"])
    assert len(list((site / "persons").glob("*.html"))) == len(ctx.ds.persons) == 402


def test_every_value_on_a_person_page_is_linked_to_its_source(ctx, site):
    sources = ctx.ds.sources.set_index("source_id")
    missing = []
    for row in ctx.ds.evidence[ctx.ds.evidence["field"] != "name_variants"].itertuples(index=False):
        text = (site / "persons" / f"{row.person_id}.html").read_text(encoding="utf-8")
        url = sources.at[row.source_id, "url"]
        forms = {url.replace("&", "&amp;"), quote(url, safe=":/?&=#%~+,;@!$'()*").replace("&", "&amp;")}
        if row.source_id not in text or (url and not any(f in text for f in forms)):
            missing.append((row.person_id, row.field, row.source_id))
    assert missing == []


def test_a_person_page_shows_the_default_reading_and_the_posts(site):
    text = (site / "persons" / "amir_khan_muttaqi.html").read_text(encoding="utf-8")
    assert "Default reading: <strong>Helmand</strong>" in text
    assert "Paktia" in text  # the competing value (family origin), kept
    assert "Minister of Foreign Affairs" in text and "../posts/minister_of_foreign_affairs.html" in text


def test_the_explorer_json_equals_the_sensitivity_grid(ctx, site):
    data = json.loads((site / "_static" / "explorer.json").read_text(encoding="utf-8"))
    grid = focus_sensitivity(ctx)[list(OPTIONS) + EXPLORER_COLUMNS]
    assert data["columns"] == EXPLORER_COLUMNS and list(data["switches"]) == list(OPTIONS)
    assert len(data["rows"]) == len(grid) == 600 * 5
    got = pd.DataFrame(data["rows"], columns=list(OPTIONS) + EXPLORER_COLUMNS)
    for name in OPTIONS:  # stored as indexes into the switch's values
        got[name] = got[name].map(lambda i, n=name: data["switches"][n][i])
    got["group"] = got["group"].map(lambda i: data["groups"][i])
    pd.testing.assert_frame_equal(
        got, grid.reset_index(drop=True), check_dtype=False, atol=1e-5
    )  # 5 decimals in the JSON
    script = (site / "_static" / "explorer-data.js").read_text(encoding="utf-8")
    assert json.loads(script.removeprefix("window.EXPLORER_DATA = ").rstrip().rstrip(";")) == data


def test_the_site_is_under_10_mb_and_holds_the_notebooks_and_downloads(site):
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    assert size < 10_000_000, f"{size / 1e6:.1f} MB"
    assert (
        len(list((site / "notebooks").glob("*.html")))
        == len(list((ROOT / "notebooks").glob("*.ipynb")))
        == 11
    )
    assert (site / "_static" / "downloads" / "cabinet-analysis-data.zip").is_file()


def _edit(path: Path, change) -> None:
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    rows = change(rows)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def test_the_diff_lists_rows_fields_and_moved_verdicts(data_copy, tmp_path):
    import shutil

    old = tmp_path / "old"
    shutil.copytree(data_copy, old)
    _edit(
        data_copy / "persons.csv",
        lambda rows: [{**r, "note": "re-coded"} if r["person_id"] == "abdul_kabir" else r for r in rows],
    )
    _edit(
        data_copy / "claims.csv",
        lambda rows: [{**r, "expected": "34"} if r["claim_id"] == "c01_count" else r for r in rows],
    )
    _edit(data_copy / "evidence.csv", lambda rows: rows[:-1])
    d = data_diff(old, data_copy)
    assert d["tables"]["persons"]["changed"] == [
        {
            "key": "abdul_kabir",
            "field": "note",
            "old": pd.read_csv(old / "persons.csv", dtype=str, keep_default_na=False)
            .set_index("person_id")
            .at["abdul_kabir", "note"],
            "new": "re-coded",
        }
    ]
    assert d["tables"]["claims"]["changed"] == [
        {"key": "c01_count", "field": "expected", "old": "33", "new": "34"}
    ]
    assert len(d["tables"]["evidence"]["removed"]) == 1 and d["tables"]["evidence"]["added"] == []
    assert d["claims"] == [
        {"claim_id": "c01_count", "what": "verdict", "old": "supported", "new": "contradicted"},
        {"claim_id": "c01_count", "what": "holds_in", "old": "600/600", "new": "0/600"},
    ]
    result = runner.invoke(app, ["diff", str(old), str(data_copy)])
    assert result.exit_code == 0
    assert "### claims.csv: 0 added, 1 values changed, 0 removed" in result.output
    assert "- c01_count: verdict supported -> contradicted" in result.output


def test_a_diff_of_a_folder_with_itself_says_no_change(data_copy):
    result = runner.invoke(app, ["diff", str(data_copy), str(data_copy)])
    assert result.exit_code == 0 and result.output.endswith("No change.\n")


def test_the_diff_context_uses_no_store(data_copy):
    assert load_context(data_copy, cache=False).store is None


def test_a_read_only_folder_for_the_site_is_refused(tmp_path):
    import os

    folder = tmp_path / "ro"
    folder.mkdir()
    os.chmod(folder, 0o555)
    try:
        result = runner.invoke(app, ["site", "--out", str(folder / "site")])
    finally:
        os.chmod(folder, 0o755)
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"error: cannot write {folder}: the folder is read-only (mode 555); the previous site is intact\n"
    )
    assert list(folder.iterdir()) == []


def test_a_diff_of_something_that_is_neither_folder_nor_revision(tmp_path):
    result = runner.invoke(app, ["diff", str(tmp_path / "nope"), "data"])
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"error: {tmp_path / 'nope'} or data is neither a data folder nor a git revision of this repository\n"
    )
