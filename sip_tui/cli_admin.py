"""``sip-tui admin``: PostgreSQL's roles for a shared store (issue 15).

``admin setup`` makes the group roles and grants (run as the database's superuser or an
administrator with CREATEROLE, after every ``db upgrade``); ``admin add-user`` gives a
person their own login role, their name and their memberships. The database then knows
who each person is (``session_user``) and keeps units apart by itself (docs/security.md).
Errors: one English line, exit status 2.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from sip_tui.config import load_settings

if TYPE_CHECKING:
    from sqlalchemy import Connection

app = typer.Typer(name="admin", help="PostgreSQL roles: set up the groups, add users.")

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (postgresql://…); default SIP_TUI_DB, else the config file. "
        "Connect as an administrator role, never with a password on the command line.",
        show_default=False,
    ),
]


def _refuse(message: str) -> NoReturn:
    typer.echo(f"sip-tui: {' '.join(message.split())}", err=True)
    raise typer.Exit(2)


def _run(db: str | None, work: Callable[[Connection], list[str]]) -> None:
    """``work`` in one transaction on the store at ``db``; its lines printed."""
    from sip_tui.store.engine import begin_write, database_url, make_engine
    from sip_tui.store.schema import check_schema
    from sip_tui.store.security import SecurityError
    from sip_tui.store.translate import translate_errors

    engine = make_engine(database_url(db, load_settings()))
    try:
        with translate_errors(engine):
            check_schema(engine)
            with begin_write(engine) as conn:
                done = work(conn)
    except SecurityError as error:
        _refuse(str(error))
    finally:
        engine.dispose()
    for line in done:
        typer.echo(line)


@app.command()
def setup(db: DbOption = None) -> None:
    """Create the group roles, give the schema to its owner role and the access log to
    the log-owner role, and grant each group its rights. Safe to run again."""
    from sip_tui.store import security

    _run(db, security.setup)


@app.command("add-user")
def add_user(
    login: Annotated[str, typer.Argument(help="The person's account (their login role).")],
    name: Annotated[str, typer.Option("--name", help="Full name, shown to others.")],
    member: Annotated[
        list[str],
        typer.Option(
            "--member",
            metavar="UNIT:ROLE",
            help="A unit and a role there (watcher, coordinator, professional, manager, "
            "support, admin); repeat for more.",
        ),
    ],
    db: DbOption = None,
) -> None:
    """Give a person a login role of their own and their memberships. How they sign in
    (peer, GSSAPI, a certificate, a password in .pgpass) is set in pg_hba.conf."""
    from sip_tui.domain.roles import Role
    from sip_tui.store import security

    wanted: list[tuple[str, Role]] = []
    for each in member:
        unit, _, role = each.partition(":")
        try:
            wanted.append((unit.strip(), Role(role.strip())))
        except ValueError:
            roles = ", ".join(r.value for r in Role)
            _refuse(f"--member {each!r}: give UNIT:ROLE with a role among {roles}")
    if not name.strip():
        _refuse("--name is empty; give the person's full name")
    _run(db, lambda conn: security.add_user(conn, login, name.strip(), wanted))


@app.command("add-service")
def add_service(
    login: Annotated[str, typer.Argument(help="The account the local jobs run as.")],
    db: DbOption = None,
) -> None:
    """The role `sip-tui notify`, `status` and `deviations` run as from cron or systemd:
    it reads every unit (BYPASSRLS; run this as a superuser)."""
    from sip_tui.store import security

    _run(db, lambda conn: security.add_service(conn, login))
