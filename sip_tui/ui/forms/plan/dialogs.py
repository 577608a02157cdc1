"""The Plan form's dialogs: *Ny rad* (what to add: a goal, an activity, an attendee, an
external participant) and *Arkiv* (every plan *Ny plan* archived; Enter reads one)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sip_tui.domain.model import Case, Plan
from sip_tui.domain.texts import short_moment
from sip_tui.ui.dialogs.simple import TextScreen
from sip_tui.ui.forms.plan.draft import plan_text
from sip_tui.ui.runtime.keys import HELP
from sip_tui.ui.widgets.footer import KeyFooter
from sip_tui.ui.widgets.literal import visible


def archived_plans(case: Case) -> list[Plan]:
    return [plan for plan in case.plans if plan.archived_at is not None and plan.is_active]


class ArchivedPlansScreen(ModalScreen[None]):
    BINDINGS = [
        Binding(
            "enter", "read", "Läs planen", id="archive.read", tooltip="Läs den markerade planen"
        ),
        Binding("escape", "dismiss", "Stäng", id="archive.close", tooltip="Tillbaka till planen"),
        HELP,
    ]

    def __init__(self, case: Case) -> None:
        super().__init__()
        self.case = case
        self.plans = archived_plans(case)

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("Arkiverade planer", classes="title")
            yield OptionList(
                *(
                    Option(
                        f"Plan {plan.cycle}, arkiverad {short_moment(plan.archived_at)}"
                        if plan.archived_at is not None
                        else f"Plan {plan.cycle}",
                        id=str(index),
                    )
                    for index, plan in enumerate(self.plans)
                ),
                id="plans",
            )
        yield KeyFooter()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._read(event.option_index)

    def action_read(self) -> None:
        highlighted = self.query_one("#plans", OptionList).highlighted
        if highlighted is not None:
            self._read(highlighted)

    def _read(self, index: int) -> None:
        plan = self.plans[index]
        text = visible(plan_text(self.case, plan), newlines=True)
        self.app.push_screen(TextScreen(f"Plan {plan.cycle} (arkiverad, kan inte ändras)", text))


ROW_KINDS = {
    "goal": "Nytt mål",
    "activity": "Ny aktivitet under mål {goal}",
    "attendee": "Ny deltagare (enhet och person)",
    "external": "Ny övrig deltagare (närstående, skola …)",
}


class AddRowScreen(ModalScreen[str]):
    """Dismissed with the kind of row to add ("goal", "activity", …), or None."""

    BINDINGS = [
        Binding("m", "pick('goal')", "Mål", id="add_row.goal", tooltip="Ett nytt mål"),
        Binding(
            "a",
            "pick('activity')",
            "Aktivitet",
            id="add_row.activity",
            tooltip="En aktivitet under målet där markören står",
        ),
        Binding(
            "d",
            "pick('attendee')",
            "Deltagare",
            id="add_row.attendee",
            tooltip="En deltagare på mötet",
        ),
        Binding(
            "ö,o",
            "pick('external')",
            "Övrig",
            key_display="ö",
            id="add_row.external",
            tooltip="En övrig deltagare",
        ),
        Binding("escape", "pick('')", "Avbryt", id="add_row.cancel", tooltip="Ingen ny rad"),
        HELP,
    ]

    def __init__(self, goal: int | None) -> None:
        super().__init__()
        self.goal = goal  # the goal a new activity goes under (None: there is no goal)

    def compose(self) -> ComposeResult:
        kinds = [kind for kind in ROW_KINDS if kind != "activity" or self.goal is not None]
        with VerticalScroll():
            yield Static("Lägg till i planen", classes="title")
            yield OptionList(
                *(Option(ROW_KINDS[kind].format(goal=self.goal), id=kind) for kind in kinds),
                id="kinds",
            )
        yield KeyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "pick" and parameters == ("activity",) and self.goal is None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id or None)

    def action_pick(self, kind: str) -> None:
        self.dismiss(kind or None)
