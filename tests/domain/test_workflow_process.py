"""A whole SIP, step by step, with the column colours of both units after every step.

Scenario 2 of SCENARIOS.md: Ahmed at Ålidhems HC coordinates; Hemsjukvården (HSV) and
Biståndshandläggning (BIST) accept, psychiatry declines.
"""

from __future__ import annotations

from datetime import date

import pytest

from sip_tui.domain import calls, messages, voiding
from sip_tui.domain import documents as doc
from sip_tui.domain import workflow as wf
from sip_tui.domain.errors import NoAccess
from sip_tui.domain.model import Activity, ActivityStatus, Attendee, CallKind, Case, Goal
from sip_tui.domain.status import TaskKind, column_statuses, open_tasks

from .world import (
    AHMED,
    BIST,
    BIST_PRO,
    CALENDAR,
    HC,
    HSV,
    KARIN,
    PSY,
    PSY_PRO,
    SARA,
    at,
    draft_case,
)

# One letter per status, INI KAR KAL SIP UPP MED: D done, O ours, T theirs, C creatable, - not yet
LETTER = {"done": "D", "ours": "O", "theirs": "T", "creatable": "C", "not-yet": "-"}


def row(case: Case, unit: str) -> str:
    return "".join(LETTER[status.value] for status in column_statuses(case, unit).values())


def tasks(case: Case) -> set[tuple[str, TaskKind, str | None]]:
    return {
        (t.unit, t.kind, t.deadline.isoformat() if t.deadline else None)
        for t in open_tasks(case, CALENDAR)
    }


def plan_content() -> doc.PlanContent:
    return doc.PlanContent(
        meeting_on=date(2026, 11, 26),
        evaluation_on=date(2027, 1, 20),
        situation="Elsa bor ensam och vill bo kvar hemma.",
        attendees=[Attendee(HSV, "Sara Holm")],
        goals=[
            Goal(
                0,
                "Bo kvar hemma",
                "Envis",
                "Fallrisk",
                [
                    Activity(0, "Insulin morgon och kväll", HSV, "Sara Holm", date(2027, 1, 10)),
                    Activity(0, "Hemtjänst tre gånger dagligen", BIST),
                ],
            ),
        ],
    )


def test_a_whole_sip_colours_and_tasks_for_both_units() -> None:
    case = draft_case()
    assert row(case, HC) == "O-----"  # the draft initiative is ours to send
    with pytest.raises(NoAccess):
        column_statuses(case, HSV)  # a draft is not visible to its recipients

    wf.send_initiative(case, AHMED, at("2026-11-20 09:12"))
    assert row(case, HC) == "TCC--C"  # waiting for answers; mapping, call, message creatable
    assert row(case, HSV) == "O----C"  # answer; a message may be sent before answering
    assert tasks(case) == {
        (unit, TaskKind.ANSWER_INITIATIVE, "2026-11-23T12:00:00+01:00") for unit in (HSV, BIST, PSY)
    }

    wf.accept_initiative(case, KARIN, at("2026-11-23 08:10"), "Tisdag eftermiddag passar")
    assert row(case, HSV) == "TC---C"  # a participant now; INI waits for the other units
    assert row(case, HC) == "TCC--C"  # still waiting for two units
    wf.accept_initiative(case, BIST_PRO, at("2026-11-23 08:20"))
    wf.decline_initiative(case, PSY_PRO, at("2026-11-23 09:00"), "Inget åtagande hos oss")
    assert row(case, HC) == "DCC--C"
    with pytest.raises(NoAccess):
        column_statuses(case, PSY)  # declined: sees nothing of the case
    assert tasks(case) == set()

    doc.save_mapping(
        case,
        AHMED,
        at("2026-11-23 10:00"),
        doc.MappingText("Utskrivningsklar", "Diabetes", "Stabil", "Hemsjukvård"),
        None,
    )
    assert row(case, HC) == "DOC--C"  # sign, then lock
    assert row(case, HSV) == "DT---C"
    doc.sign(case, AHMED, at("2026-11-23 10:05"), doc.DocumentKind.MAPPING)

    call = calls.send_call(
        case,
        AHMED,
        at("2026-11-23 10:10"),
        kind=CallKind.PLANNING,
        meeting_form="Fysiskt möte",
        place="Ålidhems HC",
        meeting_at=at("2026-11-26 13:00"),
        recipients={HSV: True, BIST: True},
    )
    assert row(case, HC) == "DOTO-C"  # lock mapping, document the plan; others acknowledge
    assert row(case, HSV) == "DTOT-C"
    assert tasks(case) == {
        (HC, TaskKind.LOCK_MAPPING, "2026-11-25T23:59:59+01:00"),  # all the working day before
        (HSV, TaskKind.ANSWER_CALL, "2026-11-24T12:00:00+01:00"),
        (BIST, TaskKind.ANSWER_CALL, "2026-11-24T12:00:00+01:00"),
        (HC, TaskKind.DOCUMENT_PLAN, "2026-11-27T23:59:59+01:00"),  # all the working day after
    }

    calls.accept_call(case, KARIN, at("2026-11-24 08:00"), call.number, "Sara kommer")
    assert row(case, HSV) == "DTTT-C"  # BIST has not answered the call yet
    assert row(case, HC) == "DOTO-C"
    calls.accept_call(case, BIST_PRO, at("2026-11-24 08:30"), call.number)
    doc.lock(case, AHMED, at("2026-11-24 09:00"), doc.DocumentKind.MAPPING)
    assert row(case, HC) == "DDDO-C"
    assert row(case, HSV) == "DDDT-C"

    doc.save_plan(case, AHMED, at("2026-11-26 14:00"), plan_content(), None)
    doc.sign(case, AHMED, at("2026-11-26 14:05"), doc.DocumentKind.PLAN)
    doc.lock(case, AHMED, at("2026-11-26 14:06"), doc.DocumentKind.PLAN)
    assert row(case, HC) == "DDCDCC"  # evaluation call and follow-up can now be created
    assert row(case, HSV) == "DDDD-C"

    wf.activate_follow_up(case, AHMED, at("2027-01-04 09:00"))
    assert row(case, HC) == "DDCDOC"
    assert row(case, HSV) == "DDDDOC"  # HSV is responsible for an activity
    evaluation_call = calls.send_call(
        case,
        AHMED,
        at("2027-01-04 09:10"),
        kind=CallKind.EVALUATION,
        meeting_form="Video",
        place="Teams",
        meeting_at=at("2027-01-20 10:00"),
        recipients={HSV: True, BIST: False},
    )
    assert row(case, HSV) == "DDODOC"
    assert (HSV, TaskKind.FOLLOW_UP_ACTIVITY, "2027-01-19T23:59:59+01:00") in tasks(case)
    calls.accept_call(case, KARIN, at("2027-01-05 08:00"), evaluation_call.number)

    doc.save_follow_up(
        case,
        SARA,
        at("2027-01-12 09:00"),
        [doc.ActivityFollowUp(1, "Sköter sig själv nu", ActivityStatus.DONE)],
        1,
    )
    assert row(case, HSV) == "DDDDOC"  # must sign what was saved
    doc.sign(case, SARA, at("2027-01-12 09:01"), doc.DocumentKind.FOLLOW_UP)
    assert row(case, HSV) == "DDDDTC"
    doc.save_follow_up(
        case,
        BIST_PRO,
        at("2027-01-12 10:00"),
        [doc.ActivityFollowUp(2, "Pågår", ActivityStatus.ONGOING)],
        2,
    )
    doc.sign(case, BIST_PRO, at("2027-01-12 10:01"), doc.DocumentKind.FOLLOW_UP)
    assert tasks(case) == {(HC, TaskKind.LOCK_FOLLOW_UP, "2027-01-19T23:59:59+01:00")}

    doc.lock(case, AHMED, at("2027-01-13 09:00"), doc.DocumentKind.FOLLOW_UP)
    assert tasks(case) == {(HC, TaskKind.DOCUMENT_EVALUATION, "2027-01-21T23:59:59+01:00")}
    doc.save_evaluation(
        case, AHMED, at("2027-01-20 11:00"), "Målen nådda.", at("2027-01-20 10:00"), None
    )
    doc.lock(case, AHMED, at("2027-01-20 11:05"), doc.DocumentKind.EVALUATION)
    assert row(case, HC) == "DDDDDC"
    assert row(case, HSV) == "DDDDDC"

    messages.send_message(case, KARIN, at("2027-01-20 15:00"), text="Tack!", recipients=[HC])
    assert row(case, HC) == "DDDDDO"
    assert row(case, HSV) == "DDDDDT"
    assert tasks(case) == {(HC, TaskKind.READ_MESSAGE, "2027-01-21T12:00:00+01:00")}
    messages.mark_message_read(case, AHMED, at("2027-01-21 08:00"), 1)

    wf.close_case(case, AHMED, at("2027-01-21 09:00"))
    assert row(case, HC) == "DDDDDD"
    assert tasks(case) == set()
    assert [event.action for event in case.history][-1] == "Avslutade ärendet"


def test_new_plan_archives_the_old_and_needs_a_new_call() -> None:
    case = draft_case(recipients=(HSV,))
    wf.send_initiative(case, AHMED, at("2026-11-20 09:12"))
    wf.accept_initiative(case, KARIN, at("2026-11-20 10:00"))
    calls.send_call(
        case,
        AHMED,
        at("2026-11-20 11:00"),
        kind=CallKind.PLANNING,
        meeting_form="Fysiskt",
        place="HC",
        meeting_at=at("2026-11-26 13:00"),
        recipients={HSV: True},
    )
    first = doc.save_plan(case, AHMED, at("2026-11-26 14:00"), plan_content(), None)
    doc.lock(case, AHMED, at("2026-11-26 15:00"), doc.DocumentKind.PLAN)

    second = wf.new_plan(case, AHMED, at("2027-01-20 11:00"))

    assert first.archived_at == at("2027-01-20 11:00")
    assert case.current_plan() is second
    assert second.goals == first.goals
    assert second is not first
    assert not second.is_locked
    # "En ny kallelse skapas. Skicka till enheter som deltar i den nya planen."
    assert row(case, HC)[2:4] == "OO"  # send the new call; document (and lock) the new plan
    assert row(case, HSV)[2] == "T"  # the new cycle waits for the coordinator's call


def test_forwarded_initiative_moves_the_task_and_the_access() -> None:
    case = draft_case(recipients=(PSY,))
    wf.send_initiative(case, AHMED, at("2026-11-20 09:12"))
    wf.forward_initiative(case, PSY_PRO, at("2026-11-23 09:00"), HSV, "Fel mottagare")
    with pytest.raises(NoAccess):
        column_statuses(case, PSY)
    assert row(case, HSV) == "O----C"
    (task,) = open_tasks(case, CALENDAR)
    assert (task.unit, task.from_unit) == (HSV, PSY)
    # forwarded on Monday: acknowledge by Tuesday 12:00
    assert task.deadline == at("2026-11-24 12:00")


def test_discharge_ready_makes_the_call_due_within_three_days() -> None:
    case = draft_case(recipients=(HSV,))
    wf.send_initiative(case, AHMED, at("2026-11-19 09:00"))
    wf.set_discharge_ready(case, AHMED, at("2026-11-19 09:30"), at("2026-11-19 09:30"))
    send_call = [t for t in open_tasks(case, CALENDAR) if t.kind is TaskKind.SEND_CALL]
    # Thursday + 3 days = Sunday, so the next working day (all of it: sending is not
    # acknowledging, and the 12:00 cut-off is for acknowledging)
    assert [t.deadline for t in send_call] == [at("2026-11-23 23:59:59")]
    assert row(case, HC)[2] == "O"


def test_voided_call_can_be_replaced() -> None:
    case = draft_case(recipients=(HSV,))
    wf.send_initiative(case, AHMED, at("2026-11-20 09:12"))
    wf.accept_initiative(case, KARIN, at("2026-11-20 10:00"))
    call = calls.send_call(
        case,
        AHMED,
        at("2026-11-20 11:00"),
        kind=CallKind.PLANNING,
        meeting_form="Fysiskt",
        place="HC",
        meeting_at=at("2026-11-26 13:00"),
        recipients={HSV: True},
    )
    voiding.void_call(case, AHMED, at("2026-11-20 11:30"), call.number, "Fel dag")
    assert row(case, HSV)[2] == "-"
    assert row(case, HC)[2] == "C"
    calls.send_call(
        case,
        AHMED,
        at("2026-11-20 11:40"),
        kind=CallKind.PLANNING,
        meeting_form="Fysiskt",
        place="HC",
        meeting_at=at("2026-11-27 13:00"),
        recipients={HSV: True},
    )
    assert row(case, HSV)[2] == "O"


def test_voided_initiative_ends_every_task() -> None:
    case = draft_case()
    wf.send_initiative(case, AHMED, at("2026-11-20 09:12"))
    voiding.void_initiative(case, AHMED, at("2026-11-20 09:30"), "Fel person")
    assert open_tasks(case, CALENDAR) == []
    assert row(case, HC) == "------"  # a voided case is nothing but history
