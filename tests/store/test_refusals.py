"""Every service action is refused for a non-member, a wrong role and a declined unit —
and a refusal changes nothing: its one access-log line is the refused attempt, written in
a transaction of its own (HSLF-FS 2016:40: refused attempts are logged too)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine, func, select

from sip_tui.domain import documents as doc
from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.domain.commands import (
    AcceptInitiative,
    DeclineInitiative,
    ForwardInitiative,
    Lock,
    SaveMapping,
    SendCall,
    SendMessage,
    VoidInitiative,
)
from sip_tui.domain.errors import DomainError, NoAccess, NotAllowed
from sip_tui.domain.model import CallKind
from sip_tui.store import models as t
from sip_tui.store.models import table_of
from sip_tui.store.service.api import Store
from tests.acting import as_user
from tests.domain.world import AHMED, HC, HSV, PSY, PSY_PRO, at
from tests.store.seed import seed_world, sent_case

Action = Callable[[Store, str, str, int], object]
ACTIONS: dict[str, Action] = {
    "accept": lambda s, login, unit, c: s.execute(as_user(login, unit), AcceptInitiative(c, "ok")),
    "decline": lambda s, login, unit, c: s.execute(
        as_user(login, unit), DeclineInitiative(c, "nej")
    ),
    "forward": lambda s, login, unit, c: s.execute(
        as_user(login, unit), ForwardInitiative(c, "umea-bistand")
    ),
    "save_mapping": lambda s, login, unit, c: s.execute(
        as_user(login, unit), SaveMapping(c, doc.MappingText("x"), None)
    ),
    "send_call": lambda s, login, unit, c: s.execute(
        as_user(login, unit),
        SendCall(
            c,
            kind=CallKind.PLANNING,
            meeting_form="F",
            place="P",
            meeting_at=at("2026-11-30 13:00"),
            recipients={HC: True},
        ),
    ),
    "send_message": lambda s, login, unit, c: s.execute(
        as_user(login, unit), SendMessage(c, text="hej", recipients=[HC])
    ),
    "lock": lambda s, login, unit, c: s.execute(
        as_user(login, unit), Lock(c, doc.DocumentKind.MAPPING)
    ),
    "void_initiative": lambda s, login, unit, c: s.execute(
        as_user(login, unit), VoidInitiative(c, "fel")
    ),
    "open": lambda s, login, unit, c: s.open_case(as_user(login, unit), c),
}
# (who, on which unit, the refusal)
WHO = {
    "non-member": ("per", HC, NotAllowed),  # Per works at psychiatry, not at the HC
    "wrong-role": ("lena", HSV, NotAllowed),  # support: reads only
    "declined": ("per", PSY, NoAccess),
}
READ_ONLY_ALLOWED = {("wrong-role", "open")}  # support may look (and is logged)


@pytest.fixture
def setup(engine: Engine) -> tuple[Store, int]:
    seed_world(engine)
    store = Store(engine, Clock.frozen(at("2026-11-23 09:00")), WorkCalendar())
    case_id = sent_case(store, [HSV, PSY])
    store.execute(as_user(PSY_PRO.user, PSY), DeclineInitiative(case_id, "Inget åtagande"))
    return store, case_id


def count_log(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table_of(t.AccessLog))).scalar_one()


def last_action(engine: Engine) -> str:
    log = table_of(t.AccessLog)
    with engine.connect() as conn:
        return str(conn.execute(select(log.c.action).order_by(log.c.id.desc()).limit(1)).scalar())


CASES = [
    (who, action)
    for who in sorted(WHO)
    for action in sorted(ACTIONS)
    if (who, action) not in READ_ONLY_ALLOWED
]


@pytest.mark.parametrize(("who", "action"), CASES)
def test_refused_and_nothing_written(
    setup: tuple[Store, int], engine: Engine, who: str, action: str
) -> None:
    store, case_id = setup
    login, unit, refusal = WHO[who]
    before = store.open_case(as_user(AHMED.user, HC), case_id)
    logged = count_log(engine)
    with pytest.raises(DomainError) as error:
        ACTIONS[action](store, login, unit, case_id)
    assert isinstance(error.value, refusal), str(error.value)
    assert str(error.value)  # a Swedish sentence for the user
    assert count_log(engine) == logged + 1
    assert last_action(engine).startswith("refused-")
    after = store.open_case(as_user(AHMED.user, HC), case_id)
    assert after.history == before.history


def test_support_may_read_and_the_look_is_logged_with_the_reason(
    setup: tuple[Store, int], engine: Engine
) -> None:
    store, case_id = setup
    case = store.open_case(as_user("lena", HSV), case_id, reason="ärende 4711")
    assert case.id == case_id
    log = table_of(t.AccessLog)
    with engine.connect() as conn:
        last = conn.execute(select(log).order_by(log.c.id.desc()).limit(1)).one()
    assert (last.login, last.unit, last.action, last.detail) == ("lena", HSV, "read", "ärende 4711")
