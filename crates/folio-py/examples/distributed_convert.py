#!/usr/bin/env python3
"""Convert an archive of articles on Dask distributed, one task per partition.

    python distributed_convert.py ../shared/corpus/bulk out/ --to jats pdf --workers 2

Every ``*.txt`` (raw text) and ``*.json`` (Folio JSON) file of INPUT_DIR is
converted to each format with ``folio.convert`` -- a library call in the
worker process, not a subprocess -- and written to OUT_DIR/FORMAT/STEM.EXT,
the names ``folio convert --out-dir`` gives. The articles are cut into
partitions of ``--partition-size`` files; each partition is one Dask task,
which reads its files, converts them and writes the outputs (each written
atomically: a temporary file, then a rename).

An article that cannot be converted does not stop the others: it is reported
by name (``NAME: FORMAT: error: ...``) and the run exits with status 1 once
everything else is written, like ``folio convert --keep-going``. Outputs are
the same bytes on every run: timestamps come from SOURCE_DATE_EPOCH (passed
to the workers explicitly) or from the article, never from the clock.

``--scheduler ADDRESS`` uses an existing cluster (the paths must then be
readable and writable by its workers); otherwise a LocalCluster with
``--workers`` processes of one thread each is started.
"""

from __future__ import annotations

import argparse
import logging
import os
import pathlib
import sys
import time
import warnings
from typing import Dict, List, Optional, Sequence

import folio

# Format name -> file extension, from the library (as `folio formats`).
EXTENSIONS: Dict[str, str] = {}
for _f in folio.formats():
    for _key in [_f["name"], _f["extension"], *_f["aliases"]]:
        EXTENSIONS[_key] = _f["extension"]


def safe_stem(s: str) -> str:
    """The CLI's output name for an input stem (`output::safe_stem`)."""
    out: List[str] = []
    dash = False
    for c in s:
        if c.isalnum() or c in "_-":
            out.append(c)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
        if len("".join(out).encode()) > 120:
            break
    stem = "".join(out).strip("-")
    reserved = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
    if not stem:
        return "article"
    if stem.lower() in reserved:
        return stem + "_"
    return stem


def _write_atomic(path: pathlib.Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def convert_partition(
    paths: Sequence[str],
    out_dir: str,
    formats: Sequence[str],
    timestamp: Optional[int],
    writer_options: Dict[str, Dict[str, object]],
) -> List[dict]:
    """One Dask task: convert every article of the partition to every
    format and write the outputs. Returns one record per (article, format):
    ``{"name", "format", "ok", "error", "bytes", "warnings"}``. Never
    raises for a bad article."""
    records = []
    for p in paths:
        path = pathlib.Path(p)
        try:
            raw = path.read_bytes()
        except OSError as e:
            for fmt in formats:
                records.append({"name": path.name, "format": fmt, "ok": False, "error": f"cannot read: {e}"})
            continue
        source = "json" if path.suffix.lower() == ".json" else "text"
        stem = safe_stem(path.stem)
        for fmt in formats:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", folio.FolioWarning)
                try:
                    data = folio.convert(raw, to=fmt, source=source, name=path.name, timestamp=timestamp,
                                         **writer_options.get(fmt, {}))
                except folio.FolioError as e:
                    records.append({"name": path.name, "format": fmt, "ok": False, "error": str(e)})
                    continue
            target = pathlib.Path(out_dir) / fmt / f"{stem}.{EXTENSIONS[fmt]}"
            try:
                _write_atomic(target, data)
            except OSError as e:
                records.append({"name": path.name, "format": fmt, "ok": False, "error": f"{target}: {e}"})
                continue
            records.append({"name": path.name, "format": fmt, "ok": True, "error": None, "bytes": len(data),
                            "warnings": [str(w.message) for w in caught]})
    return records


def partitions(items: Sequence[str], size: int) -> List[List[str]]:
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


def list_inputs(input_dir: pathlib.Path, limit: Optional[int]) -> List[str]:
    files = sorted(p for p in input_dir.iterdir() if p.is_file() and p.suffix.lower() in (".txt", ".json"))
    if limit is not None:
        files = files[:limit]
    return [str(p) for p in files]


def run(
    inputs: Sequence[str],
    out_dir: pathlib.Path,
    formats: Sequence[str],
    *,
    client,
    partition_size: int,
    timestamp: Optional[int],
    writer_options: Optional[Dict[str, Dict[str, object]]] = None,
) -> List[dict]:
    """Submits one task per partition to the Dask client and gathers the
    records, in input order."""
    names = [safe_stem(pathlib.Path(p).stem) for p in inputs]
    if len(set(names)) != len(names):
        raise SystemExit("error: two inputs would get the same output name")
    for fmt in formats:
        (out_dir / fmt).mkdir(parents=True, exist_ok=True)
    futures = [
        client.submit(convert_partition, part, str(out_dir), list(formats), timestamp, writer_options or {},
                      pure=False)
        for part in partitions(inputs, partition_size)
    ]
    results = client.gather(futures)
    return [r for part in results for r in part]


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input_dir", type=pathlib.Path)
    ap.add_argument("out_dir", type=pathlib.Path)
    ap.add_argument("--to", nargs="+", default=["jats", "pdf"], metavar="FORMAT")
    ap.add_argument("--workers", type=int, default=2, help="worker processes of a LocalCluster (default 2)")
    ap.add_argument("--scheduler", help="address of an existing Dask scheduler instead of a LocalCluster")
    ap.add_argument("--partition-size", type=int, default=64, help="articles per task (default 64)")
    ap.add_argument("--limit", type=int, help="only the first N articles (by name)")
    ap.add_argument("--extra", nargs="*", default=[], help="more input files to add (e.g. a known-bad one)")
    ap.add_argument("--quiet", action="store_true", help="do not print parser warnings")
    a = ap.parse_args(argv)

    for fmt in a.to:
        if fmt not in EXTENSIONS:
            ap.error(f"unknown format {fmt!r} (known: {', '.join(f['name'] for f in folio.formats())})")
    formats = [next(f["name"] for f in folio.formats() if EXTENSIONS[f["name"]] == EXTENSIONS[x]) for x in a.to]
    if a.partition_size < 1:
        ap.error("--partition-size must be at least 1")
    inputs = list_inputs(a.input_dir, a.limit) + list(a.extra)
    if not inputs:
        print(f"{a.input_dir}: error: no .txt or .json files", file=sys.stderr)
        return 2
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    timestamp = int(env) if env else None

    from dask.distributed import Client, LocalCluster

    t0 = time.perf_counter()
    if a.scheduler:
        client = Client(a.scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True,
                               dashboard_address=":0", silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        t1 = time.perf_counter()
        records = run(inputs, a.out_dir, formats, client=client, partition_size=a.partition_size,
                      timestamp=timestamp)
        t2 = time.perf_counter()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

    failed = [r for r in records if not r["ok"]]
    if not a.quiet:
        for r in records:
            for w in r.get("warnings") or []:
                print(w, file=sys.stderr)
    for r in failed:
        print(f"{r['name']}: {r['format']}: {r['error']}", file=sys.stderr)
    ok = len(records) - len(failed)
    n_parts = len(partitions(inputs, a.partition_size))
    print(f"converted {ok} of {len(records)} (article, format) pairs: {len(inputs)} articles x {len(formats)} "
          f"formats in {n_parts} tasks; {t2 - t1:.2f} s on the cluster (+{t1 - t0:.2f} s to start it), "
          f"{len(inputs) / (t2 - t1):.1f} articles/s")
    if failed:
        print(f"{len(failed)} failed: {', '.join(sorted({r['name'] for r in failed}))}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
