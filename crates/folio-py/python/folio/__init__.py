"""Folio: turn raw news-article text into Markdown, JSON, JATS, EPUB and PDF.

The functions here run the same Rust code as the ``folio`` command line, so
the same input and options give the same bytes::

    import folio
    text = open("article.txt", encoding="utf-8").read()
    model = folio.parse(text)                 # the document model as a dict
    md = folio.convert(text, to="md")         # bytes
    pdf = folio.convert(model, to="pdf", source="json", page_size="a5")
    epub = folio.book([text, model], to="epub", title="A week of news")

Writer options are keyword arguments (``flavor="publishing"`` for JATS,
``page_size="a5"`` for PDF...); a keyword the chosen writer does not have
raises ``TypeError``, a bad value raises :class:`OptionError`. An input that
cannot be read raises :class:`InputError`, whose ``line`` says where.
Parser warnings are issued as :class:`FolioWarning` (filter them with the
:mod:`warnings` module). Timestamps come from ``SOURCE_DATE_EPOCH`` (or the
``timestamp`` argument), never from the clock.

The GIL is released while Folio parses and writes, so a thread pool
converts on all cores.
"""

from __future__ import annotations

import datetime as _dt
import json as _json
import os as _os
import warnings as _warnings
from typing import Any, Iterable, Mapping, Optional, Sequence, Tuple, Union

from . import _folio
from ._folio import FolioError, InputError, OptionError, OutputError

__all__ = [
    "parse",
    "convert",
    "book",
    "formats",
    "FolioError",
    "InputError",
    "OptionError",
    "OutputError",
    "FolioWarning",
    "__version__",
]

__version__: str = _folio.__version__


class FolioWarning(UserWarning):
    """A parser warning about the input (an ambiguous date, a removed
    control character...). The message starts with ``NAME:LINE:``."""


_SOURCES = ("text", "json")


def _timestamp(timestamp: Optional[int]) -> Optional[int]:
    if timestamp is not None:
        if isinstance(timestamp, bool) or not isinstance(timestamp, int):
            raise OptionError(f"timestamp must be an int (seconds since 1970), not {type(timestamp).__name__}")
        return timestamp
    v = _os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not v:
        return None
    try:
        return int(v)
    except ValueError:
        raise OptionError(f"SOURCE_DATE_EPOCH={v!r} is not a number of seconds") from None


def _date(date: Union[None, str, _dt.date]) -> Optional[str]:
    if date is None:
        return None
    if isinstance(date, _dt.datetime):
        raise OptionError("date must be a datetime.date or 'YYYY-MM-DD', not a datetime")
    if isinstance(date, _dt.date):
        return date.isoformat()
    if isinstance(date, str):
        return date
    raise OptionError(f"date must be a datetime.date or 'YYYY-MM-DD', not {type(date).__name__}")


def _authors(authors: Optional[Sequence[str]]) -> list:
    if authors is None:
        return []
    if isinstance(authors, str):
        raise OptionError("authors must be a list of names, not one string")
    out = list(authors)
    for a in out:
        if not isinstance(a, str):
            raise OptionError(f"authors must be strings, not {type(a).__name__}")
    return out


def _data(data: Any, source: str, name: str) -> Tuple[Union[str, bytes], Optional[bool]]:
    """The input as str/bytes and whether it is JSON (None: decide from the
    first character, as the CLI does for standard input)."""
    if source not in _SOURCES:
        raise OptionError(f"source={source!r}: expected one of {', '.join(map(repr, _SOURCES))}")
    if isinstance(data, Mapping):
        if source != "json":
            raise OptionError("a dict is a document model: pass source='json'")
        return _json.dumps(data, ensure_ascii=False), True
    if isinstance(data, (str, bytes)):
        return data, source == "json"
    if isinstance(data, (bytearray, memoryview)):
        return bytes(data), source == "json"
    raise TypeError(f"{name}: expected str, bytes or (with source='json') a dict, not {type(data).__name__}")


def _warn(name: str, diags: Iterable[Tuple[Optional[int], str, str]]) -> None:
    for line, severity, message in diags:
        where = f"{name}:{line}" if line is not None else name
        _warnings.warn(f"{where}: {severity}: {message}", FolioWarning, stacklevel=3)


def parse(
    text: Union[str, bytes],
    *,
    lang: Optional[str] = None,
    date_order: str = "auto",
    title: Optional[str] = None,
    date: Union[None, str, _dt.date] = None,
    authors: Optional[Sequence[str]] = None,
    lossy: bool = False,
    name: str = "<input>",
) -> dict:
    """Parse raw article text and return the document model as a dict.

    The dict is the JSON contract (``folio convert a.txt -o a.json``):
    ``title``, ``date`` (``YYYY-MM-DD`` or None), ``authors``, ``language``,
    ``body`` (blocks with a ``type``) and the other fields in the README.

    ``text`` is a str or raw bytes (UTF-8 with or without BOM, or UTF-16
    with BOM). ``lang`` gives the language (BCP 47) instead of detecting it;
    ``date_order`` is ``"auto"``, ``"day-first"`` or ``"month-first"``;
    ``title``, ``date`` and ``authors`` override what the parser found;
    ``lossy=True`` replaces invalid UTF-8 instead of refusing it. ``name``
    is used in messages.

    Raises :class:`InputError` (with ``.line``) when the text cannot be
    read, :class:`OptionError` for a bad option.
    """
    data, _ = _data(text, "text", name)
    out, diags = _folio.parse(
        data,
        name=name,
        json=False,
        lang=lang,
        date_order=date_order,
        title=title,
        date=_date(date),
        authors=_authors(authors),
        lossy=lossy,
    )
    _warn(name, diags)
    return _json.loads(out)


def convert(
    data: Union[str, bytes, Mapping[str, Any]],
    *,
    to: str,
    source: str = "text",
    lang: Optional[str] = None,
    date_order: str = "auto",
    title: Optional[str] = None,
    date: Union[None, str, _dt.date] = None,
    authors: Optional[Sequence[str]] = None,
    lossy: bool = False,
    lenient: bool = False,
    timestamp: Optional[int] = None,
    name: str = "<input>",
    **writer_options: Any,
) -> bytes:
    """Convert one article to the format ``to`` and return the bytes.

    ``to`` is a format name, alias or extension: ``"md"``/``"markdown"``,
    ``"json"``, ``"jats"``/``"xml"``, ``"epub"``, ``"pdf"``. ``source`` is
    ``"text"`` (raw article text, str or bytes) or ``"json"`` (a Folio JSON
    document as str/bytes, or the dict :func:`parse` returns).

    Reading options are those of :func:`parse`; Folio JSON input with a key
    the document model does not have is refused unless ``lenient=True``
    (then it is a warning, as ``folio --lenient``); ``timestamp`` (seconds since
    1970) fixes every timestamp in the output and defaults to
    ``SOURCE_DATE_EPOCH``.

    Writer options (keyword arguments, by format):

    - Markdown: ``front_matter`` (bool, default True).
    - JATS: ``flavor`` (``"archiving"`` or ``"publishing"``; Publishing
      requires ``issn`` and a journal id), ``article_type``, ``journal_id``,
      ``journal_title``, ``issn``, ``publisher``.
    - EPUB: ``cover`` (path to a PNG, JPEG, GIF or SVG image).
    - PDF: ``page_size`` (``"a4"``, ``"letter"``, ``"a5"``), ``font_size``
      (points, 4 to 72), ``fonts`` (list of font files tried first),
      ``system_fonts`` (bool, default True), ``strict_fonts`` (bool, default
      False: a character no font covers is drawn as a replacement mark and
      reported as a warning diagnostic; True makes it an error).

    An option the format does not have raises ``TypeError``; a bad value
    raises :class:`OptionError`; unreadable input raises
    :class:`InputError`; a document the writer cannot produce (a character
    no font covers) raises :class:`OutputError`.
    """
    payload, is_json = _data(data, source, name)
    out, diags = _folio.convert(
        payload,
        to=to,
        name=name,
        json=is_json,
        lang=lang,
        date_order=date_order,
        title=title,
        date=_date(date),
        authors=_authors(authors),
        lossy=lossy,
        lenient=lenient,
        timestamp=_timestamp(timestamp),
        options=writer_options,
    )
    _warn(name, diags)
    return out


BookItem = Union[str, bytes, Mapping[str, Any], "_os.PathLike[str]", Tuple[str, Union[str, bytes, Mapping[str, Any]]]]


def _book_item(i: int, item: Any) -> Tuple[str, Union[str, bytes], Optional[bool]]:
    if isinstance(item, _os.PathLike):
        path = _os.fspath(item)
        with open(path, "rb") as f:
            raw = f.read()
        return path, raw, path.lower().endswith(".json")
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str):
        name, data = item
    else:
        name, data = f"<article {i + 1}>", item
    if isinstance(data, Mapping):
        return name, _json.dumps(data, ensure_ascii=False), True
    if isinstance(data, (str, bytes)):
        # Like a file without a .json name: JSON when it starts with '{'.
        return name, data, None
    raise TypeError(f"book item {i + 1}: expected str, bytes, dict, os.PathLike or (name, data), not {type(data).__name__}")


def book(
    items: Iterable[BookItem],
    *,
    to: str,
    title: Optional[str] = None,
    sort: Optional[str] = None,
    subtitle: Optional[str] = None,
    authors: Optional[Sequence[str]] = None,
    lang: Optional[str] = None,
    date: Union[None, str, _dt.date] = None,
    publisher: Optional[str] = None,
    rights: Optional[str] = None,
    keep_going: bool = False,
    date_order: str = "auto",
    lossy: bool = False,
    lenient: bool = False,
    timestamp: Optional[int] = None,
    **writer_options: Any,
) -> bytes:
    """Collect articles into one book (EPUB, PDF, Markdown or JSON) and
    return its bytes, as ``folio book`` does.

    Each item is raw text (str/bytes; JSON when it starts with ``{``), a
    document-model dict, a path (``pathlib.Path``; ``.json`` files are read
    as JSON), or a ``(name, data)`` pair naming the item in messages.

    ``title`` defaults to "Collected articles"; ``sort`` is ``"as-given"``
    (default) or ``"date"`` (oldest first, undated last); ``lang`` and
    ``date`` are the book's (default: the articles' most common language
    and newest date); ``authors`` are the book's editors or authors.
    Without ``keep_going=True`` an article that cannot be read raises
    :class:`InputError` and no book is made; with it, the article is left
    out with a :class:`FolioWarning`. Writer options are those of
    :func:`convert`. JATS is per article: use :func:`convert` for it.
    """
    batch = [_book_item(i, it) for i, it in enumerate(items)]
    out, diags, failed = _folio.book(
        batch,
        to=to,
        title=title,
        subtitle=subtitle,
        authors=_authors(authors),
        book_lang=lang,
        book_date=_date(date),
        publisher=publisher,
        rights=rights,
        sort=sort,
        keep_going=keep_going,
        date_order=date_order,
        lossy=lossy,
        lenient=lenient,
        timestamp=_timestamp(timestamp),
        options=writer_options,
    )
    for name, line, severity, message in diags:
        _warn(name, [(line, severity, message)])
    for name in failed:
        _warnings.warn(f"{name}: left out of the book: it could not be read", FolioWarning, stacklevel=2)
    return out


def formats() -> list:
    """The output formats, as dicts: ``name``, ``extension``, ``aliases``,
    ``binary``, ``books`` (whether :func:`book` can write it) and
    ``options`` (the writer keywords it takes)."""
    return [
        {
            "name": n,
            "extension": e,
            "aliases": list(a),
            "binary": b,
            "books": c,
            "options": list(o),
        }
        for n, e, a, b, c, o in _folio.formats()
    ]
