"""The report as a CSV file for Swedish Excel in the user's documents folder (see
``ui.deviations.export``), created readable by the user only (0600), never over an older one."""

from __future__ import annotations

import os
from pathlib import Path

from sip_tui.domain.report import Report
from sip_tui.domain.report_rows import HEADER, rows
from sip_tui.ui.deviations.export import export_folder
from sip_tui.watch.excel_csv import excel_csv


def export_report(report: Report) -> Path:
    """(Worker thread.) Write ``report`` to a new file; its path. ``OSError`` when the
    folder cannot be written."""
    folder = export_folder()
    units = "+".join(report.units)
    stem = f"verksamhetsrapport-{units}-{report.first.isoformat()}--{report.last.isoformat()}"
    data = excel_csv(HEADER, rows(report))
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
