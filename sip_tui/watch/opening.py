"""The store as the watch commands open it: schema checked, errors as one line."""

from __future__ import annotations

from sip_tui.config import Settings
from sip_tui.domain.clock import Clock
from sip_tui.store.engine import database_url, display_url, make_engine, missing_sqlite_file
from sip_tui.store.errors import NotMigrated
from sip_tui.store.schema import check_schema
from sip_tui.store.service.api import Store
from sip_tui.store.translate import translate_errors


def open_store(db: str | None, settings: Settings, clock: Clock) -> Store:
    """The store at ``--db`` (else the settings); a :class:`StoreError` when it cannot be
    used (unreachable, no current schema)."""
    url = database_url(db, settings)
    if missing_sqlite_file(url) is not None:  # never leave an empty file behind
        raise NotMigrated(
            f"there is no sip-tui database at {display_url(url)}; create it with "
            "`sip-tui db upgrade`, or give the database with --db"
        )
    engine = make_engine(url)
    store = Store(engine, clock, settings.work_calendar())
    with translate_errors(engine):
        check_schema(engine)
        store.check_clock()
    return store
