"""Bad input and bad options raise clear Python exceptions."""

from __future__ import annotations

import pytest

import folio
from conftest import REPO

SEED = (REPO / "fixtures" / "seed-pyongyang-times.txt").read_bytes()


def test_invalid_utf8_names_the_line(cli):
    data = b"Title\n\nMarch 1, 2024\n\nFirst paragraph.\n\nBad \xff byte here.\n"
    with pytest.raises(folio.InputError) as e:
        folio.convert(data, to="md", name="bad.txt")
    assert e.value.line == 7
    assert e.value.source == "bad.txt"
    assert "invalid UTF-8 at byte" in e.value.message
    assert str(e.value).startswith("bad.txt:7: error: ")
    # the CLI reports the same line
    r = cli.run("convert", "-", "-t", "md", input=data, check=False)
    assert r.returncode == 1 and "<stdin>:7: error: invalid UTF-8" in r.stderr.decode()
    # lossy=True replaces it, with a warning
    with pytest.warns(folio.FolioWarning, match="U\\+FFFD"):
        out = folio.convert(data, to="md", lossy=True)
    assert "\ufffd".encode() in out


def test_bad_json_names_the_line():
    with pytest.raises(folio.InputError) as e:
        folio.convert('{\n  "title": "x",\n  "body": 7\n}', to="md", source="json")
    assert e.value.line == 3
    assert "not a Folio JSON article" in str(e.value)


@pytest.mark.parametrize(
    "data,what",
    [(b"", "empty"), (b"   \n\n  ", "white space"), (b"\x89PNG\r\n\x1a\n\0\0", "binary"), (b"a\0b", "binary")],
)
def test_unreadable_input(data, what):
    with pytest.raises(folio.InputError, match=what) as e:
        folio.convert(data, to="json")
    assert isinstance(e.value, folio.FolioError)


def test_parse_errors_too():
    with pytest.raises(folio.InputError):
        folio.parse(b"")


def test_unknown_keyword_is_type_error():
    with pytest.raises(TypeError, match="page_sise"):
        folio.convert(SEED, to="pdf", page_sise="a5")
    # an option of another writer is unknown to this one
    with pytest.raises(TypeError, match="page_size"):
        folio.convert(SEED, to="md", page_size="a5")
    with pytest.raises(TypeError, match="takes no options"):
        folio.convert(SEED, to="json", flavor="publishing")
    # reading options are ordinary keywords
    with pytest.raises(TypeError):
        folio.parse(SEED, to="md")


@pytest.mark.parametrize(
    "kw",
    [
        {"to": "docx"},
        {"to": "pdf", "page_size": "a3"},
        {"to": "pdf", "font_size": 200},
        {"to": "pdf", "font_size": "big"},
        {"to": "pdf", "fonts": "/no/such/font.ttf"},
        {"to": "pdf", "fonts": ["/no/such/font.ttf"]},
        {"to": "jats", "flavor": "purple"},  # "green"/"blue" are the tag sets' colours: accepted
        {"to": "md", "front_matter": "no"},
        {"to": "epub", "cover": "/no/such/cover.png"},
        {"to": "md", "date_order": "sideways"},
        {"to": "md", "date": "1 May 2024"},
        {"to": "md", "lang": "en_US.UTF-8"},
        {"to": "md", "source": "html"},
        {"to": "md", "timestamp": "now"},
        {"to": "md", "authors": "Jane Doe"},
    ],
)
def test_bad_value_is_option_error(kw):
    with pytest.raises(folio.OptionError):
        folio.convert(SEED, **kw)


@pytest.mark.parametrize(
    "kw",
    [
        {"to": "jats", "flavor": "publishing"},  # Publishing needs the journal's ISSN
        {"to": "jats", "issn": "1234-5678"},  # the check digit is wrong
    ],
)
def test_writer_refuses_option_value(cli, kw):
    with pytest.raises(folio.OptionError, match="jats.issn"):
        folio.convert(SEED, **kw)


def test_font_that_is_not_a_font(tmp_path):
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(b"not a font")
    with pytest.raises(folio.OptionError, match="bad.ttf"):
        folio.convert(SEED, to="pdf", fonts=[bad])


def test_bad_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(folio.OptionError, match="SOURCE_DATE_EPOCH"):
        folio.convert(SEED, to="epub")


def test_wrong_input_type():
    with pytest.raises(TypeError):
        folio.convert(12, to="md")
    with pytest.raises(folio.OptionError, match="source='json'"):
        folio.convert({"title": "x"}, to="md")


def test_lone_surrogate_is_input_error():
    with pytest.raises(folio.InputError, match="UTF-8"):
        folio.convert("Title\n\nText \ud800 here.\n", to="md")


def test_warnings_name_the_line():
    text = "Title\n\n03/04/2023\n\nFirst paragraph here.\n"
    with pytest.warns(folio.FolioWarning, match=r"^art\.txt:3: warning: "):
        folio.parse(text, name="art.txt")
