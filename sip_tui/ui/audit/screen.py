"""Loggkontroll: the unit's manager checks the access log (issue 14; HSLF-FS 2016:40 4 kap.).

Search the unit's log by period, user, personnummer and action; or draw a random sample of
reads of individuals outside the users' own cases. Mark the lines checked (space; none
marked: every line shown), record the finding and the follow-up (kept, never changed),
see the earlier checks, export the lines as CSV. The store logs every search and sample."""

from __future__ import annotations

from datetime import timedelta

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label, Static

from sip_tui.domain.clock import STOCKHOLM
from sip_tui.domain.session import Session
from sip_tui.store.service.api import Store
from sip_tui.store.service.audit import LogEntry, LogFilter, SpotCheck, criteria_text
from sip_tui.ui.audit.checks import SpotCheckListScreen
from sip_tui.ui.audit.export import export_log
from sip_tui.ui.dialogs.answer import AnswerDialog, AnswerRequest
from sip_tui.ui.runtime.calls import CallRefusal, StoreCaller
from sip_tui.ui.widgets.footer import KeyFooter
from sip_tui.ui.widgets.literal import literal, visible
from sip_tui.ui.widgets.period import typed_period

DEFAULT_DAYS = 30
#: Said when a sample is drawn: which lines it may draw (see ``store.service.audit``).
SAMPLE_RULE = (
    "slumpvis valda loggposter om individer i vars ärenden användaren själv inte har "
    "gjort något (inte användarens egna ärenden)"
)
COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("mark", "", 1),
    ("at", "Tid", 16),
    ("who", "Vem", 10),
    ("action", "Händelse", 17),
    ("case", "Ärende", 6),
    ("pnr", "Personnummer", 12),
)


class LogCheckScreen(StoreCaller, Screen[None]):
    BINDINGS = [
        Binding(
            "escape,q",
            "app.pop_screen",
            "Tillbaka",
            id="audit.back",
            tooltip="Tillbaka till översikten",
        ),
        Binding("f", "filters", "Filter", id="audit.filters", tooltip="Ändra sökningen"),
        Binding(
            "space",
            "mark",
            "Markera",
            id="audit.mark",
            tooltip="Markera raden som kontrollerad (eller ta bort markeringen)",
        ),
        Binding(
            "s",
            "sample",
            "Stickprov",
            id="audit.sample",
            tooltip="Dra slumpvis loggposter om individer utanför användarnas egna ärenden",
        ),
        Binding(
            "n",
            "record",
            "Notera",
            id="audit.record",
            tooltip="Notera kontrollen: fynd och åtgärd för de markerade raderna",
        ),
        Binding(
            "t",
            "checks",
            "Tidigare",
            show=False,  # the footer is full: in the help and the palette
            id="audit.checks",
            tooltip="Tidigare noterade loggkontroller",
        ),
        Binding(
            "x",
            "export",
            "Exportera CSV",
            show=False,  # the footer is full: in the help and the palette
            id="audit.export",
            tooltip="Spara raderna som CSV-fil för Excel i dina dokument",
        ),
    ]
    DEFAULT_CSS = """
    LogCheckScreen #title { height: 1; padding: 0 1; background: $primary; color: $text; }
    LogCheckScreen .filters { height: 1; margin: 1 0 0 0; }
    LogCheckScreen .filters Label { padding: 0 1; }
    LogCheckScreen #first, LogCheckScreen #last { width: 12; }
    LogCheckScreen #login, LogCheckScreen #action { width: 14; }
    LogCheckScreen #personnummer { width: 15; }
    LogCheckScreen DataTable { height: 1fr; }
    LogCheckScreen #detail { height: 2; padding: 0 1; background: $boost; }
    LogCheckScreen #problem { padding: 0 1; }
    LogCheckScreen #problem.error { color: $error; text-style: bold; }
    """

    def __init__(self, store: Store, session: Session) -> None:
        super().__init__()
        self.store, self.session = store, session
        today = store.clock.now().date()
        self.wanted = LogFilter(today - timedelta(days=DEFAULT_DAYS), today)
        self.criteria = criteria_text(self.wanted)
        self.found: list[LogEntry] = []
        self.marked: set[int] = set()

    def compose(self) -> ComposeResult:
        yield Static(visible(f"Loggkontroll · {self.session.unit_name}"), id="title", markup=False)
        with Horizontal(classes="filters"):
            yield Label("Från")
            yield Input(self.wanted.first.isoformat(), id="first", compact=True)
            yield Label("Till")
            yield Input(self.wanted.last.isoformat(), id="last", compact=True)
            yield Label("Användare")
            yield Input("", id="login", compact=True, placeholder="alla")
        with Horizontal(classes="filters"):
            yield Label("Personnummer")
            yield Input("", id="personnummer", compact=True, placeholder="alla")
            yield Label("Händelse")
            yield Input("", id="action", compact=True, placeholder="alla")
        yield Static("", id="problem", markup=False)
        yield DataTable(id="lines", cursor_type="row", zebra_stripes=True, cell_padding=1)
        yield Static("", id="detail", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, label, width in COLUMNS:
            table.add_column(label, key=key, width=width)
        table.focus()
        self.load()

    # --- reading ------------------------------------------------------------------------------

    def load(self) -> None:
        store, session, wanted = self.store, self.session, self.wanted
        self.criteria = criteria_text(wanted)
        self.call_store(
            lambda: store.search_log(session, wanted),
            then=lambda found: self._show(found, f"{len(found)} loggposter."),
            refused=lambda refusal: self._say(refusal.message),
        )

    def _say(self, text: str, error: bool = True) -> None:
        line = self.query_one("#problem", Static)
        line.update(visible(text))
        line.set_class(error, "error")

    def _show(self, found: list[LogEntry], summary: str, marked: bool = False) -> None:
        self.found = found
        self.marked = {e.id for e in found} if marked else set()
        self._fill()
        self._say(summary if found else "Inga loggposter.", error=False)

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        kept = table.cursor_row
        table.clear()
        for e in self.found:
            table.add_row(
                "✓" if e.id in self.marked else "",
                e.at.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M"),
                literal(e.login),
                literal(e.action),
                "" if e.case_id is None else str(e.case_id),
                literal(e.personnummer),
                key=str(e.id),
            )
        if self.found:
            table.move_cursor(row=min(max(kept, 0), len(self.found) - 1))
        self._detail()

    def current(self) -> LogEntry | None:
        table = self.query_one(DataTable)
        if not self.found or not 0 <= table.cursor_row < len(self.found):
            return None
        return self.found[table.cursor_row]

    @on(DataTable.RowHighlighted)
    def _detail(self) -> None:
        e = self.current()
        text = "" if e is None else f"{e.id}: {e.user_name} ({e.unit})"
        if e is not None and e.detail:
            text += f" · {e.detail}"
        self.query_one("#detail", Static).update(Text(visible(text)))

    # --- filters ------------------------------------------------------------------------------

    def action_filters(self) -> None:
        self.query_one("#first", Input).focus()

    @on(Input.Submitted)
    def _filter(self) -> None:
        period = typed_period(self, self._say)
        if period is None:
            return
        login, number, action = (
            self.query_one(f"#{name}", Input).value for name in ("login", "personnummer", "action")
        )
        self.wanted = LogFilter(period[0], period[1], login, number, action)
        self.query_one(DataTable).focus()
        self.load()

    # --- the check ----------------------------------------------------------------------------

    def action_mark(self) -> None:
        e = self.current()
        if e is None:
            return
        self.marked ^= {e.id}
        table = self.query_one(DataTable)
        table.update_cell(str(e.id), "mark", "✓" if e.id in self.marked else "")
        table.action_cursor_down()

    def action_sample(self, text: str = "10", problem: str = "") -> None:
        request = AnswerRequest(
            "Stickprov",
            "Hur många loggposter ska dras?",
            required=True,
            text=text,
            problem=problem,
            missing="Ange ett antal, t.ex. 10.",
        )
        store, session, first, last = self.store, self.session, self.wanted.first, self.wanted.last

        def answered(typed: str | None) -> None:
            if typed is None:
                return
            if not typed.strip().isdigit() or int(typed) < 1:
                self.action_sample(typed, "Ange ett heltal, minst 1.")
                return
            n = int(typed)

            def drawn(found: object) -> None:
                assert isinstance(found, list)
                self.criteria = f"stickprov {n} från {first} till {last}"
                summary = f"Stickprov: {len(found)} {SAMPLE_RULE}, {first}–{last}."
                self._show(found, summary, marked=True)

            self.call_store(
                lambda: store.draw_sample(session, n, first, last),
                then=drawn,
                refused=lambda refusal: self._say(refusal.message),
            )

        self.app.push_screen(AnswerDialog(request), answered)

    def action_record(self) -> None:
        ids = sorted(self.marked) or [e.id for e in self.found]
        if not ids:
            self._say("Det finns inga loggposter att notera; sök eller dra ett stickprov först.")
            return
        self._ask_finding(ids)

    def _ask_finding(self, ids: list[int], text: str = "", problem: str = "") -> None:
        request = AnswerRequest(
            f"Notera kontroll av {len(ids)} loggposter",
            "Fynd: vad visade kontrollen?",
            required=True,
            text=text,
            problem=problem,
            missing="Skriv vad kontrollen visade, t.ex. att läsningarna hade stöd i uppdraget.",
        )

        def answered(finding: str | None) -> None:
            if finding is not None:
                self._ask_follow_up(ids, finding)

        self.app.push_screen(AnswerDialog(request), answered)

    def _ask_follow_up(self, ids: list[int], finding: str, text: str = "") -> None:
        request = AnswerRequest(
            "Åtgärd", "Uppföljande åtgärd (frivillig):", required=False, text=text
        )
        store, session, criteria = self.store, self.session, self.criteria

        def answered(follow_up: str | None) -> None:
            if follow_up is None:
                return

            def refused(refusal: CallRefusal) -> None:
                self._ask_finding(ids, finding, refusal.message)  # nothing typed is lost

            def done(check: object) -> None:
                assert isinstance(check, SpotCheck)
                self.notify(f"Loggkontroll {check.id} är noterad ({len(ids)} loggposter).")
                self.marked = set()
                self._fill()

            self.call_store(
                lambda: store.record_spot_check(session, ids, finding, follow_up, criteria),
                then=done,
                refused=refused,
            )

        self.app.push_screen(AnswerDialog(request), answered)

    def action_checks(self) -> None:
        self.app.push_screen(SpotCheckListScreen(self.store, self.session))

    def action_export(self) -> None:
        found, unit, first, last = (
            list(self.found),
            self.session.unit,
            *(
                self.wanted.first,
                self.wanted.last,
            ),
        )

        def written(path: object) -> None:
            self.notify(f"{len(found)} loggposter sparade i {path}", title="Exporterat")

        store, session = self.store, self.session
        cases = [entry.case_id for entry in found if entry.case_id is not None]

        def export() -> object:
            store.record_export(session, "log", len(found), cases)  # logged first
            return export_log(found, unit, first, last)

        self.call_store(
            export,
            then=written,
            refused=lambda refusal: self.notify(refusal.message, severity="error"),
        )
