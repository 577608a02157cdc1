"""A case to print (a helper module): Elsa's plan with å, ä, ö, "–" and "✓" in its goals
and activities, followed up and evaluated; built through the store or the domain alone."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, update

from sip_tui.domain import documents as doc
from sip_tui.domain.commands import (
    AcceptInitiative,
    ActivateFollowUp,
    Command,
    Lock,
    SaveEvaluation,
    SaveFollowUp,
    SavePlan,
    SendCall,
    Sign,
    perform,
)
from sip_tui.domain.model import ActivityStatus, Attendee, CallKind, Case, ExternalParticipant
from sip_tui.domain.roles import Actor
from sip_tui.store import models as t
from sip_tui.store.models import table_of
from sip_tui.store.service.api import Store
from sip_tui.store.service.prints import PersonContact, PrintSource, UnitContact
from tests.acting import as_user
from tests.domain.cases import sent_case as domain_sent_case
from tests.domain.world import AHMED, BIST, BIST_PRO, HC, HSV, KARIN, UNIT_NAMES, at
from tests.store.seed import sent_case

GOAL = "Elsa ska kunna bo kvar hemma – tryggt och säkert ✓"
STRENGTHS = "Går själv till affären; gör ärenden med sin dotter"
INSULIN = "Insulin morgon och kväll – Hemsjukvården ger, Elsa övar själv ✓"
HOME_HELP = "Hemtjänst: städning varannan vecka och dusch på fredagar"
SITUATION = "Elsa, 81 år, är hemma efter vård på avdelning 10.\nHon vill klara sig själv."
SUMMARY = "Målet är nått – Elsa bor hemma och sköter insulinet själv ✓"
MEETING = at("2026-11-26 13:00")
EVALUATION_MEETING = at("2027-01-20 10:00")

CONTENT = doc.PlanContent(
    meeting_on=MEETING.date(),
    evaluation_on=EVALUATION_MEETING.date(),
    situation=SITUATION,
    attendees=[Attendee(HSV, "Sara Holm"), Attendee(BIST, "Lisa Ström")],
    externals=[ExternalParticipant("Åsa Andersson", "dotter", "070-123 45 67", True)],
    goals=[
        doc.Goal(
            0,
            GOAL,
            strengths=STRENGTHS,
            activities=[
                doc.Activity(0, INSULIN, HSV, "Sara Holm", date(2027, 1, 10)),
                doc.Activity(0, HOME_HELP, BIST),
            ],
        )
    ],
)


def steps(case_id: int) -> list[tuple[Actor, Command]]:
    """Accepted, called, planned (signed, locked), followed up (locked), evaluated."""
    plan, follow_up = doc.DocumentKind.PLAN, doc.DocumentKind.FOLLOW_UP
    return [
        (KARIN, AcceptInitiative(case_id, "Passar på torsdag")),
        (BIST_PRO, AcceptInitiative(case_id, "")),
        (
            AHMED,
            SendCall(
                case_id,
                kind=CallKind.PLANNING,
                meeting_form="Fysiskt möte",
                place="Ålidhems HC, rum 3",
                meeting_at=MEETING,
                recipients={HSV: True, BIST: True},
                others="Åsa, dotter",
            ),
        ),
        (AHMED, SavePlan(case_id, CONTENT, None)),
        (AHMED, Sign(case_id, plan)),
        (AHMED, Lock(case_id, plan)),
        (AHMED, ActivateFollowUp(case_id)),
        (
            AHMED,
            SaveFollowUp(
                case_id,
                [
                    doc.ActivityFollowUp(1, "Sköter insulinet själv – bra!", ActivityStatus.DONE),
                    doc.ActivityFollowUp(2, "Pågår som planerat", ActivityStatus.ONGOING),
                ],
                1,
            ),
        ),
        (AHMED, Sign(case_id, follow_up)),
        (AHMED, Lock(case_id, follow_up)),
        (AHMED, SaveEvaluation(case_id, SUMMARY, EVALUATION_MEETING, None)),
    ]


def planned_case_in(store: Store, engine: Engine) -> int:
    """The case in a store seeded with ``seed_world``; Ahmed has a title and a phone."""
    case_id = sent_case(store, [HSV, BIST])
    for actor, command in steps(case_id):
        store.execute(as_user(actor.user, actor.unit), command)
    user = table_of(t.User)
    with engine.begin() as conn:
        conn.execute(
            update(user)
            .where(user.c.login == AHMED.user)
            .values(title="Distriktssköterska", phone="090-785 12 34", email="ahmed@example.se")
        )
    return case_id


def planned_case() -> Case:
    """The same case built by the domain alone (no store)."""
    case = domain_sent_case()
    moment = at("2026-11-23 08:00")
    for actor, command in steps(case.id):
        perform(command, case, actor, moment)
    return case


def drafted_case(content: doc.PlanContent) -> Case:
    """A case whose plan Ahmed has saved (not signed) with ``content`` (domain alone)."""
    case = domain_sent_case()
    moment = at("2026-11-23 08:00")
    for actor, command in steps(case.id)[:3]:  # accepted, called
        perform(command, case, actor, moment)
    perform(SavePlan(case.id, content, None), case, AHMED, moment)
    return case


def source(case: Case, unit: str = HC) -> PrintSource:
    """``case`` as ``unit`` prints it, with the contact details the store would give."""
    units = {
        code: UnitContact(code, name, "090-785 00 00", "090-785 10 10" if code == HC else "")
        for code, name in UNIT_NAMES.items()
    }
    people = {
        AHMED.user: PersonContact(
            AHMED.user, AHMED.name, "Distriktssköterska", "090-785 12 34", "ahmed@example.se"
        )
    }
    return PrintSource(
        case, unit, UNIT_NAMES[unit], "Tea Testare", at("2026-11-23 08:05"), units, people
    )
