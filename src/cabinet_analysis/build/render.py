"""Every figure rendered to PNG and SVG bytes, from the render cache where nothing changed, the others
drawn in forked worker processes. Files are written only after every figure has rendered (by the
caller, through :mod:`cabinet_analysis.build.outputs`)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from pathlib import Path

from .. import paths
from ..figures import figure_inputs
from ..figures.style import to_bytes
from ..store import code_fingerprint
from .outputs import signals_held
from .render_cache import FigureCache, key

FORMATS = ("png", "svg")
_PENDING: dict[
    str, tuple
] = {}  # the inputs handed to forked rendering processes (set and cleared by render_all)


def _worker_signals() -> None:
    """Workers leave interrupts to the parent: Ctrl-C reaches the whole group and the parent handles
    it; SIGTERM (the parent terminating the pool) simply ends a worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})


def _render(name: str) -> dict[str, bytes]:
    fn, *args = _PENDING[name]
    fig = fn(*args)
    return {f"{name}.{fmt}": to_bytes(fig, fmt) for fmt in FORMATS}


def render_all(ctx, workers: int | None = None, cache: Path | None | bool = True) -> dict[str, bytes]:
    """Every figure as PNG and SVG bytes, by file name.

    The tables are computed here. A figure whose inputs and code are unchanged since it was last
    rendered comes from the render cache (:mod:`cabinet_analysis.build.render_cache`; ``cache=False``
    ignores it, a path chooses its folder). The others are drawn and rendered in ``workers`` forked
    processes (default: up to two, one per core, when this process can fork safely), which gives the
    same bytes as drawing them one by one.
    """
    inputs = figure_inputs(ctx)
    folder = paths.figure_cache() if cache is True else (Path(cache) if cache else None)
    store = FigureCache(folder) if folder is not None else None
    code = code_fingerprint() if store else ""
    keys = {name: key(name, spec, code) for name, spec in inputs.items()} if store else {}
    files: dict[str, bytes] = {}
    todo = []
    for name in inputs:
        hit = store.get(name, keys[name], FORMATS) if store else None
        if hit is None:
            todo.append(name)
        else:
            files.update(hit)
    if workers is None:
        safe = (
            hasattr(os, "fork")
            and threading.active_count() == 1
            and threading.current_thread() is threading.main_thread()
        )
        workers = min(2, os.cpu_count() or 1, len(todo)) if safe else 1
    _PENDING.clear()
    _PENDING.update(inputs)
    try:
        if workers <= 1:
            parts = [_render(name) for name in todo]
        else:
            with signals_held():  # a signal during a fork would be lost in fork handlers; take it after
                pool = multiprocessing.get_context("fork").Pool(workers, initializer=_worker_signals)
            with pool:  # on an interrupt, leaving the block terminates the workers at once
                parts = pool.map(_render, todo, chunksize=1)
    finally:
        _PENDING.clear()
    for name, part in zip(todo, parts):
        files.update(part)
        if store:
            store.put(name, keys[name], part)
    return {k: files[k] for k in sorted(files)}
