"""What a printout is made of, whatever it is printed as (PDF, plain text): a title and
blocks — headings, labelled fields, writing areas, choices, tables, notes, page breaks.

A field without a value is room to write by hand (a line on paper, underscores in
text): a blank form is the same document with every value empty. Every value is text as
typed by users, kept literally (no markup is ever interpreted); :func:`printable` only
makes control characters visible."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

#: What a control character typed into a text prints as (never a terminal control code).
REPLACEMENT = "\N{REPLACEMENT CHARACTER}"


def printable(value: str) -> str:
    """``value`` as it may be printed: line breaks kept (``\\r\\n`` → ``\\n``), a tab as
    four spaces, any other control or format character as ``�``."""
    out = []
    for char in value.replace("\r\n", "\n"):
        if char == "\t":
            out.append("    ")
        elif char != "\n" and unicodedata.category(char) in ("Cc", "Cf"):
            out.append(REPLACEMENT)
        else:
            out.append(char)
    return "".join(out)


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Line:
    """Labelled values side by side (``Namn: … Titel: … Datum: …``), after ``lead`` when
    given (``Kallat av:  Namn: …``)."""

    fields: tuple[tuple[str, str], ...]
    lead: str = ""


@dataclass(frozen=True)
class Area:
    """A label and the text under it; without text, ``lines`` ruled lines to write on."""

    label: str
    text: str = ""
    lines: int = 3


@dataclass(frozen=True)
class Choice:
    """A label and boxes to tick (``Samtycke inhämtat: ☒ Ja ☐ Nej``), then fields."""

    label: str
    options: tuple[str, ...]
    chosen: frozenset[str] = frozenset()
    fields: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Grid:
    """A table: its header, its rows and ``blank_rows`` empty rows to fill in; ``widths``
    are the columns' shares of the line."""

    header: tuple[str, ...]
    widths: tuple[float, ...]
    rows: tuple[tuple[str, ...], ...] = ()
    blank_rows: int = 0


@dataclass(frozen=True)
class Note:
    """The form's own words: instructions, small print."""

    text: str


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Line | Area | Choice | Grid | Note | PageBreak


@dataclass(frozen=True)
class Paper:
    """One printout. ``person`` names the individual on every page (empty on a blank
    form), ``footer`` says who printed it and when; ``stem`` is a file name without
    suffix."""

    title: str
    subtitle: str
    blocks: tuple[Block, ...]
    person: str = ""
    footer: str = ""
    stem: str = "utskrift"
