"""The last good session: who the OS account is in a store (the name and the units it
may log in on, with the roles there), kept at every start that reached the store, so that
``sip-tui`` started while the store is down can still open the user's units and show their
last known overview (``overview_cache``). Per store and login, in the local store (0600)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sip_tui.domain.roles import Role
from sip_tui.local import db
from sip_tui.local.codec import DecodeError, decode, encode

TABLE = """
CREATE TABLE IF NOT EXISTS session_cache (
    store_key TEXT NOT NULL,
    login TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    session TEXT NOT NULL,
    PRIMARY KEY (store_key, login)
)
"""


@dataclass(frozen=True)
class CachedUnit:
    code: str
    name: str
    short_name: str
    roles: frozenset[Role]


@dataclass(frozen=True)
class CachedSession:
    login: str
    name: str
    units: tuple[CachedUnit, ...]
    saved_at: datetime


def save(store_key: str, session: CachedSession, path: Path | None = None) -> None:
    """Replace the login's session for the store (``sqlite3.Error``/``OSError`` if not)."""
    text = json.dumps({"name": session.name, "units": encode(session.units)})
    with db.opened(path) as connection:
        db.ensure(connection, TABLE)
        connection.execute(
            "INSERT INTO session_cache (store_key, login, saved_at, session) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (store_key, login) DO UPDATE SET saved_at = excluded.saved_at, "
            "session = excluded.session",
            (store_key, session.login, encode(session.saved_at), text),
        )


def load(store_key: str, login: str, path: Path | None = None) -> CachedSession | None:
    """The login's last good session in the store; None when none is kept (or readable)."""
    with db.opened(path) as connection:
        db.ensure(connection, TABLE)
        found = connection.execute(
            "SELECT saved_at, session FROM session_cache WHERE store_key = ? AND login = ?",
            (store_key, login),
        ).fetchone()
    if found is None:
        return None
    try:
        data = json.loads(found[1])
        return CachedSession(
            login,
            decode(data["name"], str),
            decode(data["units"], tuple[CachedUnit, ...]),
            decode(found[0], datetime),
        )
    except (DecodeError, KeyError, TypeError, ValueError):
        return None
