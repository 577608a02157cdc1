"""Who is addressed and who has answered: no invented acknowledgements, the calls'
automatic addressing, messages from any unit with access, explain naming the meeting.

Ahmed at Ålidhems HC coordinates; Hemsjukvården (HSV), Biståndshandläggning (BIST) and
psychiatry (PSY) get the initiative; the ward (WARD) never does.
"""

from __future__ import annotations

from datetime import date

import pytest

from sip_tui.domain import calls, messages
from sip_tui.domain import documents as doc
from sip_tui.domain import workflow as wf
from sip_tui.domain.errors import NoAccess
from sip_tui.domain.explain import explain
from sip_tui.domain.model import (
    Activity,
    Answer,
    Attendee,
    CallKind,
    Case,
    Goal,
    JoinedVia,
    Phase,
    Status,
)
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
    UNIT_NAMES,
    WARD,
    at,
    draft_case,
)


def sent(recipients: tuple[str, ...] = (HSV, BIST, PSY)) -> Case:
    case = draft_case(recipients)
    wf.send_initiative(case, AHMED, at("2026-11-20 09:12"))
    return case


def planning_call(case: Case, recipients: dict[str, bool]) -> None:
    calls.send_call(
        case,
        AHMED,
        at("2026-11-23 10:40"),
        kind=CallKind.PLANNING,
        meeting_form="Fysiskt möte",
        place="Ålidhems HC",
        meeting_at=at("2026-11-26 13:00"),
        recipients=recipients,
    )


def content(attendees: list[str], responsible: list[str]) -> doc.PlanContent:
    return doc.PlanContent(
        meeting_on=date(2026, 11, 26),
        evaluation_on=date(2027, 1, 20),
        situation="Elsa bor ensam och vill bo kvar hemma.",
        attendees=[Attendee(unit, "") for unit in attendees],
        goals=[
            Goal(
                0,
                "Bo kvar hemma",
                activities=[Activity(0, f"Insats {unit}", unit) for unit in responsible],
            )
        ],
    )


def locked_plan(case: Case, attendees: list[str], responsible: list[str]) -> None:
    doc.save_plan(case, AHMED, at("2026-11-26 14:00"), content(attendees, responsible), None)
    doc.sign(case, AHMED, at("2026-11-26 14:01"), doc.DocumentKind.PLAN)
    doc.lock(case, AHMED, at("2026-11-26 15:00"), doc.DocumentKind.PLAN)


def ini(case: Case, unit: str) -> Status:
    return column_statuses(case, unit)[Phase.INI]


# --- 6. no invented acknowledgements ------------------------------------------------------


def test_a_plan_attendee_that_has_not_answered_still_owes_its_answer() -> None:
    """A unit added to the plan has answered nothing: "Ange vilka som deltagit utifrån
    kallelse … Enheten som lagts till blir en deltagare i ärendet" (seed 001) makes it a
    participant, not a unit that accepted the initiative. INI waits for every recipient."""
    case = sent()
    wf.accept_initiative(case, KARIN, at("2026-11-23 08:10"))
    wf.decline_initiative(case, PSY_PRO, at("2026-11-23 08:20"), "Inget åtagande")
    planning_call(case, {HSV: True})

    doc.save_plan(case, AHMED, at("2026-11-23 11:00"), content([HSV, BIST], [BIST]), None)

    assert case.participants[BIST].state is Answer.PENDING
    assert case.participants[BIST].via is JoinedVia.INITIATIVE
    assert (BIST, TaskKind.ANSWER_INITIATIVE) in {
        (t.unit, t.kind) for t in open_tasks(case, CALENDAR)
    }
    assert ini(case, HC) is Status.THEIRS
    assert ini(case, BIST) is Status.OURS
    assert not case.initiative_answered()

    wf.accept_initiative(case, BIST_PRO, at("2026-11-23 11:30"))
    assert ini(case, HC) is Status.DONE


def test_units_added_by_the_plan_or_a_message_are_no_recipients_of_the_initiative() -> None:
    """ "En enhet som inte finns med i mottagarlistan sedan tidigare kan så läggas till i
    SIP – ärendet" (seed 001): added, not "accepted"; INI counts only its recipients."""
    case = sent(recipients=(HSV,))
    wf.accept_initiative(case, KARIN, at("2026-11-23 08:10"))
    planning_call(case, {HSV: True})
    doc.save_plan(case, AHMED, at("2026-11-23 11:00"), content([HSV, WARD], [HSV]), None)
    messages.send_message(
        case, AHMED, at("2026-11-23 11:10"), text="Välkomna", recipients=[], add_units=[BIST]
    )

    assert case.participants[WARD].via is JoinedVia.PLAN
    assert case.participants[BIST].via is JoinedVia.MESSAGE
    assert case.participants[WARD].answered_at is None  # nobody there answered anything
    assert [p.unit for p in case.initiative_recipients()] == [HSV]
    assert case.initiative_answered()
    assert ini(case, WARD) is Status.DONE


def test_a_forwarded_initiative_is_answered_by_the_unit_it_was_forwarded_to() -> None:
    """ "Neka - Skriv anledning för avståndstagande och föreslå ev annan mottagande av
    initiativet" (seed 001): the unit it was forwarded to is a recipient that must answer."""
    case = sent(recipients=(PSY,))
    wf.forward_initiative(case, PSY_PRO, at("2026-11-23 09:00"), HSV, "Fel mottagare")
    assert [p.unit for p in case.initiative_recipients()] == [PSY, HSV]
    assert ini(case, HC) is Status.THEIRS
    wf.accept_initiative(case, KARIN, at("2026-11-23 10:00"))
    assert ini(case, HC) is Status.DONE


# --- 8. automatic addressing ----------------------------------------------------------------


def test_the_evaluation_call_is_addressed_to_the_planning_attendees_and_the_responsible() -> None:
    """ "Berörda personer som var med vid planeringen och som ansvarar för mål och
    aktiviteter bör delta vid utvärderingen. Dessa adresseras automatiskt vid kallelse."
    (seed 001). Never a unit that declined."""
    case = sent()
    wf.accept_initiative(case, KARIN, at("2026-11-23 08:10"))
    wf.accept_initiative(case, BIST_PRO, at("2026-11-23 08:20"))
    wf.decline_initiative(case, PSY_PRO, at("2026-11-23 08:30"), "Inget åtagande")
    messages.send_message(
        case, AHMED, at("2026-11-23 08:40"), text="Hej", recipients=[], add_units=[WARD]
    )
    planning_call(case, {HSV: True, BIST: True, WARD: True})
    calls.decline_call(case, BIST_PRO, at("2026-11-23 11:00"), 1, "Tiden passar inte")
    # HSV attended; WARD answers for an activity; BIST declined the call and is in neither;
    # PSY declined the initiative and has no access.
    locked_plan(case, attendees=[HSV], responsible=[WARD, HC])

    assert calls.proposed_recipients(case, CallKind.EVALUATION) == [HSV, WARD]


def test_without_units_in_the_plan_the_evaluation_call_goes_to_who_accepted_the_planning_call() -> (
    None
):
    """The plan is what says who "var med vid planeringen"; if it names nobody else, the
    units that accepted the planning call were there (never one that declined it)."""
    case = sent(recipients=(HSV, BIST))
    wf.accept_initiative(case, KARIN, at("2026-11-23 08:10"))
    wf.accept_initiative(case, BIST_PRO, at("2026-11-23 08:20"))
    planning_call(case, {HSV: True, BIST: True})
    calls.accept_call(case, KARIN, at("2026-11-23 11:00"), 1)
    calls.decline_call(case, BIST_PRO, at("2026-11-23 11:05"), 1, "Tiden passar inte")
    locked_plan(case, attendees=[], responsible=[HC])

    assert calls.proposed_recipients(case, CallKind.EVALUATION) == [HSV]


def test_the_first_planning_call_proposes_the_initiatives_units() -> None:
    """ "Förslag på samma mottagare som vid initiativet ges." (seed 001)"""
    case = sent()
    wf.accept_initiative(case, KARIN, at("2026-11-23 08:10"))
    wf.decline_initiative(case, PSY_PRO, at("2026-11-23 08:30"), "Inget åtagande")
    assert calls.proposed_recipients(case, CallKind.PLANNING) == [HSV, BIST]


def test_after_a_new_plan_the_coordinator_must_call_the_new_plans_units() -> None:
    """ "Ny plan … En ny kallelse skapas. Skicka till enheter som deltar i den nya planen."
    (seed 001): the new plan's units are proposed, and KAL is red for the coordinator
    until the call is sent."""
    case = sent()
    for actor in (KARIN, BIST_PRO, PSY_PRO):
        wf.accept_initiative(case, actor, at("2026-11-23 08:10"))
    planning_call(case, {HSV: True, BIST: True, PSY: True})
    locked_plan(case, attendees=[HSV], responsible=[BIST])
    assert column_statuses(case, HC)[Phase.KAL] is not Status.OURS

    new = wf.new_plan(case, AHMED, at("2027-01-20 11:00"))

    assert column_statuses(case, HC)[Phase.KAL] is Status.OURS
    assert column_statuses(case, HSV)[Phase.KAL] is Status.THEIRS
    (task,) = [t for t in open_tasks(case, CALENDAR) if t.phase is Phase.KAL]
    assert (task.unit, task.kind, task.since) == (HC, TaskKind.CALL_NEW_PLAN, new.created_at)
    assert calls.proposed_recipients(case, CallKind.PLANNING) == [HSV, BIST]
    text = explain(
        Phase.KAL, Status.OURS, open_tasks(case, CALENDAR), HC, UNIT_NAMES.get, new.created_at
    )
    assert text.startswith("En ny plan är skapad; er enhet har inte skickat kallelsen")

    calls.send_call(
        case,
        AHMED,
        at("2027-01-20 11:30"),
        kind=CallKind.PLANNING,
        meeting_form="Videomöte",
        place="Teams",
        meeting_at=at("2027-01-27 13:00"),
        recipients={HSV: True, BIST: True},
    )
    assert all(t.kind is not TaskKind.CALL_NEW_PLAN for t in open_tasks(case, CALENDAR))


# --- 9. messages from any unit with access ----------------------------------------------------


def test_a_recipient_that_has_not_answered_may_send_an_information_message() -> None:
    """ "Informationsmeddelande … Alla Pratoranvändare med behörighet till SIP - ärendet"
    (seed 001): a recipient still to answer the initiative has that access."""
    case = sent()
    message = messages.send_message(
        case, KARIN, at("2026-11-20 10:00"), text="Vi tittar på det i dag.", recipients=[HC]
    )
    assert message.sender_unit == HSV
    assert case.participants[HSV].state is Answer.PENDING  # sending answered nothing
    assert column_statuses(case, HC)[Phase.MED] is Status.OURS

    wf.decline_initiative(case, PSY_PRO, at("2026-11-20 10:30"), "Inget åtagande")
    with pytest.raises(NoAccess):
        messages.send_message(case, PSY_PRO, at("2026-11-20 11:00"), text="Hej", recipients=[HC])


# --- 10. explain names the meeting ------------------------------------------------------------


def test_explain_names_the_call_by_its_meeting() -> None:
    """ "Kvittera/Acceptera/Neka inkomna Initiativ och Kallelse" (seed 001): the watcher
    is told which meeting, when and from whom — not a number nobody sees."""
    case = sent(recipients=(HSV,))
    wf.accept_initiative(case, KARIN, at("2026-11-23 08:10"))
    planning_call(case, {HSV: True})
    calls.accept_call(case, KARIN, at("2026-11-23 11:00"), 1)
    locked_plan(case, attendees=[HSV], responsible=[HSV])
    calls.send_call(
        case,
        AHMED,
        at("2026-11-27 09:00"),
        kind=CallKind.EVALUATION,
        meeting_form="Fysiskt möte",
        place="Ålidhems HC",
        meeting_at=at("2026-12-02 13:00"),
        recipients=dict.fromkeys(calls.proposed_recipients(case, CallKind.EVALUATION), True),
    )
    tasks = open_tasks(case, CALENDAR)
    now = at("2026-11-27 10:00")
    ours = explain(Phase.KAL, Status.OURS, tasks, HSV, UNIT_NAMES.__getitem__, now)
    assert ours.startswith(
        "Er enhet har inte kvitterat kallelsen till utvärderingsmöte ons 2 dec 13:00 från "
        "Ålidhems HC, skickad fre 27 nov 09:00."
    )
    theirs = explain(Phase.KAL, Status.THEIRS, tasks, HC, UNIT_NAMES.__getitem__, now)
    assert theirs.startswith(
        "Väntar på kvittens av kallelsen till utvärderingsmöte ons 2 dec 13:00 från "
        "Hemsjukvården Umeå centrum"
    )
    assert "nr" not in ours + theirs
