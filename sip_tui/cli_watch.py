"""The watch commands of ``sip-tui``: ``roster``, ``status``, ``notify`` (issue 12).

Registered on the main command line by :mod:`sip_tui.cli`. Errors are the ones
:data:`sip_tui.cli.USER_ERRORS` turns into one line and exit status 2: a ``StoreError``
(unknown unit, store unreachable or without the current schema) or a ``ConfigError``
(the config file, ``SIP_TUI_*`` variables, ``SIP_TUI_NOW``).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from typing import Annotated

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
    if as_csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
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
    for unit in report.unwatched:
        typer.echo(f"warning: nobody is on watch at {unit} today", err=True)
    for failure in report.failed:
        typer.echo(f"failed: {failure}", err=True)
    if report.failed:
        raise typer.Exit(1)
