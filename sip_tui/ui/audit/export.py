"""The log lines of a check as a CSV file for Excel, in the user's documents folder,
created readable by the user only (0600): it names individuals. (A worker thread.)"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sip_tui.domain.clock import STOCKHOLM
from sip_tui.domain.errors import InvalidInput
from sip_tui.store.service.audit import LogEntry
from sip_tui.ui.deviations.export import export_folder
from sip_tui.watch.excel_csv import excel_csv

HEADER = ("id", "at", "login", "name", "unit", "action", "case", "personnummer", "detail")


def export_log(found: Sequence[LogEntry], unit: str, first: date, last: date) -> Path:
    """Write ``found`` to a new file (never over an older one); its path. A Swedish
    ``InvalidInput`` when the folder cannot be written."""
    rows = [
        (
            str(e.id),
            e.at.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M:%S"),
            e.login,
            e.user_name,
            e.unit,
            e.action,
            "" if e.case_id is None else str(e.case_id),
            e.personnummer,
            e.detail,
        )
        for e in found
    ]
    data = excel_csv(HEADER, rows)
    try:
        folder = export_folder()
        stem = f"loggkontroll-{unit}-{first.isoformat()}--{last.isoformat()}"
        for number in range(1, 1000):
            path = folder / (f"{stem}.csv" if number == 1 else f"{stem}-{number}.csv")
            try:
                handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                continue
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            return path
        raise FileExistsError(f"{folder / stem}.csv")
    except OSError as trouble:
        raise InvalidInput(
            f"Filen kunde inte sparas ({trouble.strerror or trouble}); kontrollera att "
            "mappen Dokument finns och går att skriva i."
        ) from None
