"""The ``sip-tui`` command line.

Errors the user can fix (a bad config file, a bad argument, a bad ``SIP_TUI_NOW``) end as
one line on stderr and exit status 2, never a traceback: commands raise one of
:data:`USER_ERRORS` (turning a parser's ``ValueError`` into :class:`InputError` where they
parse), and :func:`main` reports it with :func:`_fail`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Annotated, NoReturn, TypeVar

import typer

from sip_tui import __version__
from sip_tui.config import ConfigError, load_settings
from sip_tui.domain.calendar import OutsideCalendarError, WorkCalendar
from sip_tui.domain.clock import Clock, parse_moment

PROG: str = "sip-tui"
USAGE_ERROR: int = 2

_T = TypeVar("_T")


class InputError(Exception):
    """A command-line argument or environment value that cannot be used; one line."""


#: Errors shown to the user as one line with exit status 2. Add new kinds here (e.g. the
#: store's "database unreachable" for `run`, `demo` and `db upgrade`), never bare Exception.
USER_ERRORS: tuple[type[Exception], ...] = (ConfigError, InputError, OutsideCalendarError)

app = typer.Typer(
    name=PROG,
    help="SIP unit mailbox in the terminal.",
    add_completion=False,
    invoke_without_command=True,
    pretty_exceptions_show_locals=False,  # a traceback must not dump personal data
)


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point (``sip-tui``)."""
    try:
        app(args=list(argv) if argv is not None else None, prog_name=PROG)
    except USER_ERRORS as error:
        _fail(str(error))


def _fail(message: str) -> NoReturn:
    """Print ``message`` as one line on stderr and exit with status 2."""
    typer.echo(f"{PROG}: {' '.join(message.split())}", err=True)
    raise SystemExit(USAGE_ERROR)


@app.callback()
def _no_command(ctx: typer.Context) -> None:
    """Without a command, start the app (``sip-tui run``)."""
    if ctx.invoked_subcommand is None:
        run()


@app.command()
def run() -> None:
    """Start the app."""
    from sip_tui.app import SipApp  # Textual loads only when the app starts

    SipApp(clock=_clock(), calendar=_calendar()).run()


@app.command()
def demo() -> None:
    """Start the app on a demo database (the demo data arrives with the store)."""
    run()


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
