"""The mailbox overview: every case of the logged-in unit, colour and glyph per phase,
most urgent first, live. Database work runs in thread workers, never on the UI thread."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from sip_tui.domain.explain import deadline_label, explain, urgency
from sip_tui.domain.model import Phase, Status
from sip_tui.domain.roles import Role
from sip_tui.domain.session import Session
from sip_tui.screens.background import to_ui
from sip_tui.screens.case_view import CaseScreen
from sip_tui.screens.dialogs import LegendScreen, TextScreen
from sip_tui.screens.initiative_form import InitiativeForm
from sip_tui.screens.live import changes, unsubscribe
from sip_tui.store.services import OverviewRow, Store, UnitInfo
from sip_tui.widgets.literal import literal, visible
from sip_tui.widgets.phase_cell import phase_cell
from sip_tui.widgets.status_bar import Counts, StatusBar

PHASES = list(Phase)
# Columns are padded by their own widths (cell_padding 0): 13+12+11+6*4+17 = 77 at 80x24.
BASE_WIDTHS = {"pnr": 13, "name": 12, "coord": 11, "deadline": 17}
PHASE_WIDTH = 4


@dataclass(frozen=True)
class Loaded:
    rows: list[OverviewRow]
    counts: Counts
    now: datetime


class OverviewScreen(Screen[None]):
    BINDINGS = [
        Binding("o", "only_ours", "Våra", tooltip="Visa bara ärenden där vi har något att göra"),
        Binding("slash", "search", "Sök", tooltip="Sök på namn eller personnummer"),
        Binding("a", "include_closed", "Avslutade", tooltip="Visa även avslutade ärenden"),
        Binding("e", "explain", "Varför?", tooltip="Förklara varför cellen har sin status"),
        Binding("l", "legend", "Symboler"),
        Binding("u", "switch_unit", "Enhet", tooltip="Byt enhet"),
        Binding(
            "n", "new_case", "Nytt", tooltip="Nytt ärende: skapa ett ärende med initiativ till SIP"
        ),
        Binding("r", "reload", "Uppdatera", show=False),
        Binding("escape", "close_search", "Stäng sök", show=False),
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
    ]
    DEFAULT_CSS = """
    OverviewScreen #title { height: 1; padding: 0 1; background: $primary; color: $text; }
    OverviewScreen #search { display: none; }  /* not focusable while hidden */
    OverviewScreen #search.shown { display: block; }
    OverviewScreen DataTable { height: 1fr; }
    OverviewScreen #empty { padding: 1 2; display: none; }
    """

    def __init__(self, store: Store, session: Session) -> None:
        super().__init__()
        self.store, self.session = store, session
        self.unit, self.unit_name = session.unit, session.unit_name
        self.bell = session.preferences.bell
        self.only_ours = False
        self.include_closed = False
        self.query_text = ""
        self.loaded: Loaded | None = None
        self.units: dict[str, UnitInfo] = {}  # loaded once: units rarely change
        self.unit_names: dict[str, str] = {}
        self._open_tasks: dict[int, int] | None = None

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self._title(), id="title", markup=False)
            yield Input(placeholder="Sök på namn eller personnummer", id="search")
            yield DataTable(id="cases", cursor_type="cell", zebra_stripes=True, cell_padding=0)
            yield Static("", id="empty", markup=False)
        yield StatusBar(self.store.clock, self.store.calendar, who=self.session.who)
        footer = Footer()
        footer.show_command_palette = False  # ctrl+p still works; the keys need the line
        footer.compact = True
        yield footer

    def _title(self) -> str:
        filters = []
        if self.only_ours:
            filters.append("bara våra")
        if self.include_closed:
            filters.append("med avslutade")
        if self.query_text:
            filters.append(f"sök: {self.query_text}")
        suffix = f"  ({', '.join(filters)})" if filters else ""
        return visible(f"SIP-översikt · {self.unit_name}{suffix}")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        spare = max(0, self.app.size.width - 80)  # wider terminals: room for names
        widths = dict(
            BASE_WIDTHS,
            name=min(BASE_WIDTHS["name"] + spare * 2 // 3, 32),
            coord=min(BASE_WIDTHS["coord"] + spare // 3, 26),
        )
        table.add_column("Personnr", key="pnr", width=widths["pnr"])
        table.add_column("Namn", key="name", width=widths["name"])
        table.add_column("Samordnare", key="coord", width=widths["coord"])
        for phase in PHASES:
            table.add_column(
                Text(phase.value, justify="center"), key=phase.value, width=PHASE_WIDTH
            )
        table.add_column("Senast", key="deadline", width=widths["deadline"])
        table.focus()
        self.reload()
        changes(self.app, self.store).subscribe(
            self,
            self.unit,
            lambda: to_ui(self, self.reload),
            lambda: to_ui(self, self._disconnected),
        )
        self.set_interval(60, self.reload)  # "overdue" and counts move with the clock

    # --- loading --------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def reload(self) -> None:
        try:
            if not self.units:
                self.units = self.store.units()
                self.unit_names = {code: u.short_name for code, u in self.units.items()}
            rows = self.store.overview_for(self.unit, include_closed=self.include_closed)
            now = self.store.clock.now()
            due, overdue = self.store.deadline_counts(self.unit, now)
        except Exception:  # noqa: BLE001 - the store is down: keep showing what we have
            to_ui(self, self._disconnected)
            return
        to_ui(self, self._show, Loaded(rows, Counts(due, overdue), now))

    def _disconnected(self) -> None:
        self.query_one(StatusBar).set_connected(False)

    def _show(self, loaded: Loaded) -> None:
        if not self.query(DataTable):  # the screen is being taken down (quit, unit switch)
            return
        self.loaded = loaded
        bar = self.query_one(StatusBar)
        bar.set_connected(True)
        bar.set_counts(loaded.counts)
        self._announce_new_work(loaded.rows)
        self._fill()

    def _announce_new_work(self, rows: list[OverviewRow]) -> None:
        tasks = {row.case_id: row.open_tasks for row in rows}
        if self._open_tasks is not None:
            grown = [cid for cid, n in tasks.items() if n > self._open_tasks.get(cid, 0)]
            if grown:
                self.notify(f"Nytt att göra i {len(grown)} ärende(n).", title="Brevlådan")
                if self.bell:
                    self.app.bell()
        self._open_tasks = tasks

    def visible_rows(self) -> list[OverviewRow]:
        assert self.loaded is not None
        now = self.loaded.now
        cutoff = self.store.calendar.next_cutoff(now)
        rows = self.loaded.rows
        if self.only_ours:
            rows = [r for r in rows if Status.OURS in r.statuses.values()]
        if self.query_text:
            needle = self.query_text.casefold().replace("-", "")
            rows = [
                r
                for r in rows
                if needle in r.individual_name.casefold() or needle in r.personnummer
            ]
        return sorted(
            rows,
            key=lambda r: (*urgency(r.next_deadline, r.statuses, now, cutoff), r.individual_name),
        )

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        assert self.loaded is not None
        keep = table.cursor_coordinate
        table.clear()
        rows = self.visible_rows()
        for row in rows:
            pnr = row.personnummer
            overdue = row.next_deadline is not None and row.next_deadline <= self.loaded.now
            table.add_row(
                literal(f"{pnr[:8]}-{pnr[8:]}"[2:]),
                self._fit(literal(row.individual_name), "name"),
                self._fit(
                    literal(self.unit_names.get(row.coordinator_unit, row.coordinator_unit)),
                    "coord",
                ),
                *(phase_cell(row.statuses[phase]) for phase in PHASES),
                Text(
                    deadline_label(row.next_deadline, self.loaded.now),
                    style="bold red" if overdue else "",
                ),
                key=str(row.case_id),
            )
        empty = self.query_one("#empty", Static)
        empty.display = not rows
        empty.update(
            "Inga ärenden att visa." + (" Tryck o för att visa alla." if self.only_ours else "")
        )
        if rows:
            table.cursor_coordinate = keep if keep.row < len(rows) else keep._replace(row=0)
        self.query_one("#title", Static).update(self._title())

    def _fit(self, text: Text, column: str) -> Text:
        """Leave one blank column after the text (the table has no cell padding)."""
        width = self.query_one(DataTable).columns[column].width  # type: ignore[index]
        text.truncate(width - 1, overflow="ellipsis")
        return text

    def on_unmount(self) -> None:
        unsubscribe(self.app, self)

    # --- actions ------------------------------------------------------------------------------

    def _current(self) -> tuple[OverviewRow, Phase | None] | None:
        table = self.query_one(DataTable)
        if not table.row_count or self.loaded is None:
            return None
        rows = self.visible_rows()
        coordinate = table.cursor_coordinate
        row = rows[min(coordinate.row, len(rows) - 1)]
        column = coordinate.column - 3
        return row, PHASES[column] if 0 <= column < len(PHASES) else None

    def action_only_ours(self) -> None:
        self.only_ours = not self.only_ours
        self._fill()

    def action_include_closed(self) -> None:
        self.include_closed = not self.include_closed
        self.reload()

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.add_class("shown")
        search.focus()

    def action_close_search(self) -> None:
        search = self.query_one("#search", Input)
        search.remove_class("shown")
        search.value = ""
        self.query_one(DataTable).focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value.strip()
        if self.loaded is not None:
            self._fill()

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.query_one(DataTable).focus()

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Nytt ärende only for a coordinator (samordningsansvarig) on this unit."""
        if action == "new_case":
            return Role.COORDINATOR in self.session.roles
        return True

    def action_new_case(self) -> None:
        def closed(wrote: bool | None) -> None:
            if wrote:
                self.reload()

        self.app.push_screen(InitiativeForm.for_new_case(self.store, self.session), closed)

    def action_legend(self) -> None:
        self.app.push_screen(LegendScreen())

    def action_reload(self) -> None:
        self.reload()

    def action_switch_unit(self) -> None:
        self.app.action_switch_unit()  # type: ignore[attr-defined]

    def action_explain(self) -> None:
        current = self._current()
        if current is None:
            return
        row, phase = current
        if phase is None:  # on a text column: explain the first cell that is ours
            phase = next((p for p in PHASES if row.statuses[p] is Status.OURS), PHASES[0])
        self.explain_cell(row, phase)

    @work(thread=True, group="explain")
    def explain_cell(self, row: OverviewRow, phase: Phase) -> None:
        tasks = self.store.case_tasks(row.case_id)
        now = self.store.clock.now()
        names = self.units
        text = explain(
            phase,
            row.statuses[phase],
            tasks,
            self.unit,
            lambda code: names[code].name if code in names else code,
            now,
        )
        title = f"{phase.label} – {visible(row.individual_name)}"
        self.app.call_from_thread(self.app.push_screen, TextScreen(title, text))

    @on(DataTable.CellSelected)
    def _open(self, event: DataTable.CellSelected) -> None:
        if event.cell_key.row_key.value is None:
            return
        self.app.push_screen(
            CaseScreen(self.store, self.session, int(event.cell_key.row_key.value))
        )
