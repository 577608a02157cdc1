"""The help screen (`?`, F1): the keys of the screen under it, then what that screen shows
and, for the overview and the case, what the glyphs and colours mean. Swedish; it scrolls
(arrows, PgUp/PgDn, j/k) and closes with Esc, q or the help key again."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from sip_tui.ui.help.keys import KeyRow
from sip_tui.ui.help.texts import GENERAL, columns, shows_symbols, symbols, text_for
from sip_tui.ui.runtime.keys import HELP_ID
from sip_tui.ui.widgets.footer import KeyFooter


class HelpScreen(ModalScreen[None]):
    """Help for ``screen``, whose keys (as they work now) are ``rows``."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 78; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; padding: 0 1; background: $surface;
    }
    HelpScreen .title { text-style: bold; margin-top: 1; }
    HelpScreen .title.first { margin-top: 0; }
    HelpScreen #help-text { margin-top: 1; }
    """
    BINDINGS = [
        Binding("escape,q", "dismiss", "Stäng", id="help.close", tooltip="Stäng hjälpen"),
        # The help key closes it too (the same id: remapped with it).
        Binding(
            "question_mark,f1", "dismiss", "Stäng", show=False, id=HELP_ID, tooltip="Stäng hjälpen"
        ),
        Binding("j", "scroll('down')", "Ned", show=False, id="help.down", tooltip="Rulla ned"),
        Binding("k", "scroll('up')", "Upp", show=False, id="help.up", tooltip="Rulla upp"),
    ]

    def __init__(self, screen: Screen[Any], rows: list[KeyRow]) -> None:
        super().__init__()
        self.title_text, self.body = text_for(screen)
        self.rows = rows
        self.symbols = shows_symbols(screen)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(f"Hjälp: {self.title_text}", classes="title first", markup=False)
            yield Static(self._keys(), id="help-keys")
            if self.body:
                yield Static(self.body, id="help-text", markup=False)
            if self.symbols:
                yield Static("Symbolerna", classes="title")
                yield Static(symbols(self.app.no_color), id="help-symbols")
                yield Static("Kolumnerna", classes="title")
                yield Static(columns())
            yield Static("Allmänt", classes="title")
            yield Static(GENERAL, markup=False)
            yield Static("Egna tangenter", classes="title")
            yield Static(self._keymap_text(), id="help-ids", markup=False)
        yield KeyFooter()

    def _keys(self) -> Table:
        table = Table.grid(padding=(0, 1))
        table.add_column(style="bold", no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(style="dim", ratio=1)
        for row in self.rows:
            table.add_row(Text(row.keys), Text(row.description), Text(row.tooltip))
        return table

    def _keymap_text(self) -> str:
        ids = ", ".join(f"{row.binding_id} ({row.keys})" for row in self.rows)
        return (
            "Byt en tangent i konfigurationsfilen under [keymap], till exempel "
            f'"overview.search" = "s". Tangenterna här: {ids}.'
        )

    def on_mount(self) -> None:
        self.query_one("#help", VerticalScroll).focus()

    def action_scroll(self, direction: str) -> None:
        scroll = self.query_one("#help", VerticalScroll)
        if direction == "down":
            scroll.scroll_down()
        else:
            scroll.scroll_up()
