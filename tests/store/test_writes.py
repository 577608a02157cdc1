"""Writes proportional to the change: a write touches only the rows the command changed,
and a case written that way reads back equal to the domain case, on both backends."""

from __future__ import annotations

import copy
import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, event

from sip_tui.domain import documents as doc
from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.domain.commands import (
    AcceptCall,
    AcceptInitiative,
    ActivateFollowUp,
    CloseCase,
    DeclineInitiative,
    Lock,
    MarkMessageRead,
    SaveEvaluation,
    SaveFollowUp,
    SaveMapping,
    SavePlan,
    SendCall,
    SendMessage,
    Sign,
    VoidMessage,
)
from sip_tui.domain.model import CallKind, Case
from sip_tui.store.rows import aggregate, case_load
from sip_tui.store.service.api import Store
from tests.acting import as_user
from tests.domain.world import AHMED, BIST, BIST_PRO, HC, HC_WATCHER, HSV, KARIN, PSY, SARA, at
from tests.store.seed import planning_call, seed_world, sent_case

STATEMENT = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?', re.IGNORECASE)
CHILD_TABLES = {table.name for table in aggregate.CHILD_TABLES}


_MINUTE = timedelta(minutes=1)


@pytest.fixture
def store(engine: Engine) -> Store:
    seed_world(engine)
    ticks = iter(range(1_000_000))
    start = at("2026-11-20 09:00")
    return Store(engine, Clock(lambda: start + _MINUTE * next(ticks)), WorkCalendar())


@contextmanager
def statements(engine: Engine) -> Iterator[Counter[tuple[str, str]]]:
    """Count the INSERT/UPDATE/DELETE statements run, as (verb, table)."""
    seen: Counter[tuple[str, str]] = Counter()

    def note(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        match = STATEMENT.match(statement)
        if match:
            verb = match.group(1).split()[0].upper()
            seen[verb, match.group(2).lower()] += 1

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def plan_content(goals: list[doc.Goal], situation: str = "Hemma") -> doc.PlanContent:
    return doc.PlanContent(
        meeting_on=date(2026, 11, 26),
        evaluation_on=date(2027, 1, 20),
        situation=situation,
        attendees=[doc.Attendee(HSV, "Sara Holm")],
        externals=[doc.ExternalParticipant("Anna", "dotter", "070-123", True)],
        goals=goals,
    )


def busy_case(store: Store) -> int:
    """A case with rows in most child tables: participants, a call and its answers, a
    signed mapping, a plan with goals and activities, messages read and unread."""
    case_id = sent_case(store, [HSV, BIST])
    store.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id))
    store.execute(as_user(BIST_PRO.user, BIST), AcceptInitiative(case_id))
    number = planning_call(store, case_id, at("2026-11-26 13:00"), {HSV: True, BIST: False})
    store.execute(as_user(KARIN.user, HSV), AcceptCall(case_id, number, "Sara kommer"))
    store.execute(
        as_user(AHMED.user, HC), SaveMapping(case_id, doc.MappingText(situation="Hemma"), None)
    )
    store.execute(as_user(AHMED.user, HC), Sign(case_id, doc.DocumentKind.MAPPING))
    goals = [
        doc.Goal(0, "Bo kvar hemma", "Envis", "Fall", [doc.Activity(0, "Insulin", HSV, "Sara")]),
        doc.Goal(0, "Äta själv", activities=[doc.Activity(0, "Matlåda", BIST)]),
    ]
    store.execute(as_user(AHMED.user, HC), SavePlan(case_id, plan_content(goals), None))
    first = (
        store.execute(as_user(KARIN.user, HSV), SendMessage(case_id, text="Info", recipients=[HC]))
        .messages[-1]
        .number
    )
    store.execute(as_user(HC_WATCHER.user, HC), MarkMessageRead(case_id, first))
    store.execute(as_user(KARIN.user, HSV), SendMessage(case_id, text="Mer info", recipients=[HC]))
    return case_id


def test_saving_the_mapping_rewrites_no_other_part_of_the_case(
    store: Store, engine: Engine
) -> None:
    case_id = busy_case(store)
    # Sara takes the signed mapping up again: the mapping changes and gets her edit lock.
    mapping = store.open_case(as_user(AHMED.user, HC), case_id).mapping
    assert mapping is not None
    with statements(engine) as seen:
        store.execute(
            as_user(SARA.user, HSV),
            SaveMapping(case_id, doc.MappingText(situation="Ny text"), mapping.version),
        )
    touched = {table for _, table in seen if table in CHILD_TABLES}
    assert touched == {"mapping", "edit_lock"}
    assert seen["UPDATE", "mapping"] == 1
    assert not [key for key in seen if key[0] == "DELETE" and key[1] in CHILD_TABLES]
    assert seen["INSERT", "case_event"] == 1  # the new event only; the history is not rewritten
    assert not [key for key in seen if key[1] == "case_event" and key[0] != "INSERT"]


def test_reading_a_message_touches_its_recipient_row_only(store: Store, engine: Engine) -> None:
    case_id = busy_case(store)
    case = store.open_case(as_user(AHMED.user, HC), case_id)
    unread = next(m.number for m in case.messages if m.read_at[HC] is None)
    with statements(engine) as seen:
        store.execute(as_user(HC_WATCHER.user, HC), MarkMessageRead(case_id, unread))
    assert {(verb, table) for verb, table in seen if table in CHILD_TABLES} == {
        ("UPDATE", "message_recipient")
    }
    assert seen["UPDATE", "message_recipient"] == 1
    # The overview rows are updated in place, never deleted and inserted again.
    assert ("DELETE", "case_unit_view") not in seen
    assert ("INSERT", "case_unit_view") not in seen


def test_dropping_a_goal_deletes_its_rows_and_keeps_the_others(
    store: Store, engine: Engine
) -> None:
    case_id = busy_case(store)
    plan = store.open_case(as_user(AHMED.user, HC), case_id).current_plan()
    assert plan is not None
    kept = plan.goals[0]
    with statements(engine) as seen:
        store.execute(
            as_user(AHMED.user, HC), SavePlan(case_id, plan_content([kept]), plan.version)
        )
    assert seen["DELETE", "goal"] == 1  # one executemany for the goals that went
    assert seen["DELETE", "activity"] == 1
    assert ("INSERT", "goal") not in seen
    assert ("INSERT", "activity") not in seen
    for table in ("participant", "call", "call_recipient", "info_message", "message_recipient"):
        assert not [key for key in seen if key[1] == table], table
    after = store.open_case(as_user(AHMED.user, HC), case_id).current_plan()
    assert after is not None
    assert after.goals == [kept]


@pytest.fixture
def written(monkeypatch: pytest.MonkeyPatch) -> list[Case]:
    """A deep copy of every case just as the domain left it, before it was written."""
    cases: list[Case] = []
    original = aggregate.update_case

    def capture(conn: Any, before: aggregate.Stored, case: Case) -> None:
        cases.append(copy.deepcopy(case))
        original(conn, before, case)

    monkeypatch.setattr(aggregate, "update_case", capture)
    return cases


def read_back(engine: Engine, case_id: int) -> Case:
    with engine.connect() as conn:
        case = case_load.load_case(conn, case_id)
    assert case is not None
    return case


def persisted(case: Case) -> Case:
    """The case without what is not written: the history (compared apart) and the display
    names, which are read with the case (the acting user's name joins on the next read)."""
    return dataclasses.replace(case, history=[], unit_names={}, user_names={})


def test_a_case_reads_back_equal_to_the_domain_case_after_every_kind_of_write(
    store: Store, engine: Engine, written: list[Case]
) -> None:
    s = store
    case_id = sent_case(s, [HSV, BIST, PSY])
    goals = [
        doc.Goal(0, "Bo kvar hemma", "Envis", "Fall", [doc.Activity(0, "Insulin", HSV, "Sara")]),
        doc.Goal(0, "Äta själv", activities=[doc.Activity(0, "Matlåda", BIST)]),
    ]
    steps: list[Callable[[], object]] = [
        lambda: s.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id, "Vi tar det")),
        lambda: s.execute(as_user(BIST_PRO.user, BIST), AcceptInitiative(case_id)),
        lambda: s.execute(as_user("per", PSY), DeclineInitiative(case_id, "Inte vårt")),
        lambda: s.execute(
            as_user(AHMED.user, HC),
            SendCall(
                case_id,
                kind=CallKind.PLANNING,
                meeting_form="Fysiskt",
                place="Ålidhems HC",
                meeting_at=at("2026-11-26 13:00"),
                recipients={HSV: True, BIST: False},
                others="Dottern Anna",
            ),
        ),
        lambda: s.execute(as_user(KARIN.user, HSV), AcceptCall(case_id, 1, "Sara kommer")),
        lambda: s.execute(
            as_user(AHMED.user, HC), SaveMapping(case_id, doc.MappingText("A", "B"), None)
        ),
        lambda: s.execute(
            as_user(AHMED.user, HC), SaveMapping(case_id, doc.MappingText("A2", "B", "C"), 1)
        ),
        lambda: s.execute(as_user(AHMED.user, HC), Sign(case_id, doc.DocumentKind.MAPPING)),
        lambda: s.execute(as_user(AHMED.user, HC), SavePlan(case_id, plan_content(goals), None)),
        lambda: s.execute(
            as_user(AHMED.user, HC),
            SavePlan(
                case_id,
                plan_content(
                    [
                        doc.Goal(
                            2, "Äta själv, ändrat", activities=[doc.Activity(2, "Matlåda", BIST)]
                        ),
                        doc.Goal(0, "Nytt mål", activities=[doc.Activity(0, "Promenad", HSV)]),
                    ],
                    situation="Ändrat",
                ),
                1,
            ),
        ),
        lambda: s.execute(
            as_user(KARIN.user, HSV), SendMessage(case_id, text="Info", recipients=[HC, BIST])
        ),
        lambda: s.execute(as_user(HC_WATCHER.user, HC), MarkMessageRead(case_id, 1)),
        lambda: s.execute(
            as_user(KARIN.user, HSV), SendMessage(case_id, text="Fel", recipients=[HC])
        ),
        lambda: s.execute(as_user(AHMED.user, HC), VoidMessage(case_id, 2, "Skrev fel")),
        lambda: s.execute(as_user(AHMED.user, HC), Lock(case_id, doc.DocumentKind.PLAN)),
        lambda: s.execute(as_user(AHMED.user, HC), ActivateFollowUp(case_id)),
        lambda: s.execute(
            as_user(SARA.user, HSV),
            SaveFollowUp(case_id, [doc.ActivityFollowUp(3, "Klart", doc.ActivityStatus.DONE)], 1),
        ),
        lambda: s.execute(as_user(SARA.user, HSV), Sign(case_id, doc.DocumentKind.FOLLOW_UP)),
        lambda: s.execute(as_user(AHMED.user, HC), Lock(case_id, doc.DocumentKind.FOLLOW_UP)),
        lambda: s.execute(
            as_user(AHMED.user, HC), SaveEvaluation(case_id, "Bra", at("2027-01-20 10:00"), None)
        ),
        lambda: s.execute(as_user(AHMED.user, HC), Lock(case_id, doc.DocumentKind.EVALUATION)),
        lambda: s.execute(as_user(AHMED.user, HC), CloseCase(case_id)),
    ]
    history = read_back(engine, case_id).history
    for number, step in enumerate(steps, start=1):
        step()
        mine = written[-1]
        stored = read_back(engine, case_id)
        # The write path loads no history: the domain case holds this command's events,
        # appended after the ones stored before.
        assert mine.history, number
        assert stored.history == history + mine.history, number
        history = stored.history
        events = len(history)
        assert store.case_stamp(case_id) == events
        assert persisted(stored) == persisted(mine), number
