"""CSV that Excel opens right on a Swedish desktop: UTF-8 with a byte-order mark (else
Excel reads å, ä, ö as Windows-1252), ``;`` between fields (the Swedish list separator:
``,`` is the decimal comma) and CRLF line ends. A cell that Excel would take for a formula
(starting ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading ``'``, so
text someone typed is never run as a formula when the file is opened."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import BinaryIO

BOM = "\ufeff"
DELIMITER = ";"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def excel_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """The header row and rows as the bytes of a CSV file for Excel (see the module)."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([safe_cell(str(cell)) for cell in row] for row in rows)
    return (BOM + text.getvalue()).encode("utf-8")


def write_excel_csv(out: BinaryIO, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    out.write(excel_csv(header, rows))
    out.flush()
