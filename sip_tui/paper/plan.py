"""The plan for the individual (*Mål- och aktivitetsplan*) and the evaluation
(*Uppföljning och utvärdering*), as seed 001 has them handed to the individual: *"Planen
ska skrivas ut och delges den enskilde"*, *"Utvärderingen låses, skrivs ut och delges den
enskilde"*. Blank, they are the same pages with room to write."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sip_tui.paper import common as c
from sip_tui.paper.document import Area, Block, Grid, Heading, Line, Note, Paper, printable

if TYPE_CHECKING:
    from sip_tui.domain.model import FollowUp, Goal, Plan
    from sip_tui.store.service.prints import PrintSource

ACTIVITIES = ("Aktivitet", "Ansvarig", "Uppföljning")
ACTIVITY_WIDTHS = (0.45, 0.37, 0.18)
FOLLOWED = ("Aktivitet", "Ansvarig", "Status", "Kommentar")
FOLLOWED_WIDTHS = (0.27, 0.25, 0.14, 0.34)
COORDINATOR = "Samordningsansvarig (namn och kontaktuppgifter)"


def plan_paper(source: PrintSource | None) -> Paper:
    plan = c.plan_of(source)
    blocks: list[Block] = [*_individual(source)]
    if source is not None and plan is None:
        blocks.append(Note("Ärendet har ingen plan ännu."))
    if source is not None and plan is not None:
        blocks.append(
            Line(
                (
                    ("Ärende", str(source.case.id)),
                    ("Plan", str(plan.cycle)),
                )
            )
        )
        blocks.append(Line((("Status", c.status(source, plan)),)))
    blocks += [
        Line(
            (
                ("Datum för mötet", c.day(plan.meeting_on) if plan else ""),
                ("Datum för planerad utvärdering", c.day(plan.evaluation_on) if plan else ""),
            )
        ),
        Area(COORDINATOR, c.coordinator_contact(source), 2),
    ]
    if source is not None and plan is not None and plan.documenting_unit:
        documenting = c.unit_name(source, plan.documenting_unit)
        blocks.append(Line((("Dokumentationsansvarig", documenting),)))
    blocks += [
        Area("Min nuvarande situation är", printable(plan.situation) if plan else "", 4),
        Heading("Närvarande"),
        Grid(("Namn", "Enhet", "Telefon"), (0.3, 0.4, 0.3), *_attendees(source, plan)),
        Heading("Övriga deltagare"),
        c.externals(plan, 3),
        Heading("Mål och aktiviteter"),
    ]
    goals = plan.goals if plan is not None else []
    for number, goal in enumerate(goals, start=1):
        blocks += _goal(source, number, goal)
    if source is None:
        blocks += _blank_goal()
    elif not goals:
        blocks.append(Note("Planen har inga mål ännu."))
    return Paper(
        "Samordnad individuell plan (SIP)",
        "Mål- och aktivitetsplan",
        tuple(blocks),
        c.person_header(source),
        c.footer(source),
        c.stem("plan", source),
    )


def evaluation_paper(source: PrintSource | None) -> Paper:
    plan, follow_up = c.plan_of(source), c.follow_up_of(source)
    evaluation = c.evaluation_of(source)
    when, at, place = c.evaluation_meeting(source)
    blocks: list[Block] = [*_individual(source)]
    if source is not None:
        cycle = str(plan.cycle) if plan is not None else ""
        blocks.append(Line((("Ärende", str(source.case.id)), ("Plan", cycle))))
        state = c.status(source, evaluation) if evaluation else "Ingen utvärdering ännu"
        blocks.append(Line((("Status", state),)))
    blocks += [
        Line((("Datum för utvärderingsmöte", when), ("Tid", at), ("Plats", place))),
        Area(COORDINATOR, c.coordinator_contact(source), 2),
        Heading("Uppföljning av plan"),
    ]
    if source is not None and follow_up is not None:
        blocks.append(Line((("Uppföljningens status", c.status(source, follow_up)),)))
    goals = plan.goals if plan is not None else []
    for number, goal in enumerate(goals, start=1):
        blocks.append(Area(f"Mål {number}", printable(goal.goal), 2))
        blocks.append(_followed(source, goal, follow_up))
    if not goals:
        blocks.append(Area("Mål", "", 2))
        blocks.append(Grid(FOLLOWED, FOLLOWED_WIDTHS, (), 3))
    blocks += [
        Heading("Utvärdering"),
        Area(
            "Sammanfattande beskrivning av resultatet för målen och aktiviteterna",
            printable(evaluation.summary) if evaluation is not None else "",
            6,
        ),
    ]
    return Paper(
        "Samordnad individuell plan (SIP)",
        "Uppföljning och utvärdering",
        tuple(blocks),
        c.person_header(source),
        c.footer(source),
        c.stem("utvardering", source),
    )


def _individual(source: PrintSource | None) -> list[Block]:
    name, number = c.person(source)
    return [Heading("Den enskilde"), Line((("Namn", name), ("Personnummer", number)))]


def _attendees(
    source: PrintSource | None, plan: Plan | None
) -> tuple[tuple[tuple[str, ...], ...], int]:
    if source is None or plan is None or not plan.attendees:
        return (), 4 if source is None else 0
    rows = tuple(
        (
            printable(attendee.person),
            c.unit_name(source, attendee.unit),
            c.unit_phone(source, attendee.unit),
        )
        for attendee in plan.attendees
    )
    return rows, 0


def responsible(source: PrintSource, unit: str, person: str) -> str:
    name = c.unit_name(source, unit)
    return f"{name}, {printable(person)}" if person.strip() else name


def _goal(source: PrintSource | None, number: int, goal: Goal) -> list[Block]:
    assert source is not None
    blocks: list[Block] = [Area(f"Mål {number}", printable(goal.goal), 2)]
    if goal.strengths.strip():
        blocks.append(Area("Vad är jag bra på", printable(goal.strengths), 2))
    if goal.obstacles.strip():
        blocks.append(Area("Vad kan hindra mig", printable(goal.obstacles), 2))
    rows = tuple(
        (
            printable(activity.text),
            responsible(source, activity.responsible_unit, activity.responsible_person),
            c.day(activity.follow_up_on),
        )
        for activity in goal.activities
    )
    blocks.append(Grid(ACTIVITIES, ACTIVITY_WIDTHS, rows, 0 if rows else 1))
    return blocks


def _blank_goal() -> list[Block]:
    return [
        Area("Mål", "", 3),
        Area("Vad är jag bra på", "", 2),
        Area("Vad kan hindra mig", "", 2),
        Grid(ACTIVITIES, ACTIVITY_WIDTHS, (), 4),
    ]


def _followed(source: PrintSource | None, goal: Goal, follow_up: FollowUp | None) -> Grid:
    assert source is not None
    entries = follow_up.entries if follow_up is not None else {}
    rows = []
    for activity in goal.activities:
        entry = entries.get(activity.id)
        rows.append(
            (
                printable(activity.text),
                responsible(source, activity.responsible_unit, activity.responsible_person),
                c.ACTIVITY_STATUS[entry.status] if entry is not None else "Ej uppföljd",
                printable(entry.comment) if entry is not None else "",
            )
        )
    return Grid(FOLLOWED, FOLLOWED_WIDTHS, tuple(rows), 0 if rows else 1)
