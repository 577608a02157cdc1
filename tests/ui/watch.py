"""Helpers of the watch and deviation UI tests: a role for the test user, a store whose
clock is frozen at another moment, the roster's people."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, insert
from textual.pilot import Pilot
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock, parse_moment
from sip_tui.domain.roles import Role
from sip_tui.store import models as t
from sip_tui.store.models import table_of
from sip_tui.store.service.api import Store
from tests.ui.conftest import LOGIN

HSV = "umea-hsv-centrum"


def grant(store: Store, role: Role, unit: str = HSV, login: str = LOGIN) -> None:
    """``login`` gets ``role`` on ``unit`` (the demo gives the test user no manager role)."""
    with store.engine.begin() as conn:
        conn.execute(insert(table_of(t.Membership)).values(login=login, unit=unit, role=role.value))


def store_at(engine: Engine, moment: str) -> Store:
    return Store(engine, Clock.frozen(parse_moment(moment)), WorkCalendar())


def watcher_and_cover(store: Store, unit: str = HSV) -> tuple[str, str]:
    """The logins of the demo unit's weekly watcher and its standing cover."""
    roster = store.roster(unit)
    (watcher,) = {w.login for w in roster.weekly}
    (cover,) = {c.login for c in roster.covers}
    return watcher, cover


async def footer_fits(pilot: Pilot[Any]) -> list[str]:
    """The footer of the screen on top fits 80 columns and shows the help key; its keys."""
    screen = pilot.app.screen
    await pilot.pause()
    keys = list(screen.query_one(Footer).query(FooterKey))
    labels = [f"{key.key_display} {key.description}" for key in keys]
    assert keys, labels
    assert all(0 < key.region.right <= 80 for key in keys), labels
    assert [key for key in keys if key.action in ("help", "app.help")], labels
    return labels
