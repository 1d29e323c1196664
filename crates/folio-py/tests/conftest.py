"""Shared fixtures: the repository, the `folio` CLI to compare against, and a
fixed SOURCE_DATE_EPOCH for both sides."""

from __future__ import annotations

import os
import pathlib
import subprocess

import pytest

HERE = pathlib.Path(__file__).resolve().parent
REPO = pathlib.Path(os.environ.get("FOLIO_REPO", HERE.parents[2])).resolve()
EPOCH = "1700000000"
FORMATS = ["md", "json", "jats", "epub", "pdf"]


def _cli() -> pathlib.Path:
    env = os.environ.get("FOLIO_BIN")
    if env:
        return pathlib.Path(env)
    for profile in ("debug", "release"):
        p = REPO / "target" / profile / "folio"
        if p.is_file():
            return p
    raise RuntimeError("no folio binary: build it (cargo build) or set FOLIO_BIN")


@pytest.fixture(scope="session")
def repo() -> pathlib.Path:
    return REPO


@pytest.fixture(scope="session")
def fixtures_dir() -> pathlib.Path:
    return REPO / "fixtures"


@pytest.fixture(scope="session")
def bulk_dir() -> pathlib.Path:
    """The 1,032-article corpus (../shared/corpus/bulk from the repository)."""
    for p in (REPO.parent / "shared" / "corpus" / "bulk", pathlib.Path("/work/shared/corpus/bulk")):
        if p.is_dir():
            return p
    pytest.skip("the bulk corpus (../shared/corpus/bulk) is absent")


@pytest.fixture(autouse=True)
def source_date_epoch(monkeypatch):
    """The same SOURCE_DATE_EPOCH for folio.convert and the CLI."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


class Cli:
    def __init__(self, path: pathlib.Path):
        self.path = path

    def run(self, *args: str, input: bytes | None = None, check: bool = True) -> subprocess.CompletedProcess:
        env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
        r = subprocess.run([str(self.path), *args], input=input, capture_output=True, env=env)
        if check and r.returncode != 0:
            raise AssertionError(f"folio {' '.join(args)} exited {r.returncode}: {r.stderr.decode(errors='replace')}")
        return r


@pytest.fixture(scope="session")
def cli() -> Cli:
    return Cli(_cli())
