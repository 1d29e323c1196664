"""Type stubs for folio (see the module docstring for the API)."""

import datetime
import os
from typing import Any, Iterable, List, Mapping, Optional, Sequence, Tuple, TypedDict, Union

__version__: str

class FolioError(Exception):
    """Base class of Folio's errors."""

class InputError(FolioError):
    """An input could not be read or parsed."""

    source: str
    """The input's name (``name=`` or the path)."""
    line: Optional[int]
    """The 1-based line the error concerns, when known."""
    message: str
    """The message without the name and line."""

class OptionError(FolioError):
    """An option has a value Folio cannot use."""

class OutputError(FolioError):
    """The writer could not produce the document."""

class FolioWarning(UserWarning):
    """A parser warning about the input."""

class Format(TypedDict):
    name: str
    extension: str
    aliases: List[str]
    binary: bool
    books: bool
    options: List[str]

DateLike = Union[str, datetime.date]
BookItem = Union[
    str,
    bytes,
    Mapping[str, Any],
    "os.PathLike[str]",
    Tuple[str, Union[str, bytes, Mapping[str, Any]]],
]

def parse(
    text: Union[str, bytes],
    *,
    lang: Optional[str] = ...,
    date_order: str = ...,
    title: Optional[str] = ...,
    date: Optional[DateLike] = ...,
    authors: Optional[Sequence[str]] = ...,
    lossy: bool = ...,
    name: str = ...,
) -> dict[str, Any]: ...
def convert(
    data: Union[str, bytes, Mapping[str, Any]],
    *,
    to: str,
    source: str = ...,
    lang: Optional[str] = ...,
    date_order: str = ...,
    title: Optional[str] = ...,
    date: Optional[DateLike] = ...,
    authors: Optional[Sequence[str]] = ...,
    lossy: bool = ...,
    lenient: bool = ...,
    timestamp: Optional[int] = ...,
    name: str = ...,
    front_matter: bool = ...,
    flavor: str = ...,
    article_type: str = ...,
    journal_id: str = ...,
    journal_title: str = ...,
    issn: str = ...,
    publisher: str = ...,
    cover: Union[str, "os.PathLike[str]"] = ...,
    page_size: str = ...,
    font_size: float = ...,
    fonts: Sequence[Union[str, "os.PathLike[str]"]] = ...,
    system_fonts: bool = ...,
    strict_fonts: bool = ...,
) -> bytes: ...
def book(
    items: Iterable[BookItem],
    *,
    to: str,
    title: Optional[str] = ...,
    sort: Optional[str] = ...,
    subtitle: Optional[str] = ...,
    authors: Optional[Sequence[str]] = ...,
    lang: Optional[str] = ...,
    date: Optional[DateLike] = ...,
    publisher: Optional[str] = ...,
    rights: Optional[str] = ...,
    keep_going: bool = ...,
    date_order: str = ...,
    lossy: bool = ...,
    lenient: bool = ...,
    timestamp: Optional[int] = ...,
    front_matter: bool = ...,
    cover: Union[str, "os.PathLike[str]"] = ...,
    page_size: str = ...,
    font_size: float = ...,
    fonts: Sequence[Union[str, "os.PathLike[str]"]] = ...,
    system_fonts: bool = ...,
    strict_fonts: bool = ...,
) -> bytes: ...
def formats() -> List[Format]: ...
