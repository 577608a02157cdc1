"""``sip-tui report`` (issue 14): a unit's verksamhetsrapport, or several units', for a
period, as a table, CSV for Swedish Excel or JSON.

Registered on the main command line by :mod:`sip_tui.cli`. Errors are one line and exit
status 2 (``cli.USER_ERRORS`` for the store and the config; bad arguments and a refusal here).
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated, NoReturn

import typer

from sip_tui.config import load_settings
from sip_tui.domain.clock import Clock

app = typer.Typer()


class Format(StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"


def _refuse(message: str) -> NoReturn:
    typer.echo(f"sip-tui: {' '.join(message.split())}", err=True)
    raise typer.Exit(2)


@app.command()
def report(
    unit: Annotated[
        list[str],
        typer.Option("--unit", metavar="CODE", help="The unit's code; repeat it for several."),
    ],
    first: Annotated[
        str, typer.Option("--from", metavar="DATE", help="First day (YYYY-MM-DD), Stockholm time.")
    ],
    last: Annotated[
        str, typer.Option("--to", metavar="DATE", help="Last day (YYYY-MM-DD), included.")
    ],
    output: Annotated[
        Format,
        typer.Option(
            "--format",
            help="table (the terminal), csv (opens right in Swedish Excel: UTF-8 with BOM, "
            "';' as separator) or json.",
            case_sensitive=False,
        ),
    ] = Format.TABLE,
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="CODE",
            help="The unit you act on (default: the first --unit); an administrator's unit "
            "for a report on several units.",
            show_default=False,
        ),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Database URL (default: SIP_TUI_DB, else the config file, else the user's "
            "SQLite file).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Verksamhetsrapport: a unit's figures for a period.

    Incoming initiatives, calls and messages, the share acknowledged before the 12:00
    cut-off, median and 90th percentile time to acknowledge, overdue items, open cases per
    phase, deviations, days without a watcher, and each week.

    For the unit's manager (verksamhetschef) or an administrator (several units). You run it
    as your own account; it is access-logged. The CSV opens right in Swedish Excel (UTF-8
    with BOM, ';' as separator)."""
    from sip_tui.domain.errors import DomainError
    from sip_tui.domain.report_rows import HEADER, as_json, rows
    from sip_tui.domain.session import Session
    from sip_tui.watch.deviation_report import ReportInputError, parse_day
    from sip_tui.watch.excel_csv import excel_csv
    from sip_tui.watch.opening import open_store  # SQLAlchemy loads only here

    try:
        days = parse_day(first, "--from"), parse_day(last, "--to")
    except ReportInputError as error:
        _refuse(str(error))
    if days[1] < days[0]:
        _refuse(f"--to {last} is before --from {first}; give the earlier day first")
    try:
        clock = Clock.from_environment()
    except ValueError as error:
        _refuse(f"environment variable SIP_TUI_NOW: {error}")
    store = open_store(db, load_settings(), clock)
    acting = on or unit[0]
    name = store.unit_name(acting)
    login = store.user_login()
    session = Session(login, login, acting, name, frozenset())
    try:
        found = store.report(session, unit, days[0], days[1])
    except DomainError as error:
        _refuse(f"{login} may not take out a report on {', '.join(unit)}: {error}")
    if output is Format.JSON:
        typer.echo(json.dumps(as_json(found), ensure_ascii=False, indent=2))
    elif output is Format.CSV:
        data = excel_csv(HEADER, rows(found))
        sys.stdout.flush()
        binary = getattr(sys.stdout, "buffer", None)
        if binary is None:
            sys.stdout.write(data.decode("utf-8"))
        else:
            binary.write(data)
            binary.flush()
    else:
        table = rows(found)
        width = max(len(label) for _, label, _ in table)
        for _, label, value in table:
            typer.echo(f"{label.ljust(width)}  {value}")
