"""``sip-tui audit``: the access-log check (loggkontroll, issue 14; HSLF-FS 2016:40 4 kap.).

``audit search`` lists the unit's log lines (filters: user, personnummer, action, period),
``audit sample`` draws N lines about individuals outside the users' own cases,
``audit record`` records a spot check (the lines checked, the finding, the follow-up),
``audit checks`` lists the recorded ones. You run them as your own account, which must be
the unit's manager; every run is itself access-logged. Errors: one line, exit status 2.
It uses the watch commands' options and table (a layer below it in pyproject.toml).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from sip_tui.cli_watch import DbOption, UnitCodeOption, _clock, _table
from sip_tui.config import load_settings
from sip_tui.domain.clock import STOCKHOLM

if TYPE_CHECKING:
    from datetime import date

    from sip_tui.domain.session import Session
    from sip_tui.store.service.api import Store
    from sip_tui.store.service.audit import LogEntry

app = typer.Typer(name="audit", help="Check the access log (loggkontroll): search, sample, record.")

FromOption = Annotated[
    str, typer.Option("--from", metavar="DATE", help="First day (YYYY-MM-DD), Stockholm time.")
]
ToOption = Annotated[
    str, typer.Option("--to", metavar="DATE", help="Last day (YYYY-MM-DD), included.")
]
CsvOption = Annotated[bool, typer.Option("--csv", help="CSV for Excel: UTF-8 with BOM, ';'.")]
HEADER = ("id", "at", "login", "name", "unit", "action", "case", "personnummer", "detail")


def _refuse(message: str) -> NoReturn:
    typer.echo(f"sip-tui: {' '.join(message.split())}", err=True)
    raise typer.Exit(2)


def _open(db: str | None, unit: str) -> tuple[Store, Session]:
    from sip_tui.domain.session import Session
    from sip_tui.watch.opening import open_store  # SQLAlchemy loads only here

    store = open_store(db, load_settings(), _clock())
    name = store.unit_name(unit)
    login = store.user_login()
    return store, Session(login, login, unit, name, frozenset())


def _period(first: str, last: str) -> tuple[date, date]:
    from sip_tui.watch.deviation_report import ReportInputError, parse_day

    try:
        days = parse_day(first, "--from"), parse_day(last, "--to")
    except ReportInputError as error:
        _refuse(str(error))
    if days[1] < days[0]:
        _refuse(f"--to {last} is before --from {first}; give the earlier day first")
    return days


def _rows(entries: list[LogEntry]) -> list[tuple[str, ...]]:
    return [
        (
            str(e.id),
            e.at.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M:%S"),
            e.login,
            e.user_name,
            e.unit,
            e.action,
            "" if e.case_id is None else str(e.case_id),
            e.personnummer,
            " ".join(e.detail.split()),
        )
        for e in entries
    ]


@app.command()
def search(
    unit: UnitCodeOption,
    first: FromOption,
    last: ToOption,
    db: DbOption = None,
    user: Annotated[str, typer.Option("--user", help="Only this login.")] = "",
    personnummer: Annotated[
        str, typer.Option("--personnummer", help="Only lines about this individual.")
    ] = "",
    action: Annotated[
        str, typer.Option("--action", help="Only this action (print: every print-…).")
    ] = "",
    as_csv: CsvOption = False,
) -> None:
    """The unit's access-log lines in a period, oldest first."""
    from sip_tui.domain.errors import DomainError, InvalidInput
    from sip_tui.store.service.audit import LogFilter

    days = _period(first, last)
    store, session = _open(db, unit)
    try:
        found = store.search_log(session, LogFilter(*days, user, personnummer, action))
    except InvalidInput as error:
        _refuse(f"search refused: {error}")
    except DomainError as error:
        _refuse(f"{session.user} may not search the log of {unit}: {error}")
    if not as_csv:
        typer.echo(f"{session.unit_name} ({unit}), {days[0]} to {days[1]}: {len(found)}")
    _table(HEADER, _rows(found), as_csv)


@app.command()
def sample(
    n: Annotated[int, typer.Argument(help="How many lines to draw.")],
    unit: UnitCodeOption,
    first: FromOption,
    last: ToOption,
    db: DbOption = None,
    as_csv: CsvOption = False,
) -> None:
    """Draw N lines at random about individuals in whose cases the reading user has done
    nothing (not the user's own cases): the usual way to find snooping."""
    from sip_tui.domain.errors import DomainError, InvalidInput

    days = _period(first, last)
    store, session = _open(db, unit)
    try:
        drawn = store.draw_sample(session, n, *days)
    except InvalidInput as error:
        _refuse(f"sample refused: {error}")
    except DomainError as error:
        _refuse(f"{session.user} may not draw a sample of the log of {unit}: {error}")
    if not as_csv:
        typer.echo(f"{session.unit_name} ({unit}), {days[0]} to {days[1]}: {len(drawn)} drawn")
    _table(HEADER, _rows(drawn), as_csv)


@app.command()
def record(
    unit: UnitCodeOption,
    entries: Annotated[
        str, typer.Option("--entries", metavar="IDS", help="The checked lines' ids: 12,13,20.")
    ],
    finding: Annotated[str, typer.Option("--finding", help="What the check found.")],
    db: DbOption = None,
    follow_up: Annotated[
        str, typer.Option("--follow-up", help="The follow-up action, if any.")
    ] = "",
    criteria: Annotated[
        str, typer.Option("--criteria", help="What was checked (search or sample).")
    ] = "",
) -> None:
    """Record a spot check of log lines: its finding and follow-up (kept, never changed)."""
    from sip_tui.domain.errors import DomainError

    try:
        ids = [int(part) for part in entries.replace(" ", "").split(",") if part]
    except ValueError:
        _refuse(f"--entries {entries!r}: give the lines' ids separated by commas, e.g. 12,13")
    store, session = _open(db, unit)
    try:
        check = store.record_spot_check(session, ids, finding, follow_up, criteria)
    except DomainError as error:
        _refuse(f"spot check not recorded: {error}")
    typer.echo(f"spot check {check.id} recorded: {len(check.entries)} lines")


@app.command()
def checks(unit: UnitCodeOption, db: DbOption = None, as_csv: CsvOption = False) -> None:
    """The unit's recorded spot checks, newest first."""
    from sip_tui.domain.errors import DomainError

    store, session = _open(db, unit)
    try:
        found = store.spot_checks(session)
    except DomainError as error:
        _refuse(f"{session.user} may not read the spot checks of {unit}: {error}")
    header = ("id", "at", "checked_by", "criteria", "finding", "follow_up", "entries")
    rows = [
        (
            str(c.id),
            c.at.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M"),
            c.checked_by_name,
            " ".join(c.criteria.split()),
            " ".join(c.finding.split()),
            " ".join(c.follow_up.split()),
            ",".join(map(str, c.entries)),
        )
        for c in found
    ]
    _table(header, rows, as_csv)
