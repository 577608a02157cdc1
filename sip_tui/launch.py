"""What ``sip-tui run`` does before the app starts: the store, the user, the unit."""

from __future__ import annotations

import os

from sip_tui.config import Settings
from sip_tui.domain.clock import Clock
from sip_tui.identity import os_full_name, os_login
from sip_tui.store.engine import (
    check_schema,
    database_url,
    display_url,
    make_engine,
    translate_errors,
)
from sip_tui.store.errors import StoreError
from sip_tui.store.service.api import Store


class NotAUser(StoreError):
    """The account is not a user of this database, or not on the asked-for unit."""


def start_app(db: str | None, unit: str | None, clock: Clock, settings: Settings) -> int:
    """Run the app; its return code (non-zero after a crash, see ``RuntimeApp``)."""
    if settings.keymap:  # before the database: a bad [keymap] entry is one line at once
        from sip_tui.ui.help.keys import check_keymap  # loads Textual

        check_keymap(settings.keymap)
    url = database_url(db, settings)
    engine = make_engine(url)
    with translate_errors(engine):
        check_schema(engine)
        store = Store(engine, clock, settings.work_calendar())
        login = os_login()
        memberships = store.memberships(login)
        name = store.user_name(login) or os_full_name()
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
    app.run()
    return app.return_code or 0
