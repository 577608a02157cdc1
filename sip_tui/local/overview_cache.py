"""The last known overview: the rows as the overview last showed them, per store, login
and unit, with the moment they were read, in the local store (the user's own file, 0600).

At start the overview paints them at once, marked with that moment, while the live rows
load; ``sip-tui`` started while the store is down shows them. Only what the overview
shows is kept: per case its number (to open it), the personnummer, the name, the
coordinating unit's name as shown, the six statuses and the next deadline (the "Senast"
column is worked out from it against the time it is shown); and the status bar's three
counts. Not the open tasks, not whether the case is closed, nothing of the case itself."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sip_tui.domain.kinds import Phase, Status
from sip_tui.local import db
from sip_tui.local.codec import DecodeError, decode, encode
from sip_tui.local.owner import Owner

TABLE = """
CREATE TABLE IF NOT EXISTS overview_cache (
    store_key TEXT NOT NULL,
    login TEXT NOT NULL,
    unit TEXT NOT NULL,
    read_at TEXT NOT NULL,
    overview TEXT NOT NULL,
    PRIMARY KEY (store_key, login, unit)
)
"""


@dataclass(frozen=True)
class CachedRow:
    case_id: int
    personnummer: str
    name: str
    coordinator: str  # the coordinating unit as the overview showed it (its short name)
    statuses: dict[Phase, Status]
    deadline: datetime | None  # our next deadline ("Senast")


@dataclass(frozen=True)
class CachedOverview:
    rows: tuple[CachedRow, ...]
    counts: tuple[int, int, int]  # the status bar's: due at the cut-off, overdue, today
    read_at: datetime  # when the store gave these rows


def save(owner: Owner, overview: CachedOverview, path: Path | None = None) -> None:
    """Replace the owner's cached overview (``sqlite3.Error``/``OSError`` if it cannot)."""
    text = json.dumps({"rows": encode(overview.rows), "counts": encode(overview.counts)})
    with db.opened(path) as connection:
        db.ensure(connection, TABLE)
        connection.execute(
            "INSERT INTO overview_cache (store_key, login, unit, read_at, overview) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (store_key, login, unit) DO UPDATE SET "
            "read_at = excluded.read_at, overview = excluded.overview",
            (owner.store_key, owner.login, owner.unit, encode(overview.read_at), text),
        )


def load(owner: Owner, path: Path | None = None) -> CachedOverview | None:
    """The owner's last known overview; None when there is none (or it cannot be read)."""
    with db.opened(path) as connection:
        db.ensure(connection, TABLE)
        found = connection.execute(
            "SELECT read_at, overview FROM overview_cache "
            "WHERE store_key = ? AND login = ? AND unit = ?",
            (owner.store_key, owner.login, owner.unit),
        ).fetchone()
    if found is None:
        return None
    try:
        data = json.loads(found[1])
        return CachedOverview(
            decode(data["rows"], tuple[CachedRow, ...]),
            decode(data["counts"], tuple[int, int, int]),
            decode(found[0], datetime),
        )
    except (DecodeError, KeyError, TypeError, ValueError):
        return None  # written by another sip-tui version: the live rows will come
