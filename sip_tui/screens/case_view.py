"""A case, read-only: the individual, the units and their answers, our tasks, the history.

(The forms for every phase come with the case issue; this screen is what Enter on an
overview row opens until then.) Opening it is access-logged by the store."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from sip_tui.domain.errors import DomainError
from sip_tui.domain.explain import deadline_label
from sip_tui.domain.model import Answer, Case
from sip_tui.domain.texts import short_moment
from sip_tui.store.services import Store
from sip_tui.widgets.literal import literal, visible

ANSWERS = {
    Answer.PENDING: "väntar på svar",
    Answer.ACCEPTED: "accepterat",
    Answer.DECLINED: "nekat",
    Answer.FORWARDED: "vidarebefordrat",
}


class CaseScreen(Screen[None]):
    BINDINGS = [Binding("escape,q", "app.pop_screen", "Tillbaka")]
    DEFAULT_CSS = """
    CaseScreen VerticalScroll { padding: 0 1; }
    CaseScreen .heading { text-style: bold; margin-top: 1; }
    """

    def __init__(self, store: Store, login: str, unit: str, case_id: int) -> None:
        super().__init__()
        self.store, self.login, self.unit, self.case_id = store, login, unit, case_id

    def compose(self) -> ComposeResult:
        yield VerticalScroll(Static("Hämtar ärendet …", markup=False), id="body")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        try:
            case = self.store.open_case(self.login, self.unit, self.case_id)
        except DomainError as refusal:
            self.app.call_from_thread(self._refused, str(refusal))
            return
        self.app.call_from_thread(self._show, case)

    def _refused(self, message: str) -> None:
        body = self.query_one("#body", VerticalScroll)
        body.remove_children()
        body.mount(Static(message, markup=False))

    def _show(self, case: Case) -> None:
        now = self.store.clock.now()
        body = self.query_one("#body", VerticalScroll)
        body.remove_children()
        person = case.individual
        pnr = f"{person.personnummer[:8]}-{person.personnummer[8:]}"
        body.mount(Static(visible(f"{person.name}  {pnr}"), classes="heading", markup=False))
        body.mount(
            Static(
                visible(
                    f"Samordnande enhet: {case.unit_name(case.coordinator_unit)} "
                    f"({case.coordinator_user})"
                ),
                markup=False,
            )
        )
        units = Table.grid(padding=(0, 2))
        for participant in case.participants.values():
            answered = short_moment(participant.answered_at) if participant.answered_at else ""
            units.add_row(
                literal(case.unit_name(participant.unit)),
                Text(ANSWERS[participant.state]),
                Text(answered),
                literal(participant.comment),
            )
        body.mount(Static("Enheter", classes="heading"))
        body.mount(Static(units))
        tasks = Table.grid(padding=(0, 2))
        for task in self.store.tasks_in_case(case, self.unit):
            tasks.add_row(
                Text(task.phase.value),
                Text(task.kind.value),
                Text(deadline_label(task.deadline, now)),
            )
        body.mount(Static("Vår enhets uppgifter", classes="heading"))
        body.mount(Static(tasks if tasks.row_count else Text("Inga.")))
        history = Table.grid(padding=(0, 2))
        for event in case.history:
            history.add_row(
                Text(short_moment(event.at)),
                literal(event.user),
                literal(case.unit_name(event.unit)),
                literal(event.action),
                literal(event.detail),
            )
        body.mount(Static("Historik", classes="heading"))
        body.mount(Static(history))
