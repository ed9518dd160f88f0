#!/usr/bin/env python3
"""Time the commands against the import floor, side by side, and the data layer at scale.

    .venv/bin/python benchmarks/run.py              # commands x5, sweep, panels x10 and x100, the 10,000-person panel
    .venv/bin/python benchmarks/run.py --suite      # also `python3 tasks.py test`, median of three

The import floor is `python -c 'import pandas, matplotlib.pyplot'` in the project's environment,
run in turn with each command so that machine load affects both alike. Ratios are medians over
median. Nothing here is a test: the numbers are for people, the targets are in the README.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
CLI = str(ROOT / ".venv" / "bin" / "cabinet-analysis")
FLOOR = [PY, "-c", "import pandas, matplotlib.pyplot"]


def wall(cmd: list[str], **kw) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    return time.perf_counter() - start


def commands(repeat: int) -> None:
    tmp = Path(tempfile.mkdtemp())
    env = {**os.environ, "MPLBACKEND": "Agg"}
    runs = {"floor": [], "validate": [], "report": [], "figures": []}
    for i in range(repeat):
        runs["floor"].append(wall(FLOOR, env=env))
        runs["validate"].append(wall([CLI, "validate"], env=env))
        runs["report"].append(wall([CLI, "report"], env=env))
        runs["figures"].append(wall([CLI, "figures", "--out", str(tmp / f"figs{i}")], env=env))
    shutil.rmtree(tmp)
    floor = statistics.median(runs["floor"])
    print(f"{'command':10s} {'median s':>9s} {'x floor':>8s}   (runs: {repeat}, interleaved)")
    for name, times in runs.items():
        med = statistics.median(times)
        print(f"{name:10s} {med:9.2f} {med / floor:8.2f}")


def sweep(repeat: int) -> None:
    code = (
        "import time, statistics\n"
        "from cabinet_analysis.context import load_context\n"
        "from cabinet_analysis.analysis.sensitivity import focus_sensitivity\n"
        "t = []\n"
        f"for _ in range({repeat}):\n"
        "    ctx = load_context(cache=False); s = time.perf_counter(); table = focus_sensitivity(ctx); t.append(time.perf_counter() - s)\n"
        "print(f'sensitivity sweep ({len(table) // 5} combinations, fresh context each run): median {statistics.median(t):.3f} s')\n"
    )
    subprocess.run([PY, "-c", code], check=True)


def _rows(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(newline="", encoding="utf-8") as fh:
        r = csv.DictReader(fh)
        return list(r.fieldnames), list(r)


def _write(path: Path, fields: list[str], rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def panel(folder: Path, persons: int, evidence: int) -> tuple[int, int, int]:
    """A synthetic data folder: the shipped one, with every person copied (``<id>_x<k>``) together
    with their evidence and later appointments, until there are at least ``persons`` persons and
    ``evidence`` evidence rows. The 33 of 7 September stay as they are."""
    shutil.copytree(ROOT / "data", folder)
    pf, prow = _rows(folder / "persons.csv")
    af, arow = _rows(folder / "appointments.csv")
    ef, erow = _rows(folder / "evidence.csv")
    sf, srow = _rows(folder / "posts.csv")
    # Later appointments of named persons; each copy gets posts of its own (a copy of every post) and no
    # round, so that no post has two holders at once and no round holds more names than it announced.
    later = [a for a in arow if a["announced_on"] != "2021-09-07" and a["person_id"]]
    new_p, new_a, new_e, new_s = list(prow), list(arow), list(erow), list(srow)
    k = 0
    while len(new_p) < persons or len(new_e) < evidence:
        k += 1
        new_p += [{**p, "person_id": f"{p['person_id']}_x{k}"} for p in prow]
        new_s += [{**p, "post_id": f"{p['post_id']}_x{k}", "name": f"{p['name']} (copy {k})"} for p in srow]
        new_a += [
            {
                **a,
                "person_id": f"{a['person_id']}_x{k}",
                "post_id": f"{a['post_id']}_x{k}" if a["post_id"] else "",
                "round_id": "",
            }
            for a in later
        ]
        new_e += [{**r, "person_id": f"{r['person_id']}_x{k}"} for r in erow]
    _write(folder / "persons.csv", pf, new_p)
    _write(folder / "posts.csv", sf, new_s)
    _write(folder / "appointments.csv", af, new_a)
    _write(folder / "evidence.csv", ef, new_e)
    return len(new_p), len(new_a), len(new_e)


def scale(factors: list[int], extra: list[tuple[int, int]]) -> None:
    base_p = len(_rows(ROOT / "data" / "persons.csv")[1])
    base_e = len(_rows(ROOT / "data" / "evidence.csv")[1])
    sizes = [(base_p * f, base_e * f, f"x{f}") for f in factors] + [
        (p, e, f">= {p:,} persons") for p, e in extra
    ]
    code = (
        "import sys, time\nfrom cabinet_analysis.data import load_dataset\n"
        "s = time.perf_counter(); ds = load_dataset(sys.argv[1]); t = time.perf_counter() - s\n"
        "print(f'{t:.2f}')\n"
    )
    print(
        f"{'panel':>16s} {'persons':>8s} {'appointments':>12s} {'evidence':>9s} {'validate s':>10s} {'us/row':>7s}"
    )
    for persons, evidence, label in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            n_p, n_a, n_e = panel(Path(tmp) / "data", persons, evidence)
            t = min(
                float(
                    subprocess.run(
                        [PY, "-c", code, str(Path(tmp) / "data")], check=True, capture_output=True, text=True
                    ).stdout
                )
                for _ in range(3)
            )
            print(f"{label:>16s} {n_p:8d} {n_a:12d} {n_e:9d} {t:10.2f} {1e6 * t / (n_p + n_a + n_e):7.1f}")


def suite(repeat: int) -> None:
    """The whole suite, median of ``repeat`` runs, each beside a run of the import floor."""
    times, floors = [], []
    for _ in range(repeat):
        floors.append(wall(FLOOR))
        times.append(wall([sys.executable, str(ROOT / "tasks.py"), "test"], cwd=ROOT))
    med, floor = statistics.median(times), statistics.median(floors)
    print(
        f"python3 tasks.py test: median {med:.1f} s wall over {repeat} runs ({', '.join(f'{t:.1f}' for t in times)}); "
        f"import floor {floor:.2f} s, so {med / floor:.0f}x the floor"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--suite", action="store_true", help="also time the whole test suite (median of three)")
    args = ap.parse_args()
    commands(args.repeat)
    sweep(args.repeat)
    scale([10, 100], [(10_000, 120_000)])
    if args.suite:
        suite(3)
    return 0


if __name__ == "__main__":
    sys.exit(main())
