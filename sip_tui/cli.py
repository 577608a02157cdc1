"""The ``sip-tui`` command line.

Errors the user can fix (a bad config file, a bad argument, a bad ``SIP_TUI_NOW``) end as
one line on stderr and exit status 2, never a traceback: commands raise one of
:data:`USER_ERRORS` (turning a parser's ``ValueError`` into :class:`InputError` where they
parse), and :func:`main` reports it with :func:`_fail`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Annotated, NoReturn, TypeVar

import typer

from sip_tui import __version__
from sip_tui.cli_watch import app as watch_commands
from sip_tui.config import ConfigError, load_settings
from sip_tui.domain.calendar import OutsideCalendarError, WorkCalendar
from sip_tui.domain.clock import Clock, parse_moment
from sip_tui.store.errors import StoreError  # no SQLAlchemy: `deadline` stays fast

PROG: str = "sip-tui"
USAGE_ERROR: int = 2

_T = TypeVar("_T")


class InputError(Exception):
    """A command-line argument or environment value that cannot be used; one line."""


#: Errors shown to the user as one line with exit status 2. Add new kinds here, never bare
#: Exception. StoreError: a bad database URL, an unreachable server, a locked SQLite file, a
#: database without the current schema.
USER_ERRORS: tuple[type[Exception], ...] = (
    ConfigError,
    InputError,
    OutsideCalendarError,
    StoreError,
)

app = typer.Typer(
    name=PROG,
    help="SIP unit mailbox in the terminal.",
    add_completion=False,
    invoke_without_command=True,
    pretty_exceptions_enable=False,  # main() turns a crash into one line and a log file
)

db_app = typer.Typer(
    name="db",
    help="The database: create or upgrade its schema.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
app.add_typer(db_app)
app.add_typer(watch_commands)  # roster, status, notify: top-level commands

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL: sqlite:////path/to/sip.db or postgresql://user@host/sip. "
        "Default: SIP_TUI_DB, else the config file, else a SQLite file in the user data "
        "directory.",
        show_default=False,
    ),
]


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point (``sip-tui``)."""
    try:
        app(args=list(argv) if argv is not None else None, prog_name=PROG)
    except USER_ERRORS as error:
        _fail(str(error))
    except Exception as error:  # noqa: BLE001 - a bug: one line for the user, details in the log
        log = _write_crash_log(error)
        typer.echo(
            f"{PROG}: internal error ({type(error).__name__}); details in {log}. "
            "Please report it to support.",
            err=True,
        )
        raise SystemExit(1) from None


def _write_crash_log(error: Exception) -> Path | str:
    """The same log as the app's: types, files, lines; no messages, no locals (0600)."""
    from sip_tui.ui.runtime.crash import crash_log_path, write_crash_log

    return write_crash_log(error) or f"nowhere ({crash_log_path()} could not be written)"


def _fail(message: str) -> NoReturn:
    """Print ``message`` as one line on stderr and exit with status 2."""
    typer.echo(f"{PROG}: {' '.join(message.split())}", err=True)
    raise SystemExit(USAGE_ERROR)


@app.callback()
def _no_command(ctx: typer.Context) -> None:
    """Without a command, start the app (``sip-tui run``)."""
    if ctx.invoked_subcommand is None:
        run(db=None, unit=None)


UnitOption = Annotated[
    str | None,
    typer.Option("--unit", help="Log in directly on this unit (its code).", show_default=False),
]


@app.command()
def run(db: DbOption = None, unit: UnitOption = None) -> None:
    """Start the app: log in on one of your units and watch its overview."""
    from sip_tui.launch import start_app  # the store and Textual load only here

    code = start_app(db, unit, _clock(), load_settings())
    if code:  # the app crashed: it said so and wrote crash.log
        raise typer.Exit(code)


@app.command()
def demo(
    db: DbOption = None,
    cases: Annotated[int, typer.Option(min=0, help="How many cases.")] = 150,
    seed: Annotated[int, typer.Option(help="Same seed, same world.")] = 1,
    units: Annotated[
        int | None, typer.Option(min=1, help="At least this many units (default: the county's).")
    ] = None,
    launch: Annotated[bool, typer.Option(help="Start the app afterwards.")] = True,
) -> None:
    """Create a demo world (units, staff, cases in every phase) and start the app on it.

    Without --db it (re)creates demo.db in the user data directory; a --db must be empty.
    You are made a member of several units with different roles.
    """
    from sip_tui.demo.setup import create_demo, demo_url  # SQLAlchemy loads only here

    settings = load_settings()
    url = db or demo_url()
    calendar = settings.work_calendar()
    for line in create_demo(
        url, cases=cases, seed=seed, units=units, clock=_clock(), calendar=calendar
    ):
        typer.echo(line)
    if launch:
        run(db=url, unit=None)


@app.command()
def deadline(
    sent: Annotated[
        str | None,
        typer.Argument(
            help='When the message was sent, ISO 8601: "2026-06-18 10:00" (Stockholm time) '
            'or "2026-06-18T10:00+02:00". Default: now.',
            show_default=False,
        ),
    ] = None,
) -> None:
    """Print when a message sent at SENT must be acknowledged (12:00 cut-off rule)."""
    sent_at = _now() if sent is None else _parse(parse_moment, sent)
    typer.echo(_calendar().acknowledge_deadline(sent_at).isoformat())


@app.command()
def calendar(
    year: Annotated[
        str | None, typer.Argument(help="The year, e.g. 2026. Default: this year.")
    ] = None,
) -> None:
    """List the weekdays of YEAR that are not working days, with the reason."""
    work_calendar = _calendar()
    chosen = _now().year if year is None else _parse(int, year, "a year such as 2026")
    if chosen not in work_calendar.years:
        first, last = work_calendar.years[0], work_calendar.years[-1]
        raise InputError(f"year {chosen} is outside the calendar, {first} to {last}")
    for day, name in work_calendar.non_working_weekdays(chosen):
        typer.echo(f"{day.isoformat()} {name}")


@db_app.command("upgrade")
def db_upgrade(db: DbOption = None) -> None:
    """Create the schema in an empty database or bring an older one up to date."""
    from sip_tui.store.engine import database_url, upgrade  # SQLAlchemy loads only here

    done = upgrade(database_url(db, load_settings()))
    if done.changed:
        typer.echo(f"upgraded {done.database} from {done.before or '<none>'} to {done.after}")
    else:
        typer.echo(f"database {done.database} is at revision {done.after} (up to date)")


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(f"{PROG} {__version__}")


def _calendar() -> WorkCalendar:
    return load_settings().work_calendar()


def _clock() -> Clock:
    try:
        return Clock.from_environment()
    except ValueError as error:
        raise InputError(str(error)) from error


def _now() -> datetime:
    return _clock().now()


def _parse(parser: Callable[[str], _T], text: str, expected: str | None = None) -> _T:
    """``parser(text)``, its ValueError turned into an :class:`InputError`."""
    try:
        return parser(text)
    except ValueError as error:
        raise InputError(f"{text!r} is not {expected}" if expected else str(error)) from error
