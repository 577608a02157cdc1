"""What ``sip-tui run`` does before the app starts: the store, the user, the unit.

Every start that reaches the store keeps the user's session (name, units, roles) on this
computer (``local.session_cache``). When the store is out of reach at start (the server
down, the file gone: an outage, not a bad URL or a missing schema), the app starts with
that session and the last known overview, in outage mode, and connects when the store
returns; without a kept session it is one line naming ``sip-tui downtime``."""

from __future__ import annotations

import os
import sqlite3
from contextlib import suppress
from datetime import datetime
from typing import TYPE_CHECKING

from sip_tui.config import Settings
from sip_tui.domain.clock import Clock
from sip_tui.identity import os_full_name, os_login
from sip_tui.local import session_cache
from sip_tui.local.session_cache import CachedSession, CachedUnit
from sip_tui.store.engine import database_url, display_url, make_engine
from sip_tui.store.errors import DatabaseLocked, DatabaseUnreachable, StoreError
from sip_tui.store.schema import check_schema
from sip_tui.store.service.api import Membership, Store, UnitInfo
from sip_tui.store.translate import translate_errors
from sip_tui.ui.runtime.drafting import local_key

if TYPE_CHECKING:
    from sip_tui.ui.app import SipApp

#: Errors that mean "out of reach now", worth starting without the store.
OUTAGE = (DatabaseUnreachable, DatabaseLocked)
LOCAL_TROUBLE = (OSError, sqlite3.Error)


class NotAUser(StoreError):
    """The account is not a user of this database, or not on the asked-for unit."""


class StoreOutage(StoreError):
    """The store is out of reach and no session of the user is kept on this computer."""


def start_app(db: str | None, unit: str | None, clock: Clock, settings: Settings) -> int:
    """Run the app; its return code (non-zero after a crash, see ``RuntimeApp``)."""
    app = prepare_app(db, unit, clock, settings)
    app.run()
    return app.return_code or 0


def prepare_app(db: str | None, unit: str | None, clock: Clock, settings: Settings) -> SipApp:
    """The app, ready to run: the user's memberships from the store, or while it is out of
    reach from the last good session (the app then starts in outage mode)."""
    if settings.keymap:  # before the database: a bad [keymap] entry is one line at once
        from sip_tui.ui.help.keys import check_keymap  # loads Textual

        check_keymap(settings.keymap)
    url = database_url(db, settings)
    engine = make_engine(url)
    store = Store(engine, clock, settings.work_calendar())
    login = os_login()
    key = local_key(store)  # no Textual: the drafts' and caches' key of this store
    outage_since: datetime | None = None
    try:
        with translate_errors(engine):
            check_schema(engine)
            store.check_clock()
            login = store.user_login(login)
            memberships = store.memberships(login)
            name = store.user_name(login) or os_full_name()
    except OUTAGE as trouble:
        name, memberships = _kept_session(key, login, trouble)
        outage_since = clock.now()
    else:
        if memberships:
            _keep_session(key, CachedSession(login, name, _cached(memberships), clock.now()))
    if not memberships:
        raise NotAUser(
            f"you ({login}) are not a user of sip-tui in {display_url(url)}; ask your unit's "
            "sip-tui administrator to add you, or try `sip-tui demo`"
        )
    codes = [m.unit.code for m in memberships]
    if unit is not None and unit not in codes:
        raise NotAUser(
            f"you ({login}) are not a member of unit {unit!r}; your units: {', '.join(codes)}"
        )
    from sip_tui.ui.colors import color_mode, prepare

    colors = color_mode(settings.ui.colors, os.environ)
    prepare(colors)
    from sip_tui.ui.app import SipApp  # Textual loads only now

    app = SipApp(
        store,
        login,
        name,
        memberships,
        unit=unit,
        bell=settings.ui.bell,
        partners=settings.addressing.partners,
        colors=colors,
        keymap=settings.keymap,
    )
    app.outage_since = outage_since
    return app


def _kept_session(key: str, login: str, trouble: StoreError) -> tuple[str, list[Membership]]:
    """The last good session, or :class:`StoreOutage` (one line) when none is kept."""
    try:
        kept = session_cache.load(key, login)
    except LOCAL_TROUBLE:
        kept = None
    if kept is None or not kept.units:
        raise StoreOutage(
            f"{trouble}; sip-tui has not reached this store from this computer before, so it "
            "cannot start without it: `sip-tui downtime` shows the downtime journal and the "
            "phone list without the store"
        ) from trouble
    return kept.name, [
        Membership(UnitInfo(u.code, u.name, u.short_name, "", "", "", ""), u.roles)
        for u in kept.units
    ]


def _cached(memberships: list[Membership]) -> tuple[CachedUnit, ...]:
    return tuple(
        CachedUnit(m.unit.code, m.unit.name, m.unit.short_name, m.roles) for m in memberships
    )


def _keep_session(key: str, session: CachedSession) -> None:
    """Keep the session for a start during an outage; a local file that cannot take it
    does not stop this start."""
    with suppress(*LOCAL_TROUBLE):
        session_cache.save(key, session)
