"""The watch commands of ``sip-tui``: ``roster``, ``status``, ``notify``, ``deviations``
(issue 12).

Registered on the main command line by :mod:`sip_tui.cli`. Errors are the ones
:data:`sip_tui.cli.USER_ERRORS` turns into one line and exit status 2: a ``StoreError``
(unknown unit, store unreachable or without the current schema) or a ``ConfigError``
(the config file, ``SIP_TUI_*`` variables, ``SIP_TUI_NOW``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Annotated, NoReturn

import typer

from sip_tui.config import ConfigError, load_settings
from sip_tui.domain.clock import Clock

app = typer.Typer()

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (default: SIP_TUI_DB, else the config file, else the user's "
        "SQLite file).",
        show_default=False,
    ),
]
UnitCodeOption = Annotated[str, typer.Option("--unit", help="The unit's code.")]


def _clock() -> Clock:
    try:
        return Clock.from_environment()
    except ValueError as error:
        raise ConfigError(f"environment variable SIP_TUI_NOW: {error}") from error


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], as_csv: bool) -> None:
    """A table for a terminal, or CSV for Swedish Excel (``watch.excel_csv``)."""
    if as_csv:
        from sip_tui.watch.excel_csv import excel_csv

        data = excel_csv(header, rows)
        sys.stdout.flush()
        binary = getattr(sys.stdout, "buffer", None)
        if binary is None:
            sys.stdout.write(data.decode("utf-8"))
        else:
            binary.write(data)
            binary.flush()
        return
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    for row in (header, *rows):
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        typer.echo("  ".join(cells).rstrip())


@app.command()
def roster(
    unit: UnitCodeOption,
    db: DbOption = None,
    week: Annotated[
        bool, typer.Option("--week", help="Who is on watch each day of this week.")
    ] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="CSV with a header row.")] = False,
) -> None:
    """A unit's watch roster: watches, covers, absences."""
    from sip_tui.watch.opening import open_store  # SQLAlchemy loads only here
    from sip_tui.watch.roster_report import ROSTER_HEADER, WEEK_HEADER, roster_rows, week_rows

    settings, clock = load_settings(), _clock()
    store = open_store(db, settings, clock)
    name = store.unit_name(unit)
    plan = store.roster(unit)
    if not as_csv:
        typer.echo(f"{name} ({unit})")
    if week:
        _table(WEEK_HEADER, week_rows(plan, clock.now().date(), store.calendar), as_csv)
    else:
        _table(ROSTER_HEADER, roster_rows(plan), as_csv)


@app.command()
def status(
    unit: UnitCodeOption,
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON (docs/operations.md).")] = False,
    details: Annotated[
        bool, typer.Option("--details", help="Include names and personnummer.")
    ] = False,
) -> None:
    """A unit's open work: due at the next cut-off, overdue. Exit status 0 when nothing is
    overdue, 1 when something is, 2 on an error (unknown unit, store unreachable)."""
    from sip_tui.watch.opening import open_store  # SQLAlchemy loads only here
    from sip_tui.watch.status import has_overdue, status_lines, status_report

    settings, clock = load_settings(), _clock()
    store = open_store(db, settings, clock)
    report = status_report(store, unit, clock.now(), details=details)
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for line in status_lines(report):
            typer.echo(line)
    if has_overdue(report):
        raise typer.Exit(1)


@app.command()
def notify(db: DbOption = None) -> None:
    """Send one round of notices (for cron or a systemd timer).

    To today's watchers: new work to acknowledge, and a reminder before the cut-off.
    Exit status 1 when a send failed (kept in the outbox and retried by the next round)."""
    from sip_tui.watch.notify import run_round  # SQLAlchemy loads only here
    from sip_tui.watch.opening import open_store

    settings, clock = load_settings(), _clock()
    store = open_store(db, settings, clock)
    report = run_round(store, settings, clock.now())
    typer.echo(f"queued {report.queued}, sent {report.sent}, failed {len(report.failed)}")
    if report.proposed:
        typer.echo(f"deviations proposed {report.proposed} (sip-tui deviations lists them)")
    for unit in report.unwatched:
        typer.echo(f"warning: nobody is on watch at {unit} today", err=True)
    for failure in report.failed:
        typer.echo(f"failed: {failure}", err=True)
    if report.failed:
        raise typer.Exit(1)


def _refuse(message: str) -> NoReturn:
    """One line on stderr and exit status 2, as for every other error (see ``cli``)."""
    typer.echo(f"sip-tui: {' '.join(message.split())}", err=True)
    raise typer.Exit(2)


@app.command()
def deviations(
    unit: UnitCodeOption,
    first: Annotated[
        str, typer.Option("--from", metavar="DATE", help="First day (YYYY-MM-DD), Stockholm time.")
    ],
    last: Annotated[
        str, typer.Option("--to", metavar="DATE", help="Last day (YYYY-MM-DD), included.")
    ],
    db: DbOption = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            metavar="STATUS",
            help="Only these: proposed, confirmed, dismissed (repeat it, or commas).",
            show_default=False,
        ),
    ] = None,
    as_csv: Annotated[
        bool, typer.Option("--csv", help="CSV for Excel: UTF-8 with BOM, ';'.")
    ] = False,
) -> None:
    """A unit's deviations (avvikelser) in a period.

    Registered ones, and those sip-tui proposed for overdue items (made when read). You read
    it as your own account, which must be a member of the unit; the read is access-logged.
    """
    from sip_tui.domain.errors import DomainError
    from sip_tui.domain.session import Session
    from sip_tui.watch.deviation_report import (
        HEADER,
        ReportInputError,
        parse_day,
        parse_statuses,
        rows,
    )
    from sip_tui.watch.opening import open_store  # SQLAlchemy loads only here

    try:
        days = parse_day(first, "--from"), parse_day(last, "--to")
        statuses = parse_statuses(status or [])
    except ReportInputError as error:
        _refuse(str(error))
    if days[1] < days[0]:
        _refuse(f"--to {last} is before --from {first}; give the earlier day first")
    settings, clock = load_settings(), _clock()
    store = open_store(db, settings, clock)
    name = store.unit_name(unit)
    login = store.user_login()
    session = Session(login, login, unit, name, frozenset())
    try:
        found = store.deviations(session, days[0], days[1], statuses)
    except DomainError as error:
        _refuse(f"{login} may not read the deviations of {unit}: {error}")
    if not as_csv:
        typer.echo(f"{name} ({unit}), {days[0]} to {days[1]}: {len(found)}")
    _table(HEADER, rows(found, one_line=not as_csv), as_csv)
