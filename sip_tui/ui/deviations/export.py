"""The deviation list as a CSV file for Excel, in the user's documents folder (else their
sip-tui data folder), created readable by the user only (0600): it names cases."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from platformdirs import user_data_path, user_documents_path

from sip_tui.domain.deviations import Deviation
from sip_tui.watch.deviation_report import HEADER, rows
from sip_tui.watch.excel_csv import excel_csv


def export_folder() -> Path:
    """The user's documents folder when it exists, else ``…/sip-tui`` in their data dir."""
    documents = user_documents_path()
    if documents.is_dir():
        return documents
    folder = user_data_path("sip-tui")
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def export_csv(found: Sequence[Deviation], unit: str, first: date, last: date) -> Path:
    """(Worker thread.) Write ``found`` to a new file (never over an older one); its path.
    ``OSError`` when the folder cannot be written."""
    folder = export_folder()
    stem = f"avvikelser-{unit}-{first.isoformat()}--{last.isoformat()}"
    data = excel_csv(HEADER, rows(found, one_line=False))
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
