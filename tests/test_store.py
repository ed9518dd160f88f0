"""The result store: keyed by the data and the code, atomic, checked on read."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from cabinet_analysis import store as store_module
from cabinet_analysis.analysis.claims import evaluate_claims
from cabinet_analysis.context import load_context
from cabinet_analysis.store import ResultStore, code_fingerprint, data_fingerprint

DATA = store_module.PACKAGE.parents[1] / "data"


def test_the_code_fingerprint_covers_every_module_of_every_layer(tmp_path, monkeypatch):
    copy = tmp_path / "cabinet_analysis"
    shutil.copytree(store_module.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "shipped_data"))
    monkeypatch.setattr(store_module, "PACKAGE", copy)
    before = code_fingerprint()
    modules = [
        "analysis/measures.py",
        "vocab.py",
        "coding/reading.py",
        "data/dataset.py",
        "figures/style.py",
        "report/labels.py",
        "build/render.py",
        "context.py",
    ]
    for rel in modules:
        path = copy / rel
        original = path.read_bytes()
        path.write_bytes(original + b"\n# changed\n")
        assert code_fingerprint() != before, rel
        path.write_bytes(original)
    assert code_fingerprint() == before


def test_a_changed_data_file_changes_the_data_fingerprint(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    before = data_fingerprint(data)
    with (data / "claims.csv").open("a", encoding="utf-8") as fh:
        fh.write("\n")
    assert data_fingerprint(data) != before


def test_a_corrupt_or_truncated_entry_is_computed_again(tmp_path):
    store = ResultStore(tmp_path, "data", "code")
    calls = []

    def compute():
        calls.append(1)
        return pd.DataFrame({"x": [1, 2]})

    first = store.fetch(("k",), compute)
    path = store.path(("k",))
    blob = path.read_bytes()
    pd.testing.assert_frame_equal(store.fetch(("k",), compute), first)
    assert len(calls) == 1  # served from the store
    path.write_bytes(blob[: len(blob) // 2])  # truncated
    assert store.get(("k",)) is None
    pd.testing.assert_frame_equal(store.fetch(("k",), compute), first)
    assert len(calls) == 2
    path.write_bytes(blob[:-1] + bytes([blob[-1] ^ 1]))  # one bit flipped
    assert store.get(("k",)) is None
    assert not list(tmp_path.glob(".*"))  # no temporary file left behind


def test_other_data_or_code_never_reads_an_entry(tmp_path):
    a = ResultStore(tmp_path, "data-a", "code")
    a.put(("k",), 1)
    assert ResultStore(tmp_path, "data-b", "code").get(("k",)) is None
    assert ResultStore(tmp_path, "data-a", "code2").get(("k",)) is None
    assert ResultStore(tmp_path, "data-a", "code").get(("k",)) == 1


def test_a_stored_ledger_equals_a_computed_one(tmp_path):
    cold = load_context(cache=tmp_path)
    computed = evaluate_claims(cold)
    assert len(list(tmp_path.iterdir())) >= 1
    warm = load_context(cache=tmp_path)
    pd.testing.assert_frame_equal(evaluate_claims(warm), computed)
    pd.testing.assert_frame_equal(evaluate_claims(load_context(cache=False)), computed)
    assert load_context(cache=False).store is None


def test_an_unwritable_store_is_simply_not_used(tmp_path):
    folder = tmp_path / "file"
    folder.write_text("not a folder")
    store = ResultStore(folder, "d", "c")
    assert store.fetch(("k",), lambda: 5) == 5
    assert folder.read_text() == "not a folder"


@pytest.mark.parametrize("value", [0, "", [], None])
def test_falsy_results_are_kept_too(tmp_path, value):
    store = ResultStore(tmp_path, "d", "c")
    calls = []
    store.fetch(("k",), lambda: calls.append(1) or value)
    store.fetch(("k",), lambda: calls.append(1) or value)
    assert len(calls) == (2 if value is None else 1)
