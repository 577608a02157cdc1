"""The phone list as CSV (``sip-tui contacts export`` / ``import``): the Excel style of
:mod:`sip_tui.watch.excel_csv` (UTF-8 with BOM, ``;``). An import reads what Excel writes
back: with or without the BOM, UTF-8 or Windows-1252 (Excel's "CSV (semikolonavgränsad)"),
``;`` or ``,``, and takes the ``'`` off a number exported as ``'+46…``.

Columns (a header row, names in English or Swedish, any order): ``code`` (kod) names the
unit and is required; ``switchboard`` (växel) and ``direct_phone`` (direktnummer) are the
numbers — a column left out leaves that number as it is, an empty cell clears it;
``name`` (namn, enhet) is only there for the reader and is not imported."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Final

from sip_tui.domain.contacts import Contact, ContactUpdate
from sip_tui.watch.excel_csv import excel_csv

HEADER: Final = ("code", "name", "switchboard", "direct_phone")
COLUMN_NAMES: Final = {
    "code": "code",
    "kod": "code",
    "enhetskod": "code",
    "name": "name",
    "namn": "name",
    "enhet": "name",
    "switchboard": "switchboard",
    "växel": "switchboard",
    "vaxel": "switchboard",
    "direct_phone": "direct_phone",
    "direct phone": "direct_phone",
    "direktnummer": "direct_phone",
}
PHONE_LIMIT: Final = 40
_PHONE_CHARACTERS: Final = frozenset("0123456789 +-()/\u00a0")


class ContactsCsvError(ValueError):
    """A CSV file that cannot be imported; one English line naming the line."""


def export_csv(contacts: Iterable[Contact]) -> bytes:
    """The phone list as a CSV file for Swedish Excel."""
    return excel_csv(HEADER, [(c.code, c.name, c.switchboard, c.direct_phone) for c in contacts])


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def parse_csv(data: bytes) -> list[ContactUpdate]:
    """The updates a CSV file asks for; a :class:`ContactsCsvError` naming the line of the
    first row that cannot be used."""
    text = _text(data)
    first = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first or "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ContactsCsvError(
            "the file is empty; expected a header row such as " + ";".join(HEADER)
        ) from None
    columns = _columns(header)
    updates: list[ContactUpdate] = []
    seen: dict[str, int] = {}
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            updates.append(_update(line, row, columns, seen))
    except csv.Error as error:
        raise ContactsCsvError(f"line {reader.line_num}: {error}") from None
    if not updates:
        raise ContactsCsvError("the file has a header but no rows; nothing to import")
    return updates


def _columns(header: Sequence[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = COLUMN_NAMES.get(" ".join(cell.strip().casefold().split()))
        if name is None:
            if cell.strip():
                raise ContactsCsvError(
                    f"line 1: unknown column {cell.strip()!r}; use {', '.join(HEADER)}"
                )
            continue
        if name in columns:
            raise ContactsCsvError(f"line 1: the column {name} is there twice")
        columns[name] = index
    if "code" not in columns:
        raise ContactsCsvError("line 1: no code column; the header must name code (the unit)")
    if "switchboard" not in columns and "direct_phone" not in columns:
        raise ContactsCsvError(
            "line 1: no number column; the header must name switchboard or direct_phone"
        )
    return columns


def _update(
    line: int, row: Sequence[str], columns: dict[str, int], seen: dict[str, int]
) -> ContactUpdate:
    def cell(name: str) -> str | None:
        index = columns.get(name)
        if index is None:
            return None
        return row[index].strip() if index < len(row) else ""

    code = cell("code") or ""
    if not code:
        raise ContactsCsvError(f"line {line}: no unit code")
    if code in seen:
        raise ContactsCsvError(f"line {line}: unit {code!r} is already on line {seen[code]}")
    seen[code] = line
    return ContactUpdate(
        line,
        code,
        _phone(line, "switchboard", cell("switchboard")),
        _phone(line, "direct_phone", cell("direct_phone")),
    )


def _phone(line: int, column: str, value: str | None) -> str | None:
    if value is None:
        return None
    if value.startswith("'"):  # written so by export_csv: Excel must not take it for a formula
        value = value[1:].strip()
    if not value:
        return ""
    if (
        not _PHONE_CHARACTERS.issuperset(value)
        or not any(ch.isdigit() for ch in value)
        or len(value) > PHONE_LIMIT
    ):
        raise ContactsCsvError(
            f"line {line}: {column} {value!r} is not a phone number; use digits, spaces, "
            f"+, - and parentheses, at most {PHONE_LIMIT} characters"
        )
    return " ".join(value.split())
