"""The mailbox overview: every case of the logged-in unit, colour and glyph per phase,
most urgent first, live. Database work runs in thread workers, never on the UI thread;
they post their results as messages (``sip_tui.ui.runtime.messages``)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Input, Static

from sip_tui.domain.calendar import is_overdue
from sip_tui.domain.errors import DomainError
from sip_tui.domain.explain import LABEL_WIDTH, deadline_label, explain, urgency
from sip_tui.domain.model import Phase, Status
from sip_tui.domain.roles import Role
from sip_tui.domain.session import Session
from sip_tui.store.errors import StoreError
from sip_tui.store.service.api import OverviewRow, Store, UnitInfo
from sip_tui.ui.case.screen import CaseScreen
from sip_tui.ui.dialogs.simple import LegendScreen, TextScreen
from sip_tui.ui.drafts.offer import DraftsLine
from sip_tui.ui.forms.initiative.form import InitiativeForm
from sip_tui.ui.overview.cached import CachedMark, CachedRead, as_rows, remember
from sip_tui.ui.overview.desks import UnitDesks
from sip_tui.ui.overview.keys import OVERVIEW_KEYS
from sip_tui.ui.runtime.drafting import owner_of
from sip_tui.ui.runtime.host import note_fetched, outage_since, own_writes, store_failed
from sip_tui.ui.runtime.messages import (
    Explained,
    OverviewLoaded,
    StoreBack,
    StoreChanged,
    StoreUnavailable,
)
from sip_tui.ui.runtime.workers import post
from sip_tui.ui.watch.today import Today, WatchLoaded, WatchWarning, read_today
from sip_tui.ui.widgets.footer import KeyFooter
from sip_tui.ui.widgets.literal import literal, visible
from sip_tui.ui.widgets.outage_banner import moment_text
from sip_tui.ui.widgets.phase_cell import overdue_style, phase_cell
from sip_tui.ui.widgets.status_bar import Counts, StatusBar

PHASES = list(Phase)
# Columns are padded by their own widths (cell_padding 0): 12+12+11+6*4+19 = 78 at 80x24,
# with the table's scroll bar 80. "Senast" holds the longest label whole (LABEL_WIDTH:
# "försenad 20 d 23 h", "försenad 17 h", up to "försenad 999 d 23 h"); a name or a unit is
# cut with "…".
BASE_WIDTHS = {"pnr": 12, "name": 12, "coord": 11, "deadline": LABEL_WIDTH}
PHASE_WIDTH = 4


@dataclass(frozen=True)
class Loaded:
    rows: list[OverviewRow]
    counts: Counts
    now: datetime


class OverviewScreen(UnitDesks, Screen[None]):
    #: The table gets the focus as the screen opens, never the (hidden) search field: keys
    #: typed while the app starts are table keys (j, /, Enter), not a search.
    AUTO_FOCUS = "#cases"
    BINDINGS = OVERVIEW_KEYS

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
        self._generation = 0  # of the newest read started; results of older ones are dropped
        self._shown_generation = 0
        self._stale = False  # something changed while the screen was hidden
        self.today: Today | None = None  # who watches the mailbox today
        self.drafts_line = DraftsLine(owner_of(store, session))  # "2 osparade utkast"

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self._title(), id="title", markup=False)
            yield WatchWarning()
            yield self.drafts_line
            yield CachedMark()
            yield Input(placeholder="Sök på namn eller personnummer", id="search")
            yield DataTable(id="cases", cursor_type="cell", zebra_stripes=True, cell_padding=0)
            yield Static("", id="empty", markup=False)
        yield StatusBar(self.store.clock, self.store.calendar, who=self.session.who)
        yield KeyFooter()

    def _title(self) -> str:
        filters = []
        if self.only_ours:
            filters.append("bara våra")
        if self.include_closed:
            filters.append("med avslutade")
        if self.query_text:
            filters.append(f"sök: {self.query_text}")
        suffix = f"  ({', '.join(filters)})" if filters else ""
        watch = f" · {self.today.title_part}" if self.today and self.today.title_part else ""
        since = outage_since(self.app)
        # First, so that a long unit or watcher name never cuts it off.
        stale = f" (ej aktuell sedan {moment_text(since, self.store.clock.now())})" if since else ""
        return visible(f"SIP-översikt{stale} · {self.unit_name}{watch}{suffix}")

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
        self.query_one(CachedMark).read(self.store, self.session)  # painted until live rows
        self.drafts_line.recount()
        self.reload()
        self.set_interval(60, self.refresh_when_shown)  # "overdue" and counts move with time

    # --- loading --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the overview again, in a thread worker; a newer read supersedes this one."""
        self._stale = False
        self._generation += 1
        self._load(self._generation)

    @property
    def shown(self) -> bool:
        """Does the user see this screen: on top, or under dialogs only? (Textual's
        ``is_current`` also counts the screen under a full-screen case or form.)"""
        for screen in reversed(self.app.screen_stack):
            if screen is self:
                return True
            if not isinstance(screen, ModalScreen):
                return False
        return False

    def refresh_when_shown(self) -> None:
        """Read again now if the user sees this screen, else as soon as it is shown."""
        if self.shown:
            self.reload()
        else:
            self._stale = True

    def on_screen_resume(self) -> None:
        self.drafts_line.recount()  # a form may have kept a draft meanwhile
        if self._stale:
            self.reload()

    def on_store_changed(self, message: StoreChanged) -> None:
        if message.concerns(self.unit):
            self.refresh_when_shown()

    def on_store_unavailable(self, message: StoreUnavailable) -> None:
        """From our own read, or from the app as an outage begins: show FRÅNKOPPLAD and
        "ej aktuell sedan …", keep the last overview. The change feed tries the store
        again; when it is back (``StoreBack``, then ``StoreChanged({"*"})``) we read."""
        self.query_one(StatusBar).set_connected(False)
        self.query_one("#title", Static).update(self._title())
        if message.what:
            self.notify(
                f"Databasen går inte att nå just nu ({message.message}), så {message.what} "
                "kan inte visas. Försök igen om en stund.",
                severity="warning",
            )

    def on_store_back(self, message: StoreBack) -> None:
        """The store answers again: the read follows with the feed's ``StoreChanged``;
        drafts kept meanwhile can be saved now."""
        self.query_one("#title", Static).update(self._title())
        self.drafts_line.recount(announce=True)

    @work(thread=True, exclusive=True, group="load")
    def _load(self, generation: int) -> None:
        started = time.monotonic()
        try:
            if not self.units:
                self.units = self.store.units()
                self.unit_names = {code: u.short_name for code, u in self.units.items()}
            rows = self.store.overview_for(self.session, include_closed=self.include_closed)
            now = self.store.clock.now()
            due = self.store.deadline_counts(self.unit, now)
        except StoreError as trouble:  # keep showing what we have; any other error is a bug
            store_failed(self.app, trouble)
            post(self, StoreUnavailable(trouble.swedish))
            return
        except DomainError as refused:  # no longer a member of the unit (the read is logged)
            self.app.call_from_thread(self.notify, refused.message, severity="error")
            return
        counts = Counts(due.due, due.overdue, due.today)
        today = read_today(self.store, self.unit)
        if today is not None:
            post(self, WatchLoaded(today))
        shown = post(self, OverviewLoaded(rows, counts, now, generation, started))
        if shown and not self.include_closed:  # the last known overview, for the next start
            remember(self.store, self.session, rows, counts, now, self.unit_names)

    def on_overview_loaded(self, message: OverviewLoaded) -> None:
        if message.generation < self._shown_generation:
            return  # a newer read has been shown already
        self._shown_generation = message.generation
        self.loaded = Loaded(message.rows, message.counts, message.now)
        self.query_one(CachedMark).live()
        note_fetched(self.app, message.now)
        bar = self.query_one(StatusBar)
        bar.set_connected(True)
        bar.set_counts(message.counts)
        self._announce_new_work(message.rows, message.started)
        self._fill()

    def on_cached_read(self, message: CachedRead) -> None:
        """The last known rows, painted at once (marked) unless live ones came first."""
        if self._shown_generation:
            return
        rows, counts = as_rows(message.overview)
        self.loaded = Loaded(rows, counts, self.store.clock.now())
        self.query_one(StatusBar).set_counts(counts)
        self.query_one(CachedMark).show_cached(message.overview.read_at, self.loaded.now)
        note_fetched(self.app, message.overview.read_at)  # what the outage banner names
        self._fill()

    def on_watch_loaded(self, message: WatchLoaded) -> None:
        self.today = message.today
        self.query_one(WatchWarning).show(message.today.warning)
        self.query_one("#title", Static).update(self._title())

    def _announce_new_work(self, rows: list[OverviewRow], started: float) -> None:
        """Say "Nytt att göra" (and ring) when a case has more open tasks than at the last
        read, unless the user's own write made them."""
        tasks = {row.case_id: row.open_tasks for row in rows}
        own = own_writes(self.app, started)
        if self._open_tasks is not None:
            grown = [cid for cid, n in tasks.items() if n > self._open_tasks.get(cid, 0)]
            grown = [cid for cid in grown if cid not in own]
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
        kept_case = self._case_key_at(keep.row)
        table.clear()
        rows = self.visible_rows()
        plain = self.app.no_color  # no colour: bold and reverse carry what matters
        for row in rows:
            pnr = row.personnummer
            deadline, now = row.next_deadline, self.loaded.now
            overdue = deadline is not None and is_overdue(deadline, now)
            table.add_row(
                literal(f"{pnr[:8]}-{pnr[8:]}"[2:]),
                self._fit(literal(row.individual_name), "name"),
                self._fit(
                    literal(self.unit_names.get(row.coordinator_unit, row.coordinator_unit)),
                    "coord",
                ),
                *(phase_cell(row.statuses[phase], plain) for phase in PHASES),
                Text(
                    deadline_label(row.next_deadline, self.loaded.now),
                    style=overdue_style(plain) if overdue else "",
                ),
                key=str(row.case_id),
            )
        empty = self.query_one("#empty", Static)
        empty.display = not rows
        empty.update(
            "Inga ärenden att visa." + (" Tryck o för att visa alla." if self.only_ours else "")
        )
        if rows:
            # The cursor stays on its case when the rows are sorted anew, else on its row.
            index = next((i for i, r in enumerate(rows) if str(r.case_id) == kept_case), None)
            if index is None:
                index = keep.row if keep.row < len(rows) else 0
            table.cursor_coordinate = keep._replace(row=index)
        self.query_one("#title", Static).update(self._title())

    def _case_key_at(self, row: int) -> str | None:
        table = self.query_one(DataTable)
        if not 0 <= row < table.row_count:
            return None
        return table.ordered_rows[row].key.value

    def _fit(self, text: Text, column: str) -> Text:
        """Leave one blank column after the text (the table has no cell padding)."""
        width = self.query_one(DataTable).columns[column].width  # type: ignore[index]
        text.truncate(width - 1, overflow="ellipsis")
        return text

    # --- actions ------------------------------------------------------------------------------

    def _shown_names(self) -> dict[int, str]:
        """The individuals' names of the rows shown, by case (the drafts list names them)."""
        return {row.case_id: row.individual_name for row in self.loaded.rows} if self.loaded else {}

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
        """Nytt ärende only for a coordinator (samordningsansvarig) on this unit; the
        unit's other desks by role (``desks``)."""
        if action == "new_case":
            return Role.COORDINATOR in self.session.roles
        return self.desk_allowed(action)

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
        try:
            tasks = self.store.case_tasks(row.case_id, self.unit)
        except StoreError as trouble:
            store_failed(self.app, trouble)
            post(self, StoreUnavailable(trouble.swedish, what="förklaringen"))
            return
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
        post(self, Explained(f"{phase.label} – {visible(row.individual_name)}", text))

    def on_explained(self, message: Explained) -> None:
        self.app.push_screen(TextScreen(message.title, message.text))

    @on(DataTable.CellSelected)
    def _open(self, event: DataTable.CellSelected) -> None:
        if event.cell_key.row_key.value is None:
            return
        self.app.push_screen(
            CaseScreen(self.store, self.session, int(event.cell_key.row_key.value))
        )
