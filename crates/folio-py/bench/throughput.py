#!/usr/bin/env python3
"""Throughput of the distributed run against the CLI batch (a benchmark, not a test).

    SOURCE_DATE_EPOCH=1700000000 python bench/throughput.py ../shared/corpus/bulk \
        --folio target/release/folio --to jats pdf --sizes 1 8 64 516

Measures, on the same articles and formats:

- ``cli``: ``folio convert --out-dir OUT -t FMT FILES...`` (one process, all
  cores), once per format;
- ``python``: ``folio.convert`` in a loop in this process (one core, no engine);
- ``dask N workers, partition P``: the distributed example's ``run`` on a
  LocalCluster of N worker processes (1 thread each), for each partition size;
- ``dask overhead``: the same tasks with a function that does nothing with
  the partition (so what remains is the engine's cost per task).

It prints a Markdown table (articles per second, best of ``--repeat`` runs;
the cluster is started before timing) and the partition size from which the
engine's per-task cost is under 10 % of a task's time.
"""

from __future__ import annotations

import argparse
import logging
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time
import warnings

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "examples"))

import folio  # noqa: E402
import distributed_convert as dc  # noqa: E402


def noop_partition(paths, out_dir, formats, timestamp, writer_options):
    return [{"name": p, "format": f, "ok": True} for p in paths for f in formats]


def best(fn, repeat):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("input_dir", type=pathlib.Path)
    ap.add_argument("--folio", default="target/release/folio", help="the CLI binary to compare with")
    ap.add_argument("--to", nargs="+", default=["jats", "pdf"])
    ap.add_argument("--sizes", nargs="+", type=int, default=[1, 8, 64, 516])
    ap.add_argument("--workers", nargs="+", type=int, default=[1, 2])
    ap.add_argument("--limit", type=int)
    ap.add_argument("--repeat", type=int, default=2)
    a = ap.parse_args()

    inputs = dc.list_inputs(a.input_dir, a.limit)
    n = len(inputs)
    ts = os.environ.get("SOURCE_DATE_EPOCH")
    timestamp = int(ts) if ts else None
    fmt_label = "+".join(a.to)
    rows = []
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="folio-bench-"))
    try:
        def cli():
            out = tmp / "cli"
            shutil.rmtree(out, ignore_errors=True)
            for fmt in a.to:
                # --keep-going: without CJK fonts installed, a few articles'
                # PDFs fail, in the CLI and the library alike
                r = subprocess.run([a.folio, "convert", "-q", "--keep-going", "-t", fmt, "--out-dir",
                                    str(out / fmt), *inputs], stderr=subprocess.DEVNULL)
                assert r.returncode in (0, 3), r.returncode
        t = best(cli, a.repeat)
        rows.append((f"CLI batch (`folio convert --out-dir`, all cores)", "-", t))

        def serial():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", folio.FolioWarning)
                for p in inputs:
                    raw = pathlib.Path(p).read_bytes()
                    for fmt in a.to:
                        try:
                            folio.convert(raw, to=fmt, timestamp=timestamp)
                        except folio.FolioError:
                            pass
        t_serial = best(serial, a.repeat)
        rows.append(("Python `folio.convert` loop, 1 thread, no engine", "-", t_serial))
        per_article = t_serial / n

        from dask.distributed import Client, LocalCluster

        overhead = {}
        for w in a.workers:
            cluster = LocalCluster(n_workers=w, threads_per_worker=1, processes=True, dashboard_address=":0",
                                   silence_logs=logging.ERROR)
            client = Client(cluster)
            try:
                # warm the workers (import folio, load fonts)
                dc.run(inputs[:2], tmp / "warm", a.to, client=client, partition_size=1, timestamp=timestamp)
                for size in a.sizes:
                    out = tmp / f"dask-{w}-{size}"

                    def go():
                        shutil.rmtree(out, ignore_errors=True)
                        recs = dc.run(inputs, out, a.to, client=client, partition_size=size, timestamp=timestamp)
                        assert sum(not r["ok"] for r in recs) < len(recs) // 50
                    t = best(go, a.repeat)
                    rows.append((f"Dask LocalCluster, {w} worker process{'es' if w > 1 else ''}", size, t))

                def noop():
                    futs = [client.submit(noop_partition, part, "", a.to, timestamp, {}, pure=False)
                            for part in dc.partitions(inputs, 1)]
                    client.gather(futs)
                overhead[w] = best(noop, a.repeat) / n * w  # seconds of engine time per task per worker
            finally:
                client.close()
                cluster.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"\n{n} articles -> {fmt_label}; best of {a.repeat}; machine: {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}\n")
    print("| run | partition size (articles per task) | seconds | articles/s |")
    print("| --- | ---: | ---: | ---: |")
    for name, size, t in rows:
        print(f"| {name} | {size} | {t:.2f} | {n / t:.0f} |")
    print()
    print(f"Conversion work: {per_article * 1000:.2f} ms per article ({fmt_label}) in one process.")
    for w, o in overhead.items():
        need = 9 * o / per_article
        print(f"Engine cost with {w} worker(s): {o * 1000:.2f} ms per task (empty tasks); a partition needs "
              f">= {max(1, round(need + 0.5))} articles for that cost to be under 10 % of the task.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
