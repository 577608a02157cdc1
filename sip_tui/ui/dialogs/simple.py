"""Small modal screens: a text to read (explain), the symbol legend, a yes/no question (and
one whose default answer is no: leaving with unsaved changes, Lås)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from sip_tui.domain.model import Phase, Status
from sip_tui.ui.runtime.keys import HELP
from sip_tui.ui.widgets.footer import KeyFooter
from sip_tui.ui.widgets.phase_cell import GLYPHS, WORDS, status_style

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > VerticalScroll {{
    width: 72; max-width: 95%; height: auto; max-height: 90%;
    border: round $primary; padding: 1 2; background: $surface;
}}
{name} .title {{ text-style: bold; margin-bottom: 1; }}
"""


class TextScreen(ModalScreen[None]):
    """A title and a plain text (never markup), closed with Escape or Enter."""

    BINDINGS = [
        Binding("escape,enter,q", "dismiss", "Stäng", id="text.close", tooltip="Stäng texten"),
        HELP,
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text, self.body = title, text

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self.title_text, classes="title", markup=False)
            yield Static(self.body, id="body", markup=False)
        yield KeyFooter()


LEGEND_TEXT = {
    Status.DONE: "Ärendet är färdigbehandlat i denna fas.",
    Status.OURS: "Inte färdigbehandlat; den enhet du är inloggad på har saker kvar att göra.",
    Status.THEIRS: "Inte färdigbehandlat; någon annan enhet har saker kvar att göra.",
    Status.CREATABLE: "Den här delen av ärendet kan skapas.",
    Status.NOT_YET: "Den här delen av ärendet kan inte skapas.",
}


#: The deadlines of seed 001 as the overview and the status bar count them.
DEADLINES_TEXT = (
    " Kvittera initiativ och kallelse, läsa meddelande: senast kl. 12.00 arbetsdagen\n"
    "    efter att det skickades (12.00 är i tid, försenat från 12.00.01).\n"
    " Låsa kartläggning och uppföljning: senast arbetsdagen före mötet.\n"
    " Dokumentera och låsa plan och utvärdering: senast arbetsdagen efter det faktiska\n"
    "    mötet (mötesdatumet i planen eller utvärderingen).\n"
    ' Dokumentation och låsning gäller hela arbetsdagen ("senast tis", utan klockslag).\n'
    " Statusraden räknar vad som ska vara klart före nästa brytpunkt, vad som ska vara\n"
    "    klart i dag och vad som är försenat.\n"
)


class LegendScreen(ModalScreen[None]):
    """The symbol table of seed 001: glyphs, colours, the six columns and the deadlines."""

    BINDINGS = [
        Binding("escape,enter,q,l", "dismiss", "Stäng", id="legend.close", tooltip="Stäng"),
        HELP,
    ]

    def compose(self) -> ComposeResult:
        symbols = Text()
        for status in Status:
            symbols.append(f" {GLYPHS[status]} ", style=status_style(status, self.app.no_color))
            symbols.append(f" {WORDS[status]}\n", style="bold")
            symbols.append(f"    {LEGEND_TEXT[status]}\n")
        columns = Text()
        for phase in Phase:
            columns.append(f" {phase.value} ", style="bold")
            columns.append(f" {phase.label}\n")
        with VerticalScroll():
            yield Static("Symboler", classes="title")
            yield Static(symbols)
            yield Static("\nKolumner", classes="title")
            yield Static(columns)
            yield Static("\nTidsgränser", classes="title")
            yield Static(DEADLINES_TEXT, markup=False)
        yield KeyFooter()


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question: `j` or Enter for yes, `n` or Escape for no."""

    BINDINGS = [
        Binding("j,enter", "answer(True)", "Ja", id="confirm.yes", tooltip="Svara ja"),
        Binding("n,escape", "answer(False)", "Nej", id="confirm.no", tooltip="Svara nej"),
        HELP,
    ]

    def __init__(self, title: str, question: str, yes: str = "Ja", no: str = "Nej") -> None:
        super().__init__()
        self.title_text, self.question, self.yes, self.no = title, question, yes, no

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self.title_text, classes="title", markup=False)
            yield Static(self.question, markup=False)
            yield Static(f"\nj/Enter: {self.yes}    n/Esc: {self.no}", markup=False)
        yield KeyFooter()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class LoseChangesScreen(ConfirmScreen):
    """ "Leave and lose what was typed?": here Enter keeps the user where they are (the
    safe answer); only `j` leaves."""

    BINDINGS = [
        Binding("j", "answer(True)", "Ja", id="lose.leave", tooltip="Ja (bara j): kan inte ångras"),
        Binding(
            "n,escape,enter", "answer(False)", "Nej", id="lose.stay", tooltip="Nej: allt blir kvar"
        ),
        HELP,
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self.title_text, classes="title", markup=False)
            yield Static(self.question, markup=False)
            yield Static(f"\nj: {self.yes}    n/Esc/Enter: {self.no}", markup=False)
        yield KeyFooter()


class CarefulConfirmScreen(LoseChangesScreen):
    """A question whose yes cannot be undone (Lås): as in ``LoseChangesScreen`` only `j`
    says yes; Enter, `n` and Escape keep everything as it is."""
