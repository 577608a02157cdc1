"""Lokal rutin (seed 000): which professional function watches the unit mailbox, how the
responsible professional is told, who covers at absence, and the support contact. Every
member of the unit reads it here; the unit's manager edits it (F2/ctrl+s Spara)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static, TextArea

from sip_tui.domain.roles import Role
from sip_tui.domain.routine import ROUTINE_FIELDS, LocalRoutine, text_fields, with_texts
from sip_tui.domain.session import Session
from sip_tui.domain.texts import short_moment
from sip_tui.store.service.api import Store
from sip_tui.ui.dialogs.simple import LoseChangesScreen
from sip_tui.ui.runtime.calls import CallRefusal, StoreCaller
from sip_tui.ui.widgets.footer import KeyFooter
from sip_tui.ui.widgets.literal import visible


class RoutineScreen(StoreCaller, Screen[None]):
    BINDINGS = [
        Binding(
            "escape", "back", "Tillbaka", id="routine.back", tooltip="Tillbaka till översikten"
        ),
        Binding(
            "f2,ctrl+s",
            "save",
            "Spara",
            id="routine.save",
            tooltip="Spara den lokala rutinen (enhetschefen)",
        ),
    ]
    DEFAULT_CSS = """
    RoutineScreen #title { height: 1; padding: 0 1; background: $primary; color: $text; }
    RoutineScreen VerticalScroll { height: 1fr; padding: 0 1; }
    RoutineScreen Label { color: $text-muted; }
    RoutineScreen TextArea { height: 4; }
    RoutineScreen #state { padding: 0 1; }
    RoutineScreen #problem { color: $error; text-style: bold; padding: 0 1; }
    """

    def __init__(self, store: Store, session: Session) -> None:
        super().__init__()
        self.store, self.session = store, session
        self.saved: LocalRoutine | None = None

    @property
    def manager(self) -> bool:
        return Role.MANAGER in self.session.roles

    def compose(self) -> ComposeResult:
        yield Static(visible(f"Lokal rutin · {self.session.unit_name}"), id="title", markup=False)
        with VerticalScroll():
            for name, label in ROUTINE_FIELDS.items():
                yield Label(label)
                yield TextArea(id=name, read_only=True, soft_wrap=True)
        yield Static("Hämtar rutinen …", id="state", markup=False)
        yield Static("", id="problem", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        store, session = self.store, self.session
        self.call_store(
            lambda: store.local_routine(session), then=self._show, refused=self._refused
        )

    def _refused(self, refusal: CallRefusal) -> None:
        self.query_one("#problem", Static).update(visible(refusal.message))
        if refusal.field in ROUTINE_FIELDS:
            self.query_one(f"#{refusal.field}", TextArea).focus()

    def _show(self, routine: LocalRoutine) -> None:
        self.saved = routine
        for name, text in text_fields(routine).items():
            area = self.query_one(f"#{name}", TextArea)
            area.load_text(text)
            area.read_only = not self.manager
        self.query_one("#problem", Static).update("")
        self._state(routine)
        self.query(TextArea).first().focus()
        self.refresh_bindings()

    def _state(self, routine: LocalRoutine) -> None:
        parts = []
        if routine.updated_at is not None:
            parts.append(
                f"Senast ändrad {short_moment(routine.updated_at)} av {routine.updated_by}."
            )
        elif not any(text_fields(routine).values()):
            parts.append("Enheten har inte skrivit sin lokala rutin än.")
        parts.append(
            "Du kan ändra texterna och spara med F2."
            if self.manager
            else "Bara enhetschefen kan ändra rutinen."
        )
        self.query_one("#state", Static).update(visible(" ".join(parts)))

    def typed(self) -> LocalRoutine:
        texts = {name: self.query_one(f"#{name}", TextArea).text for name in ROUTINE_FIELDS}
        return with_texts(self.session.unit, texts)

    def changed(self) -> bool:
        if self.saved is None:
            return False
        return text_fields(self.typed()) != text_fields(self.saved)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save":
            return self.manager and self.saved is not None
        return True

    def action_save(self) -> None:
        store, session, routine = self.store, self.session, self.typed()

        def saved(result: LocalRoutine) -> None:
            self.saved = result
            self._state(result)
            self.query_one("#problem", Static).update("")
            self.notify("Den lokala rutinen är sparad.")

        self.call_store(
            lambda: store.save_local_routine(session, routine), then=saved, refused=self._refused
        )

    def action_back(self) -> None:
        if not self.changed():
            self.app.pop_screen()
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.app.pop_screen()

        self.app.push_screen(
            LoseChangesScreen("Lämna utan att spara?", "Ändringarna i rutinen är inte sparade."),
            answered,
        )
