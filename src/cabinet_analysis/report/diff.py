"""What changed between two versions of the data: rows added, changed and removed per table and field,
and every claim verdict or "holds in N of M" that moved.

:func:`data_diff` compares two data folders; :func:`folder_at` checks a git revision's ``data/`` out into
a temporary folder, so that two revisions compare the same way. ``cabinet-analysis diff OLD NEW`` prints
it as Markdown (for the CHANGELOG and the site).
"""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
from collections import Counter
from io import BytesIO
from pathlib import Path

import pandas as pd

from ..context import Context  # noqa: F401 - the type of claims_diff's arguments

KEYS = {  # the tables compared, by their primary key (appointments and evidence: their whole row)
    "persons": ["person_id"],
    "posts": ["post_id"],
    "rounds": ["round_id"],
    "sources": ["source_id"],
    "claims": ["claim_id"],
    "tallies": ["tally_id"],
    "appointments": None,
    "evidence": None,
}


def _raw(folder: Path, name: str) -> pd.DataFrame | None:
    path = folder / f"{name}.csv"
    return pd.read_csv(path, dtype=str, keep_default_na=False) if path.is_file() else None


def table_diff(old: pd.DataFrame, new: pd.DataFrame, key: list[str] | None) -> dict:
    """Rows added, removed, and (for a table whose key is unique on both sides) changed field by field; columns
    added and removed. Rows are compared as a multiset, so a repeated row that appears or goes is reported."""
    columns = {
        "columns_added": [c for c in new.columns if c not in old.columns],
        "columns_removed": [c for c in old.columns if c not in new.columns],
    }
    common = [c for c in new.columns if c in old.columns]
    keyed = (
        key is not None
        and set(key) <= set(common)
        and not old.duplicated(key).any()
        and not new.duplicated(key).any()
    )
    if not keyed:
        o, n = (
            Counter(old[common].itertuples(index=False, name=None)),
            Counter(new[common].itertuples(index=False, name=None)),
        )
        added, removed = sorted((n - o).elements()), sorted((o - n).elements())
        return {
            "added": [dict(zip(common, r)) for r in added],
            "removed": [dict(zip(common, r)) for r in removed],
            "changed": [],
            **columns,
        }
    o, n = old.set_index(key), new.set_index(key)
    changed = []
    for i in (i for i in n.index if i in o.index):
        for col in (c for c in common if c not in key):
            if o.at[i, col] != n.at[i, col]:
                changed.append({"key": i, "field": col, "old": o.at[i, col], "new": n.at[i, col]})
    return {
        "added": [{"key": i} for i in n.index if i not in o.index],
        "removed": [{"key": i} for i in o.index if i not in n.index],
        "changed": changed,
        **columns,
    }


def claims_diff(old: Context, new: Context) -> list[dict]:
    """Every claim whose verdict or "holds in" moved (claims present in both)."""
    from ..analysis.claims import evaluate_claims

    a = evaluate_claims(old).set_index("claim_id")
    b = evaluate_claims(new).set_index("claim_id")
    out = []
    for cid in (c for c in b.index if c in a.index):
        for col in ("verdict", "holds_in"):
            if a.at[cid, col] != b.at[cid, col]:
                out.append({"claim_id": cid, "what": col, "old": a.at[cid, col], "new": b.at[cid, col]})
    return out


def data_diff(old: Path, new: Path) -> dict:
    """The diff of two data folders. Tables are compared as text, so folders of an older layout compare too
    (a table missing from one side is all added or all removed); claims are compared where both folders
    validate under this version (else ``claims_note`` says why not)."""
    from ..context import load_context
    from ..data import DataError

    tables = {}
    for name, key in KEYS.items():
        a, b = _raw(Path(old), name), _raw(Path(new), name)
        if a is None and b is None:
            continue
        if a is None:
            a = pd.DataFrame(columns=b.columns if b is not None else [])
        if b is None:
            b = pd.DataFrame(columns=a.columns)
        tables[name] = table_diff(a, b, key)
    try:
        claims, note = claims_diff(load_context(old, cache=False), load_context(new, cache=False)), ""
    except DataError as exc:
        claims, note = (
            [],
            f"Claims not compared: one side does not validate under this version ({len(exc.problems)} problems).",
        )
    return {"tables": tables, "claims": claims, "claims_note": note}


def markdown(diff: dict, old_label: str, new_label: str) -> str:
    lines = [f"## Data changes: {old_label} to {new_label}\n"]
    for name, d in diff["tables"].items():
        if not (d["added"] or d["removed"] or d["changed"] or d["columns_added"] or d["columns_removed"]):
            continue
        lines.append(
            f"### {name}.csv: {len(d['added'])} added, {len(d['changed'])} values changed, {len(d['removed'])} removed\n"
        )
        lines += [f"- column `{c}` added" for c in d["columns_added"]]
        lines += [f"- column `{c}` removed" for c in d["columns_removed"]]
        for row in d["added"]:
            lines.append(
                f"- added {row.get('key') or '; '.join(f'{k}={v}' for k, v in row.items() if v)[:160]}"
            )
        for row in d["removed"]:
            lines.append(
                f"- removed {row.get('key') or '; '.join(f'{k}={v}' for k, v in row.items() if v)[:160]}"
            )
        for c in d["changed"]:
            lines.append(f"- {c['key']}: {c['field']} {c['old']!r} -> {c['new']!r}")
        lines.append("")
    if diff["claims"]:
        lines.append("### Claims whose verdict moved\n")
        lines += [f"- {c['claim_id']}: {c['what']} {c['old']} -> {c['new']}" for c in diff["claims"]]
        lines.append("")
    if diff.get("claims_note"):
        lines.append(diff["claims_note"] + "\n")
    if len(lines) == 1:
        lines.append("No change.\n")
    return "\n".join(lines).rstrip() + "\n"


def folder_at(revision: str, repo: Path, into: Path) -> Path:
    """``data/`` as it was at git ``revision``, extracted into ``into``."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", revision, "data"], cwd=repo, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "data"


def resolve(spec: str, repo: Path, tmp: Path) -> Path:
    """A data folder, or a git revision of the repository's data/."""
    path = Path(spec)
    if path.is_dir():
        return path
    return folder_at(spec, repo, Path(tempfile.mkdtemp(dir=tmp)))
