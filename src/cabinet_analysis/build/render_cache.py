"""Keep rendered figures between runs, keyed by everything that decides their bytes.

A figure's bytes are a function of its input tables, the code and the versions of
the libraries that draw; figures are byte-reproducible, so a figure whose key has
been rendered before need not be drawn again. The key hashes the inputs' full
content (values, dtypes, index) and :func:`cabinet_analysis.store.code_fingerprint`: the source of
every module of the package (the simple, safe choice: no list of "drawing modules" to keep up to
date) and the versions of the libraries. The cache lives in ``.cache/figures/`` of a checkout; ``--fresh``
ignores it; only the latest entry of each figure is kept.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from pathlib import Path

import numpy as np
import pandas as pd

from ..data.boundaries import Boundaries
from ..store import read_entry, write_entry


def _feed(h, obj) -> None:
    if isinstance(obj, pd.DataFrame):
        h.update(b"frame")
        h.update(str(list(obj.dtypes.astype(str))).encode())
        h.update(
            obj.to_json(orient="split", default_handler=str, double_precision=15, date_format="iso").encode()
        )
    elif isinstance(obj, pd.Series):
        _feed(h, obj.to_frame())
    elif isinstance(obj, Boundaries):
        for name in sorted(obj.polygons):
            h.update(name.encode())
            for poly in obj.polygons[name]:
                for ring in poly:
                    h.update(np.ascontiguousarray(ring, dtype=float).tobytes())
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            _feed(h, item)
    else:
        h.update(json.dumps(obj, sort_keys=True, default=str).encode())


def key(name: str, spec: tuple, code: str) -> str:
    """The cache key of figure ``name`` drawn by ``spec`` (its function and inputs)."""
    h = hashlib.sha256(code.encode())
    h.update(name.encode())
    h.update(spec[0].__qualname__.encode())
    _feed(h, list(spec[1:]))
    return h.hexdigest()[:32]


class FigureCache:
    """Rendered files by key, in one folder: one entry per figure (``<figure>.<key>.entry``, its PNG and SVG
    together behind their sha256; :func:`cabinet_analysis.store.write_entry`). An entry that fails its hash
    (truncated, corrupt, half-written by another build) is not used: the figure is drawn again."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _path(self, name: str, k: str) -> Path:
        return self.folder / f"{name}.{k}.entry"

    def get(self, name: str, k: str, formats: tuple[str, ...]) -> dict[str, bytes] | None:
        payload = read_entry(self._path(name, k))
        if payload is None:
            return None
        try:
            files = pickle.loads(payload)
        except Exception:
            return None
        wanted = {f"{name}.{fmt}" for fmt in formats}
        return files if isinstance(files, dict) and set(files) == wanted else None

    def put(self, name: str, k: str, files: dict[str, bytes]) -> None:
        """Store a figure's files (best effort), and drop its entries under other keys."""
        write_entry(self._path(name, k), pickle.dumps(dict(files), protocol=pickle.HIGHEST_PROTOCOL))
        try:
            for old in self.folder.glob(f"{name}.*"):
                if old.name.split(".")[1] != k:
                    old.unlink(missing_ok=True)
        except OSError:
            pass
