"""The schema: created and upgraded only by the Alembic migrations in
``sip_tui/store/migrations`` (:func:`upgrade`); :func:`check_schema` refuses a database
that is not at the newest revision."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from sqlalchemy import URL, Connection, Engine, inspect, text

from sip_tui.store.errors import (
    NotMigrated,
)

if TYPE_CHECKING:
    from alembic.config import Config


from sip_tui.store.engine import MIGRATIONS, begin_write, display_url, make_engine
from sip_tui.store.translate import translate_errors

#: pg_advisory_xact_lock key serialising concurrent `sip-tui db upgrade` runs.
_MIGRATION_LOCK: Final = 0x5150_7475_6900


@dataclass(frozen=True)
class SchemaUpgrade:
    """What :func:`upgrade` did: the revision before and after (``None``: no schema)."""

    database: str  # display_url(): fit for a message
    before: str | None
    after: str | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config for the packaged migrations; ``connection`` is used by env.py."""
    from alembic.config import Config  # Alembic loads only to migrate (startup time)

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


#: The migrations' revisions, oldest first; the last is the schema this program needs.
#: Kept here so that starting the app need not load Alembic; a test checks it against
#: the migration scripts.
REVISIONS: Final = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009")


def head_revision() -> str:
    """The newest schema revision this program knows."""
    return REVISIONS[-1]


def current_revision(engine: Engine) -> str | None:
    """The database's schema revision, ``None`` when it has none (an empty database)."""
    with translate_errors(engine), engine.connect() as connection:
        return _revision_of(connection)


def _revision_of(connection: Connection) -> str | None:
    """Read ``alembic_version`` with plain SQL (no Alembic import at startup)."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
    found = list(versions)
    return found[0] if found else None


def check_schema(engine: Engine) -> None:
    """Raise :class:`NotMigrated` unless the database is at :func:`head_revision`.

    Also raises the other :class:`StoreError` subclasses when it cannot connect.
    """
    _check_revision(engine.url, current_revision(engine), allow_older=False)


def _check_revision(url: URL, revision: str | None, *, allow_older: bool) -> None:
    head = head_revision()
    if revision == head:
        return
    shown = display_url(url)
    if revision is not None and revision not in REVISIONS:
        raise NotMigrated(
            f"the database {shown} has schema revision {revision}, newer than this sip-tui "
            f"knows ({head}); upgrade sip-tui"
        )
    if not allow_older:
        found = (
            "no sip-tui schema"
            if revision is None
            else f"an older sip-tui schema (revision {revision}, this sip-tui needs {head})"
        )
        raise NotMigrated(f"the database {shown} has {found}; run `sip-tui db upgrade`")


def upgrade(target: str | URL | Engine, kind: str | None = None) -> SchemaUpgrade:
    """Bring an empty or older database to the newest schema; nothing to do is no change.

    ``kind`` (``demo`` or ``training``) marks a database being created as one that may
    pretend another time (``SIP_TUI_NOW``); without it a new database is a real store.

    One transaction on both backends (SQLite with ``BEGIN IMMEDIATE``; PostgreSQL under an
    advisory lock), so concurrent upgrades run one after the other and a failed one leaves
    the database as it was. An engine passed in stays open; one made here is disposed.
    """
    engine = target if isinstance(target, Engine) else make_engine(target, create=True)
    try:
        with translate_errors(engine), begin_write(engine) as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK}
                )
            before = _revision_of(connection)
            _check_revision(engine.url, before, allow_older=True)
            from alembic import command

            from sip_tui.store import security

            security.become_owner(connection)

            command.upgrade(alembic_config(connection), "head")
            after = _revision_of(connection)
            if kind is not None:
                security.mark_kind(connection, kind)
    finally:
        if engine is not target:
            engine.dispose()
    return SchemaUpgrade(display_url(engine.url), before, after)
