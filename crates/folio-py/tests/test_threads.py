"""Threads: same bytes as serial calls, and the GIL is released while Folio
works (another Python thread runs meanwhile)."""

from __future__ import annotations

import threading
import warnings
from concurrent.futures import ThreadPoolExecutor

import folio
from conftest import REPO

FIXTURES = sorted((REPO / "fixtures").glob("*.txt"))


def _convert(args):
    raw, fmt = args
    try:
        return folio.convert(raw, to=fmt)
    except folio.FolioError as e:
        return type(e).__name__ + str(e)


def test_threads_give_serial_bytes():
    jobs = [(p.read_bytes(), fmt) for p in FIXTURES for fmt in ("md", "jats", "epub", "pdf")] * 2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", folio.FolioWarning)
        serial = [_convert(j) for j in jobs]
        with ThreadPoolExecutor(max_workers=4) as pool:
            threaded = list(pool.map(_convert, jobs))
    assert threaded == serial


def test_gil_released_while_converting(bulk_dir):
    # An EPUB book of the bulk corpus keeps Folio busy for a while. While the
    # worker thread is inside folio.book, this thread keeps running Python
    # code: the longest pause between two of its loop iterations is a small
    # part of the conversion time. Were the GIL held, that pause would be
    # the whole conversion.
    import time

    items = [(p.name, p.read_bytes()) for p in sorted(bulk_dir.glob("*.txt"))[:600]]
    started = threading.Event()
    done = threading.Event()
    result = {}

    def work():
        started.set()
        try:
            t0 = time.perf_counter()
            result["epub"] = folio.book(items, to="epub", title="GIL")
            result["seconds"] = time.perf_counter() - t0
        finally:
            done.set()

    t = threading.Thread(target=work)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", folio.FolioWarning)
        t.start()
        started.wait()
        last = time.perf_counter()
        longest = 0.0
        while not done.is_set():
            now = time.perf_counter()
            longest = max(longest, now - last)
            last = now
        t.join()
    assert result["epub"].startswith(b"PK")
    assert result["seconds"] > 0.05, "too little work to tell"
    assert longest < 0.5 * result["seconds"], (
        f"this thread stalled {longest:.3f} s of the {result['seconds']:.3f} s conversion: the GIL was held"
    )
