"""Uppföljning av plan: the coordinator activates it once the plan is locked; then each
responsible unit writes a comment and a status for its activities (the coordinating unit
for all of them). Spara / Signera / Lås as every document.

Which rows a unit may write in is asked of the domain (``save_follow_up`` tried on a copy
with that one activity), and a row it may not write in says why, in the domain's words.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Select, Static, TextArea

from sip_tui.domain import documents as doc
from sip_tui.domain.commands import ActivateFollowUp, Command, SaveFollowUp
from sip_tui.domain.errors import DomainError
from sip_tui.domain.model import Activity, ActivityStatus, Case, Document, FollowUp, Plan
from sip_tui.domain.texts import short_moment
from sip_tui.ui.forms.base import field
from sip_tui.ui.forms.document import DocumentForm
from sip_tui.ui.forms.plan.draft import day_text
from sip_tui.ui.runtime.context import CaseContext
from sip_tui.ui.widgets.literal import visible

STATUS_LABELS = {
    ActivityStatus.NOT_STARTED: "Ej påbörjad",
    ActivityStatus.ONGOING: "Pågår",
    ActivityStatus.DONE: "Genomförd",
    ActivityStatus.CANCELLED: "Avbruten",
}


def activity_line(case: Case, number: str, activity: Activity) -> str:
    who = case.unit_name(activity.responsible_unit)
    if activity.responsible_person:
        who += f" ({activity.responsible_person})"
    when = day_text(activity.follow_up_on)
    return f"Aktivitet {number}: {activity.text}\nAnsvarig: {who}" + (
        f" · uppföljning {when}" if when else ""
    )


def numbered(plan: Plan | None) -> list[tuple[str, Activity]]:
    """Every activity of the plan with its number, "1.2" for goal 1's second."""
    if plan is None:
        return []
    return [
        (f"{n}.{m}", activity)
        for n, goal in enumerate(plan.goals, start=1)
        for m, activity in enumerate(goal.activities, start=1)
    ]


def last_line(case: Case, follow_up: FollowUp | None, activity: Activity) -> str:
    entry = follow_up.entries.get(activity.id) if follow_up is not None else None
    if entry is None:
        return "Inte uppföljd ännu."
    who = f"{case.user_name(entry.by)} ({case.unit_name(entry.unit)})"
    return f"Senast uppföljd av {who} {short_moment(entry.at)}"


def follow_up_text(case: Case, follow_up: FollowUp) -> str:
    lines = []
    for number, activity in numbered(case.current_plan()):
        entry = follow_up.entries.get(activity.id)
        status = STATUS_LABELS[entry.status] if entry is not None else "ej uppföljd"
        comment = f": {entry.comment}" if entry is not None else ""
        lines.append(f"{number} {activity.text} – {status}{comment}")
    return "\n".join(lines)


class FollowUpForm(DocumentForm):
    heading = "Uppföljning av plan"
    kind = doc.DocumentKind.FOLLOW_UP
    BINDINGS = [
        Binding(
            "f5",
            "activate",
            "Aktivera uppföljning",
            priority=True,
            id="follow_up.activate",
            tooltip="Öppna uppföljningen för de ansvariga enheterna",
        )
    ]

    def __init__(self, context: CaseContext) -> None:
        super().__init__(context)
        self.mine: set[int] = set()  # the activities our unit may follow up
        self.refusals: dict[int, DomainError] = {}

    # --- layout ---------------------------------------------------------------------------

    def compose_form(self) -> ComposeResult:
        yield Vertical(*self._rows(self.context.case), id="rows")

    def _rows(self, case: Case) -> list[Widget]:
        follow_up = self.shown(case)
        if not isinstance(follow_up, FollowUp):
            refusal = self.context.with_case(case).verdict(ActivateFollowUp(case.id))
            why = " F5 aktiverar den." if refusal is None else f" {refusal}"
            text = visible("Uppföljningen är inte aktiverad." + why)
            return [Static(text, id="not-active", markup=False)]
        plan = case.current_plan()
        rows: list[Widget] = []
        for n, goal in enumerate(plan.goals if plan is not None else [], start=1):
            rows.append(Static(visible(f"Mål {n}: {goal.goal}"), classes="goal-line", markup=False))
            for m, activity in enumerate(goal.activities, start=1):
                rows.append(self._activity(case, follow_up, f"{n}.{m}", activity))
        return rows or [Static("Planen har inga aktiviteter att följa upp.")]

    def _activity(self, case: Case, follow_up: FollowUp, number: str, activity: Activity) -> Widget:
        entry = follow_up.entries.get(activity.id)
        status = entry.status if entry is not None else ActivityStatus.NOT_STARTED
        options = [(label, value.value) for value, label in STATUS_LABELS.items()]
        status_field = field(
            "Status",
            Select(
                options,
                value=status.value,
                allow_blank=False,
                compact=True,
                id=f"status-{activity.id}",
            ),
            f"activity.{activity.id}.status",
        )
        status_field.add_class("status")
        return Vertical(
            Static(visible(activity_line(case, number, activity), newlines=True), markup=False),
            Horizontal(
                status_field,
                field(
                    "Kommentar (vad som är gjort, resultat)",
                    TextArea(
                        entry.comment if entry is not None else "",
                        id=f"comment-{activity.id}",
                        soft_wrap=True,
                    ),
                    f"activity.{activity.id}",
                ),
                classes="row",
            ),
            Static("", id=f"note-{activity.id}", classes="note", markup=False),
            Static(
                visible(last_line(case, follow_up, activity)),
                id=f"last-{activity.id}",
                classes="last",
                markup=False,
            ),
            classes="activity",
        )

    def on_mount(self) -> None:
        self._update_rows()
        super().on_mount()

    # --- which rows are ours ------------------------------------------------------------

    def _probe(self, activities: list[Activity]) -> SaveFollowUp:
        """Saving these rows, for "may our unit follow them up?"."""
        entries = [doc.ActivityFollowUp(a.id, "-", ActivityStatus.NOT_STARTED) for a in activities]
        return SaveFollowUp(self.context.case.id, entries, self.base_version or 0)

    def _update_rows(self) -> None:
        """Ask the domain, per activity, whether our unit may follow it up; say why not."""
        case = self.context.case
        activities = [activity for _, activity in numbered(case.current_plan())]
        self.refusals = {}
        for activity in activities:
            refusal = self.context.verdict(self._probe([activity]))
            if refusal is not None:
                self.refusals[activity.id] = refusal
        self.mine = {a.id for a in activities if a.id not in self.refusals}
        editable = bool(self.query("#rows")) and self.may("save")
        for activity in activities:
            refusal = self.refusals.get(activity.id)
            for note in self.query(f"#note-{activity.id}").results(Static):
                note.update(visible(str(refusal)) if refusal else "")
                note.display = editable and refusal is not None
            for last in self.query(f"#last-{activity.id}").results(Static):
                last.update(visible(last_line(case, self._shown_follow_up(), activity)))

    def _shown_follow_up(self) -> FollowUp | None:
        shown = self.document
        return shown if isinstance(shown, FollowUp) else None

    def probe_save(self) -> Command:
        """Our own rows (or, when none is ours, the domain's reason for the first one)."""
        activities = [activity for _, activity in numbered(self.context.case.current_plan())]
        return self._probe([a for a in activities if a.id in self.mine] or activities[:1])

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        for activity_id in self.refusals:
            for area in self.query(f"#comment-{activity_id}").results(TextArea):
                area.read_only = True
            for select in self.query(f"#status-{activity_id}").results(Select):
                select.disabled = True

    def refreshed(self, case: Case) -> None:
        self._update_rows()
        super().refreshed(case)

    # --- keys -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "activate":
            return self.context.allowed(ActivateFollowUp(self.context.case.id))
        return super().check_action(action, parameters)

    def action_activate(self) -> None:
        self.send(ActivateFollowUp(self.context.case.id), then=self.activated)

    def activated(self, case: Case) -> None:
        self.call_later(self._show_activated, case)

    async def _show_activated(self, case: Case) -> None:
        current = self.document
        self.base_version = current.version if current is not None else None
        rows = self.query_one("#rows", Vertical)
        await rows.remove_children()
        await rows.mount_all(self._rows(case))
        self.refreshed(case)
        self.mark_saved()
        self.notify("Uppföljningen är aktiverad; de ansvariga enheterna kan nu följa upp.")
        first = self.query("TextArea")
        if first:
            first.first().focus()

    # --- saving ---------------------------------------------------------------------------

    def entries(self) -> list[doc.ActivityFollowUp]:
        """Our rows whose comment or status differ from what is stored."""
        follow_up = self._shown_follow_up()
        stored = follow_up.entries if follow_up is not None else {}
        changed = []
        for activity_id in sorted(self.mine):
            comment = self.query_one(f"#comment-{activity_id}", TextArea).text
            value = self.query_one(f"#status-{activity_id}", Select).value
            status = ActivityStatus(value) if isinstance(value, str) else ActivityStatus.NOT_STARTED
            entry = stored.get(activity_id)
            before = (entry.comment, entry.status) if entry else ("", ActivityStatus.NOT_STARTED)
            if (comment.strip(), status) != before:
                changed.append(doc.ActivityFollowUp(activity_id, comment, status))
        return changed

    def save_command(self) -> Command:
        return SaveFollowUp(self.context.case.id, self.entries(), self.base_version or 0)

    def describe(self, document: Document) -> str:
        assert isinstance(document, FollowUp)
        return follow_up_text(self.context.case, document)
