"""Seed 004's two support forms for a meeting held without the system, blank or filled in
from a case: *Stödblankett för dokumentation vid SIP* (the planning meeting: who took
part, the individual's situation, goals and activities) and *Stödblankett för uppföljning
och utvärdering av planerade mål och aktiviteter*."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sip_tui.domain.model import ConsentBy
from sip_tui.paper import common as c
from sip_tui.paper.document import (
    Area,
    Block,
    Choice,
    Grid,
    Heading,
    Line,
    Note,
    PageBreak,
    Paper,
    printable,
)
from sip_tui.paper.plan import responsible

if TYPE_CHECKING:
    from sip_tui.domain.model import Activity, FollowUp, Goal
    from sip_tui.store.service.prints import PrintSource

COORDINATOR = "Samordningsansvarig (Namn och kontaktuppgifter)"
MORE_GOALS = "Vid behov av fler mål och aktiviteter skriv ut fler exemplar av denna sida."


def meeting_form_paper(source: PrintSource | None) -> Paper:
    """*Stödblankett för dokumentation vid Samordnad individuell plan (SIP)*."""
    plan = c.plan_of(source)
    name, number = c.person(source)
    when, at, place = c.evaluation_meeting(source)
    blocks: list[Block] = [
        Line((("Datum", c.day(plan.meeting_on) if plan else ""),)),
        Heading("Personuppgifter"),
        *c.personal_details(source),
        *_consent(source),
        Heading("Närvarande"),
        Choice("Den enskilde deltog på mötet", ("Ja",)),
        Heading("Verksamhetsföreträdare"),
        c.representatives(source, plan, 6),
        Heading("Övriga deltagare"),
        c.externals(plan, 4),
        PageBreak(),
        Heading("Mål och aktiviteter"),
        Line((("Namn", name), ("Personnummer", number))),
        Area("Min nuvarande situation är", printable(plan.situation) if plan else "", 3),
    ]
    goals = plan.goals if plan is not None else []
    for goal in goals:
        blocks += _goal(source, goal)
    if not goals:
        blocks += _goal(source, None)
        blocks.append(Note(MORE_GOALS))
    blocks += [
        Area(COORDINATOR, c.coordinator_contact(source), 2),
        Note("Datum för utvärderingsmöte. Samordningsansvarig är sammankallande."),
        Line((("Datum", when), ("Tid", at), ("Plats", place))),
    ]
    return Paper(
        "Stödblankett för dokumentation vid Samordnad individuell plan (SIP)",
        "Stöd vid driftstörning",
        tuple(blocks),
        c.person_header(source),
        c.footer(source),
        c.stem("dokumentation", source),
    )


def follow_up_form_paper(source: PrintSource | None) -> Paper:
    """*Stödblankett för uppföljning och utvärdering av planerade mål och aktiviteter*."""
    plan, follow_up = c.plan_of(source), c.follow_up_of(source)
    evaluation = c.evaluation_of(source)
    name, number = c.person(source)
    when, _, _ = c.evaluation_meeting(source)
    rows = c.called(source, plan) if source is not None else ()
    blocks: list[Block] = [
        Line((("Datum", when),)),
        Heading("Personuppgifter"),
        *c.personal_details(source),
        Heading("Närvarande"),
        Choice("Den enskilde deltog på mötet", ("Ja",)),
        Heading("Verksamhetsföreträdare"),
        Grid(c.REPRESENTATIVES, c.REPRESENTATIVE_WIDTHS, rows, 2 if rows else 6),
        Heading("Övriga deltagare"),
        c.externals(plan, 4, present=False),
        Area(COORDINATOR, c.coordinator_contact(source), 3),
        PageBreak(),
        Line((("Namn", name), ("Personnummer", number))),
        Heading("Uppföljning av plan"),
    ]
    goals = plan.goals if plan is not None else []
    for goal in goals:
        blocks.append(Area("Mål", printable(goal.goal), 3))
        for activity in goal.activities:
            blocks.append(_followed(source, activity, follow_up))
    if not goals:
        blocks.append(Area("Mål", "", 3))
        blocks += [_followed(source, None, None)] * 3
    blocks += [
        Area("Utvärdering", printable(evaluation.summary) if evaluation else "", 5),
        Area("Beskriv eventuellt fortsatt behov av samordningsträffar", "", 4),
        Area("Ansvarig för kallelse till ny Samordnad individuell plan", "", 2),
    ]
    return Paper(
        "Stödblankett för uppföljning och utvärdering av planerade mål och aktiviteter",
        "Stöd vid driftstörning",
        tuple(blocks),
        c.person_header(source),
        c.footer(source),
        c.stem("uppfoljning", source),
    )


def _consent(source: PrintSource | None) -> list[Block]:
    """Who gave the consent and who obtained it (from the initiative)."""
    own = own_day = representative = obtained_by = ""
    chosen: frozenset[str] = frozenset()
    if source is not None:
        consent = source.case.initiative.consent
        obtained_by = printable(consent.obtained_by)
        if consent.by is ConsentBy.INDIVIDUAL and consent.given:
            chosen, own_day = frozenset({"Ja"}), c.day(consent.obtained_on)
        elif consent.by is ConsentBy.REPRESENTATIVE:
            representative = printable(consent.representative)
        own = "" if consent.given else "Samtycke saknas"
    return [
        Heading("Samtycke"),
        Choice("Samtycke inhämtat från den enskilde", ("Ja",), chosen, (("Datum", own_day),)),
        *([Note(own)] if own else []),
        Line(
            (("av: Namn", representative),),
            lead="Samtycke inhämtat från Vårdnadshavare/annan företrädare",
        ),
        Line(
            (("Namn", obtained_by), ("Roll", "")),
            lead="Samtycket är inhämtat av verksamhetsföreträdare",
        ),
    ]


def _goal(source: PrintSource | None, goal: Goal | None) -> list[Block]:
    blocks: list[Block] = [
        Area("Mål", printable(goal.goal) if goal else "", 3),
        Area("Vad är jag bra på", printable(goal.strengths) if goal else "", 2),
        Area("Vad kan hindra mig", printable(goal.obstacles) if goal else "", 2),
    ]
    label = "Aktivitet, ansvarig och tid för uppföljning"
    if source is None or goal is None:
        return blocks + [Area(label, "", 3)] * 3
    for activity in goal.activities:
        lines = [
            printable(activity.text),
            "Ansvarig: "
            + responsible(source, activity.responsible_unit, activity.responsible_person),
        ]
        if activity.follow_up_on is not None:
            lines.append(f"Uppföljning: {c.day(activity.follow_up_on)}")
        blocks.append(Area(label, "\n".join(lines), 4))
    return blocks


def _followed(
    source: PrintSource | None, activity: Activity | None, follow_up: FollowUp | None
) -> Area:
    label = "Aktivitet, ansvarig, måluppfyllelse och datum"
    if source is None or activity is None:
        return Area(label, "", 3)
    lines = [
        printable(activity.text),
        "Ansvarig: " + responsible(source, activity.responsible_unit, activity.responsible_person),
    ]
    entry = follow_up.entries.get(activity.id) if follow_up is not None else None
    if entry is not None:
        lines.append(f"{c.ACTIVITY_STATUS[entry.status]}, {c.day(entry.at)}")
        if entry.comment.strip():
            lines.append(printable(entry.comment))
    return Area(label, "\n".join(lines), 4)
