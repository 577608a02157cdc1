"""Registrera avvikelse: when it happened, what happened and, when it concerns one, the
case and the item (prefilled from the case screen). Seed 000: *"I avvikelserapporten ska
det framgå från vilken enhet rapporten kommer från, datum och tid."*

The dialog sends the registration itself and closes only when the store took it; a
refusal (the store's Swedish reason, or bad input) is shown in the dialog, under what was
typed, which stays."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from sip_tui.domain.clock import parse_moment
from sip_tui.domain.deviations import Deviation
from sip_tui.domain.session import Session
from sip_tui.domain.status import TaskKind
from sip_tui.store.service.api import Store
from sip_tui.ui.dialogs.simple import LoseChangesScreen
from sip_tui.ui.runtime.calls import CallRefusal, StoreCaller
from sip_tui.ui.runtime.keys import HELP
from sip_tui.ui.widgets.footer import KeyFooter
from sip_tui.ui.widgets.literal import visible

MOMENT_FORMAT = "%Y-%m-%d %H:%M"
NO_ITEM = "-"


@dataclass(frozen=True)
class ItemChoice:
    """A task of the case the deviation may concern: its words, kind and reference."""

    label: str
    kind: TaskKind
    ref: int | None

    @property
    def key(self) -> str:
        return f"{self.kind.value}|{'' if self.ref is None else self.ref}"


class RegisterDialog(StoreCaller, ModalScreen[Deviation | None]):
    BINDINGS = [
        Binding(
            "f2,ctrl+s",
            "register",
            "Registrera",
            id="deviations.register",
            tooltip="Registrera avvikelsen för enheten",
        ),
        Binding(
            "escape",
            "cancel",
            "Avbryt",
            id="deviations.register_cancel",
            tooltip="Stäng utan att registrera",
        ),
        HELP,
    ]
    DEFAULT_CSS = """
    RegisterDialog { align: center middle; }
    RegisterDialog > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; padding: 0 1; background: $surface;
    }
    RegisterDialog .title { text-style: bold; }
    RegisterDialog Horizontal { height: auto; }
    RegisterDialog .field { height: auto; width: auto; }
    RegisterDialog #when { width: 24; }
    RegisterDialog #case { width: 12; }
    RegisterDialog .gap { width: 2; }
    RegisterDialog Label { color: $text-muted; }
    RegisterDialog #description { height: 5; }
    RegisterDialog #problem { color: $error; text-style: bold; }
    """

    def __init__(
        self,
        store: Store,
        session: Session,
        case_id: int | None = None,
        items: tuple[ItemChoice, ...] = (),
    ) -> None:
        super().__init__()
        self.store, self.session, self.case_id, self.items = store, session, case_id, items

    def compose(self) -> ComposeResult:
        now = self.store.clock.now()
        with Vertical():
            yield Static(
                visible(f"Registrera avvikelse · {self.session.unit_name}"),
                classes="title",
                markup=False,
            )
            with Horizontal():
                with Vertical(id="when-box", classes="field"):
                    yield Label("När hände det? (ÅÅÅÅ-MM-DD TT:MM)")
                    yield Input(now.strftime(MOMENT_FORMAT), id="when")
                yield Static("", classes="gap")
                with Vertical(classes="field"):
                    yield Label("Ärende (nr, frivilligt)")
                    case = "" if self.case_id is None else str(self.case_id)
                    yield Input(case, id="case", restrict=r"\d*")
            if self.items:
                yield Label("Vilken uppgift gäller det?")
                options = [("Ingen särskild uppgift", NO_ITEM)]
                options += [(item.label, item.key) for item in self.items]
                yield Select(options, value=self.items[0].key, allow_blank=False, id="item")
            yield Label("Vad hände? (enhet, vad som inte blev gjort, följden)")
            yield TextArea(id="description")
            yield Static("", id="problem", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#description", TextArea).focus()

    def _problem(self, text: str, field: str | None = None) -> None:
        self.query_one("#problem", Static).update(visible(text))
        target = {"occurred_at": "#when", "case_id": "#case", "description": "#description"}
        if field in target:
            self.query_one(target[field]).focus()

    def action_register(self) -> None:
        typed = self.query_one("#when", Input).value
        try:
            when = parse_moment(typed)
        except ValueError:
            self._problem(
                f"Tidpunkten {typed.strip()!r} går inte att läsa; skriv den som "
                "ÅÅÅÅ-MM-DD TT:MM, t.ex. 2026-11-23 09:40.",
                "occurred_at",
            )
            return
        case_text = self.query_one("#case", Input).value.strip()
        case_id = int(case_text) if case_text else None
        item = self._item() if case_id == self.case_id else None
        description = self.query_one("#description", TextArea).text
        self._problem("")
        store, session = self.store, self.session
        self.call_store(
            lambda: store.register_deviation(
                session,
                when,
                description,
                case_id,
                item.kind if item else None,
                item.ref if item else None,
            ),
            then=self.dismiss,
            refused=self._refused,
        )

    def _item(self) -> ItemChoice | None:
        if not self.items:
            return None
        chosen = self.query_one("#item", Select).value
        return next((item for item in self.items if item.key == chosen), None)

    def _refused(self, refusal: CallRefusal) -> None:
        self._problem(refusal.message, refusal.field)

    def action_cancel(self) -> None:
        if not self.query_one("#description", TextArea).text.strip():
            self.dismiss(None)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(None)

        self.app.push_screen(
            LoseChangesScreen("Avbryta?", "Avvikelsen är inte registrerad. Stänga ändå?"),
            answered,
        )


def registered_text(deviation: Deviation) -> str:
    return f"Avvikelse {deviation.id} är registrerad."


def announce(host: Widget) -> Callable[[Deviation | None], None]:
    """What a screen does when the dialog closed: say the new deviation's number."""

    def closed(done: Deviation | None) -> None:
        if done is not None:
            host.notify(registered_text(done))

    return closed
