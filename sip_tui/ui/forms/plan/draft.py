"""The Plan form's text as typed: rows of strings that become a domain ``PlanContent`` when
saved, a draft made from a stored plan or (for a new plan) from the planning call, and a
plan as plain text (the conflict panel and the archived plans).

Dates are typed as ÅÅÅÅ-MM-DD; a date that cannot be read is refused with a Swedish
message naming the field, before anything is sent to the store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sip_tui.domain import documents as doc
from sip_tui.domain.errors import InvalidInput
from sip_tui.domain.model import (
    Activity,
    Answer,
    Attendee,
    CallKind,
    Case,
    ExternalParticipant,
    Goal,
    Plan,
)
from sip_tui.domain.texts import short_moment

DATE_HINT = "ÅÅÅÅ-MM-DD"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(text: str, field_name: str) -> date | None:
    """A typed date (blank is None), or :class:`InvalidInput` under ``field_name``."""
    typed = text.strip()
    if not typed:
        return None
    if _DATE.fullmatch(typed):
        try:
            return date.fromisoformat(typed)
        except ValueError:
            raise InvalidInput(
                f"Datumet {typed} finns inte i kalendern; kontrollera månad och dag.", field_name
            ) from None
    raise InvalidInput("Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-12-03.", field_name)


def day_text(day: date | None) -> str:
    return day.isoformat() if day is not None else ""


@dataclass
class AttendeeRow:
    unit: str = ""
    person: str = ""


@dataclass
class ExternalRow:
    name: str = ""
    relation: str = ""
    contact: str = ""
    present: bool = True


@dataclass
class ActivityRow:
    id: int = 0  # 0: new, numbered by the domain when saved
    text: str = ""
    unit: str = ""
    person: str = ""
    follow_up_on: str = ""


@dataclass
class GoalRow:
    id: int = 0
    goal: str = ""
    strengths: str = ""
    obstacles: str = ""
    activities: list[ActivityRow] = field(default_factory=list)


@dataclass
class PlanDraft:
    meeting_on: str = ""
    evaluation_on: str = ""
    situation: str = ""
    documenting_unit: str = ""  # "" = the coordinating unit
    attendees: list[AttendeeRow] = field(default_factory=list)
    externals: list[ExternalRow] = field(default_factory=list)
    goals: list[GoalRow] = field(default_factory=list)


def draft_of(plan: Plan) -> PlanDraft:
    return PlanDraft(
        meeting_on=day_text(plan.meeting_on),
        evaluation_on=day_text(plan.evaluation_on),
        situation=plan.situation,
        documenting_unit=plan.documenting_unit,
        attendees=[AttendeeRow(a.unit, a.person) for a in plan.attendees],
        externals=[ExternalRow(e.name, e.relation, e.contact, e.present) for e in plan.externals],
        goals=[
            GoalRow(
                g.id,
                g.goal,
                g.strengths,
                g.obstacles,
                [
                    ActivityRow(
                        a.id,
                        a.text,
                        a.responsible_unit,
                        a.responsible_person,
                        day_text(a.follow_up_on),
                    )
                    for a in g.activities
                ],
            )
            for g in plan.goals
        ],
    )


def draft_for(case: Case, unit: str) -> PlanDraft:
    """The current plan as ``unit`` may read it (our unit's draft, else the last signed
    version) as rows; a new plan starts from the planning call: its meeting date, and the
    coordinating unit plus every called unit that has not declined."""
    plan = doc.document_for(case, doc.DocumentKind.PLAN, unit)
    assert plan is None or isinstance(plan, Plan)
    if plan is not None:
        return draft_of(plan)
    call = case.current_call(CallKind.PLANNING)
    if call is None:
        return PlanDraft()
    units = [case.coordinator_unit] + [
        r.unit for r in call.recipients.values() if r.state is not Answer.DECLINED
    ]
    return PlanDraft(
        meeting_on=call.meeting_at.date().isoformat(),
        attendees=[AttendeeRow(unit) for unit in dict.fromkeys(units)],
    )


def content_of(draft: PlanDraft) -> doc.PlanContent:
    """The draft as the domain's content; a date that cannot be read is refused here."""
    goals = []
    for number, goal in enumerate(draft.goals, start=1):
        activities = [
            Activity(
                row.id,
                row.text.strip(),
                row.unit,
                row.person.strip(),
                parse_day(row.follow_up_on, f"goals.{number}.activities.{index}.follow_up_on"),
            )
            for index, row in enumerate(goal.activities, start=1)
        ]
        goals.append(
            Goal(
                goal.id,
                goal.goal.strip(),
                goal.strengths.strip(),
                goal.obstacles.strip(),
                activities,
            )
        )
    return doc.PlanContent(
        meeting_on=parse_day(draft.meeting_on, "meeting_on"),
        evaluation_on=parse_day(draft.evaluation_on, "evaluation_on"),
        situation=draft.situation,
        documenting_unit=draft.documenting_unit,
        attendees=[Attendee(a.unit, a.person.strip()) for a in draft.attendees],
        externals=[
            ExternalParticipant(e.name.strip(), e.relation.strip(), e.contact.strip(), e.present)
            for e in draft.externals
        ],
        goals=goals,
    )


def plan_text(case: Case, plan: Plan) -> str:
    """A plan as plain text, the way it reads on paper."""
    lines = [
        f"Mötesdatum: {day_text(plan.meeting_on) or '–'}    "
        f"Planerad utvärdering: {day_text(plan.evaluation_on) or '–'}"
    ]
    if plan.locked_at is not None:
        lines.append(
            f"Låst {short_moment(plan.locked_at)} av {case.user_name(plan.locked_by or '')}"
        )
    if plan.archived_at is not None:
        lines.append(f"Arkiverad {short_moment(plan.archived_at)}")
    lines += ["", "Den enskildes nuvarande situation:", plan.situation or "–", "", "Deltagare:"]
    lines += [f"  {case.unit_name(a.unit)}: {a.person or '–'}" for a in plan.attendees] or ["  –"]
    lines.append("Övriga deltagare:")
    for e in plan.externals:
        details = ", ".join(x for x in (e.relation, e.contact) if x)
        present = "närvarande" if e.present else "inte närvarande"
        lines.append(f"  {e.name}" + (f" ({details})" if details else "") + f", {present}")
    if not plan.externals:
        lines.append("  –")
    for number, goal in enumerate(plan.goals, start=1):
        lines += ["", f"Mål {number}: {goal.goal}"]
        lines.append(f"  Vad jag är bra på: {goal.strengths or '–'}")
        lines.append(f"  Vad som kan hindra mig: {goal.obstacles or '–'}")
        for index, activity in enumerate(goal.activities, start=1):
            who = case.unit_name(activity.responsible_unit)
            if activity.responsible_person:
                who += f" ({activity.responsible_person})"
            when = day_text(activity.follow_up_on)
            lines.append(
                f"  Aktivitet {number}.{index}: {activity.text} – ansvarig {who}"
                + (f", uppföljning {when}" if when else "")
            )
    return "\n".join(lines)
