"""A case: the individual, its parts (Enter opens the part's form), the units and their
answers, external participants, our tasks, messages and the history. Kvittera (Acceptera,
Neka) is done here. Opening it is access-logged by the store."""

from __future__ import annotations

from dataclasses import replace

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sip_tui.domain.commands import Command, DeclineInitiative, VoidInitiative
from sip_tui.domain.errors import DomainError
from sip_tui.domain.explain import deadline_label
from sip_tui.domain.model import Case
from sip_tui.domain.offers import Acknowledgement
from sip_tui.domain.rules import check_access
from sip_tui.domain.session import Session
from sip_tui.domain.status import tasks_for
from sip_tui.domain.texts import short_moment
from sip_tui.store.errors import StoreError, is_outage
from sip_tui.store.service.api import Store
from sip_tui.ui.case.keys import CASE_KEYS
from sip_tui.ui.case.offers import Offers
from sip_tui.ui.case.part_forms import open_part
from sip_tui.ui.case.parts import PartLine, part_lines
from sip_tui.ui.case.printing import PrintDialog
from sip_tui.ui.case.text import TASKS, external_lines, history_text, joined_text
from sip_tui.ui.deviations.register import ItemChoice, RegisterDialog, announce
from sip_tui.ui.dialogs.answer import AnswerDialog, AnswerRequest
from sip_tui.ui.dialogs.forward import ForwardDialog
from sip_tui.ui.dialogs.void import VoidFlow, VoidTarget
from sip_tui.ui.runtime.commands import CommandSender
from sip_tui.ui.runtime.context import CaseContext
from sip_tui.ui.runtime.host import outage_since, store_failed
from sip_tui.ui.runtime.messages import (
    CaseLoaded,
    CaseRefused,
    StoreBack,
    StoreChanged,
    StoreUnavailable,
)
from sip_tui.ui.runtime.workers import post
from sip_tui.ui.widgets.footer import KeyFooter
from sip_tui.ui.widgets.literal import literal, visible
from sip_tui.ui.widgets.outage_banner import moment_text
from sip_tui.ui.widgets.phase_cell import GLYPHS, status_style


class PartList(OptionList):
    """The case's parts; Enter opens the highlighted one."""

    BINDINGS = [
        Binding("enter", "select", "Öppna", id="case.open", tooltip="Öppna delen där markören står")
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.option_count > 0 if action == "select" else True


class CaseScreen(CommandSender, Screen[None]):
    BINDINGS = CASE_KEYS

    def __init__(self, store: Store, session: Session, case_id: int) -> None:
        super().__init__()
        self.store, self.session, self.case_id = store, session, case_id
        self.case: Case | None = None
        self.offers = Offers()  # what the keys send, asked of the domain once per case
        self._generation = 0  # of the newest read started
        self._shown_generation = 0  # of the read on screen: older results are dropped
        self._unread = False  # the last read failed for want of the store: read when back

    def who(self) -> tuple[Store, Session]:
        return self.store, self.session

    @property
    def unit(self) -> str:
        return self.session.unit

    @property
    def context(self) -> CaseContext:
        assert self.case is not None
        return CaseContext(self.store, self.session, self.case)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(event.option.id or "")

    def _open(self, part: str) -> None:
        def closed(wrote: bool | None) -> None:
            if wrote:
                self.load()

        screen = open_part(part, self.context)
        if screen is not None:
            self.app.push_screen(screen, closed)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A key only while the domain would allow what it sends (asked once per case)."""
        offers = self.offers
        if action in ("accept", "decline"):
            return offers.acknowledgement is not None
        if action == "mark_read":
            return bool(offers.unread)
        if action == "void":
            return bool(offers.voidable)
        if action == "forward":
            return offers.forward
        if action == "print":
            return self.case is not None
        return True

    def took(self, case: Case) -> None:
        """After our command: the case as the store now has it (not read again); nothing
        of it once our unit has no access any more (declined, forwarded)."""
        self._shown_generation = self._next_generation()  # a read started before is older
        refusal = check_access(case, self.unit)
        if refusal is not None:
            self._refused(str(refusal))
        else:
            self._show(case)

    def action_void(self) -> None:
        """Makulera (coordinator): the part, a reason, a confirmation; voiding the
        initiative voids the case, which then leaves the overview."""

        def voided(target: VoidTarget, case: Case) -> None:
            self.notify(f"Makulerat: {target.what}.")
            if isinstance(target.command, VoidInitiative):
                self.app.pop_screen()

        VoidFlow(self, self.offers.voidable, voided).start()

    def action_forward(self) -> None:
        """Vidarebefordra a misdirected initiative; then we have no access: to the overview."""

        def closed(forwarded: bool | None) -> None:
            if forwarded:
                self.notify("Initiativet är vidarebefordrat.")
                self.app.pop_screen()

        self.app.push_screen(ForwardDialog(self.context), closed)

    def action_register_deviation(self) -> None:
        """Registrera avvikelse: this case, and our unit's open tasks in it to choose
        from (the most urgent first)."""
        items: tuple[ItemChoice, ...] = ()
        if self.case is not None:
            now = self.store.clock.now()
            tasks = tasks_for(self.case, self.unit, self.store.calendar)
            tasks.sort(key=lambda task: (task.deadline is None, task.deadline or now))
            items = tuple(
                ItemChoice(
                    f"{task.phase.value}: {TASKS[task.kind]} "
                    f"({deadline_label(task.deadline, now)})",
                    task.kind,
                    task.ref,
                )
                for task in tasks
            )
        dialog = RegisterDialog(self.store, self.session, self.case_id, items)
        self.app.push_screen(dialog, announce(self))

    def action_print(self) -> None:
        """Skriv ut: the plan, the evaluation or a paper form, from this case or blank."""
        self.app.push_screen(PrintDialog(self.store, self.session, self.case_id))

    def action_mark_read(self) -> None:
        unread = self.offers.unread
        self.send(
            *unread,
            then=lambda _: self.notify(f"{len(unread)} meddelande(n) markerade som lästa."),
        )

    def action_accept(self) -> None:
        self._answer(accept=True)

    def action_decline(self) -> None:
        self._answer(accept=False)

    def _answer(
        self,
        accept: bool,
        text: str = "",
        problem: str = "",
        due: Acknowledgement | None = None,
    ) -> None:
        """The Kvittera dialog; after a refusal, again for the same thing (even if the
        case, read again meanwhile, no longer asks for it) with the typed text."""
        due = due or self.offers.acknowledgement
        if due is None:
            return
        if accept:
            request = AnswerRequest(
                f"Acceptera {due.what}",
                "Kvittenskommentar (frivillig), t.ex. en dag som passar:",
                required=False,
                text=text,
                problem=problem,
            )
        else:
            loses = " Er enhet förlorar då behörigheten till ärendet."
            # An initiative is declined for want of a commitment (who should get it?); a
            # call because the time does not suit (which time would?).
            prompt = (
                "Anledning (krävs); föreslå gärna rätt mottagare:"
                if isinstance(due.decline, DeclineInitiative)
                else "Varför passar inte tiden (krävs)? Föreslå gärna en annan tid:"
            )
            request = AnswerRequest(
                f"Neka {due.what}",
                prompt,
                required=True,
                confirm=f"Neka {due.what}?{loses if due.declining_loses_access else ''}",
                text=text,
                problem=problem,
            )

        def answered(typed: str | None) -> None:
            if typed is None:
                return
            command: Command = (
                replace(due.accept, comment=typed) if accept else replace(due.decline, reason=typed)
            )
            self.send(
                command,
                then=lambda _: self._answered(due, accept),
                # Nothing typed is lost: the dialog comes back with the text and the reason.
                refused=lambda refusal: self._answer(accept, typed, refusal.message, due),
            )

        self.app.push_screen(AnswerDialog(request), answered)

    def _answered(self, due: Acknowledgement, accept: bool) -> None:
        self.notify(f"Ni har {'accepterat' if accept else 'nekat'} {due.what}.")
        if not accept and due.declining_loses_access:
            self.app.pop_screen()  # no access any more

    def compose(self) -> ComposeResult:
        yield Static("Hämtar ärendet …", id="who", markup=False)
        yield Static("", id="case-stale", markup=False)
        yield PartList(id="parts")
        yield VerticalScroll(id="body")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._mark_stale()
        self.load()

    def load(self) -> None:
        """Read the case (an access-logged read) in a thread worker; the result arrives as
        ``CaseLoaded`` or ``CaseRefused``."""
        self._read(self._next_generation(), only_if_changed=False)

    def on_store_changed(self, message: StoreChanged) -> None:
        """Someone changed our unit's cases: read this one again if its history grew (an
        unlogged count decides, so an idle case screen does not fill the access log)."""
        if message.concerns(self.unit) and self.case is not None:
            self._read(self._next_generation(), only_if_changed=True)

    def _next_generation(self) -> int:
        self._generation += 1
        return self._generation

    @work(thread=True, exclusive=True, group="read")
    def _read(self, generation: int, only_if_changed: bool) -> None:
        try:
            if only_if_changed:
                known = self.case
                if known is None or self.store.case_stamp(self.case_id, self.unit) == len(
                    known.history
                ):
                    return
            case = self.store.open_case(self.session, self.case_id)
        except DomainError as refusal:
            post(self, CaseRefused(str(refusal), generation))
            return
        except StoreError as trouble:  # keep what is on screen; the change feed retries
            store_failed(self.app, trouble)
            if not only_if_changed:
                unavailable = StoreUnavailable(trouble.swedish, "ärendet", is_outage(trouble))
                post(self, unavailable)
            return
        post(self, CaseLoaded(case, generation))

    def _fresh(self, generation: int) -> bool:
        """Is a result of read ``generation`` newer than what is shown? (Remembers it.)"""
        if generation < self._shown_generation:
            return False
        self._shown_generation = generation
        return True

    def on_case_loaded(self, message: CaseLoaded) -> None:
        if self._fresh(message.generation):
            self._show(message.case)

    def on_case_refused(self, message: CaseRefused) -> None:
        if self._fresh(message.generation):
            self._refused(message.reason)

    def on_store_unavailable(self, message: StoreUnavailable) -> None:
        """Our own read failed (``what``), or an outage began: what is shown stays, marked
        not current; a case never shown says why instead of "Hämtar ärendet …"."""
        self._mark_stale()
        if not message.what:
            return
        if self.case is None:
            self._unread = True
            again = " Det hämtas när databasen svarar igen." if message.outage else ""
            self.query_one("#who", Static).update(
                f"Ärendet kunde inte hämtas: {message.message}.{again}"
            )
        else:
            self.notify(f"Kunde inte läsa ärendet: {message.message}.", severity="error")

    def on_store_back(self, message: StoreBack) -> None:
        """The store answers again: a case never shown is read now (a shown one is read
        when its history grew, with the ``StoreChanged`` that follows)."""
        self._mark_stale()
        if self._unread and self.case is None:
            self._unread = False
            self.query_one("#who", Static).update("Hämtar ärendet …")
            self.load()

    def _mark_stale(self) -> None:
        """During an outage a line under the name: what is shown is not current."""
        since = outage_since(self.app)
        line = self.query_one("#case-stale", Static)
        line.display = since is not None
        if since is not None:
            now = self.store.clock.now()
            line.update(
                f"Ej aktuellt sedan {moment_text(since, now)}: ärendet som det senast hämtades."
            )

    def _refused(self, message: str) -> None:
        """No access (any more): show why, and nothing of the case."""
        self.case = None
        self.offers = Offers()
        self.refresh_bindings()
        self.query_one("#who", Static).update(visible(message))
        self.query_one("#parts", OptionList).clear_options()
        self.query_one("#body", VerticalScroll).remove_children()

    def _show(self, case: Case) -> None:
        self.case = case
        now = self.store.clock.now()
        self.offers = Offers.of(self.context, now)
        self.refresh_bindings()
        person = case.individual
        pnr = f"{person.personnummer[:8]}-{person.personnummer[8:]}"
        closed = "  (AVSLUTAT)" if not case.is_open else ""
        self.query_one("#who", Static).update(
            Text.assemble(
                literal(f"{person.name}  {pnr}{closed}"),
                "\n",
                literal(
                    f"Samordnande: {case.unit_name(case.coordinator_unit)}, "
                    f"{case.user_name(case.coordinator_user)}"
                ),
            )
        )
        parts = self.query_one("#parts", OptionList)
        highlighted = parts.highlighted or 0
        parts.clear_options()
        parts.add_options(self._part_options(part_lines(case, self.unit)))
        parts.highlighted = highlighted
        parts.focus()
        self.refresh_bindings()
        body = self.query_one("#body", VerticalScroll)
        body.remove_children()
        units = Table.grid(padding=(0, 2))
        for participant in case.participants.values():
            answered = short_moment(participant.answered_at) if participant.answered_at else ""
            units.add_row(
                literal(case.unit_name(participant.unit)),
                Text(joined_text(participant)),
                Text(answered),
                literal(participant.comment),
            )
        body.mount(Static("Enheter", classes="heading"))
        body.mount(Static(units))
        externals = external_lines(case, self.unit)
        if externals:
            body.mount(Static("Externa deltagare", classes="heading"))
            body.mount(Static(visible("\n".join(externals)), markup=False))
        tasks = Table.grid(padding=(0, 2))
        for task in tasks_for(case, self.unit, self.store.calendar):
            tasks.add_row(
                Text(task.phase.value),
                Text(TASKS[task.kind]),
                Text(deadline_label(task.deadline, now)),
            )
        body.mount(Static("Vår enhets uppgifter", classes="heading"))
        body.mount(Static(tasks if tasks.row_count else Text("Inga.")))
        messages = Table.grid(padding=(0, 2))
        for message in case.active_messages():
            unread = message.read_at.get(self.unit, "") is None
            messages.add_row(
                Text(short_moment(message.sent_at)),
                literal(case.unit_name(message.sender_unit)),
                Text("oläst" if unread else "", style="bold"),
                literal(message.text),
            )
        body.mount(Static("Meddelanden", classes="heading"))
        body.mount(Static(messages if messages.row_count else Text("Inga.")))
        body.mount(Static("Historik (senaste först)", classes="heading"))
        body.mount(Static(history_text(case)))

    def _part_options(self, lines: list[PartLine]) -> list[Option]:
        options = []
        for line in lines:
            text = Text()
            style = status_style(line.status, self.app.no_color)
            text.append(f" {GLYPHS[line.status]} ", style=style)
            text.append(f"{line.label:<13}", style="bold")
            text.append(line.summary)
            options.append(Option(text, id=line.part.value))
        return options
