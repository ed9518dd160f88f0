"""Outputs survive faults: a full disk during the swap, a read-only target, an interrupt between two
writes, SIGTERM and SIGINT mid-run, a file where a folder should be, an unreadable input. Each leaves
the previous set intact and no temporary file, with the documented message and exit status 1."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cabinet_analysis.build import outputs
from cabinet_analysis.build.cli import app
from cabinet_analysis.build.outputs import OutputError, OutputSet, write_all
from cabinet_analysis.report.render import inert_cells

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]


def old_set(root: Path) -> dict[Path, bytes]:
    """A previous set of outputs: a folder of two files and one single file."""
    (root / "reports").mkdir()
    (root / "reports" / "a.txt").write_bytes(b"old a")
    (root / "reports" / "b.txt").write_bytes(b"old b")
    (root / "wide.csv").write_bytes(b"old wide")
    return snapshot(root)


def snapshot(root: Path) -> dict[Path, bytes]:
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def new_set(root: Path) -> OutputSet:
    out = OutputSet()
    out.add_folder(root / "reports", {"a.txt": b"new a", "b.txt": b"new b"})
    out.add_file(root / "wide.csv", b"new wide")
    return out


def test_a_commit_replaces_every_file_with_mode_0644(tmp_path):
    old_set(tmp_path)
    (tmp_path / "reports" / "mine.txt").write_bytes(b"a user's own file")
    old_umask = os.umask(0o077)
    try:
        write_all(new_set(tmp_path))
    finally:
        os.umask(old_umask)
    assert snapshot(tmp_path) == {
        Path("reports/a.txt"): b"new a",
        Path("reports/b.txt"): b"new b",
        Path("reports/mine.txt"): b"a user's own file",
        Path("wide.csv"): b"new wide",
    }
    for p in (tmp_path / "reports" / "a.txt", tmp_path / "wide.csv"):
        assert p.stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "reports").stat().st_mode & 0o777 == 0o755


def test_full_disk_during_the_swap_leaves_the_old_set(tmp_path, monkeypatch):
    before = old_set(tmp_path)
    real = os.rename
    calls = []

    def rename(src, dst):
        calls.append(dst)
        if len(calls) == 3:  # after the folder has been swapped in, while the file is swapped
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(outputs.os, "rename", rename)
    with pytest.raises(OutputError, match="the disk is full; the previous outputs are intact"):
        write_all(new_set(tmp_path))
    assert snapshot(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports", "wide.csv"]  # no staging, no backup


def test_full_disk_while_writing_leaves_the_old_set(tmp_path, monkeypatch):
    before = old_set(tmp_path)
    real = os.write

    def write(fd, data):
        if bytes(data[:5]) == b"new b":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd, data)

    monkeypatch.setattr(outputs.os, "write", write)
    with pytest.raises(OutputError, match=f"cannot write {tmp_path / 'reports'}: the disk is full"):
        write_all(new_set(tmp_path))
    assert snapshot(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports", "wide.csv"]


def test_read_only_target(tmp_path, monkeypatch):
    before = old_set(tmp_path)

    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(Path, "mkdir", refuse)
    monkeypatch.setattr(outputs, "_write_file", refuse)
    with pytest.raises(OutputError, match="the file system is read-only"):
        write_all(new_set(tmp_path))
    assert snapshot(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports", "wide.csv"]


def test_interrupt_between_two_file_writes(tmp_path, monkeypatch):
    before = old_set(tmp_path)
    real = outputs._write_file
    written = []

    def write_then_interrupt(path, data):
        if written:
            raise KeyboardInterrupt
        written.append(path)
        real(path, data)

    monkeypatch.setattr(outputs, "_write_file", write_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_all(new_set(tmp_path))
    assert snapshot(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports", "wide.csv"]


def test_a_file_where_the_folder_should_be(tmp_path):
    target = tmp_path / "figs"
    target.write_text("not a folder")
    result = runner.invoke(app, ["figures", "--out", str(target)])
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"error: cannot write {target}: a file stands where a folder should be; the previous outputs are intact\n"
    )
    assert target.read_text() == "not a folder" and sorted(p.name for p in tmp_path.iterdir()) == ["figs"]


def test_build_is_all_or_nothing_when_the_figures_cannot_be_written(data_copy, tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "report.txt").write_text("old report")
    figs = tmp_path / "figs"
    figs.write_text("a file")
    wide = (data_copy / "appointees.csv").read_bytes()
    result = runner.invoke(app, ["build", str(data_copy), "--out", str(reports), "--figures-dir", str(figs)])
    assert result.exit_code == 1
    assert result.stderr.strip().endswith(
        "a file stands where a folder should be; the previous outputs are intact"
    )
    assert [p.name for p in reports.iterdir()] == ["report.txt"] and (
        reports / "report.txt"
    ).read_text() == "old report"
    assert (data_copy / "appointees.csv").read_bytes() == wide
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "figs", "reports"]


def test_unreadable_input_is_an_environment_error(data_copy, monkeypatch):
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "evidence.csv":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = runner.invoke(app, ["validate", str(data_copy)])
    assert result.exit_code == 1
    assert result.stderr == f"error: cannot read {data_copy / 'evidence.csv'}: Permission denied\n"


@pytest.mark.skipif(
    not Path("/proc/self/task").exists(), reason="needs Linux /proc to see the rendering workers"
)
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_mid_run_leaves_the_old_set_and_no_temporary_file(tmp_path, signum):
    out = tmp_path / "figs"
    out.mkdir()
    (out / "old.png").write_bytes(b"old")
    env = {**os.environ, "MPLBACKEND": "Agg"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from cabinet_analysis.build.cli import main; main()",
            "figures",
            "--fresh",
            "--out",
            str(out),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    deadline = time.monotonic() + 60
    while not children.read_text().strip() and time.monotonic() < deadline:  # mid-run: figures being drawn
        time.sleep(0.02)
    assert children.read_text().strip(), "the figures were never drawn in worker processes"
    # Ctrl-C reaches the whole process group; SIGTERM (kill) the main process only.
    os.killpg(proc.pid, signum) if signum == signal.SIGINT else os.kill(proc.pid, signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1, err
    assert err.strip().splitlines()[-1] == "error: interrupted; the previous outputs are intact"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figs"]
    assert [p.name for p in out.iterdir()] == ["old.png"]


def test_csv_cells_that_look_like_formulas_are_made_inert():
    import pandas as pd

    t = pd.DataFrame(
        {
            "name": ['=HYPERLINK("x")', "+1+2", "-cmd", "@SUM(A1)", "Abdul", "-12.8"],
            "gap_pp": [-12.8, 1.0, 2.0, 3.0, 4.0, 5.0],
        }
    )
    out = inert_cells(t)
    assert out["name"].tolist() == ['\'=HYPERLINK("x")', "'+1+2", "'-cmd", "'@SUM(A1)", "Abdul", "-12.8"]
    assert out["gap_pp"].tolist() == t["gap_pp"].tolist()


def test_report_csv_escapes_a_name_beginning_with_equals(data_copy):
    text = (data_copy / "persons.csv").read_text(encoding="utf-8")
    (data_copy / "persons.csv").write_text(
        text.replace("\namir_khan_muttaqi,Amir Khan Muttaqi,", "\namir_khan_muttaqi,=Amir Khan Muttaqi,", 1),
        encoding="utf-8",
    )
    from cabinet_analysis.context import load_context
    from cabinet_analysis.report.render import render
    from cabinet_analysis.report.tables import gap_report

    csv_text = render(gap_report(load_context(data_copy)), "csv")
    assert "'=Amir Khan Muttaqi" in csv_text and ",=Amir" not in csv_text


def test_library_rejects_bad_arguments():
    import pandas as pd

    from cabinet_analysis.analysis.measures import multinomial_test
    from cabinet_analysis.coding.choices import CodingChoice

    with pytest.raises(
        ValueError, match="scheme must be one of rusi, rusi_farah_southwest, unama, isaf, not 'rusii'"
    ):
        CodingChoice(scheme="rusii")
    with pytest.raises(
        ValueError, match="baseline must be one of population, provinces, movement, emirate, not 'pop'"
    ):
        CodingChoice(baseline="pop")
    with pytest.raises(ValueError, match="draws must be a whole number of at least 1, not 0"):
        multinomial_test(pd.Series({"a": 1}), pd.Series({"a": 1.0}), draws=0)


def test_help_documents_both_exit_codes():
    result = runner.invoke(app, ["--help"])
    text = " ".join(result.stdout.split())
    assert "2 bad data" in text and "1 an environment error" in text


def test_a_kernel_that_does_not_start_is_an_environment_error(monkeypatch):
    """nbclient reports a kernel that never answered as a RuntimeError: one line, exit 1, no notebook touched."""
    import nbclient

    from cabinet_analysis import paths

    def no_kernel(self, *args, **kwargs):
        raise RuntimeError("Kernel didn't respond in 120 seconds")

    monkeypatch.setattr(nbclient.NotebookClient, "execute", no_kernel)
    before = {p: p.read_bytes() for p in sorted(paths.notebooks_dir().glob("*.ipynb"))}
    result = runner.invoke(app, ["notebooks"])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output
    assert (
        lines[0].startswith("error: 0")
        and "the Python kernel did not start or died (Kernel didn't respond in 120 seconds)" in lines[0]
    )
    assert lines[0].endswith("the previous outputs are intact")
    assert {p: p.read_bytes() for p in before} == before


def test_a_symlinked_output_folder_is_written_through(tmp_path):
    real = tmp_path / "elsewhere" / "reports"
    real.mkdir(parents=True)
    (real / "a.txt").write_bytes(b"old a")
    (tmp_path / "reports").symlink_to(real, target_is_directory=True)
    write_all(new_set(tmp_path))
    assert (tmp_path / "reports").is_symlink() and (tmp_path / "reports").resolve() == real.resolve()
    assert (real / "a.txt").read_bytes() == b"new a" and (real / "b.txt").read_bytes() == b"new b"
    assert sorted(p.name for p in real.iterdir()) == ["a.txt", "b.txt"]


def test_the_output_folder_itself_is_never_moved_so_a_mount_point_works(tmp_path, monkeypatch):
    """A mount point cannot be renamed ("Device or resource busy"): the commit must never rename a folder."""
    old_set(tmp_path)
    real = os.rename
    folders = {tmp_path / "reports", tmp_path}

    def busy(src, dst, *args, **kwargs):
        if Path(src) in folders:
            raise OSError(errno.EBUSY, "Device or resource busy", str(src))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "rename", busy)
    write_all(new_set(tmp_path))
    assert snapshot(tmp_path) == {
        Path("reports/a.txt"): b"new a",
        Path("reports/b.txt"): b"new b",
        Path("wide.csv"): b"new wide",
    }


def test_the_folder_keeps_its_own_permissions(tmp_path):
    old_set(tmp_path)
    os.chmod(tmp_path / "reports", 0o2770)
    write_all(new_set(tmp_path))
    assert (tmp_path / "reports").stat().st_mode & 0o7777 == 0o2770


def test_a_read_only_folder_is_refused_and_left_as_it_was(tmp_path):
    before = old_set(tmp_path)
    os.chmod(tmp_path / "reports", 0o555)
    try:
        result = runner.invoke(app, ["figures", "--out", str(tmp_path / "reports")])
    finally:
        os.chmod(tmp_path / "reports", 0o755)
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"error: cannot write {tmp_path / 'reports'}: the folder is read-only (mode 555); the previous outputs are intact\n"
    )
    assert snapshot(tmp_path) == before
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["a.txt", "b.txt"]


def _commit_many(folder: str, mark: bytes) -> None:
    out = OutputSet()
    out.add_folder(Path(folder), {f"f{i:03d}.txt": mark * 4000 for i in range(300)})
    write_all(out)


def test_concurrent_commits_leave_one_whole_set(tmp_path):
    """Two processes writing different sets into one folder at once: the folder ends as one whole set."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    folder = tmp_path / "figs"
    for attempt in range(6):
        procs = [ctx.Process(target=_commit_many, args=(str(folder), mark)) for mark in (b"A", b"B")]
        for p in procs:
            p.start()
        for p in procs:
            p.join(30)
        contents = {p.read_bytes()[:1] for p in folder.iterdir()}
        assert len(contents) == 1, f"attempt {attempt}: a mixed set {sorted(contents)}"
        assert len(list(folder.iterdir())) == 300
