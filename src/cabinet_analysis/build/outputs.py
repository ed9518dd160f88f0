"""Write a set of outputs all-or-nothing: every file changes, or none does.

Everything is computed and rendered in memory first. :meth:`OutputSet.commit`
then writes each output folder into a staging folder beside it (and each
single file into a staging file beside it), and only when every byte is on disk
swaps them all in, with SIGINT and SIGTERM held off for those few renames and
rolled back if one fails. A failure, a full disk or a signal at any moment
leaves the previous set intact and no temporary file behind. Files are created
0644, folders 0755.

Errors of the machine (no permission, a read-only or full disk, a file where a
folder should be) are raised as :class:`OutputError` with one clear message.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
from contextlib import contextmanager
from pathlib import Path

FILE_MODE = 0o644
DIR_MODE = 0o755
_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class OutputError(Exception):
    """The outputs could not be written; the previous ones are intact."""


def describe(exc: OSError, path: Path | str) -> str:
    """One line for a user: what went wrong where, in words rather than an errno."""
    words = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exceeded",
        errno.EROFS: "the file system is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ENOTDIR: "a file stands where a folder should be",
        errno.EISDIR: "a folder stands where a file should be",
        errno.EEXIST: "a file stands where a folder should be",
        errno.ENOENT: "no such file or folder",
    }
    return f"cannot write {path}: {words.get(exc.errno or -1, exc.strerror or str(exc))}"


@contextmanager
def signals_held():
    """Hold SIGINT and SIGTERM until the block ends (they are delivered then)."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not on Linux
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


@contextmanager
def terminate_as_interrupt():
    """Turn SIGTERM into KeyboardInterrupt, so that clean-up code runs for it as for Ctrl-C."""

    def handler(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _write_file(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)  # whatever the umask
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        path.unlink(missing_ok=True)


class OutputSet:
    """Outputs collected in memory, written together by :meth:`commit`."""

    def __init__(self) -> None:
        self.folders: dict[Path, dict[str, bytes]] = {}
        self.files: dict[Path, bytes] = {}

    def add_folder(self, folder: Path, files: dict[str, bytes]) -> None:
        """``folder`` will hold exactly these files (plus any others it already holds)."""
        self.folders[Path(folder)] = dict(files)

    def add_file(self, path: Path, data: bytes) -> None:
        self.files[Path(path)] = data

    def paths(self) -> list[Path]:
        return [f / n for f, files in self.folders.items() for n in sorted(files)] + list(self.files)

    def commit(self) -> list[Path]:
        """Stage everything, then swap it all in; on any failure the previous outputs stay. Returns the paths written."""
        tag = f"{os.getpid()}"
        staged: list[tuple[Path, Path]] = []  # (staging, target)
        target: Path | str = "the outputs"
        try:
            for target, files in self.folders.items():
                staged.append((self._stage_folder(target, files, tag), target))
            for target, data in self.files.items():
                staged.append((self._stage_file(target, data, tag), target))
            target = ", ".join(str(t) for _, t in staged)
            with signals_held():
                self._swap(staged, tag)
        except OSError as exc:
            raise OutputError(describe(exc, target) + "; the previous outputs are intact") from None
        finally:
            for staging, _ in staged:
                _remove(staging)
        return self.paths()

    @staticmethod
    def _prepare_parent(target: Path) -> None:
        parent = target.parent
        if parent.exists() and not parent.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(parent))
        parent.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)

    def _stage_folder(self, folder: Path, files: dict[str, bytes], tag: str) -> Path:
        if folder.exists() and not folder.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(folder))
        self._prepare_parent(folder)
        staging = folder.parent / f".{folder.name}.staging-{tag}"
        _remove(staging)
        staging.mkdir(mode=DIR_MODE)
        try:
            os.chmod(staging, DIR_MODE)
            for name, data in files.items():
                _write_file(staging / name, data)
            if folder.is_dir():  # keep whatever else the folder holds
                for entry in folder.iterdir():
                    if entry.name not in files:
                        if entry.is_dir() and not entry.is_symlink():
                            shutil.copytree(entry, staging / entry.name, symlinks=True)
                        else:
                            shutil.copy2(entry, staging / entry.name, follow_symlinks=False)
        except BaseException:
            _remove(staging)
            raise
        return staging

    def _stage_file(self, path: Path, data: bytes, tag: str) -> Path:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
        self._prepare_parent(path)
        staging = path.parent / f".{path.name}.staging-{tag}"
        _remove(staging)
        try:
            _write_file(staging, data)
        except BaseException:
            _remove(staging)
            raise
        return staging

    @staticmethod
    def _swap(staged: list[tuple[Path, Path]], tag: str) -> None:
        """Move every staged output into place, keeping the old ones until all have moved."""
        done: list[tuple[Path, Path | None]] = []  # (target, backup or None)
        try:
            for staging, target in staged:
                backup = None
                if target.exists():
                    backup = target.parent / f".{target.name}.old-{tag}"
                    _remove(backup)
                    os.rename(target, backup)
                try:
                    os.rename(staging, target)
                except BaseException:
                    if backup is not None:
                        os.rename(backup, target)
                    raise
                done.append((target, backup))
        except BaseException:
            for target, backup in reversed(done):  # roll back what had moved
                _remove(target)
                if backup is not None:
                    os.rename(backup, target)
            raise
        for _, backup in done:
            if backup is not None:
                _remove(backup)


def write_all(outputs: OutputSet) -> list[Path]:
    """Commit ``outputs`` with SIGTERM handled like Ctrl-C (so nothing half-written stays)."""
    with terminate_as_interrupt():
        return outputs.commit()
