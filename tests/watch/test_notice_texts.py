"""No notice carries a personnummer, a person's name or health data: a property over the
demo world (every unit, any moment of two weeks), since e-mail and SMS leave the system."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock, parse_moment
from sip_tui.domain.named_notices import wanted_person_notices
from sip_tui.domain.notices import OpenItem, wanted_notices
from sip_tui.store import models as t
from sip_tui.store.engine import make_engine
from sip_tui.store.models import table_of
from sip_tui.store.service.api import Store
from sip_tui.watch.notify import open_items
from tests.cli.watch_world import NOW, build

START = parse_moment(NOW) - timedelta(days=7)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, list[str], list[str]]:
    """The demo store, its units with work, and every person's name and personnummer."""
    url = build(tmp_path_factory.mktemp("texts") / "demo.db")
    store = Store(make_engine(url), Clock.frozen(parse_moment(NOW)), WorkCalendar())
    with store.engine.connect() as conn:
        people = list(conn.execute(select(table_of(t.Individual))).all())
        staff = list(conn.execute(select(table_of(t.User).c.name)).scalars())
        reasons = list(conn.execute(select(table_of(t.Initiative).c.reason)).scalars())
    forbidden = [p.name for p in people] + staff + reasons
    numbers = [p.personnummer for p in people]
    return store, forbidden, numbers


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    minutes=st.integers(0, 14 * 24 * 60),
    unit_index=st.integers(0, 200),
    remind=st.times(),
)
def test_no_notice_text_holds_a_personnummer_or_a_name(
    world: tuple[Store, list[str], list[str]], minutes: int, unit_index: int, remind: object
) -> None:
    store, forbidden, numbers = world
    units = store.units_with_open_acknowledgements()
    unit = units[unit_index % len(units)]
    now = START + timedelta(minutes=minutes)
    names = store.units()
    texts = [
        notice.text
        for notice in wanted_notices(
            names[unit].name,
            open_items(store, unit),
            now,
            store.calendar,
            remind,  # type: ignore[arg-type]
        )
    ]
    named = [OpenItem(n.kind, n.since, n.deadline) for n in store.named_tasks() if n.unit == unit]
    texts += [
        notice.text
        for notice in wanted_person_notices(
            names[unit].name,
            named,
            now,
            store.calendar,
            remind,  # type: ignore[arg-type]
        )
    ]
    for text in texts:
        assert not re.search(r"\d{6}", text), text  # no personnummer in any form
        assert not any(number[2:8] in text for number in numbers)
        assert not any(name in text for name in forbidden), text
