"""PostgreSQL's roles for sip-tui (issue 15): who owns the schema, who owns the log, the
group roles people's own login roles belong to, and what each may do.

The policies themselves (row-level security, the stamps on the log) are in migration 0009;
this module makes the roles and grants (``sip-tui admin setup``), adds people
(``sip-tui admin add-user``) and says who is connected (:func:`person_login`). Nothing
here applies to SQLite, which cannot keep users apart (docs/security.md)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from sqlalchemy import Connection, insert, inspect, select, text
from sqlalchemy.dialects import postgresql

from sip_tui.domain.roles import Role
from sip_tui.store import models as t
from sip_tui.store.errors import StoreError
from sip_tui.store.models import table_of

#: Owns the schema: the migrations run as (or SET ROLE to) it. Nobody uses it day to day.
OWNER: Final = "sip_tui_owner"
#: Owns the access log, the case history and the spot checks; nobody logs in as it.
LOG_OWNER: Final = "sip_tui_log"
#: Every person's login role is a member: reads and writes under row-level security.
PERSON: Final = "sip_tui_person"
#: Support people (also members of ``PERSON``'s rules for reading): SELECT only.
SUPPORT: Final = "sip_tui_support"
#: Adds people and units (``sip-tui admin``); its logins also need CREATEROLE.
ADMIN: Final = "sip_tui_admin"
GROUPS: Final = (OWNER, LOG_OWNER, PERSON, SUPPORT, ADMIN)

#: The world: everyone reads it.
WORLD_TABLES: Final = ("organisation", "unit", "sip_user", "membership", "store_info")
#: The log and the history: added to, never changed.
APPEND_ONLY: Final = ("access_log", "case_event", "spot_check", "spot_check_entry")
#: Read and written by people, under row-level security.
CASE_WRITES: Final = (
    "sip_case",
    "participant",
    "initiative",
    "initiative_recipient",
    "mapping",
    "edit_lock",
    "signature",
    "signed_document",
    "call",
    "call_recipient",
    "plan",
    "plan_attendee",
    "external_participant",
    "goal",
    "activity",
    "follow_up",
    "follow_up_entry",
    "evaluation",
    "info_message",
    "message_recipient",
    "case_unit_view",
    "task",
    "deviation",
    "notice",
    "watch_weekly",
    "watch_dated",
    "watch_cover",
    "absence",
    "local_routine",
    "change_counter",
)
#: Rows people may delete: none of a case's own row (a case is voided, never deleted).
NO_DELETE: Final = frozenset({"sip_case"})

_LOGIN = re.compile(r"[a-z_][a-z0-9_.-]{0,62}\Z")


class SecurityError(StoreError):
    """``sip-tui admin`` cannot do what was asked; the message says why and what to do."""


@dataclass(frozen=True)
class Connected:
    """Who the database says is connected: ``login`` (``session_user``) and whether the
    database enforces it (a person's role) or trusts the client (owner, superuser)."""

    login: str
    enforced: bool
    support: bool


def connected(conn: Connection) -> Connected | None:
    """The connected role on PostgreSQL (``None`` on SQLite, which has no roles)."""
    if conn.dialect.name != "postgresql":
        return None
    row = conn.execute(
        text("SELECT session_user, coalesce(to_regproc('sip_tui_is_person') IS NOT NULL, false)")
    ).one()
    login, migrated = str(row[0]), bool(row[1])
    if not migrated:
        return Connected(login, False, False)
    enforced, support = conn.execute(text("SELECT sip_tui_is_person(), sip_tui_is_support()")).one()
    return Connected(login, bool(enforced), bool(support))


def act_for(conn: Connection, unit: str) -> None:
    """Tell PostgreSQL which unit this transaction acts for (``sip.unit``); the policies
    accept it only for a unit the connected role is a member of."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT set_config('sip.unit', :unit, true)"), {"unit": unit})


def become_owner(conn: Connection) -> None:
    """Migrations run as the schema's owner role: an administrator who is a member of it
    (not a superuser, who owns what they make) takes it on for this transaction, so that
    what the migration creates belongs to ``OWNER`` and no person's role."""
    if conn.dialect.name != "postgresql":
        return
    member = conn.execute(
        text(
            "SELECT NOT r.rolsuper AND EXISTS (SELECT 1 FROM pg_roles g WHERE g.rolname = "
            ":owner AND pg_has_role(current_user, g.oid, 'MEMBER')) "
            "FROM pg_roles r WHERE r.rolname = current_user"
        ),
        {"owner": OWNER},
    ).scalar()
    if member:
        conn.execute(text(f"SET LOCAL ROLE {_quote(conn, OWNER)}"))


def is_set_up(conn: Connection) -> bool:
    """Have the group roles been made (``sip-tui admin setup``)?"""
    return conn.dialect.name == "postgresql" and _role_exists(conn, PERSON)


def _quote(conn: Connection, name: str) -> str:
    return str(conn.dialect.identifier_preparer.quote(name))


def _role_exists(conn: Connection, name: str) -> bool:
    found = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name})
    return found.first() is not None


def _require_postgresql(conn: Connection) -> None:
    if conn.dialect.name != "postgresql":
        raise SecurityError(
            "roles exist only on PostgreSQL; an SQLite file is for one person, demo and "
            "training (docs/security.md)"
        )


def setup(conn: Connection) -> list[str]:
    """Create the group roles that are missing, give the schema to the owner role and the
    log to the log owner, and grant each group what it may do. Safe to run again (after
    every ``db upgrade``). Returns what it did, one line each."""
    _require_postgresql(conn)
    done: list[str] = []
    for group in GROUPS:
        if not _role_exists(conn, group):
            conn.execute(text(f"CREATE ROLE {_quote(conn, group)} NOLOGIN"))
            done.append(f"created role {group}")
    tables = set(inspect(conn).get_table_names())
    missing = (set(WORLD_TABLES) | set(APPEND_ONLY) | set(CASE_WRITES)) - tables
    if missing:
        raise SecurityError(
            f"the schema lacks {', '.join(sorted(missing))}; run `sip-tui db upgrade` first"
        )
    q = _quote
    for table in sorted(tables):
        owner = LOG_OWNER if table in APPEND_ONLY else OWNER
        conn.execute(text(f"ALTER TABLE {q(conn, table)} OWNER TO {q(conn, owner)}"))
        conn.execute(text(f"REVOKE ALL ON {q(conn, table)} FROM PUBLIC"))
    functions = conn.execute(
        text(
            "SELECT p.oid::regprocedure::text FROM pg_proc p "
            "JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = 'public' AND p.proname LIKE 'sip\\_tui\\_%'"
        )
    ).scalars()
    for function in functions:
        conn.execute(text(f"ALTER FUNCTION {function} OWNER TO {q(conn, OWNER)}"))
    for group in (PERSON, SUPPORT, ADMIN):
        for table in [*WORLD_TABLES, "alembic_version"]:
            conn.execute(text(f"GRANT SELECT ON {q(conn, table)} TO {q(conn, group)}"))
    for table in CASE_WRITES:
        rights = "SELECT, INSERT, UPDATE" + ("" if table in NO_DELETE else ", DELETE")
        conn.execute(text(f"GRANT {rights} ON {q(conn, table)} TO {q(conn, PERSON)}"))
        conn.execute(text(f"GRANT SELECT ON {q(conn, table)} TO {q(conn, SUPPORT)}"))
    conn.execute(text(f"GRANT SELECT ON individual TO {q(conn, PERSON)}, {q(conn, SUPPORT)}"))
    for table in APPEND_ONLY:
        conn.execute(text(f"GRANT SELECT, INSERT ON {q(conn, table)} TO {q(conn, PERSON)}"))
        conn.execute(text(f"GRANT SELECT ON {q(conn, table)} TO {q(conn, SUPPORT)}"))
    conn.execute(text(f"GRANT INSERT ON access_log TO {q(conn, SUPPORT)}"))
    for table in ("organisation", "unit", "sip_user", "membership"):
        conn.execute(text(f"GRANT INSERT, UPDATE, DELETE ON {q(conn, table)} TO {q(conn, ADMIN)}"))
    conn.execute(
        text(
            f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {q(conn, PERSON)}, "
            f"{q(conn, SUPPORT)}"
        )
    )
    conn.execute(text("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
    conn.execute(text(f"GRANT CREATE, USAGE ON SCHEMA public TO {q(conn, OWNER)}"))
    done.append(f"owner {OWNER}, log owner {LOG_OWNER}; grants to {PERSON}, {SUPPORT}, {ADMIN}")
    return done


def add_user(
    conn: Connection,
    login: str,
    name: str,
    memberships: Iterable[tuple[str, Role]],
) -> list[str]:
    """A person: their own login role (a member of ``PERSON``, and of ``SUPPORT`` when
    they hold the support role), their row in ``sip_user`` and their memberships. How they
    authenticate (peer, GSSAPI, certificate, password in ``.pgpass``) is ``pg_hba.conf``'s
    business (docs/operations.md). Safe to run again; adds what is missing."""
    _require_postgresql(conn)
    if not _LOGIN.match(login):
        raise SecurityError(
            f"login {login!r} is not a plain account name (lower-case letters, digits, "
            "_ . -; at most 63); use the person's operating-system or directory login"
        )
    wanted = list(memberships)
    units = {code for code, _ in wanted}
    known = set(
        conn.execute(
            select(table_of(t.Unit).c.code).where(table_of(t.Unit).c.code.in_(units))
        ).scalars()
    )
    if units - known:
        raise SecurityError(
            f"no unit {', '.join(sorted(units - known))} in this database; check the code"
        )
    for group in GROUPS:
        if not _role_exists(conn, group):
            raise SecurityError("the group roles are missing; run `sip-tui admin setup` first")
    done: list[str] = []
    # Support alone reads and writes nothing but the log; any other role makes a person.
    roles = {role for _, role in wanted}
    groups = ([PERSON] if roles - {Role.SUPPORT} else []) + (
        [SUPPORT] if Role.SUPPORT in roles else []
    )
    if not _role_exists(conn, login):
        conn.execute(text(f"CREATE ROLE {_quote(conn, login)} LOGIN"))
        done.append(f"created login role {login}")
    for group in groups:
        conn.execute(text(f"GRANT {_quote(conn, group)} TO {_quote(conn, login)}"))
    users = table_of(t.User)
    conn.execute(
        postgresql.insert(users)
        .values(login=login, name=name)
        .on_conflict_do_update(index_elements=[users.c.login], set_={"name": name})
    )
    member = table_of(t.Membership)
    for unit, role in wanted:
        conn.execute(
            postgresql.insert(member)
            .values(login=login, unit=unit, role=role.value)
            .on_conflict_do_nothing()
        )
        done.append(f"{login} is {role.value} on {unit}")
    return done


def add_service(conn: Connection, login: str) -> list[str]:
    """The account local jobs run as (``sip-tui notify``, ``status``, the deviation
    proposals): they read every unit's tasks, so the role has BYPASSRLS (only a superuser
    may give it) and a person's grants; its log lines say ``(system)``. Nobody logs in as
    it interactively (docs/security.md)."""
    _require_postgresql(conn)
    if not _LOGIN.match(login):
        raise SecurityError(f"login {login!r} is not a plain account name")
    if not _role_exists(conn, PERSON):
        raise SecurityError("the group roles are missing; run `sip-tui admin setup` first")
    verb = "ALTER" if _role_exists(conn, login) else "CREATE"
    conn.execute(text(f"{verb} ROLE {_quote(conn, login)} LOGIN BYPASSRLS"))
    conn.execute(text(f"GRANT {_quote(conn, PERSON)} TO {_quote(conn, login)}"))
    return [f"{login}: a service role for local jobs (BYPASSRLS)"]


def mark_kind(conn: Connection, kind: str) -> None:
    """Record what the database is (``real``, ``demo``, ``training``)."""
    info = table_of(t.StoreInfo)
    if conn.dialect.name == "postgresql":
        statement = postgresql.insert(info).values(key="kind", value=kind)
        conn.execute(
            statement.on_conflict_do_update(index_elements=[info.c.key], set_={"value": kind})
        )
    else:
        conn.execute(insert(info).prefix_with("OR REPLACE").values(key="kind", value=kind))


def store_kind(conn: Connection) -> str:
    """``real`` unless the database was made as a ``demo`` or ``training`` store."""
    info = table_of(t.StoreInfo)
    found = conn.execute(select(info.c.value).where(info.c.key == "kind")).scalar()
    return str(found or "real")
