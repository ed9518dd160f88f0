"""Computed results kept between runs, keyed by everything that decides them.

A result of the analysis is a function of the data folder's files, the package's code and the
versions of the libraries it runs on. :func:`code_fingerprint` hashes every source file of the
package (the simple, safe choice: no list of modules to keep current) and those versions;
:func:`data_fingerprint` hashes every file of a data folder. :class:`ResultStore` keeps one file per
result under both, written atomically (a temporary file, then a rename) and checked against its own
hash when read: an entry that is truncated, corrupt or from another version is computed again.
It lives in ``.cache/results/`` of a checkout (``paths.result_cache``); ``--fresh`` and
``load_context(cache=False)`` do without it. The render cache (:mod:`cabinet_analysis.build.render_cache`)
keys figures on the same code fingerprint.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from importlib.metadata import version
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
LIBRARIES = ("matplotlib", "numpy", "pandas", "scipy", "seaborn")
DIGEST = 32  # bytes of sha256 before each entry's payload


def package_sources() -> list[Path]:
    """Every source file of the package, in a fixed order."""
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def code_fingerprint() -> str:
    """Hash of every source file of the package and of the libraries' versions (read from their
    metadata, so nothing is imported)."""
    h = hashlib.sha256(" ".join(f"{lib} {version(lib)}" for lib in LIBRARIES).encode())
    for path in package_sources():
        h.update(path.relative_to(PACKAGE).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def data_fingerprint(data_dir: Path) -> str:
    """Hash of the name and bytes of every file of a data folder."""
    h = hashlib.sha256()
    for path in sorted(p for p in Path(data_dir).rglob("*") if p.is_file()):
        h.update(path.relative_to(data_dir).as_posix().encode() + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()


class ResultStore:
    """Results by key in one folder, for one data folder and one version of the code."""

    def __init__(
        self, folder: Path, data: str | None = None, code: str | None = None, data_dir: Path | None = None
    ):
        """``data`` and ``code`` are fingerprints; given ``data_dir`` instead, they are computed when the store
        is first used (a command that never reads a result, such as ``validate``, does not pay for them)."""
        self.folder = Path(folder)
        self._data, self._code, self._data_dir = data, code, data_dir
        self._prefix: str | None = None

    @property
    def prefix(self) -> str:
        if self._prefix is None:
            data = self._data if self._data is not None else data_fingerprint(Path(self._data_dir or "."))
            code = self._code if self._code is not None else code_fingerprint()
            self._prefix = hashlib.sha256(f"{data} {code}".encode()).hexdigest()
        return self._prefix

    def path(self, key: tuple) -> Path:
        return self.folder / (hashlib.sha256(f"{self.prefix} {key!r}".encode()).hexdigest()[:40] + ".pickle")

    def get(self, key: tuple):
        """The stored result, or None if there is none or it fails its hash."""
        payload = read_entry(self.path(key))
        if payload is None:
            return None
        try:
            return pickle.loads(payload)
        except Exception:  # an entry from another version of a library: compute it again
            return None

    def put(self, key: tuple, value) -> None:
        """Keep a result (best effort: a store that cannot be written is simply not used)."""
        write_entry(self.path(key), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def fetch(self, key: tuple, compute):
        """The stored result for ``key``, or ``compute()``, kept for next time."""
        value = self.get(key)
        if value is None:
            value = compute()
            self.put(key, value)
        return value


def read_entry(path: Path) -> bytes | None:
    """The payload of an entry written by :func:`write_entry`, or None if it is missing, truncated or
    corrupt (its sha256 does not match)."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    digest, payload = blob[:DIGEST], blob[DIGEST:]
    if len(blob) <= DIGEST or hashlib.sha256(payload).digest() != digest:
        return None
    return payload


def write_entry(path: Path, payload: bytes) -> None:
    """Write ``payload`` behind its sha256, atomically: a temporary file of this process, then a rename, so
    a reader sees the old entry or the whole new one, even with several writers at once. Best effort: an
    entry that cannot be written is simply not kept."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(hashlib.sha256(payload).digest() + payload)
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
