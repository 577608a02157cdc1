"""One change of the roster, typed: a person's weekdays, a dated watch, a cover or an
absence. The dialog parses what was typed (a Swedish message under it when it cannot),
sends the change through ``Store.change_roster`` and closes with the new roster only when
the store took it; a refusal is shown in the dialog and what was typed stays."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from sip_tui.domain.calendar import WEEKDAY_NAMES
from sip_tui.domain.session import Session
from sip_tui.domain.texts import WEEKDAYS_SHORT
from sip_tui.domain.watch import Roster, RosterChange, SetAbsence, SetCover, SetDated, SetWeekdays
from sip_tui.store.service.api import Store
from sip_tui.ui.runtime.calls import CallRefusal, StoreCaller
from sip_tui.ui.runtime.keys import HELP
from sip_tui.ui.widgets.footer import KeyFooter
from sip_tui.ui.widgets.literal import visible


class Kind(StrEnum):
    WEEKLY = "weekly"
    DATED = "dated"
    COVER = "cover"
    ABSENCE = "absence"


TITLES = {
    Kind.WEEKLY: "Veckobevakning: vilka veckodagar personen bevakar",
    Kind.DATED: "Bevakning ett visst datum",
    Kind.COVER: "Ersättare: täcker upp när ingen ordinarie bevakar",
    Kind.ABSENCE: "Frånvaro: personen bevakar inte under perioden",
}


class TypedWrong(ValueError):
    """What was typed cannot be read; the Swedish message and the field."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


def parse_weekdays(text: str) -> frozenset[int]:
    """``mån tis ons``, ``mån-fre``, ``måndag, onsdag``; empty: none."""
    names = {name: i for i, name in enumerate(WEEKDAYS_SHORT)}
    names |= {name: i for i, name in enumerate(WEEKDAY_NAMES)}
    days: set[int] = set()
    for word in filter(None, re.split(r"[,\s]+", text.strip().lower())):
        ends = word.split("-")
        if len(ends) > 2 or any(end not in names for end in ends):
            raise TypedWrong(
                f'{word!r} är ingen veckodag; skriv t.ex. "mån tis ons" eller "mån-fre".',
                "weekdays",
            )
        first, last = names[ends[0]], names[ends[-1]]
        if last < first:
            raise TypedWrong(f"{word!r}: ange veckodagarna i ordning, t.ex. mån-fre.", "weekdays")
        days.update(range(first, last + 1))
    return frozenset(days)


def parse_day(text: str, field: str, label: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise TypedWrong(
            f"{label} {text.strip()!r} är inget datum; skriv ÅÅÅÅ-MM-DD, t.ex. 2026-12-24.",
            field,
        ) from None


@dataclass(frozen=True)
class Entry:
    """What the dialog starts with: the kind, the person, the typed texts."""

    kind: Kind
    login: str | None = None
    weekdays: str = ""
    first: str = ""
    last: str = ""


class RosterEntryDialog(StoreCaller, ModalScreen[Roster | None]):
    BINDINGS = [
        Binding(
            "f2,ctrl+s",
            "save",
            "Spara",
            id="roster.save",
            tooltip="Spara ändringen i bevakningsschemat",
        ),
        Binding("escape", "cancel", "Avbryt", id="roster.cancel", tooltip="Stäng utan att spara"),
        HELP,
    ]
    DEFAULT_CSS = """
    RosterEntryDialog { align: center middle; }
    RosterEntryDialog > Vertical {
        width: 64; max-width: 100%; height: auto; border: round $primary;
        padding: 0 1; background: $surface;
    }
    RosterEntryDialog .title { text-style: bold; margin-bottom: 1; }
    RosterEntryDialog Label { color: $text-muted; }
    RosterEntryDialog #problem { color: $error; text-style: bold; }
    """

    def __init__(self, store: Store, session: Session, roster: Roster, entry: Entry) -> None:
        super().__init__()
        self.store, self.session, self.roster, self.entry = store, session, roster, entry

    def compose(self) -> ComposeResult:
        entry = self.entry
        people = sorted(self.roster.members.items(), key=lambda item: (item[1], item[0]))
        login = entry.login if entry.login in self.roster.members else people[0][0]
        with Vertical():
            yield Static(TITLES[entry.kind], classes="title", markup=False)
            yield Label("Person")
            options = [(visible(f"{name} ({who})"), who) for who, name in people]
            yield Select(options, value=login, allow_blank=False, id="login")
            if entry.kind is Kind.WEEKLY:
                yield Label("Veckodagar (t.ex. mån tis ons eller mån-fre; tomt: inga)")
                yield Input(entry.weekdays, id="weekdays")
            elif entry.kind is Kind.DATED:
                yield Label("Datum (ÅÅÅÅ-MM-DD)")
                yield Input(entry.first, id="first")
            else:
                yield Label("Första dag (ÅÅÅÅ-MM-DD)")
                yield Input(entry.first, id="first")
                yield Label("Sista dag (ÅÅÅÅ-MM-DD)")
                yield Input(entry.last, id="last")
            yield Static("", id="problem", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def on_input_submitted(self) -> None:
        self.action_save()

    def _typed(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value

    def change(self) -> RosterChange:
        """The change typed; :class:`TypedWrong` when something cannot be read."""
        login = str(self.query_one("#login", Select).value)
        match self.entry.kind:
            case Kind.WEEKLY:
                return SetWeekdays(login, parse_weekdays(self._typed("weekdays")))
            case Kind.DATED:
                return SetDated(login, parse_day(self._typed("first"), "first", "Datumet"))
            case Kind.COVER | Kind.ABSENCE:
                first = parse_day(self._typed("first"), "first", "Första dagen")
                last = parse_day(self._typed("last"), "last", "Sista dagen")
                kind = SetCover if self.entry.kind is Kind.COVER else SetAbsence
                return kind(login, first, last)

    def _problem(self, text: str, field: str | None) -> None:
        self.query_one("#problem", Static).update(visible(text))
        if field in ("weekdays", "first", "last", "login"):
            self.query_one(f"#{field}").focus()

    def action_save(self) -> None:
        try:
            change = self.change()
        except TypedWrong as wrong:
            self._problem(str(wrong), wrong.field)
            return
        self._problem("", None)
        store, session = self.store, self.session

        def refused(refusal: CallRefusal) -> None:
            self._problem(refusal.message, refusal.field)

        self.call_store(
            lambda: store.change_roster(session, change), then=self.dismiss, refused=refused
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
