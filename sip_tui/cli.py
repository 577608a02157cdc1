"""The ``sip-tui`` command line.

Errors the user can fix (a bad config file, a bad argument, a bad ``SIP_TUI_NOW``) end as
one line on stderr and exit status 2, never a traceback: commands raise one of
:data:`USER_ERRORS` (turning a parser's ``ValueError`` into :class:`InputError` where they
parse), and :func:`main` reports it with :func:`_fail`. Usage errors (an unknown command or
option, a bad option value, a missing argument) too: Typer runs without its standalone mode,
so its usage errors (:class:`typer.TyperException`, exit status 2) reach :func:`main`
instead of becoming a Rich error box.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer

from sip_tui import __version__
from sip_tui.cli_admin import app as admin_commands
from sip_tui.cli_audit import app as audit_commands
from sip_tui.cli_downtime import app as downtime_commands
from sip_tui.cli_print import app as print_commands
from sip_tui.cli_report import app as report_commands
from sip_tui.cli_watch import app as watch_commands
from sip_tui.config import ConfigError, load_settings
from sip_tui.domain.calendar import OutsideCalendarError, WorkCalendar
from sip_tui.domain.clock import Clock, parse_moment
from sip_tui.store.errors import (  # no SQLAlchemy: `deadline` stays fast
    DatabaseLocked,
    DatabaseUnreachable,
    StoreError,
)

if TYPE_CHECKING:
    from sip_tui.config import Settings
    from sip_tui.demo.setup import DemoOptions

PROG: str = "sip-tui"
#: What ``sip-tui db upgrade`` adds on a SQLite store (docs/operations.md, "SQLite or
#: PostgreSQL"): a SQLite file that many users can write cannot keep them apart.
SQLITE_NOTE: str = (
    "note: SQLite is for one person, the demo and training; "
    "a unit or a county uses PostgreSQL (docs/operations.md)"
)
#: What it adds on PostgreSQL: the roles' grants are made by `sip-tui admin setup`.
POSTGRESQL_NOTE: str = (
    "shared store: run `sip-tui admin setup` now (the roles' grants cover new tables "
    "only after it); see docs/security.md"
)
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
    rich_markup_mode=None,  # plain help text; errors are one line (main)
    pretty_exceptions_enable=False,  # main() turns a crash into one line and a log file
)

db_app = typer.Typer(
    name="db",
    help="The database schema: create or upgrade it.",
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,
)
app.add_typer(db_app)
app.add_typer(watch_commands)  # roster, status, notify: top-level commands
app.add_typer(print_commands)  # print
app.add_typer(downtime_commands)  # downtime, contacts import / export
app.add_typer(report_commands)  # report
app.add_typer(audit_commands, name="audit")  # audit search, sample, record, checks
app.add_typer(admin_commands, name="admin")  # admin setup, add-user (PostgreSQL roles)

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


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Console-script entry point (``sip-tui``); always ends with SystemExit."""
    try:
        code = app(
            args=list(argv) if argv is not None else None, prog_name=PROG, standalone_mode=False
        )
    except typer.TyperException as error:  # a usage error (or another of Typer's own)
        _fail(_usage_message(error))
    except typer.Abort:
        typer.echo(f"{PROG}: aborted", err=True)
        raise SystemExit(1) from None
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
    raise SystemExit(code if isinstance(code, int) else 0)


def _usage_message(error: typer.TyperException) -> str:
    """Typer's message as one line, with where to read more."""
    message = error.format_message().rstrip(".")
    if message[1:2].islower():  # "No such option" but not "SENT"
        message = message[0].lower() + message[1:]
    context: typer.Context | None = getattr(error, "ctx", None)
    if context is None:
        return f"{message}; see `{PROG} --help`"
    list_commands = getattr(context.command, "list_commands", None)
    if message == "missing command" and list_commands is not None:
        message += f" (one of: {', '.join(list_commands(context))})"
    return f"{message}; see `{context.command_path} --help`"


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
    """Start the app (what `sip-tui` alone does).

    You log in on one of your units and watch its overview. Where there is no database
    yet, it asks (on a terminal) whether to build the demo or create an empty database,
    and otherwise says which command does that.
    """
    from sip_tui.first_run import ask_on_terminal, ready_database, shown_prog  # store, Textual
    from sip_tui.store.engine import database_url

    settings = load_settings()
    clock = _clock()
    try:
        url = ready_database(
            database_url(db, settings),
            given=bool(db and db.strip()),
            demo=_demo_options(settings, clock),
            prog=shown_prog(),
            ask=ask_on_terminal(),
            say=typer.echo,
        )
    except (DatabaseUnreachable, DatabaseLocked):
        # Out of reach now: the app starts on the last good session, or says why not.
        url = database_url(db, settings)
    _start(url, unit, clock, settings)


def _start(url: str, unit: str | None, clock: Clock, settings: Settings) -> None:
    from sip_tui.launch import start_app

    code = start_app(url, unit, clock, settings)
    if code:  # the app crashed: it said so and wrote crash.log
        raise typer.Exit(code)


def _demo_options(
    settings: Settings, clock: Clock, *, cases: int = 150, seed: int = 1, units: int | None = None
) -> DemoOptions:
    from sip_tui.demo.setup import DemoOptions

    return DemoOptions(cases, seed, units, clock, settings.work_calendar())


@app.command()
def demo(
    ctx: typer.Context,
    db: DbOption = None,
    cases: Annotated[int, typer.Option(min=0, help="How many cases.")] = 150,
    seed: Annotated[int, typer.Option(help="Same seed, same world.")] = 1,
    units: Annotated[
        int | None, typer.Option(min=1, help="At least this many units (default: the county's).")
    ] = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Replace the default demo database with a new one.")
    ] = False,
    launch: Annotated[bool, typer.Option(help="Start the app afterwards.")] = True,
) -> None:
    """Start the app on a demo world, built once and then kept.

    The world: units of a county, their staff, and cases in every phase.

    Without --db: the first time it builds demo.db in the user data directory; after that
    it opens that demo again as you left it, until --rebuild builds a new one (--cases,
    --seed and --units apply to a new build). A --db must be an empty database.
    """
    from sip_tui.demo.setup import prepare_demo  # SQLAlchemy loads only here
    from sip_tui.first_run import shown_prog

    settings = load_settings()
    clock = _clock()
    customised = any(
        getattr(ctx.get_parameter_source(name), "name", None) == "COMMANDLINE"
        for name in ("cases", "seed", "units")
    )
    url = prepare_demo(
        db.strip() if db and db.strip() else None,
        _demo_options(settings, clock, cases=cases, seed=seed, units=units),
        rebuild=rebuild,
        customised=customised,
        prog=shown_prog(),
        say=typer.echo,
    )
    if launch:
        _start(url, None, clock, settings)


@app.command()
def deadline(
    sent: Annotated[
        str | None,
        typer.Argument(
            help='When the message was sent, ISO 8601: "2026-06-18 10:00" (Stockholm time) '
            'or "2026-06-18T10:00+02:00". Default: now.',
            metavar="SENT",
            show_default=False,
        ),
    ] = None,
) -> None:
    """When a message sent at SENT must be acknowledged.

    The cut-off (12:00 unless the config says otherwise) of the first working day after
    the day it was sent, whatever the hour it was sent.
    """
    sent_at = _now() if sent is None else _parse(parse_moment, sent)
    typer.echo(_calendar().acknowledge_deadline(sent_at).isoformat())


@app.command()
def calendar(
    year: Annotated[
        str | None,
        typer.Argument(help="The year, e.g. 2026. Default: this year.", metavar="YEAR"),
    ] = None,
) -> None:
    """The weekdays of YEAR that are not working days.

    One line each, with the reason: public holidays and the closed days of the config.
    """
    work_calendar = _calendar()
    chosen = _now().year if year is None else _parse(int, year, "a year such as 2026")
    if chosen not in work_calendar.years:
        first, last = work_calendar.years[0], work_calendar.years[-1]
        raise InputError(f"year {chosen} is outside the calendar, {first} to {last}")
    for day, name in work_calendar.non_working_weekdays(chosen):
        typer.echo(f"{day.isoformat()} {name}")


KindOption = Annotated[
    str | None,
    typer.Option(
        "--kind",
        help="When creating: 'training' (or 'demo') makes a store that may run with a "
        "pretended time (SIP_TUI_NOW); without it the database is a real store.",
        show_default=False,
    ),
]


@db_app.command("upgrade")
def db_upgrade(db: DbOption = None, kind: KindOption = None) -> None:
    """Create the schema, or bring an older one up to date.

    In an empty database it creates the schema; an older one is upgraded to what this
    sip-tui needs. The only way the schema changes; safe to run again. On PostgreSQL run
    it as the schema's owner role (docs/operations.md), then `sip-tui admin setup`.
    """
    from sip_tui.store.engine import database_url, make_engine, parse_url  # SQLAlchemy here
    from sip_tui.store.schema import current_revision, upgrade

    if kind is not None and kind not in ("real", "training", "demo"):
        raise InputError(f"--kind {kind!r}: give real, training or demo")
    url = database_url(db, load_settings())
    engine = make_engine(url, create=True)
    try:
        if kind is not None and current_revision(engine) is not None:
            raise InputError(
                "--kind is chosen when the database is created; this one exists already"
            )
        done = upgrade(engine, kind=kind)
    finally:
        engine.dispose()
    if done.changed:
        typer.echo(f"upgraded {done.database} from {done.before or '<none>'} to {done.after}")
    else:
        typer.echo(f"database {done.database} is at revision {done.after} (up to date)")
    if parse_url(url).get_backend_name() == "sqlite":
        typer.echo(SQLITE_NOTE)
    else:
        typer.echo(POSTGRESQL_NOTE)


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
