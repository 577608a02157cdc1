"""Issue 10, points 1–3: which meeting a deadline counts from, whole-day deadlines for
documenting and locking, and "senast kl. 12.00" including 12:00 itself (DOMAIN.md,
"Deadlines")."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from sip_tui.domain import calls
from sip_tui.domain import documents as doc
from sip_tui.domain import workflow as wf
from sip_tui.domain.deadlines import Due, classify
from sip_tui.domain.explain import deadline_label, explain
from sip_tui.domain.model import CallKind, Case, Phase, Status
from sip_tui.domain.status import Task, TaskKind, open_tasks

from .world import AHMED, BIST, CALENDAR, HC, HSV, KARIN, UNIT_NAMES, at, draft_case


def planning_case(meeting: str = "2026-12-01 13:00") -> Case:
    """Initiative accepted, the planning call sent for ``meeting`` (Tuesday 1 Dec)."""
    case = draft_case(recipients=(HSV,))
    wf.send_initiative(case, AHMED, at("2026-11-20 09:12"))
    wf.accept_initiative(case, KARIN, at("2026-11-23 08:10"))
    calls.send_call(
        case,
        AHMED,
        at("2026-11-23 10:10"),
        kind=CallKind.PLANNING,
        meeting_form="Fysiskt möte",
        place="Ålidhems HC",
        meeting_at=at(meeting),
        recipients={HSV: True},
    )
    return case


def the_task(case: Case, kind: TaskKind) -> Task:
    (task,) = [task for task in open_tasks(case, CALENDAR) if task.kind is kind]
    return task


def plan_met_on(day: date) -> doc.PlanContent:
    return doc.PlanContent(meeting_on=day, situation="Mötet flyttades.")


# --- point 1: the plan counts from the actual meeting ------------------------------------------


def test_the_plan_is_documented_by_the_working_day_after_the_actual_meeting() -> None:
    """Seed 001, "Dokumentera planeringsmöte": "I samband med mötet eller arbetsdagen efter
    det faktiska mötet." The meeting was called for Tue 1 Dec and held Thu 3 Dec: the plan
    says so, and the task counts from Thursday, not from the called time."""
    case = planning_case("2026-12-01 13:00")
    assert the_task(case, TaskKind.DOCUMENT_PLAN).deadline == at("2026-12-02 23:59:59")
    doc.save_plan(case, AHMED, at("2026-11-30 09:00"), plan_met_on(date(2026, 12, 3)), None)
    task = the_task(case, TaskKind.DOCUMENT_PLAN)
    assert task.deadline == at("2026-12-04 23:59:59")  # Friday, the working day after
    assert not task.is_overdue(at("2026-12-03 09:00"))  # before the meeting was even held
    assert not task.is_overdue(at("2026-12-04 23:59:59"))
    assert task.is_overdue(at("2026-12-05 00:00:00"))
    # The plan's own "sign" task counts from the same meeting.
    assert the_task(case, TaskKind.SIGN).deadline == at("2026-12-04 23:59:59")


def test_the_mapping_lock_also_counts_from_the_plans_meeting_date() -> None:
    """Seed 001: "Låses senast en arbetsdag före mötet" — the meeting that was held."""
    case = planning_case("2026-12-01 13:00")
    doc.save_mapping(case, AHMED, at("2026-11-23 10:20"), doc.MappingText("S", "B", "A", "R"), None)
    assert the_task(case, TaskKind.LOCK_MAPPING).deadline == at("2026-11-30 23:59:59")
    doc.save_plan(case, AHMED, at("2026-11-30 09:00"), plan_met_on(date(2026, 12, 3)), None)
    assert the_task(case, TaskKind.LOCK_MAPPING).deadline == at("2026-12-02 23:59:59")


def test_without_a_meeting_date_in_the_plan_the_called_time_counts() -> None:
    """Until the plan names the actual meeting, the called time is the best we know."""
    case = planning_case("2026-11-26 13:00")  # Thursday
    doc.save_plan(case, AHMED, at("2026-11-26 14:00"), doc.PlanContent(situation="Utkast"), None)
    assert the_task(case, TaskKind.DOCUMENT_PLAN).deadline == at("2026-11-27 23:59:59")


# --- point 2: documenting and locking last the whole working day ------------------------------


def test_documentation_and_locking_deadlines_last_the_whole_working_day() -> None:
    """Seed 001: "Senast arbetsdagen efter det faktiska mötet", "Låses senast en arbetsdag
    före mötet", "Senast vardagen före utvärderingsmötet" — no hour: the 12:00 brytpunkt
    belongs to acknowledging incoming items ("Kvittering från mottagaren ska ske senast
    kl. 12.00 vardagen efter att initiativet skickades")."""
    case = planning_case("2026-11-26 13:00")  # Thu
    doc.save_mapping(case, AHMED, at("2026-11-23 10:20"), doc.MappingText("S", "B", "A", "R"), None)
    deadlines = {task.kind: task.deadline for task in open_tasks(case, CALENDAR)}
    assert deadlines[TaskKind.ANSWER_CALL] == at("2026-11-24 12:00")  # the cut-off
    assert deadlines[TaskKind.LOCK_MAPPING] == at("2026-11-25 23:59:59")  # all Wednesday
    assert deadlines[TaskKind.DOCUMENT_PLAN] == at("2026-11-27 23:59:59")  # all Friday
    lock = the_task(case, TaskKind.LOCK_MAPPING)
    assert not lock.is_overdue(at("2026-11-25 12:00:01"))  # no longer 12:00
    assert not lock.is_overdue(at("2026-11-25 23:59:59.999"))
    assert lock.is_overdue(at("2026-11-26 00:00"))


def test_a_whole_day_deadline_is_labelled_without_an_hour() -> None:
    """The overview says "senast ons" for the mapping lock; "senast tis 12:00" for a call."""
    case = planning_case("2026-11-26 13:00")
    doc.save_mapping(case, AHMED, at("2026-11-23 10:20"), doc.MappingText("S", "B", "A", "R"), None)
    now = at("2026-11-23 11:00")  # Monday
    lock = the_task(case, TaskKind.LOCK_MAPPING)
    call = the_task(case, TaskKind.ANSWER_CALL)
    assert deadline_label(lock.deadline, now) == "senast ons"
    assert deadline_label(call.deadline, now) == "senast tis 12:00"
    assert deadline_label(lock.deadline, at("2026-11-25 22:00")) == "om 2 h"
    assert deadline_label(lock.deadline, at("2026-11-26 00:30")) == "försenad 30 min"
    text = explain(Phase.KAR, Status.OURS, open_tasks(case, CALENDAR), HC, UNIT_NAMES.get, now)
    assert "Senast ons 25 nov — om 2 d 13 h." in text


def test_the_evaluation_counts_from_the_evaluation_meeting_that_was_held() -> None:
    """Seed 001: "Senast arbetsdagen efter det faktiska mötet" (Dokumentera genomförd
    utvärdering): the meeting time entered in the evaluation wins over the called time."""
    case = planning_case("2026-11-26 13:00")
    doc.save_plan(
        case,
        AHMED,
        at("2026-11-26 14:00"),
        doc.PlanContent(
            meeting_on=date(2026, 11, 26),
            evaluation_on=date(2027, 1, 20),
            # A plan is locked only with a goal whose activity has a responsible unit.
            goals=[doc.Goal(0, "Bo kvar hemma", activities=[doc.Activity(0, "Insulin", HSV)])],
        ),
        None,
    )
    doc.sign(case, AHMED, at("2026-11-26 14:05"), doc.DocumentKind.PLAN)
    doc.lock(case, AHMED, at("2026-11-26 14:06"), doc.DocumentKind.PLAN)
    wf.activate_follow_up(case, AHMED, at("2027-01-04 09:00"))
    doc.lock(case, AHMED, at("2027-01-13 09:00"), doc.DocumentKind.FOLLOW_UP)
    # Planned for Wed 20 Jan: documented by the whole of Thursday.
    assert the_task(case, TaskKind.DOCUMENT_EVALUATION).deadline == at("2027-01-21 23:59:59")
    held = at("2027-01-22 10:00")
    doc.save_evaluation(case, AHMED, at("2027-01-22 09:00"), "Målen nådda.", held, None)
    # Held on Friday 22 Jan instead: by the whole of Monday.
    assert the_task(case, TaskKind.DOCUMENT_EVALUATION).deadline == at("2027-01-25 23:59:59")


# --- point 3: "senast kl. 12.00" includes 12:00 --------------------------------------------------


def test_at_twelve_sharp_an_acknowledgement_is_due_not_overdue() -> None:
    """Seed 001: "Kvittering från mottagaren ska ske senast kl. 12.00 vardagen efter att
    initiativet skickades" — 12:00:00 is on time; overdue from 12:00:01."""
    case = draft_case(recipients=(HSV, BIST))
    wf.send_initiative(case, AHMED, at("2026-11-20 09:12"))  # Friday
    task = next(t for t in open_tasks(case, CALENDAR) if t.unit == HSV)
    assert task.deadline == at("2026-11-23 12:00")
    assert not task.is_overdue(at("2026-11-23 12:00:00"))
    assert not task.is_overdue(at("2026-11-23 12:00:00.999"))
    assert task.is_overdue(at("2026-11-23 12:00:01"))
    assert deadline_label(task.deadline, at("2026-11-23 12:00:00")) == "om under 1 min"
    assert deadline_label(task.deadline, at("2026-11-23 12:00:01")) == "försenad < 1 min"
    assert classify(task.deadline, at("2026-11-23 12:00:00"), CALENDAR) is Due.CUTOFF
    assert classify(task.deadline, at("2026-11-23 12:00:01"), CALENDAR) is Due.OVERDUE
    waiting = explain(
        Phase.INI, Status.THEIRS, [task], HC, UNIT_NAMES.get, at("2026-11-23 12:00:00")
    )
    assert "försenad" not in waiting
    late = explain(Phase.INI, Status.THEIRS, [task], HC, UNIT_NAMES.get, at("2026-11-23 12:00:01"))
    assert "försenad sedan under 1 min" in late


def test_the_status_bar_counts_cutoff_today_and_overdue_apart() -> None:
    """The status bar keeps counting what is due at the next 12:00 cut-off and adds what is
    due by the end of today; each deadline is in at most one count."""
    monday_morning = at("2026-11-23 09:00")
    assert classify(at("2026-11-23 12:00"), monday_morning, CALENDAR) is Due.CUTOFF
    assert classify(at("2026-11-23 23:59:59"), monday_morning, CALENDAR) is Due.TODAY
    assert classify(at("2026-11-24 12:00"), monday_morning, CALENDAR) is None
    assert classify(at("2026-11-20 23:59:59"), monday_morning, CALENDAR) is Due.OVERDUE
    afternoon = at("2026-11-23 13:00")
    assert classify(at("2026-11-23 23:59:59"), afternoon, CALENDAR) is Due.TODAY
    assert classify(at("2026-11-24 12:00"), afternoon, CALENDAR) is Due.CUTOFF
    assert classify(at("2026-11-24 23:59:59"), afternoon, CALENDAR) is None
    assert classify(None, afternoon, CALENDAR) is None


def test_a_task_is_overdue_exactly_from_the_second_after_its_deadline() -> None:
    task = Task(1, HC, Phase.INI, TaskKind.ANSWER_INITIATIVE, at("2026-11-20 09:00"), None)
    assert not task.is_overdue(at("2030-01-01 00:00"))  # no deadline: never overdue
    due = replace(task, deadline=datetime.fromisoformat("2026-11-23T11:00:00+00:00"))
    assert not due.is_overdue(at("2026-11-23 12:00:00"))
    assert due.is_overdue(at("2026-11-23 12:00:01"))


def test_the_plan_is_documented_by_the_unit_the_meeting_agreed_on() -> None:
    """Seed 001: "Samordningsansvarig är också dokumentationsansvarig om man inte kommer
    överens om något annat på mötet." The plan names the documenting unit (default the
    coordinator); that unit gets the task and may document and lock the plan."""
    from sip_tui.domain.errors import InvalidInput, NotAllowed

    from .world import SARA

    case = planning_case("2026-11-26 13:00")
    content = doc.PlanContent(
        meeting_on=date(2026, 11, 26),
        evaluation_on=date(2027, 1, 20),
        goals=[doc.Goal(0, "Bo kvar hemma", activities=[doc.Activity(0, "Insulin", HSV)])],
    )
    doc.save_plan(case, AHMED, at("2026-11-26 14:00"), content, None)
    assert the_task(case, TaskKind.DOCUMENT_PLAN).unit == HC  # by default the coordinator
    agreed = replace(content, documenting_unit=HSV)
    plan = doc.save_plan(case, AHMED, at("2026-11-26 14:10"), agreed, 1)
    doc.sign(case, AHMED, at("2026-11-26 14:11"), doc.DocumentKind.PLAN)
    assert doc.documenting_unit(case, plan) == HSV
    assert the_task(case, TaskKind.DOCUMENT_PLAN).unit == HSV
    with pytest.raises(NotAllowed, match="låsa planen"):  # not a watcher there
        doc.lock(case, KARIN, at("2026-11-27 09:00"), doc.DocumentKind.PLAN)
    doc.lock(case, SARA, at("2026-11-27 09:00"), doc.DocumentKind.PLAN, plan.version)
    assert plan.is_locked
    # Only a unit of the case can be made documenting unit.
    other = planning_case("2026-11-26 13:00")
    outside = replace(content, documenting_unit="x")
    with pytest.raises(InvalidInput) as refusal:
        doc.save_plan(other, AHMED, at("2026-11-26 14:00"), outside, None)
    assert refusal.value.field == "documenting_unit"
