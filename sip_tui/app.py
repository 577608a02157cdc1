"""The Textual application. For now it shows the cut-off countdown; the overview comes
with the store (issues 3 and 4)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Static

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.widgets.cutoff_bar import CutoffBar


class SipApp(App[None]):
    TITLE = "sip-tui"
    CSS = "#welcome { height: 1fr; padding: 1 2; }"
    BINDINGS = [("q", "quit", "Avsluta")]

    def __init__(self, clock: Clock, calendar: WorkCalendar) -> None:
        super().__init__()
        self._clock = clock
        self._calendar = calendar

    def compose(self) -> ComposeResult:
        yield Static(
            "sip-tui — SIP-brevlådan i terminalen.\n\n"
            "Översikten över enhetens ärenden kommer när den delade databasen finns.",
            markup=False,
            id="welcome",
        )
        yield CutoffBar(self._clock, self._calendar)
        yield Footer()
