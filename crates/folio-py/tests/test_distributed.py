"""The distributed example on a Dask LocalCluster with 2 worker processes:
outputs equal the CLI's byte for byte, a failing article is reported by name
without stopping the rest, and a rerun gives the same bytes.

FOLIO_BULK_LIMIT=N takes the first N articles of the bulk corpus (default:
all 1,032)."""

from __future__ import annotations

import filecmp
import logging
import os
import pathlib
import subprocess
import sys

import pytest

from conftest import EPOCH, HERE

pytest.importorskip("dask.distributed")
sys.path.insert(0, str(HERE.parent / "examples"))
import distributed_convert as dc  # noqa: E402

FORMATS = ["jats", "pdf"]


@pytest.fixture(scope="module")
def client():
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                           silence_logs=logging.ERROR)
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.fixture(scope="module")
def sample(bulk_dir, tmp_path_factory):
    limit = os.environ.get("FOLIO_BULK_LIMIT")
    inputs = dc.list_inputs(bulk_dir, int(limit) if limit else None)
    assert inputs
    bad_dir = tmp_path_factory.mktemp("bad")
    bad = bad_dir / "broken-article.txt"
    bad.write_bytes(b"Title\n\nMarch 1, 2024\n\nA paragraph with a bad \xff byte.\n")
    binary = bad_dir / "not-text.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    # the bad ones in the middle, so tasks after them still run
    mid = len(inputs) // 2
    return inputs[:mid] + [str(bad)] + inputs[mid:] + [str(binary)], inputs


@pytest.fixture(scope="module")
def cli_out(cli, sample, tmp_path_factory):
    """The CLI batch (`folio convert --out-dir --keep-going`) on the same
    articles. (Where no installed font covers an article's script, the CLI
    fails that article's PDF; the engine must fail the same ones.)"""
    _, good = sample
    out = tmp_path_factory.mktemp("cli")
    for fmt in FORMATS:
        r = cli.run("convert", "-q", "--keep-going", "-t", fmt, "--out-dir", str(out / fmt), *good, check=False)
        assert r.returncode in (0, 1, 3), r.stderr  # 3: an output could not be written
    return out


def run(client, inputs, out, partition_size=16):
    return dc.run(inputs, out, FORMATS, client=client, partition_size=partition_size, timestamp=int(EPOCH))


def test_dask_outputs_equal_cli(client, sample, cli_out, tmp_path):
    inputs, good = sample
    records = run(client, inputs, tmp_path / "a")
    assert len(records) == len(inputs) * len(FORMATS)
    failed = {(r["name"], r["format"]) for r in records if not r["ok"]}
    # the two bad articles fail in every format, named; any other failure
    # is one the CLI has too (no output file from either)
    bad = {(n, f) for n in ("broken-article.txt", "not-text.txt") for f in FORMATS}
    assert bad <= failed
    ext = {"jats": "xml", "pdf": "pdf"}
    cli_missing = {
        (pathlib.Path(p).name, f) for p in good for f in FORMATS
        if not (cli_out / f / f"{pathlib.Path(p).stem}.{ext[f]}").exists()
    }
    assert failed - bad == cli_missing
    assert len(cli_missing) < len(good) // 10, "most articles failed"
    errors = {r["name"]: r["error"] for r in records if not r["ok"]}
    assert errors["broken-article.txt"].startswith("broken-article.txt:5: error: invalid UTF-8")
    assert "binary data" in errors["not-text.txt"]
    # every good article written, byte for byte the CLI's
    for fmt in FORMATS:
        ours = sorted(p.name for p in (tmp_path / "a" / fmt).iterdir())
        theirs = sorted(p.name for p in (cli_out / fmt).iterdir())
        assert ours == theirs
        assert len(ours) == len(good) - sum(1 for _, f in cli_missing if f == fmt)
        match, mismatch, errs = filecmp.cmpfiles(tmp_path / "a" / fmt, cli_out / fmt, ours, shallow=False)
        assert not mismatch and not errs, f"{fmt}: differ from the CLI: {mismatch[:5]} {errs[:5]}"
        assert len(match) == len(ours)


def test_rerun_same_bytes(client, sample, tmp_path):
    inputs, good = sample
    # another partitioning, too: the partition size does not change a byte
    run(client, inputs, tmp_path / "a", partition_size=16)
    run(client, inputs, tmp_path / "b", partition_size=7)
    for fmt in FORMATS:
        names = sorted(p.name for p in (tmp_path / "a" / fmt).iterdir())
        assert len(names) > len(good) * 0.9
        assert names == sorted(p.name for p in (tmp_path / "b" / fmt).iterdir())
        _, mismatch, errs = filecmp.cmpfiles(tmp_path / "a" / fmt, tmp_path / "b" / fmt, names, shallow=False)
        assert not mismatch and not errs
    # no temporary files left behind
    assert not list((tmp_path / "a").rglob(".*.tmp"))


def test_example_script_reports_failure_and_goes_on(sample, tmp_path):
    inputs, good = sample
    few = [p for p in good[:12]]
    bad = next(p for p in inputs if p.endswith("broken-article.txt"))
    r = subprocess.run(
        [sys.executable, str(HERE.parent / "examples" / "distributed_convert.py"), str(pathlib.Path(good[0]).parent),
         str(tmp_path / "out"), "--to", "jats", "--workers", "2", "--partition-size", "4", "--limit", "12",
         "--extra", bad, "--quiet"],
        capture_output=True, text=True, env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH), timeout=300,
    )
    assert r.returncode == 1, r.stderr
    assert "broken-article.txt: jats: broken-article.txt:5: error: invalid UTF-8" in r.stderr
    assert "1 failed: broken-article.txt" in r.stderr
    assert "converted 12 of 13" in r.stdout
    for fmt, ext in (("jats", "xml"),):
        written = sorted(p.name for p in (tmp_path / "out" / fmt).iterdir())
        assert written == sorted(f"{pathlib.Path(p).stem}.{ext}" for p in few)
