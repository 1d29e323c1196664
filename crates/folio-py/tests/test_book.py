"""folio.book gives `folio book`'s bytes."""

from __future__ import annotations

import warnings

import pytest

import folio
from conftest import REPO

ARTICLES = [
    REPO / "fixtures" / n
    for n in ("seed-pyongyang-times.txt", "russian-guillemets.txt", "wire-dateline-byline-headings.txt",
              "lists-quotes-code.txt", "french-update-stamp.txt")
]


@pytest.fixture(autouse=True)
def quiet_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", folio.FolioWarning)
        yield


@pytest.mark.parametrize("fmt", ["epub", "pdf", "md", "json"])
def test_book_same_bytes(cli, tmp_path, fmt):
    out = tmp_path / f"book.{fmt}"
    cli.run("book", "-q", "--title", "A week", "--sort", "date", "--author", "Jane Doe", "-o", str(out),
            *map(str, ARTICLES))
    got = folio.book(ARTICLES, to=fmt, title="A week", sort="date", authors=["Jane Doe"])
    assert got == out.read_bytes()
    # text items give the same book as paths
    texts = [(str(p), p.read_text(encoding="utf-8-sig")) for p in ARTICLES if b"\r" not in p.read_bytes()]
    paths = [p for p in ARTICLES if b"\r" not in p.read_bytes()]
    assert folio.book(texts, to=fmt, title="T") == folio.book(paths, to=fmt, title="T")


def test_book_options(cli, tmp_path):
    out = tmp_path / "book.pdf"
    cli.run("book", "-q", "--title", "A5 book", "--page-size", "a5", "--lang", "en", "--date", "2024-01-02",
            "--publisher", "P", "-o", str(out), *map(str, ARTICLES))
    got = folio.book(ARTICLES, to="pdf", title="A5 book", page_size="a5", lang="en", date="2024-01-02",
                     publisher="P")
    assert got == out.read_bytes()


def test_book_bad_article(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    with pytest.raises(folio.InputError) as e:
        folio.book([*ARTICLES, bad], to="epub")
    assert "bad.txt" in str(e.value)
    with pytest.warns(folio.FolioWarning, match="bad.txt"):
        kept = folio.book([*ARTICLES, bad], to="epub", keep_going=True)
    assert kept == folio.book(ARTICLES, to="epub")


def test_book_refuses_jats():
    with pytest.raises(folio.OptionError, match="one document per article"):
        folio.book(ARTICLES, to="jats")


def test_book_unknown_keyword():
    with pytest.raises(TypeError, match="flavor"):
        folio.book(ARTICLES, to="epub", flavor="publishing")
