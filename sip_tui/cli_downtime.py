"""The downtime commands of ``sip-tui`` (issue 13): ``downtime`` (the downtime desk with no
store at all) and ``contacts import`` / ``contacts export`` (the phone list as CSV).

Registered on the main command line by :mod:`sip_tui.cli`. Errors are one English line and
exit status 2: those :data:`sip_tui.cli.USER_ERRORS` reports (the store, the config), and
a CSV file that cannot be read or imported (the line named).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from sip_tui.config import ConfigError, load_settings
from sip_tui.domain.clock import Clock

app = typer.Typer()
contacts_app = typer.Typer(
    name="contacts",
    help="The phone list (units' switchboard and direct numbers) as CSV.",
    rich_markup_mode=None,
)
app.add_typer(contacts_app)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (default: SIP_TUI_DB, else the config file, else the user's "
        "SQLite file).",
        show_default=False,
    ),
]


def _clock() -> Clock:
    try:
        return Clock.from_environment()
    except ValueError as error:
        raise ConfigError(f"environment variable SIP_TUI_NOW: {error}") from error


def _refuse(message: str) -> NoReturn:
    """One line on stderr and exit status 2, as for every other error (see ``cli``)."""
    typer.echo(f"sip-tui: {' '.join(message.split())}", err=True)
    raise typer.Exit(2)


@contacts_app.command("export")
def contacts_export(
    file: Annotated[
        Path | None,
        typer.Argument(
            metavar="[FILE.csv]",
            help="Where to write it (default: standard output).",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Write every unit's numbers as CSV for Swedish Excel.

    UTF-8 with a byte-order mark, ';' between fields. Columns: code, name,
    switchboard, direct_phone. Edit the numbers and import the file again with
    `sip-tui contacts import`."""
    from sip_tui.watch.contacts_csv import export_csv
    from sip_tui.watch.opening import open_store  # SQLAlchemy loads only here

    contacts = open_store(db, load_settings(), _clock()).phone_list()
    data = export_csv(contacts)
    if file is None:
        sys.stdout.flush()
        binary = getattr(sys.stdout, "buffer", None)
        if binary is None:
            sys.stdout.write(data.decode("utf-8"))
        else:
            binary.write(data)
            binary.flush()
        return
    try:
        file.write_bytes(data)
    except OSError as error:
        _refuse(f"cannot write {file}: {error.strerror or error}")
    typer.echo(f"wrote {len(contacts)} units to {file}")


@contacts_app.command("import")
def contacts_import(
    file: Annotated[
        Path, typer.Argument(metavar="FILE.csv", help="The CSV file (as export writes it).")
    ],
    db: DbOption = None,
) -> None:
    """Set units' switchboard and direct numbers from a CSV file.

    A header row names the columns: code (required), switchboard and/or direct_phone
    (name is ignored). A column left out leaves that number as it is; an empty cell clears
    it. All or nothing. You import as your own account: an administrator may change every
    unit, a unit's manager that unit; the change is access-logged."""
    from sip_tui.store.service.contacts import ContactImportRefused
    from sip_tui.watch.contacts_csv import ContactsCsvError, parse_csv
    from sip_tui.watch.opening import open_store  # SQLAlchemy loads only here

    try:
        data = file.read_bytes()
    except OSError as error:
        _refuse(f"cannot read {file}: {error.strerror or error}")
    try:
        updates = parse_csv(data)
    except ContactsCsvError as error:
        _refuse(f"{file}: {error}")
    store = open_store(db, load_settings(), _clock())
    try:
        changed = store.import_phone_list(store.user_login(), updates)
    except ContactImportRefused as error:
        _refuse(f"{file}: {error}")
    if changed:
        typer.echo(f"updated the numbers of {len(changed)} units: {', '.join(changed)}")
    else:
        typer.echo(f"no numbers changed ({len(updates)} units in {file} as before)")


@app.command()
def downtime(db: DbOption = None) -> None:
    """The downtime desk, without the shared store.

    For when the database is down at start: the phone list as last read (its time shown)
    and the journal of what you said and heard on the phone, kept on this computer. When
    the database is back, register the notes in `sip-tui` (F9 Driftstopp, F3). --db says
    which database the notes belong to; it is not opened."""
    from sip_tui import identity
    from sip_tui.store.engine import database_url
    from sip_tui.ui.colors import color_mode, prepare
    from sip_tui.ui.downtime.place import Desk, local_key

    settings, clock = load_settings(), _clock()
    key = local_key(database_url(db, settings))
    desk = Desk(key, identity.os_login(), identity.os_full_name(), clock)
    colors = color_mode(settings.ui.colors, os.environ)
    prepare(colors)
    from sip_tui.ui.downtime_app import DowntimeApp  # Textual loads only now

    downtime_app = DowntimeApp(desk, colors)
    downtime_app.run()
    if downtime_app.return_code:
        raise typer.Exit(downtime_app.return_code)
