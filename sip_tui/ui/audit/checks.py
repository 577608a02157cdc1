"""The unit's earlier log checks (Tidigare loggkontroller): who checked, when, what, the
finding and the follow-up. Recorded checks are never changed; reading them is logged."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from sip_tui.domain.clock import STOCKHOLM
from sip_tui.domain.session import Session
from sip_tui.store.service.api import Store
from sip_tui.store.service.audit import SpotCheck
from sip_tui.ui.runtime.calls import StoreCaller
from sip_tui.ui.widgets.footer import KeyFooter
from sip_tui.ui.widgets.literal import literal, visible


class SpotCheckListScreen(StoreCaller, Screen[None]):
    BINDINGS = [
        Binding(
            "escape,q",
            "app.pop_screen",
            "Tillbaka",
            id="audit_checks.back",
            tooltip="Tillbaka till loggkontrollen",
        ),
    ]
    DEFAULT_CSS = """
    SpotCheckListScreen #title { height: 1; padding: 0 1; background: $primary; color: $text; }
    SpotCheckListScreen #problem { padding: 0 1; }
    SpotCheckListScreen DataTable { height: 1fr; }
    SpotCheckListScreen #detail { height: 6; padding: 0 1; background: $boost; }
    """

    def __init__(self, store: Store, session: Session) -> None:
        super().__init__()
        self.store, self.session = store, session
        self.found: list[SpotCheck] = []

    def compose(self) -> ComposeResult:
        title = f"Tidigare loggkontroller · {self.session.unit_name}"
        yield Static(visible(title), id="title", markup=False)
        yield Static("", id="problem", markup=False)
        yield DataTable(id="checks", cursor_type="row", zebra_stripes=True)
        yield Static("", id="detail", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, label, width in (("id", "Nr", 4), ("at", "Tid", 16), ("who", "Vem", 16)):
            table.add_column(label, key=key, width=width)
        table.add_column("Fynd", key="finding", width=30)
        table.focus()
        store, session = self.store, self.session
        self.call_store(
            lambda: store.spot_checks(session),
            then=self._show,
            refused=lambda refusal: self.query_one("#problem", Static).update(
                visible(refusal.message)
            ),
        )

    def _show(self, found: list[SpotCheck]) -> None:
        self.found = found
        table = self.query_one(DataTable)
        for c in found:
            table.add_row(
                str(c.id),
                c.at.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M"),
                literal(c.checked_by_name),
                literal(" ".join(c.finding.split())),
                key=str(c.id),
            )
        count = len(found)
        self.query_one("#problem", Static).update(
            f"{count} {'noterad kontroll' if count == 1 else 'noterade kontroller'}."
        )
        self._detail()

    @on(DataTable.RowHighlighted)
    def _detail(self) -> None:
        table = self.query_one(DataTable)
        if not self.found or not 0 <= table.cursor_row < len(self.found):
            return
        c = self.found[table.cursor_row]
        lines = [
            f"Kontrollerat: {c.criteria or '-'} ({len(c.entries)} loggposter: "
            f"{', '.join(map(str, c.entries))})",
            f"Fynd: {c.finding}",
            f"Åtgärd: {c.follow_up or '-'}",
        ]
        self.query_one("#detail", Static).update(
            Text("\n").join(Text(visible(line)) for line in lines)
        )
