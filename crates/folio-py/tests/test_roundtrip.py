"""folio.convert gives the CLI's bytes for the same input and options."""

from __future__ import annotations

import pathlib
import warnings

import pytest

import folio
from conftest import FORMATS, REPO

FIXTURES = sorted((REPO / "fixtures").glob("*.txt"))


@pytest.fixture(autouse=True)
def quiet_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", folio.FolioWarning)
        yield


def test_fixtures_exist():
    assert len(FIXTURES) >= 10


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_same_bytes_as_cli(cli, path: pathlib.Path, fmt: str):
    r = cli.run("convert", str(path), "-t", fmt, "-o", "-", "-q", check=False)
    raw = path.read_bytes()
    if r.returncode != 0:
        # Whatever the CLI cannot write (a script no installed font
        # covers), the library refuses too, with the same message.
        with pytest.raises(folio.FolioError) as e:
            folio.convert(raw, to=fmt, name=str(path))
        assert str(e.value).split("error: ", 1)[-1].strip() in r.stderr.decode()
        return
    assert r.stdout, "the CLI wrote nothing"
    # bytes and str input give the same output
    assert folio.convert(raw, to=fmt, name=str(path)) == r.stdout
    text = raw.decode("utf-8-sig")
    if "\r" not in text:
        assert folio.convert(text, to=fmt) == r.stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_json_source_same_bytes(cli, tmp_path, fmt: str):
    seed = REPO / "fixtures" / "seed-pyongyang-times.txt"
    model = folio.parse(seed.read_text(encoding="utf-8"))
    j = tmp_path / "seed.json"
    j.write_bytes(folio.convert(seed.read_bytes(), to="json"))
    expected = cli.run("convert", str(j), "-t", fmt, "-o", "-").stdout
    assert folio.convert(model, to=fmt, source="json") == expected
    assert folio.convert(j.read_bytes(), to=fmt, source="json") == expected
    assert folio.convert(j.read_text(encoding="utf-8"), to=fmt, source="json") == expected


def test_parse_is_the_json_contract(cli):
    seed = REPO / "fixtures" / "seed-pyongyang-times.txt"
    import json

    model = folio.parse(seed.read_text(encoding="utf-8"))
    assert model == json.loads(cli.run("convert", str(seed), "-t", "json", "-o", "-").stdout)
    assert isinstance(model["title"], str) and model["title"]
    assert model["date"] is None or len(model["date"]) == 10
    assert isinstance(model["authors"], list)
    assert isinstance(model["language"], str)
    assert all("type" in b for b in model["body"])


# (python keywords, CLI flags, format)
OPTION_CASES = [
    ({"front_matter": False}, ["-O", "markdown.front-matter=false"], "md"),
    ({"flavor": "publishing", "issn": "0317-8471", "journal_id": "pt"},
     ["--jats-flavor", "publishing", "--jats-issn", "0317-8471", "--jats-journal-id", "pt"], "jats"),
    (
        {"journal_id": "pyt", "journal_title": "Pyongyang Times", "issn": "0317-8471", "publisher": "PT"},
        ["--jats-journal-id", "pyt", "--jats-journal-title", "Pyongyang Times", "--jats-issn", "0317-8471",
         "--jats-publisher", "PT"],
        "jats",
    ),
    ({"page_size": "a5", "font_size": 9.5}, ["--page-size", "a5", "--font-size", "9.5"], "pdf"),
    ({"page_size": "letter", "system_fonts": False}, ["--page-size", "letter", "--no-system-fonts"], "pdf"),
]


@pytest.mark.parametrize("kw,flags,fmt", OPTION_CASES)
def test_writer_options_same_bytes(cli, kw, flags, fmt):
    seed = REPO / "fixtures" / "seed-pyongyang-times.txt"
    expected = cli.run("convert", str(seed), "-t", fmt, "-o", "-", *flags).stdout
    got = folio.convert(seed.read_bytes(), to=fmt, **kw)
    assert got == expected
    assert got != folio.convert(seed.read_bytes(), to=fmt), "the option changed nothing"


def test_parse_options_same_bytes(cli):
    seed = REPO / "fixtures" / "seed-pyongyang-times.txt"
    flags = ["--title", "Another title", "--date", "2024-05-01", "--author", "Jane Doe", "--author", "John Roe",
             "--lang", "en-GB", "--date-order", "day-first"]
    expected = cli.run("convert", str(seed), "-t", "md", "-o", "-", *flags).stdout
    import datetime

    got = folio.convert(seed.read_bytes(), to="md", title="Another title", date=datetime.date(2024, 5, 1),
                        authors=["Jane Doe", "John Roe"], lang="en-GB", date_order="day-first")
    assert got == expected
    assert b"Another title" in got and b"Jane Doe" in got


def test_epub_cover_same_bytes(cli, tmp_path):
    seed = REPO / "fixtures" / "seed-pyongyang-times.txt"
    cover = tmp_path / "cover.svg"
    cover.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="600" height="800"><rect width="600" height="800" fill="#335"/></svg>')
    expected = cli.run("convert", str(seed), "-t", "epub", "-o", "-", "--cover", str(cover)).stdout
    assert folio.convert(seed.read_bytes(), to="epub", cover=cover) == expected


def test_timestamp_argument_and_env(monkeypatch):
    seed = (REPO / "fixtures" / "seed-pyongyang-times.txt").read_bytes()
    a = folio.convert(seed, to="epub")
    assert folio.convert(seed, to="epub", timestamp=1700000000) == a
    b = folio.convert(seed, to="epub", timestamp=1600000000)
    assert a != b
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    assert folio.convert(seed, to="epub") == b
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    # without it: a stable time from the content, never the clock
    assert folio.convert(seed, to="epub") == folio.convert(seed, to="epub")


def test_readme_example():
    out = folio.convert(open(REPO / "fixtures" / "seed-pyongyang-times.txt", encoding="utf-8").read(), to="md")
    assert isinstance(out, bytes)
    assert out.startswith(b"---\n")


def test_formats_lists_every_writer():
    names = {f["name"] for f in folio.formats()}
    assert names == {"markdown", "json", "jats", "epub", "pdf"}


def test_json_is_strict_unless_lenient(cli, tmp_path):
    """JSON input refuses keys the model does not have (as the CLI);
    lenient=True makes them warnings and gives the bytes of --lenient."""
    seed = REPO / "fixtures" / "seed-pyongyang-times.txt"
    model = folio.parse(seed.read_text(encoding="utf-8"))
    assert next(iter(model)) == "folio_version"
    model["colour"] = "blue"
    with pytest.raises(folio.InputError, match="colour"):
        folio.convert(model, to="md", source="json")
    j = tmp_path / "seed.json"
    j.write_text(__import__("json").dumps(model, ensure_ascii=False), encoding="utf-8")
    r = cli.run("convert", str(j), "-t", "md", "-o", "-", check=False)
    assert r.returncode == 1 and "colour" in r.stderr.decode()
    expected = cli.run("convert", str(j), "-t", "md", "-o", "-", "--lenient").stdout
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always", folio.FolioWarning)
        got = folio.convert(model, to="md", source="json", lenient=True)
    assert got == expected
    assert any("colour" in str(x.message) for x in w)
