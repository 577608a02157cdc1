"""The Plan form's rows as widgets, built from a :class:`PlanDraft` and read back into it.

Every widget's id says where it sits (``att-2-unit``, ``goal-1-act-3-text``) and every
field's name is the domain's (``goals.1.activities.3.text``), so a refusal lands under the
right field. Rows are rebuilt from the draft whenever one is added or removed; the draft's
row objects are kept (and filled in place), so the ids the store gave them survive.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select

from sip_tui.domain.model import Case
from sip_tui.ui.forms.base import Field, field
from sip_tui.ui.forms.compact import choice, line
from sip_tui.ui.forms.plan.draft import DATE_HINT, ActivityRow, PlanDraft
from sip_tui.ui.widgets.toggles import Tick

UnitOptions = list[tuple[str, str]]  # (label, unit code)

_ROW = re.compile(r"(att|ext)-(\d+)-|goal-(\d+)-(?:act-(\d+)-)?")
EMPTY = {  # what an empty section lacks, and "one" of it
    "attendees": ("Inga deltagare", "en"),
    "externals": ("Inga övriga deltagare", "en"),
    "goals": ("Inga mål", "ett"),
}


def empty_text(section: str, editable: bool, locked: bool) -> str:
    """What an empty section says: F5 only when rows can be added now (never when locked)."""
    none, one = EMPTY[section]
    if editable:
        return f"{none}. F5 Ny rad lägger till {one}."
    return f"{none} i den låsta planen." if locked else f"{none}."


def unit_options(case: Case, all_units: Mapping[str, str]) -> UnitOptions:
    """The case's units first (by name), then every other unit, marked as joining."""
    members = {unit: case.unit_name(unit) for unit in case.participants if case.has_access(unit)}
    others = {code: name for code, name in all_units.items() if code not in members}
    return sorted((name, code) for code, name in members.items()) + sorted(
        (f"{name} (ny i ärendet)", code) for code, name in others.items()
    )


def documenting_options(case: Case) -> UnitOptions:
    """Who may be responsible for documenting the plan: the case's units (by name), the
    coordinating unit first (the seed's default)."""
    members = {unit: case.unit_name(unit) for unit in case.participants if case.has_access(unit)}
    first = case.coordinator_unit
    rest = sorted((name, code) for code, name in members.items() if code != first)
    return [(f"{case.unit_name(first)} (samordnande)", first), *rest]


def where(widget_id: str) -> tuple[str, int, int]:
    """Which row a widget id belongs to: ("att"|"ext"|"goal"|"act", number, activity)."""
    match = _ROW.match(widget_id)
    if match is None:
        return ("", 0, 0)
    kind, number, goal, activity = match.groups()
    if kind is not None:
        return (kind, int(number), 0)
    if activity is not None:
        return ("act", int(goal), int(activity))
    return ("goal", int(goal), 0)


def unit_select(widget_id: str, unit: str, options: UnitOptions, case: Case) -> Select[str]:
    if unit and unit not in {code for _, code in options}:
        options = [*options, (case.unit_name(unit), unit)]
    return choice(options, unit, widget_id, "Välj enhet")


def _row(*fields: Field, classes: str = "") -> Horizontal:
    return Horizontal(*fields, classes=f"row {classes}".strip())


def _narrow(each: Field, width_class: str) -> Field:
    each.add_class(width_class)
    return each


def attendee_rows(draft: PlanDraft, options: UnitOptions, case: Case) -> Iterable[Widget]:
    for n, row in enumerate(draft.attendees, start=1):
        yield _row(
            field(
                f"Enhet {n}",
                unit_select(f"att-{n}-unit", row.unit, options, case),
                f"attendees.{n}.unit",
            ),
            field("Person", line(row.person, f"att-{n}-person"), f"attendees.{n}.person"),
        )


def external_rows(draft: PlanDraft) -> Iterable[Widget]:
    for n, row in enumerate(draft.externals, start=1):
        yield _row(
            field(f"Namn {n}", line(row.name, f"ext-{n}-name"), f"externals.{n}.name"),
            field("Relation", line(row.relation, f"ext-{n}-relation"), f"externals.{n}.relation"),
            field("Kontakt", line(row.contact, f"ext-{n}-contact"), f"externals.{n}.contact"),
            _narrow(
                field(
                    "Närvarande",
                    Tick("", row.present, id=f"ext-{n}-present"),
                    f"externals.{n}.present",
                ),
                "check",
            ),
        )


def _activity(n: int, m: int, row: ActivityRow, options: UnitOptions, case: Case) -> Widget:
    prefix, name = f"goal-{n}-act-{m}", f"goals.{n}.activities.{m}"
    return Vertical(
        field(f"Aktivitet {n}.{m}", line(row.text, f"{prefix}-text"), f"{name}.text"),
        _row(
            field(
                "Ansvarig enhet",
                unit_select(f"{prefix}-unit", row.unit, options, case),
                f"{name}.responsible_unit",
            ),
            field(
                "Ansvarig person",
                line(row.person, f"{prefix}-person"),
                f"{name}.responsible_person",
            ),
            _narrow(
                field(
                    "Uppföljning",
                    line(row.follow_up_on, f"{prefix}-date", DATE_HINT),
                    f"{name}.follow_up_on",
                ),
                "date",
            ),
        ),
        classes="activity",
    )


def goal_blocks(draft: PlanDraft, options: UnitOptions, case: Case) -> Iterable[Widget]:
    for n, goal in enumerate(draft.goals, start=1):
        yield Vertical(
            field(f"Mål {n}", line(goal.goal, f"goal-{n}-goal"), f"goals.{n}.goal"),
            _row(
                field(
                    "Vad jag är bra på",
                    line(goal.strengths, f"goal-{n}-strengths"),
                    f"goals.{n}.strengths",
                ),
                field(
                    "Vad som kan hindra mig",
                    line(goal.obstacles, f"goal-{n}-obstacles"),
                    f"goals.{n}.obstacles",
                ),
            ),
            *(
                _activity(n, m, row, options, case)
                for m, row in enumerate(goal.activities, start=1)
            ),
            classes="goal",
        )


def collect(screen: Widget, draft: PlanDraft) -> PlanDraft:
    """Read every row's widgets back into the draft's row objects (in place)."""

    def text(widget_id: str) -> str:
        return screen.query_one(f"#{widget_id}", Input).value

    def unit(widget_id: str) -> str:
        value = screen.query_one(f"#{widget_id}", Select).value
        return value if isinstance(value, str) else ""

    for n, attendee in enumerate(draft.attendees, start=1):
        attendee.unit, attendee.person = unit(f"att-{n}-unit"), text(f"att-{n}-person")
    for n, external in enumerate(draft.externals, start=1):
        external.name, external.relation = text(f"ext-{n}-name"), text(f"ext-{n}-relation")
        external.contact = text(f"ext-{n}-contact")
        external.present = screen.query_one(f"#ext-{n}-present", Checkbox).value
    for n, goal in enumerate(draft.goals, start=1):
        goal.goal, goal.strengths = text(f"goal-{n}-goal"), text(f"goal-{n}-strengths")
        goal.obstacles = text(f"goal-{n}-obstacles")
        for m, activity in enumerate(goal.activities, start=1):
            prefix = f"goal-{n}-act-{m}"
            activity.text, activity.unit = text(f"{prefix}-text"), unit(f"{prefix}-unit")
            activity.person, activity.follow_up_on = (
                text(f"{prefix}-person"),
                text(f"{prefix}-date"),
            )
    return draft
