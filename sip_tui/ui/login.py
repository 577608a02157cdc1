"""Choose the unit to work on: the user's own units, with their roles there."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sip_tui.store.service.api import Membership
from sip_tui.ui.widgets.footer import KeyFooter
from sip_tui.ui.widgets.literal import visible


class LoginScreen(Screen[str]):
    """Dismisses with the chosen unit's code."""

    BINDINGS = [
        Binding(
            "escape", "app.quit", "Avsluta", show=False, id="login.quit", tooltip="Avsluta sip-tui"
        )
    ]

    def __init__(self, user_name: str, memberships: list[Membership]) -> None:
        super().__init__()
        self.user_name, self.memberships = user_name, memberships

    def compose(self) -> ComposeResult:
        yield Static(visible(f"Välkommen {self.user_name}. Välj enhet:"), id="prompt", markup=False)
        yield OptionList(
            *(
                Option(
                    Text(visible(f"{m.unit.name} — {', '.join(sorted(r.label for r in m.roles))}")),
                    id=m.unit.code,
                )
                for m in self.memberships
            )
        )
        yield KeyFooter()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        assert event.option.id is not None
        self.dismiss(event.option.id)
