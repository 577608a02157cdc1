"""``sip-tui print``: the plan, the evaluation and seed 004's paper forms, blank or filled
in from a case, as PDF or plain text (issue 13).

Registered on the main command line by :mod:`sip_tui.cli`. A case is read as the OS
account on one of its units, and the read is access-logged (a print is a disclosure); a
blank form needs no database. Errors are one line and exit status 2, as everywhere
(``cli.USER_ERRORS``). Nothing heavy is imported until the command runs: the store only
for a case, fpdf2 only for a PDF.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from sip_tui.config import ConfigError, load_settings
from sip_tui.domain.clock import Clock

if TYPE_CHECKING:
    from sip_tui.store.service.prints import PrintSource

app = typer.Typer()


def _refuse(message: str) -> NoReturn:
    """One line on stderr and exit status 2, as for every other error (see ``cli``)."""
    typer.echo(f"sip-tui: {' '.join(message.split())}", err=True)
    raise typer.Exit(2)


def _clock() -> Clock:
    try:
        return Clock.from_environment()
    except ValueError as error:
        raise ConfigError(f"environment variable SIP_TUI_NOW: {error}") from error


@app.command("print")
def print_command(
    kind: Annotated[
        str,
        typer.Argument(
            metavar="KIND",
            help="plan (the plan for the individual), utvardering (the evaluation), "
            "checklista (the SIP checklist), dokumentation (the support form for the SIP "
            "meeting) or uppfoljning (the support form for follow-up and evaluation).",
            show_default=False,
        ),
    ],
    case: Annotated[
        int | None,
        typer.Option(
            "--case",
            min=1,
            metavar="N",
            help="Fill it in from case N (without it: a blank form).",
            show_default=False,
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            metavar="CODE",
            help="With --case: the unit you print for (default: your only unit).",
            show_default=False,
        ),
    ] = None,
    pdf: Annotated[
        str | None,
        typer.Option("--pdf", metavar="FILE", help="Write a PDF to FILE.", show_default=False),
    ] = None,
    text: Annotated[
        bool, typer.Option("--text", help="Plain text on standard output (the default).")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
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
    """Print a plan, an evaluation or a paper form (PDF or text).

    Blank, or with --case filled in with what your unit may read of the case; the print is
    access-logged. --pdf writes a file readable only by you, never over an existing file
    unless --force.
    """
    from sip_tui.paper.kinds import PaperKind, build

    kinds = [known.value for known in PaperKind]
    if kind.strip().lower() not in kinds:
        _refuse(f"unknown KIND {kind!r}; one of: {', '.join(kinds)}")
    chosen = PaperKind(kind.strip().lower())
    if pdf is not None and text:
        _refuse("give either --pdf FILE or --text, not both")
    if unit is not None and case is None:
        _refuse("--unit is for a case: give --case N too (a blank form needs neither)")
    target = _target(pdf, force) if pdf is not None else None
    source = None
    if case is not None:
        source = _read_case(case, unit, chosen.value, "pdf" if target else "text", db)
    paper = build(chosen, source)
    if target is None:
        from sip_tui.paper.text import to_text

        typer.echo(to_text(paper), nl=False)
        return
    from sip_tui.paper.files import write_file
    from sip_tui.paper.pdf import to_pdf

    data = to_pdf(paper)
    try:
        write_file(target, data, replace=force)
    except FileExistsError:
        _refuse(f"{target} exists; give another FILE, or --force to replace it")
    except OSError as error:
        _refuse(f"cannot write {target}: {error.strerror or error}")
    typer.echo(f"wrote {target}")


def _target(pdf: str, force: bool) -> Path:
    """The PDF's path, checked before anything is read or logged."""
    if not pdf.strip():
        _refuse("--pdf needs a FILE name")
    target = Path(pdf).expanduser()
    if target.is_dir():
        _refuse(f"{target} is a directory; give a FILE name")
    if not target.parent.is_dir():
        _refuse(f"cannot write {target}: the directory {target.parent} does not exist")
    if target.exists() and not force:
        _refuse(f"{target} exists; give another FILE, or --force to replace it")
    return target


def _read_case(case: int, unit: str | None, what: str, form: str, db: str | None) -> PrintSource:
    """The case as the OS account prints it on ``unit`` (logged)."""
    from sip_tui.domain.errors import DomainError
    from sip_tui.domain.session import Session
    from sip_tui.watch.opening import open_store  # SQLAlchemy loads only here

    store = open_store(db, load_settings(), _clock())
    login = store.user_login()
    if unit is None:
        units = [membership.unit.code for membership in store.memberships(login)]
        if len(units) != 1:
            among = f"one of: {', '.join(units)}" if units else f"{login} is in no unit"
            _refuse(f"give --unit CODE, the unit you print for ({among})")
        unit = units[0]
    name = store.unit_name(unit)
    session = Session(login, login, unit, name, frozenset())
    try:
        return store.case_for_print(session, case, what, form)
    except DomainError as error:
        _refuse(f"{login} may not print case {case} on {unit}: {error}")
