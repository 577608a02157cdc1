"""Local drafts: what the user sent while the shared store could not take it.

When a command fails because the store is out of reach (never when the domain refuses
it), the commands still to run are kept here, in the local store (``db``: the user's own
file, 0600), from that moment: a restart or a crash keeps them. The overview offers them
when the store is back; sent, a draft is deleted (:func:`discard`).

A draft belongs to one store, login and unit (``Owner``). Its *slot* says what it
is about — the case, the command and the call, message or activity it names — and a newer
draft of the same slot replaces the older one: Spara pressed twice during an outage keeps
the last text, once. The commands are kept as JSON (``codec``), tagged with their class."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sip_tui.domain import commands as c
from sip_tui.local import db
from sip_tui.local.codec import DecodeError, decode, encode
from sip_tui.local.draft_words import AnyCommand, part_of, summary_of
from sip_tui.local.owner import Owner

TABLE = """
CREATE TABLE IF NOT EXISTS draft (
    id INTEGER PRIMARY KEY,
    store_key TEXT NOT NULL,
    login TEXT NOT NULL,
    unit TEXT NOT NULL,
    slot TEXT NOT NULL,
    case_id INTEGER,
    part TEXT NOT NULL,
    summary TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    commands TEXT NOT NULL,
    UNIQUE (store_key, login, unit, slot)
)
"""

#: Every command class by name (the tag a kept command carries).
COMMANDS: dict[str, type[AnyCommand]] = {
    name: value
    for name, value in vars(c).items()
    if isinstance(value, type)
    and dataclasses.is_dataclass(value)
    and (issubclass(value, c.Command) or value is c.CreateCase)
}
#: The fields that tell two drafts of one command class in one case apart.
DETAILS = ("number", "activity_id", "kind")


@dataclass(frozen=True)
class Draft:
    id: int
    case_id: int | None  # None: a new case (CreateCase)
    part: str  # the form: "Kartläggning"
    summary: str  # "Spara kartläggningen: Bor ensam, …"
    saved_at: datetime
    #: The commands to send, in order; None when this sip-tui cannot read them (a draft
    #: kept by another version): shown, not sent.
    commands: tuple[AnyCommand, ...] | None


def dumps(commands: tuple[AnyCommand, ...]) -> str:
    """The commands as JSON (ASCII: any text the user typed survives the file)."""
    return json.dumps(
        [{"command": type(each).__name__, "fields": encode(each)} for each in commands]
    )


def loads(text: str) -> tuple[AnyCommand, ...]:
    """:func:`dumps` read back; :class:`DecodeError` when a command is unknown here."""
    try:
        kept: list[dict[str, Any]] = json.loads(text)
        return tuple(decode(each["fields"], COMMANDS[each["command"]]) for each in kept)
    except (KeyError, TypeError, ValueError) as problem:
        raise DecodeError(f"not a draft this sip-tui can read: {problem}") from problem


def slot_of(commands: tuple[AnyCommand, ...]) -> str:
    """What the draft is about: case, command class, and the call, message, activity or
    document kind it names (a new case: its personnummer)."""
    first = commands[0]
    where = f"new:{first.personnummer}" if isinstance(first, c.CreateCase) else str(first.case_id)
    detail = [str(getattr(first, name)) for name in DETAILS if hasattr(first, name)]
    return ":".join([where, type(first).__name__, *detail])


def keep(
    owner: Owner, commands: tuple[AnyCommand, ...], at: datetime, path: Path | None = None
) -> int:
    """Keep ``commands`` (not yet run) as the owner's draft; its id. Replaces a draft of
    the same slot. Raises ``sqlite3.Error`` / ``OSError`` when the local file cannot take
    it (the caller then says that only the screen holds the text)."""
    first = commands[0]
    case_id = None if isinstance(first, c.CreateCase) else first.case_id
    row = (
        owner.store_key,
        owner.login,
        owner.unit,
        slot_of(commands),
        case_id,
        part_of(first),
        summary_of(commands),
        encode(at),
        dumps(commands),
    )
    with db.opened(path) as connection:
        db.ensure(connection, TABLE)
        found = connection.execute(
            "INSERT INTO draft (store_key, login, unit, slot, case_id, part, summary, "
            "saved_at, commands) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (store_key, login, unit, slot) DO UPDATE SET case_id = excluded.case_id, "
            "part = excluded.part, summary = excluded.summary, saved_at = excluded.saved_at, "
            "commands = excluded.commands RETURNING id",
            row,
        ).fetchone()
    return int(found[0])


def drafts(owner: Owner, path: Path | None = None) -> list[Draft]:
    """The owner's drafts, oldest first."""
    with db.opened(path) as connection:
        db.ensure(connection, TABLE)
        rows = connection.execute(
            "SELECT id, case_id, part, summary, saved_at, commands FROM draft "
            "WHERE store_key = ? AND login = ? AND unit = ? ORDER BY saved_at, id",
            (owner.store_key, owner.login, owner.unit),
        ).fetchall()
    return [_draft(*row) for row in rows]


def _draft(
    draft_id: int, case_id: int | None, part: str, summary: str, saved_at: str, text: str
) -> Draft:
    try:
        commands: tuple[AnyCommand, ...] | None = loads(text)
    except DecodeError:
        commands = None
    return Draft(draft_id, case_id, part, summary, decode(saved_at, datetime), commands)


def count(owner: Owner, path: Path | None = None) -> int:
    with db.opened(path) as connection:
        db.ensure(connection, TABLE)
        found = connection.execute(
            "SELECT count(*) FROM draft WHERE store_key = ? AND login = ? AND unit = ?",
            (owner.store_key, owner.login, owner.unit),
        ).fetchone()
    return int(found[0])


def discard(draft_id: int, path: Path | None = None) -> None:
    """Delete a draft (sent, or thrown away by the user)."""
    with db.opened(path) as connection:
        db.ensure(connection, TABLE)
        connection.execute("DELETE FROM draft WHERE id = ?", (draft_id,))
