"""The store as the watch commands open it: schema checked, errors as one line."""

from __future__ import annotations

from sip_tui.config import Settings
from sip_tui.domain.clock import Clock
from sip_tui.store.engine import check_schema, database_url, make_engine, translate_errors
from sip_tui.store.service.api import Store


def open_store(db: str | None, settings: Settings, clock: Clock) -> Store:
    """The store at ``--db`` (else the settings); a :class:`StoreError` when it cannot be
    used (unreachable, no current schema)."""
    engine = make_engine(database_url(db, settings))
    with translate_errors(engine):
        check_schema(engine)
    return Store(engine, clock, settings.work_calendar())
