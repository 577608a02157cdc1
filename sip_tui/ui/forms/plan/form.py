"""Samordnad individuell plan: attendees, external participants, dates, the individual's
situation, goals with activities. Spara / Signera / Lås as every document; rows are added
and removed with keys; *Ny plan* archives the locked plan and starts an editable copy;
archived plans are read in a list of their own.

The units offered (the case's, then every other unit, which joins the case when the plan
is saved) are read from the store in a thread worker; until then the case's units.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import DescendantFocus
from textual.widget import Widget
from textual.widgets import Input, Select, Static, TextArea

from sip_tui.domain import documents as doc
from sip_tui.domain.commands import Command, NewPlan, SavePlan
from sip_tui.domain.model import Case, Document, Plan
from sip_tui.ui.dialogs.simple import ConfirmScreen
from sip_tui.ui.forms.base import field
from sip_tui.ui.forms.compact import choice, line
from sip_tui.ui.forms.document import DocumentForm
from sip_tui.ui.forms.plan.dialogs import AddRowScreen, ArchivedPlansScreen, archived_plans
from sip_tui.ui.forms.plan.draft import (
    DATE_HINT,
    ActivityRow,
    AttendeeRow,
    ExternalRow,
    GoalRow,
    content_of,
    draft_for,
    plan_text,
)
from sip_tui.ui.forms.plan.rows import (
    EMPTY,
    attendee_rows,
    collect,
    documenting_options,
    empty_text,
    external_rows,
    goal_blocks,
    unit_options,
    where,
)
from sip_tui.ui.runtime.context import CaseContext
from sip_tui.ui.runtime.messages import UnitsLoaded
from sip_tui.ui.runtime.workers import read_units

ROW_KEYS = ("add_row", "remove_row")


class PlanForm(DocumentForm):
    heading = "Samordnad individuell plan"
    kind = doc.DocumentKind.PLAN
    BINDINGS = [
        Binding(
            "f5",
            "add_row",
            "Ny rad",
            priority=True,
            id="plan.add_row",
            tooltip="Nytt mål, aktivitet, deltagare eller övrig deltagare",
        ),
        Binding(
            "ctrl+r",
            "remove_row",
            "Ta bort",
            priority=True,
            id="plan.remove_row",
            tooltip="Ta bort raden där markören står",
        ),
        Binding(
            "ctrl+o",
            "archived",
            "Arkiv",
            priority=True,
            id="plan.archive",
            tooltip="Läs arkiverade planer",
        ),
        Binding(
            "ctrl+n",
            "new_plan",
            "Ny plan",
            priority=True,
            id="plan.new_plan",
            tooltip="Arkivera planen och börja en ny (frågar först)",
        ),
    ]

    def __init__(self, context: CaseContext) -> None:
        super().__init__(context)
        self.draft = draft_for(context.case, context.session.unit)
        self.options = unit_options(context.case, {})
        # The goals (and their activities) just saved, to learn the ids the store gave them.
        self._ids_from: list[tuple[GoalRow, list[ActivityRow]]] | None = None
        self._sent: list[tuple[GoalRow, list[ActivityRow]]] | None = None

    # --- layout ---------------------------------------------------------------------------

    def compose_form(self) -> ComposeResult:
        draft = self.draft
        with Horizontal(classes="row"):
            yield field(
                "Mötesdatum",
                line(draft.meeting_on, "meeting_on", DATE_HINT),
                "meeting_on",
            )
            yield field(
                "Planerad utvärdering",
                line(draft.evaluation_on, "evaluation_on", DATE_HINT),
                "evaluation_on",
            )
            yield field(
                "Dokumentationsansvarig",
                choice(
                    documenting_options(self.context.case),
                    draft.documenting_unit or self.context.case.coordinator_unit,
                    "documenting_unit",
                    "Samordnande enhet",
                ),
                "documenting_unit",
            )
        yield field(
            "Den enskildes nuvarande situation",
            TextArea(draft.situation, id="situation", soft_wrap=True),
            "situation",
        )
        yield Static(
            "Deltagare (från kallelsen; en ny enhet blir deltagare i ärendet)", classes="section"
        )
        yield Vertical(*self._rows("attendees"), id="attendees", classes="rows")
        yield Static("Övriga deltagare (närstående, skola, Försäkringskassan …)", classes="section")
        yield Vertical(*self._rows("externals"), id="externals", classes="rows")
        yield Static("Mål och aktiviteter", classes="section")
        yield Vertical(*self._rows("goals"), id="goals", classes="rows")

    def _rows(self, section: str) -> list[Widget]:
        case, draft, options = self.context.case, self.draft, self.options
        rows: list[Widget] = list(
            attendee_rows(draft, options, case)
            if section == "attendees"
            else external_rows(draft)
            if section == "externals"
            else goal_blocks(draft, options, case)
        )
        return rows or [Static(self.empty_text(section), classes="empty", markup=False)]

    def empty_text(self, section: str) -> str:
        plan = self.document
        locked = plan is not None and plan.is_locked
        return empty_text(section, self.context.allowed(self.probe_save()), locked)

    async def rebuild(self, focus: str | None = None) -> None:
        """Rebuild the rows from the draft (after one was added or removed)."""
        for section in EMPTY:
            container = self.query_one(f"#{section}", Vertical)
            await container.remove_children()
            await container.mount_all(self._rows(section))
        self.set_read_only(not self.editable)
        self.refresh_bindings()
        if focus is not None and self.query(f"#{focus}"):
            widget = self.query_one(f"#{focus}")
            widget.focus()
            self.call_after_refresh(widget.scroll_visible)

    def on_mount(self) -> None:
        super().on_mount()
        self.load_units()

    @work(thread=True, group="units")
    def load_units(self) -> None:
        """Every unit (a new unit representative may be added); off the UI thread. If they
        cannot be read the case's own units stay offered, and the form says why."""
        read_units(self, self.context.store)

    def on_units_loaded(self, message: UnitsLoaded) -> None:
        units = message.units
        names = {code: info.name for code, info in units.items()}
        self.options = unit_options(self.context.case, names)
        codes = {code for _, code in self.options}
        for select in self.query(Select):
            if select.id == "documenting_unit":  # the case's units only, not every unit
                continue
            value = select.value
            select.set_options(self.options)
            if isinstance(value, str) and value in codes:
                select.value = value

    # --- keys -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ROW_KEYS:
            if not self.editable:
                return False
            if action == "remove_row":
                return self._focused_row()[0] != ""
            return True
        if action == "archived":
            return bool(archived_plans(self.context.case))
        if action == "new_plan":
            return self.context.allowed(NewPlan(self.context.case.id))
        return super().check_action(action, parameters)

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        self.refresh_bindings()  # "Ta bort rad" depends on where the focus is

    def _focused_row(self) -> tuple[str, int, int]:
        focused = self.focused
        return where(focused.id or "") if focused is not None else ("", 0, 0)

    def action_add_row(self) -> None:
        kind, number, _ = self._focused_row()
        goal = number if kind in ("goal", "act") else len(self.draft.goals) or None

        async def chosen(what: str | None) -> None:
            if what == "goal":
                collect(self, self.draft).goals.append(GoalRow())
                await self.rebuild(f"goal-{len(self.draft.goals)}-goal")
            elif what == "activity" and goal is not None:
                activities = collect(self, self.draft).goals[goal - 1].activities
                activities.append(ActivityRow())
                await self.rebuild(f"goal-{goal}-act-{len(activities)}-text")
            elif what == "attendee":
                collect(self, self.draft).attendees.append(AttendeeRow())
                await self.rebuild(f"att-{len(self.draft.attendees)}-unit")
            elif what == "external":
                collect(self, self.draft).externals.append(ExternalRow())
                await self.rebuild(f"ext-{len(self.draft.externals)}-name")

        self.app.push_screen(AddRowScreen(goal), chosen)

    async def action_remove_row(self) -> None:
        kind, number, activity = self._focused_row()
        draft = collect(self, self.draft)
        if kind == "att":
            del draft.attendees[number - 1]
            await self.rebuild(f"att-{min(number, len(draft.attendees))}-unit")
        elif kind == "ext":
            del draft.externals[number - 1]
            await self.rebuild(f"ext-{min(number, len(draft.externals))}-name")
        elif kind == "act":
            activities = draft.goals[number - 1].activities
            del activities[activity - 1]
            rest = min(activity, len(activities))
            await self.rebuild(f"goal-{number}-act-{rest}-text" if rest else f"goal-{number}-goal")
        elif kind == "goal":
            self._remove_goal(number)

    def _remove_goal(self, number: int) -> None:
        goal = self.draft.goals[number - 1]

        async def answered(yes: bool | None) -> None:
            if yes:
                del collect(self, self.draft).goals[number - 1]
                await self.rebuild(f"goal-{min(number, len(self.draft.goals))}-goal")

        if not goal.activities and not goal.goal.strip():
            self.call_later(answered, True)
            return
        self.app.push_screen(
            ConfirmScreen(
                "Ta bort mål",
                f"Ta bort mål {number} med dess {len(goal.activities)} aktiviteter ur formuläret? "
                "(Planen ändras först när du sparar.)",
                yes="Ta bort",
                no="Behåll",
            ),
            answered,
        )

    def action_archived(self) -> None:
        self.app.push_screen(ArchivedPlansScreen(self.context.case))

    def action_new_plan(self) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.send(NewPlan(self.context.case.id), then=self.started_over)

        self.app.push_screen(
            ConfirmScreen(
                "Ny plan",
                "Den låsta planen arkiveras (den kan alltid läsas under Arkiverade planer) och "
                "en ny plan startas som en kopia som kan ändras. Skicka sedan en ny kallelse.",
                yes="Skapa ny plan",
                no="Avbryt",
            ),
            answered,
        )

    def started_over(self, case: Case) -> None:
        self.call_later(self._start_over, case)

    async def _start_over(self, case: Case) -> None:
        """After Ny plan: the copy, editable, from scratch."""
        self.draft = draft_for(case, self.context.session.unit)
        current = self.document
        self.base_version = current.version if current is not None else None
        self.query_one("#meeting_on", Input).value = self.draft.meeting_on
        self.query_one("#evaluation_on", Input).value = self.draft.evaluation_on
        self.query_one("#situation", TextArea).text = self.draft.situation
        self.query("#conflict").remove()
        await self.rebuild("meeting_on")
        self.refreshed(case)
        self.mark_saved()
        self.notify("Planen är arkiverad; den nya planen kan nu ändras.")

    # --- saving ---------------------------------------------------------------------------

    def read_draft(self) -> doc.PlanContent:
        draft = collect(self, self.draft)
        draft.meeting_on = self.query_one("#meeting_on", Input).value
        draft.evaluation_on = self.query_one("#evaluation_on", Input).value
        draft.situation = self.query_one("#situation", TextArea).text
        chosen = self.query_one("#documenting_unit", Select).value
        coordinator = self.context.case.coordinator_unit
        draft.documenting_unit = chosen if isinstance(chosen, str) and chosen != coordinator else ""
        return content_of(draft)

    def probe_save(self) -> Command:
        """May we save at all (the content is checked when Spara is pressed)."""
        return SavePlan(self.context.case.id, doc.PlanContent(), self.base_version)

    def saved(self, case: Case) -> None:
        self._ids_from = self._sent
        super().saved(case)

    def save_command(self) -> Command:
        content = self.read_draft()
        # The rows as sent: the store numbers new goals and activities (see refreshed).
        self._sent = [(goal, list(goal.activities)) for goal in self.draft.goals]
        return SavePlan(self.context.case.id, content, self.base_version)

    def refreshed(self, case: Case) -> None:
        plan = case.current_plan()
        if self._ids_from is not None and plan is not None:
            # The store numbered the new goals and activities; the rows keep those ids.
            for (row, activity_rows), goal in zip(self._ids_from, plan.goals, strict=False):
                row.id = goal.id
                for activity_row, activity in zip(activity_rows, goal.activities, strict=False):
                    activity_row.id = activity.id
            self._ids_from = None
        super().refreshed(case)
        for section in EMPTY:  # after Lås (or Ny plan): what an empty section offers now
            for empty in self.query(f"#{section} > .empty").results(Static):
                empty.update(self.empty_text(section))

    def show_problem(self, message: str, field_name: str | None = None) -> None:
        if field_name == "externals":  # "must have a name": the first external without one
            unnamed = [n for n, e in enumerate(self.draft.externals, start=1) if not e.name.strip()]
            field_name = f"externals.{unnamed[0]}.name" if unnamed else None
        super().show_problem(message, field_name)

    def describe(self, document: Document) -> str:
        assert isinstance(document, Plan)
        return plan_text(self.context.case, document)
