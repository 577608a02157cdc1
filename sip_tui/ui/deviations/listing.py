"""The unit's deviation register (Avvikelser): filtered by period and status, proposals
confirmed (an optional comment) or dismissed (a reason required), a new one registered,
the list exported to CSV. The store proposes the unit's overdue items when the register
is read, and logs every read and change."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label, Select, Static

from sip_tui.domain.deviations import DEVIATION_ROLES, Deviation, DeviationStatus
from sip_tui.domain.session import Session
from sip_tui.domain.texts import short_moment
from sip_tui.store.service.api import Store
from sip_tui.ui.deviations.export import export_csv
from sip_tui.ui.deviations.register import RegisterDialog, registered_text
from sip_tui.ui.dialogs.answer import AnswerDialog, AnswerRequest
from sip_tui.ui.runtime.calls import CallRefusal, StoreCaller
from sip_tui.ui.widgets.footer import KeyFooter
from sip_tui.ui.widgets.literal import literal, visible
from sip_tui.ui.widgets.period import typed_period

STATUS_WORDS = {
    DeviationStatus.PROPOSED: "föreslagen",
    DeviationStatus.CONFIRMED: "bekräftad",
    DeviationStatus.DISMISSED: "avfärdad",
}
ALL = "alla"
DEFAULT_DAYS = 30  # the period shown first: the last 30 days
WIDTHS = {"id": 5, "when": 17, "status": 11, "case": 7, "what": 38}


class DeviationListScreen(StoreCaller, Screen[None]):
    BINDINGS = [
        Binding(
            "escape,q",
            "app.pop_screen",
            "Tillbaka",
            id="deviations.back",
            tooltip="Tillbaka till översikten",
        ),
        Binding(
            "b",
            "confirm",
            "Bekräfta",
            id="deviations.confirm",
            tooltip="Bekräfta den föreslagna avvikelsen (kommentar frivillig)",
        ),
        Binding(
            "a",
            "dismiss_proposal",
            "Avfärda",
            id="deviations.dismiss",
            tooltip="Avfärda den föreslagna avvikelsen; ange varför",
        ),
        Binding("n", "register", "Ny", id="deviations.new", tooltip="Registrera en ny avvikelse"),
        Binding(
            "x",
            "export",
            "Exportera CSV",
            id="deviations.export",
            tooltip="Spara listan som CSV-fil för Excel i dina dokument",
        ),
        Binding(
            "f",
            "filters",
            "Filter",
            id="deviations.filters",
            tooltip="Ändra period och status; Enter visar",
        ),
    ]
    DEFAULT_CSS = """
    DeviationListScreen #title { height: 1; padding: 0 1; background: $primary; color: $text; }
    DeviationListScreen #filters { height: 1; margin: 1 0 0 0; }
    DeviationListScreen #filters Label { padding: 0 1; }
    DeviationListScreen #first, DeviationListScreen #last { width: 12; }
    DeviationListScreen #status { width: 16; }
    DeviationListScreen DataTable { height: 1fr; }
    DeviationListScreen #detail { height: 3; padding: 0 1; background: $boost; }
    DeviationListScreen #problem { padding: 0 1; margin-bottom: 1; }
    DeviationListScreen #problem.error { color: $error; text-style: bold; }
    """

    def __init__(self, store: Store, session: Session) -> None:
        super().__init__()
        self.store, self.session = store, session
        today = store.clock.now().date()
        self.first, self.last = today - timedelta(days=DEFAULT_DAYS), today
        self.statuses: frozenset[DeviationStatus] = frozenset()
        self.found: list[Deviation] = []

    def compose(self) -> ComposeResult:
        yield Static(visible(f"Avvikelser · {self.session.unit_name}"), id="title", markup=False)
        with Horizontal(id="filters"):
            yield Label("Från")
            yield Input(self.first.isoformat(), id="first", compact=True)
            yield Label("Till")
            yield Input(self.last.isoformat(), id="last", compact=True)
            yield Label("Status")
            options = [("alla", ALL)] + [(word, s.value) for s, word in STATUS_WORDS.items()]
            yield Select(options, value=ALL, allow_blank=False, id="status", compact=True)
        yield Static("", id="problem", markup=False)
        yield DataTable(id="deviations", cursor_type="row", zebra_stripes=True, cell_padding=0)
        yield Static("", id="detail", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, label in (
            ("id", "Nr"),
            ("when", "Hände"),
            ("status", "Status"),
            ("case", "Ärende"),
            ("what", "Vad hände"),
        ):
            table.add_column(label, key=key, width=WIDTHS[key])
        table.focus()
        self.load()

    # --- reading ------------------------------------------------------------------------------

    def load(self) -> None:
        store, session = self.store, self.session
        first, last, statuses = self.first, self.last, self.statuses
        self.call_store(
            lambda: store.deviations(session, first, last, statuses),
            then=self._show,
            refused=lambda refusal: self._say(refusal.message),
        )

    def _say(self, text: str, error: bool = True) -> None:
        """A line above the list: what went wrong (bold, in words), or how many there are."""
        line = self.query_one("#problem", Static)
        line.update(visible(text))
        line.set_class(error, "error")

    def _show(self, found: list[Deviation]) -> None:
        self.found = found
        table = self.query_one(DataTable)
        kept = table.cursor_row
        table.clear()
        for d in found:
            status = STATUS_WORDS[d.status]
            table.add_row(
                str(d.id),
                short_moment(d.occurred_at),
                Text(status, style="bold" if d.status is DeviationStatus.PROPOSED else ""),
                "" if d.case_id is None else str(d.case_id),
                literal(_what(d)),
                key=str(d.id),
            )
        if found:
            table.move_cursor(row=min(kept, len(found) - 1))
        if not found:
            self._say(
                "Inga avvikelser under perioden."
                if not self.statuses
                else "Inga avvikelser med den statusen under perioden.",
                error=False,
            )
        else:
            proposed = sum(d.status is DeviationStatus.PROPOSED for d in found)
            self._say(
                f"{len(found)} {'avvikelse' if len(found) == 1 else 'avvikelser'}, {proposed} "
                f"{'föreslagen' if proposed == 1 else 'föreslagna'} "
                "att bekräfta (b) eller avfärda (a).",
                error=False,
            )
        self._detail()
        self.refresh_bindings()

    def current(self) -> Deviation | None:
        table = self.query_one(DataTable)
        if not self.found or not 0 <= table.cursor_row < len(self.found):
            return None
        return self.found[table.cursor_row]

    @on(DataTable.RowHighlighted)
    def _detail(self) -> None:
        d = self.current()
        detail = self.query_one("#detail", Static)
        if d is None:
            detail.update("")
            return
        who = d.reported_by or "sip-tui (förslag)"
        lines = [f"{d.id}: {d.description}", f"Rapporterad av {who} {short_moment(d.reported_at)}"]
        if d.decided_by and d.decided_at:
            decided = (
                f"{STATUS_WORDS[d.status].capitalize()} av {d.decided_by} "
                f"{short_moment(d.decided_at)}"
            )
            lines[1] += f" · {decided}" + (f": {d.reason}" if d.reason else "")
        detail.update(Text("\n").join(Text(visible(line)) for line in lines))
        self.refresh_bindings()

    # --- filters ------------------------------------------------------------------------------

    def action_filters(self) -> None:
        self.query_one("#first", Input).focus()

    @on(Input.Submitted)
    @on(Select.Changed)
    def _filter(self) -> None:
        period = typed_period(self, self._say)
        if period is None:
            return
        self.first, self.last = period
        status = self.query_one("#status", Select).value
        self.statuses = frozenset() if status == ALL else frozenset({DeviationStatus(str(status))})
        self.load()

    # --- deciding -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        may_change = bool(DEVIATION_ROLES & self.session.roles)
        if action in ("confirm", "dismiss_proposal", "register") and not may_change:
            return False
        if action in ("confirm", "dismiss_proposal"):
            d = self.current() if self.is_mounted else None
            return d is not None and d.status is DeviationStatus.PROPOSED
        return True

    def action_confirm(self) -> None:
        self._decide(confirm=True)

    def action_dismiss_proposal(self) -> None:
        self._decide(confirm=False)

    def _decide(self, confirm: bool, text: str = "", problem: str = "") -> None:
        d = self.current()
        if d is None or d.status is not DeviationStatus.PROPOSED:
            return
        request = AnswerRequest(
            f"{'Bekräfta' if confirm else 'Avfärda'} avvikelse {d.id}",
            "Kommentar (frivillig):" if confirm else "Varför avfärdas förslaget (krävs)?",
            required=not confirm,
            text=text,
            problem=problem,
            missing=(
                "Ange varför förslaget avfärdas, t.ex. att uppgiften gjordes i tid utanför sip-tui."
            ),
        )
        store, session = self.store, self.session

        def answered(typed: str | None) -> None:
            if typed is None:
                return
            if confirm:
                call = lambda: store.confirm_deviation(session, d.id, typed)  # noqa: E731
            else:
                call = lambda: store.dismiss_deviation(session, d.id, typed)  # noqa: E731
            done = "bekräftad" if confirm else "avfärdad"

            def refused(refusal: CallRefusal) -> None:
                self._decide(confirm, typed, refusal.message)  # nothing typed is lost

            self.call_store(
                call,
                then=lambda _: self._decided(f"Avvikelse {d.id} är {done}."),
                refused=refused,
            )

        self.app.push_screen(AnswerDialog(request), answered)

    def _decided(self, text: str) -> None:
        self.notify(text)
        self.load()

    def action_register(self) -> None:
        def closed(done: Deviation | None) -> None:
            if done is not None:
                self.notify(registered_text(done))
                self.load()

        self.app.push_screen(RegisterDialog(self.store, self.session), closed)

    # --- export -------------------------------------------------------------------------------

    def action_export(self) -> None:
        found, unit, first, last = list(self.found), self.session.unit, self.first, self.last

        def failed(refusal: CallRefusal) -> None:
            self.notify(refusal.message, severity="error")

        def written(path: object) -> None:
            self.notify(f"{len(found)} avvikelser sparade i {path}", title="Exporterat", timeout=15)

        store, session = self.store, self.session
        cases = [d.case_id for d in found if d.case_id is not None]

        def export() -> object:
            store.record_export(session, "deviations", len(found), cases)  # logged first
            return _export(found, unit, first, last)

        self.call_store(export, then=written, refused=failed)


def _export(found: list[Deviation], unit: str, first: date, last: date) -> object:
    from sip_tui.domain.errors import InvalidInput

    try:
        return export_csv(found, unit, first, last)
    except OSError as trouble:
        raise InvalidInput(
            f"Filen kunde inte sparas ({trouble.strerror or trouble}); kontrollera att "
            "mappen Dokument finns och går att skriva i."
        ) from None


def _what(deviation: Deviation) -> str:
    """The description on one line, without the "Ärende N: " that the Ärende column shows."""
    text = " ".join(deviation.description.split())
    return text.removeprefix(f"Ärende {deviation.case_id}: ") if deviation.case_id else text
