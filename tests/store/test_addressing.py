"""Answers, addressing and explain through the store, on SQLite and PostgreSQL: what the
domain decides survives the write and the read models (issue 10, points 6, 8, 9, 10)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from sip_tui.domain import documents as doc
from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.calls import proposed_recipients
from sip_tui.domain.clock import Clock
from sip_tui.domain.commands import AcceptInitiative, Lock, NewPlan, SavePlan, SendMessage, Sign
from sip_tui.domain.explain import explain
from sip_tui.domain.model import (
    Activity,
    Answer,
    Attendee,
    CallKind,
    Goal,
    JoinedVia,
    Phase,
    Status,
)
from sip_tui.domain.status import TaskKind
from sip_tui.store.service.api import Store
from tests.acting import as_user
from tests.domain.world import AHMED, BIST, HC, HSV, KARIN, UNIT_NAMES, at
from tests.store.seed import planning_call, seed_world, sent_case

AHMED_AT_HC = as_user(AHMED.user, HC)
KARIN_AT_HSV = as_user(KARIN.user, HSV)
NOW = at("2026-11-23 09:00")


@pytest.fixture
def store(engine: Engine) -> Store:
    seed_world(engine)
    return Store(engine, Clock.frozen(NOW), WorkCalendar())


def statuses(store: Store, unit: str) -> dict[Phase, Status]:
    (row,) = store.overview_for(unit)
    return row.statuses


def plan(attendees: list[str], responsible: list[str]) -> doc.PlanContent:
    return doc.PlanContent(
        meeting_on=date(2026, 11, 26),
        evaluation_on=date(2027, 1, 20),
        attendees=[Attendee(unit, "") for unit in attendees],
        goals=[
            Goal(0, "Bo kvar hemma", activities=[Activity(0, "Insats", u) for u in responsible])
        ],
    )


def test_a_pending_recipient_in_the_plan_still_owes_its_answer(store: Store) -> None:
    """ "Enheten som lagts till blir en deltagare i ärendet" (seed 001): a participant, not
    an acceptance; INI is green only when every recipient of the initiative has answered."""
    case_id = sent_case(store, [HSV, BIST])
    store.execute(KARIN_AT_HSV, AcceptInitiative(case_id, ""))
    planning_call(store, case_id, at("2026-11-26 13:00"), {HSV: True})
    store.execute(AHMED_AT_HC, SavePlan(case_id, plan([HSV, BIST], [BIST]), None))

    case = store.open_case(AHMED_AT_HC, case_id)
    assert case.participants[BIST].state is Answer.PENDING
    assert case.participants[BIST].via is JoinedVia.INITIATIVE
    assert statuses(store, HC)[Phase.INI] is Status.THEIRS
    assert statuses(store, BIST)[Phase.INI] is Status.OURS


def test_a_recipient_that_has_not_answered_sends_a_message(store: Store) -> None:
    """ "Alla Pratoranvändare med behörighet till SIP - ärendet" (seed 001)."""
    case_id = sent_case(store, [HSV])
    store.execute(KARIN_AT_HSV, SendMessage(case_id, text="Vi återkommer", recipients=[HC]))
    case = store.open_case(AHMED_AT_HC, case_id)
    assert case.messages[0].sender_unit == HSV
    assert case.participants[HSV].state is Answer.PENDING
    assert statuses(store, HC)[Phase.MED] is Status.OURS
    assert statuses(store, HSV)[Phase.INI] is Status.OURS


def test_after_a_new_plan_the_overview_asks_the_coordinator_for_a_call(store: Store) -> None:
    """ "En ny kallelse skapas. Skicka till enheter som deltar i den nya planen." (seed 001)"""
    case_id = sent_case(store, [HSV, BIST])
    store.execute(KARIN_AT_HSV, AcceptInitiative(case_id, ""))
    planning_call(store, case_id, at("2026-11-26 13:00"), {HSV: True})
    store.execute(AHMED_AT_HC, SavePlan(case_id, plan([HSV], [HSV]), None))
    store.execute(AHMED_AT_HC, Sign(case_id, doc.DocumentKind.PLAN))
    store.execute(AHMED_AT_HC, Lock(case_id, doc.DocumentKind.PLAN))
    case = store.execute(AHMED_AT_HC, NewPlan(case_id))

    assert statuses(store, HC)[Phase.KAL] is Status.OURS
    assert statuses(store, HSV)[Phase.KAL] is Status.THEIRS
    assert [t.kind for t in store.case_tasks(case_id) if t.phase is Phase.KAL] == [
        TaskKind.CALL_NEW_PLAN
    ]
    assert proposed_recipients(case, CallKind.PLANNING) == [HSV]  # BIST never answered


def test_explain_from_the_read_model_names_the_meeting(store: Store) -> None:
    """The overview explains from the stored tasks: the call is named by its meeting."""
    case_id = sent_case(store, [HSV])
    store.execute(KARIN_AT_HSV, AcceptInitiative(case_id, ""))
    planning_call(store, case_id, at("2026-11-26 13:00"), {HSV: True})

    tasks = store.case_tasks(case_id)
    (task,) = [t for t in tasks if t.kind is TaskKind.ANSWER_CALL]
    assert (task.call_kind, task.meeting_at) == (CallKind.PLANNING, at("2026-11-26 13:00"))
    text = explain(Phase.KAL, Status.OURS, tasks, HSV, UNIT_NAMES.__getitem__, NOW)
    assert text.startswith(
        "Er enhet har inte kvitterat kallelsen till planeringsmöte tor 26 nov 13:00 från "
        "Ålidhems HC"
    )
