"""Verksamhetsrapport (issue 14, seed 000 "Uttag av verksamhetsrapporter"): the session
unit's figures for a period — this month, last month or typed dates — as a table (the same
rows as ``sip-tui report`` and its CSV), a bar chart per week, and the CSV export for Excel.
For the unit's manager or an administrator (the store decides; the overview offers the key
only to them); an administrator also types the units (the county administrator's report on
several). Every report read is access-logged by the store."""

from __future__ import annotations

from datetime import date, timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label, Static

from sip_tui.domain.clock import to_stockholm
from sip_tui.domain.report import Report
from sip_tui.domain.report_rows import rows
from sip_tui.domain.roles import Role
from sip_tui.domain.session import Session
from sip_tui.store.service.api import Store
from sip_tui.ui.report.chart import WeekChart
from sip_tui.ui.report.export import export_report
from sip_tui.ui.runtime.calls import CallRefusal, StoreCaller
from sip_tui.ui.widgets.footer import KeyFooter
from sip_tui.ui.widgets.literal import visible
from sip_tui.ui.widgets.period import typed_period


def this_month(today: date) -> tuple[date, date]:
    return today.replace(day=1), today


def last_month(today: date) -> tuple[date, date]:
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


class ReportScreen(StoreCaller, Screen[None]):
    BINDINGS = [
        Binding(
            "escape,q",
            "app.pop_screen",
            "Tillbaka",
            id="report.back",
            tooltip="Tillbaka till översikten",
        ),
        Binding(
            "m", "this_month", "Månaden", id="report.this_month", tooltip="Denna månad hittills"
        ),
        Binding("f", "last_month", "Förra mån", id="report.last_month", tooltip="Förra månaden"),
        Binding(
            "d",
            "dates",
            "Datum",
            id="report.dates",
            tooltip="Skriv period: från- och till-datum (ÅÅÅÅ-MM-DD); Enter visar",
        ),
        Binding(
            "x",
            "export",
            "CSV",
            id="report.export",
            tooltip="Spara rapporten som CSV-fil för Excel i dina dokument",
        ),
    ]
    DEFAULT_CSS = """
    ReportScreen #title { height: 1; padding: 0 1; background: $primary; color: $text; }
    ReportScreen #period { height: 1; }
    ReportScreen #period Label { padding: 0 1; }
    ReportScreen #first, ReportScreen #last { width: 12; }
    ReportScreen #units { width: 1fr; }
    ReportScreen #problem { padding: 0 1; height: 1; }
    ReportScreen #problem.error { color: $error; text-style: bold; }
    ReportScreen #body { height: 1fr; }
    ReportScreen #figures { width: 46; height: 1fr; }
    ReportScreen WeekChart { width: 1fr; height: 1fr; }
    """

    def __init__(self, store: Store, session: Session) -> None:
        super().__init__()
        self.store, self.session = store, session
        self.first, self.last = last_month(to_stockholm(store.clock.now()).date())
        self.report: Report | None = None
        self.units: tuple[str, ...] = (session.unit,)
        self.several = Role.ADMIN in session.roles

    def compose(self) -> ComposeResult:
        title = f"Verksamhetsrapport · {self.session.unit_name}"
        yield Static(visible(title), id="title", markup=False)
        with Horizontal(id="period"):
            yield Label("Från")
            yield Input(self.first.isoformat(), id="first", compact=True)
            yield Label("Till")
            yield Input(self.last.isoformat(), id="last", compact=True)
            if self.several:
                yield Label("Enheter")
                yield Input(" ".join(self.units), id="units", compact=True)
        yield Static("", id="problem", markup=False)
        with Horizontal(id="body"):
            yield DataTable(id="figures", cursor_type="row", show_header=False, cell_padding=1)
            yield WeekChart()
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Uppgift", key="label", width=24)
        table.add_column("Värde", key="value", width=16)  # "3 d 23 h 55 min" whole
        table.focus()
        self.load()

    # --- reading ------------------------------------------------------------------------------

    def load(self) -> None:
        store, session, first, last = self.store, self.session, self.first, self.last
        units = list(self.units)
        self.query_one("#first", Input).value = first.isoformat()
        self.query_one("#last", Input).value = last.isoformat()
        self.call_store(
            lambda: _report(store, session, units, first, last),
            then=self._show,
            refused=lambda refusal: self._say(refusal.message),
        )

    def _say(self, text: str, error: bool = True) -> None:
        line = self.query_one("#problem", Static)
        line.update(visible(text))
        line.set_class(error, "error")

    def _show(self, report: Report) -> None:
        self.report = report
        table = self.query_one(DataTable)
        table.clear()
        for key, label, value in rows(report):
            if key in ("period", "units"):
                continue  # in the period fields and the title
            table.add_row(label, value, key=key)
        self.query_one(WeekChart).show(report)
        units = f" ({', '.join(report.units)})" if len(report.units) > 1 else ""
        self._say(f"{report.first} – {report.last}{units}: {report.incoming} inkomna.", error=False)
        self.refresh_bindings()  # x CSV: now there is a report to export

    def shown(self) -> dict[str, str]:
        """The figures as shown: key → value text (for the tests: the same as the CSV)."""
        table = self.query_one(DataTable)
        return {
            str(key.value): str(table.get_cell(key, "value"))
            for key in table.rows
            if key.value is not None
        }

    # --- the period ---------------------------------------------------------------------------

    def _today(self) -> date:
        return to_stockholm(self.store.clock.now()).date()

    def action_this_month(self) -> None:
        self.first, self.last = this_month(self._today())
        self.load()

    def action_last_month(self) -> None:
        self.first, self.last = last_month(self._today())
        self.load()

    def action_dates(self) -> None:
        self.query_one("#first", Input).focus()

    @on(Input.Submitted)
    def _typed(self) -> None:
        period = typed_period(self, self._say)
        if period is None:
            return
        if self.several:
            codes = self.query_one("#units", Input).value.replace(",", " ").split()
            if not codes:
                self._say("Skriv minst en enhets kod, t.ex. " + self.session.unit + ".")
                self.query_one("#units", Input).focus()
                return
            self.units = tuple(dict.fromkeys(codes))
        self.first, self.last = period
        self.query_one(DataTable).focus()
        self.load()

    # --- export -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export":
            return self.report is not None
        return True

    def action_export(self) -> None:
        report = self.report
        if report is None:
            return

        def failed(refusal: CallRefusal) -> None:
            self.notify(refusal.message, severity="error")

        def written(path: object) -> None:
            self.notify(f"Rapporten sparad i {path}", title="Exporterat", timeout=15)

        store, session = self.store, self.session

        def export() -> object:
            store.record_export(session, "report", len(rows(report)))  # logged first
            return _export(report)

        self.call_store(export, then=written, refused=failed)


def _report(store: Store, session: Session, units: list[str], first: date, last: date) -> Report:
    """(Worker thread.) The report; a unit code the store does not know is said in Swedish
    under the field (not as a store outage)."""
    from sip_tui.domain.errors import InvalidInput
    from sip_tui.store.errors import UnknownUnit

    try:
        return store.report(session, units, first, last)
    except UnknownUnit:
        unknown = [code for code in units if not _known(store, code)]
        raise InvalidInput(
            f"Enheten {', '.join(unknown) or ', '.join(units)} finns inte; skriv enhetens kod.",
            field="units",
        ) from None


def _known(store: Store, code: str) -> bool:
    from sip_tui.store.errors import UnknownUnit

    try:
        store.unit_name(code)
    except UnknownUnit:
        return False
    return True


def _export(report: Report) -> object:
    from sip_tui.domain.errors import InvalidInput

    try:
        return export_report(report)
    except OSError as trouble:
        raise InvalidInput(
            f"Filen kunde inte sparas ({trouble.strerror or trouble}); kontrollera att "
            "mappen Dokument finns och går att skriva i."
        ) from None
