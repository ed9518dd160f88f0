"""Write a set of outputs all-or-nothing: every file changes, or none does.

Everything is computed and rendered in memory first. :meth:`OutputSet.commit`
then writes the files of each output folder into a staging folder inside it,
and only when every byte is on disk moves them over the old files, with SIGINT
and SIGTERM held off for those few renames and rolled back if one fails. The
output folders themselves are never replaced, so a folder that is a symbolic
link is written through, a mount point works, and the folder keeps its own
permissions; a lock per folder (in the system's temporary folder) lets one commit at a time write into it. A failure, a full disk or a signal at any moment
leaves the previous set intact and no temporary file behind. Files are created
0644, folders 0755.

Errors of the machine (no permission, a read-only or full disk, a file where a
folder should be) are raised as :class:`OutputError` with one clear message.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import shutil
import signal
import tempfile
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
    own = exc.strerror if exc.strerror and exc.strerror.startswith("the folder") else None  # our own words
    return f"cannot write {path}: {own or words.get(exc.errno or -1, exc.strerror or str(exc))}"


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


def _writable(folder: Path) -> None:
    """Raise an OSError if ``folder`` may not be written: on a read-only file system, without permission,
    or made read-only (no write bit at all, which is respected even by a user, such as root, whom the
    system would let through)."""
    if os.statvfs(folder).f_flag & os.ST_RDONLY:
        raise OSError(errno.EROFS, "Read-only file system", str(folder))
    mode = folder.stat().st_mode
    if not mode & 0o222:
        raise PermissionError(errno.EACCES, f"the folder is read-only (mode {mode & 0o7777:o})", str(folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise PermissionError(errno.EACCES, "Permission denied", str(folder))


class OutputSet:
    """Outputs collected in memory, written together by :meth:`commit`."""

    def __init__(self) -> None:
        self.folders: dict[Path, dict[str, bytes]] = {}
        self.files: dict[Path, bytes] = {}

    def add_folder(self, folder: Path, files: dict[str, bytes]) -> None:
        """``folder`` will hold exactly these files (plus any others it already holds)."""
        assert all("/" not in name and not name.startswith(".") for name in files), "plain file names only"
        self.folders[Path(folder)] = dict(files)

    def add_file(self, path: Path, data: bytes) -> None:
        self.files[Path(path)] = data

    def paths(self) -> list[Path]:
        return [f / n for f, files in self.folders.items() for n in sorted(files)] + list(self.files)

    def _moves(self) -> dict[Path, dict[str, bytes]]:
        """Every output as (the real folder it lands in) -> {file name: bytes}. A folder that is a symbolic
        link is written into its target; a single file lands in its folder."""
        out: dict[Path, dict[str, bytes]] = {}
        for folder, files in self.folders.items():
            if folder.exists() and not folder.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(folder))
            out.setdefault(folder.resolve() if folder.exists() else folder, {}).update(files)
        for path, data in self.files.items():
            if path.is_dir():
                raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
            parent = path.parent.resolve() if path.parent.exists() else path.parent
            out.setdefault(parent, {})[path.name] = data
        return out

    def commit(self) -> list[Path]:
        """Stage everything inside each output folder, then move the new files over the old ones, with a
        lock per folder; on any failure the previous outputs stay. The folders themselves are never
        replaced: a symbolic link, a mount point and the folder's own permissions all stay as they are.
        Returns the paths written."""
        tag = f"{os.getpid()}"
        target: Path | str = "the outputs"
        created: list[Path] = []
        staged: list[tuple[Path, Path, dict[str, bytes]]] = []  # (folder, staging, files)
        try:
            moves = self._moves()
            for target in sorted(moves):
                created += self._prepare(target)
            with contextlib.ExitStack() as locks:
                for target in sorted(moves):
                    locks.enter_context(_locked(target))
                for target, files in sorted(moves.items()):
                    staged.append((target, self._stage(target, files, tag), files))
                target = ", ".join(str(t) for t, _, _ in staged)
                with signals_held():
                    self._swap(staged, tag)
        except OSError as exc:
            for folder in reversed(created):  # a folder this commit made, and left empty
                try:
                    folder.rmdir()
                except OSError:
                    pass
            named = exc.filename if isinstance(exc.filename, str) else ""
            where = named if named and ".staging-" not in named and ".old-" not in named else target
            raise OutputError(describe(exc, where) + "; the previous outputs are intact") from None
        finally:
            for _, staging, _ in staged:
                _remove(staging)
        return self.paths()

    @staticmethod
    def _prepare(folder: Path) -> list[Path]:
        """Make ``folder`` (and its missing parents) if needed, check that it can be written; the folders made."""
        made = []
        for parent in reversed([folder, *folder.parents]):
            if parent.exists():
                if not parent.is_dir():
                    raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(parent))
                continue
            parent.mkdir(mode=DIR_MODE)
            os.chmod(parent, DIR_MODE)
            made.append(parent)
        _writable(folder)
        return made

    @staticmethod
    def _stage(folder: Path, files: dict[str, bytes], tag: str) -> Path:
        staging = folder / f".staging-{tag}"
        _remove(staging)
        staging.mkdir(mode=DIR_MODE)
        try:
            for name, data in files.items():
                _write_file(staging / name, data)
        except BaseException:
            _remove(staging)
            raise
        return staging

    @staticmethod
    def _swap(staged: list[tuple[Path, Path, dict[str, bytes]]], tag: str) -> None:
        """Move every staged file over its old one, keeping the old ones until all have moved."""
        done: list[tuple[Path, Path | None]] = []  # (target file, backup or None)
        backups = []
        try:
            for folder, staging, files in staged:
                backup_dir = folder / f".old-{tag}"
                for name in files:
                    target, backup = folder / name, None
                    if target.exists() or target.is_symlink():
                        if target.is_dir() and not target.is_symlink():
                            raise IsADirectoryError(
                                errno.EISDIR, "a folder stands where a file should be", str(target)
                            )
                        if backup_dir not in backups:
                            _remove(backup_dir)
                            backup_dir.mkdir(mode=DIR_MODE)
                            backups.append(backup_dir)
                        backup = backup_dir / name
                        os.rename(target, backup)
                    try:
                        os.rename(staging / name, target)
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
            for backup_dir in backups:
                _remove(backup_dir)
            raise
        for backup_dir in backups:
            _remove(backup_dir)


@contextmanager
def _locked(folder: Path):
    """Hold an exclusive lock on ``folder`` for the length of the block: one commit at a time writes into
    it. The lock file lives in the system's temporary folder, named by a hash of the folder's real path, so
    that no output folder ever holds a file of ours besides the outputs."""
    name = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:24]
    fd = os.open(Path(tempfile.gettempdir()) / f"cabinet-analysis-{name}.lock", os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def write_all(outputs: OutputSet) -> list[Path]:
    """Commit ``outputs`` with SIGTERM handled like Ctrl-C (so nothing half-written stays)."""
    with terminate_as_interrupt():
        return outputs.commit()
