"""Bevakningsschema: the unit's weekly and dated watches, covers and absences, who is on
watch each day of this week, and (the unit's manager) changes to them, each saved at once
through ``Store.change_roster`` (access-logged there)."""

from __future__ import annotations

from datetime import timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sip_tui.domain.roles import Role
from sip_tui.domain.session import Session
from sip_tui.domain.texts import WEEKDAYS_SHORT
from sip_tui.domain.watch import (
    Dated,
    Period,
    Roster,
    RosterChange,
    SetAbsence,
    SetCover,
    SetDated,
    SetWeekdays,
    day_text,
    on_watch,
)
from sip_tui.store.service.api import Store
from sip_tui.ui.dialogs.simple import ConfirmScreen
from sip_tui.ui.runtime.calls import CallRefusal, StoreCaller
from sip_tui.ui.watch.entry import Entry, Kind, RosterEntryDialog
from sip_tui.ui.widgets.footer import KeyFooter
from sip_tui.ui.widgets.literal import literal, visible

HEADINGS = {
    Kind.WEEKLY: "Veckobevakning",
    Kind.DATED: "Bevakning vissa datum",
    Kind.COVER: "Ersättare",
    Kind.ABSENCE: "Frånvaro",
}


def _days(period: Period) -> str:
    return f"{period.first.isoformat()} – {period.last.isoformat()}"


class RosterScreen(StoreCaller, Screen[None]):
    BINDINGS = [
        Binding(
            "escape,q",
            "app.pop_screen",
            "Tillbaka",
            id="roster.back",
            tooltip="Tillbaka till översikten",
        ),
        Binding(
            "v",
            "add('weekly')",
            "Veckodagar",
            id="roster.weekly",
            tooltip="Ange vilka veckodagar en person bevakar",
        ),
        Binding(
            "d",
            "add('dated')",
            "Datum",
            id="roster.dated",
            tooltip="Lägg till bevakning ett visst datum",
        ),
        Binding(
            "e",
            "add('cover')",
            "Ersättare",
            id="roster.cover",
            tooltip="Lägg till en ersättare för en period",
        ),
        Binding(
            "f",
            "add('absence')",
            "Frånvaro",
            id="roster.absence",
            tooltip="Lägg till frånvaro för en person",
        ),
        Binding(
            "x,delete",
            "remove",
            "Ta bort",
            id="roster.remove",
            tooltip="Ta bort raden där markören står",
        ),
    ]
    DEFAULT_CSS = """
    RosterScreen #title { height: 1; padding: 0 1; background: $primary; color: $text; }
    RosterScreen #week { height: auto; padding: 0 1; }
    RosterScreen OptionList { height: 1fr; }
    RosterScreen #problem { color: $error; text-style: bold; padding: 0 1; }
    """

    def __init__(self, store: Store, session: Session) -> None:
        super().__init__()
        self.store, self.session = store, session
        self.roster: Roster | None = None
        self.rows: dict[str, tuple[Kind, object]] = {}

    @property
    def manager(self) -> bool:
        return Role.MANAGER in self.session.roles

    def compose(self) -> ComposeResult:
        yield Static(
            visible(f"Bevakningsschema · {self.session.unit_name}"), id="title", markup=False
        )
        yield Static("Hämtar schemat …", id="week", markup=False)
        yield OptionList(id="entries")
        yield Static("", id="problem", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        store, unit = self.store, self.session.unit
        self.call_store(lambda: store.roster(unit), then=self.show, refused=self._refused)

    def _refused(self, refusal: CallRefusal) -> None:
        self.query_one("#problem", Static).update(visible(refusal.message))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("add", "remove"):
            return self.manager and self.roster is not None
        return True

    def show(self, roster: Roster) -> None:
        self.roster = roster
        self.query_one("#problem", Static).update("")
        names = roster.members
        self.query_one("#week", Static).update(self._week(roster))
        options: list[Option] = []
        self.rows = {}

        def heading(kind: Kind) -> None:
            options.append(Option(Text(HEADINGS[kind], style="bold"), disabled=True))

        def row(key: str, kind: Kind, item: object, text: str) -> None:
            self.rows[key] = (kind, item)
            options.append(Option(literal(f"  {text}"), id=key))

        heading(Kind.WEEKLY)
        by_person: dict[str, list[int]] = {}
        for weekly in roster.weekly:
            by_person.setdefault(weekly.login, []).append(weekly.weekday)
        for login, days in sorted(by_person.items(), key=lambda i: names.get(i[0], i[0])):
            shown = ", ".join(WEEKDAYS_SHORT[d] for d in sorted(days))
            row(f"weekly|{login}", Kind.WEEKLY, login, f"{names.get(login, login)}: {shown}")
        heading(Kind.DATED)
        for dated in sorted(roster.dated, key=lambda d: (d.day, d.login)):
            text = f"{day_text(dated.day)} {dated.day.year}: {names.get(dated.login, dated.login)}"
            row(f"dated|{dated.login}|{dated.day}", Kind.DATED, dated, text)
        for kind, periods in ((Kind.COVER, roster.covers), (Kind.ABSENCE, roster.absences)):
            heading(kind)
            for period in sorted(periods, key=lambda p: (p.first, p.login)):
                key = f"{kind.value}|{period.login}|{period.first}|{period.last}"
                row(key, kind, period, f"{names.get(period.login, period.login)}: {_days(period)}")
        entries = self.query_one(OptionList)
        highlighted = entries.highlighted
        entries.clear_options()
        entries.add_options(options)
        if options:
            first_row = next((i for i, o in enumerate(options) if not o.disabled), None)
            entries.highlighted = (
                highlighted if highlighted is not None and highlighted < len(options) else first_row
            )
        entries.focus()
        self.refresh_bindings()

    def _week(self, roster: Roster) -> Text:
        """Who watches each day of this week (Monday to Sunday), covers marked."""
        today = self.store.clock.now().date()
        monday = today - timedelta(days=today.weekday())
        text = Text("Denna vecka:", style="bold")
        for offset in range(7):
            day = monday + timedelta(days=offset)
            watch = on_watch(roster, day, self.store.calendar)
            if watch.logins:
                who = ", ".join(roster.members.get(x, x) for x in watch.logins)
                who += " (ersättare)" if watch.covering else ""
            else:
                who = "INGEN – varning" if watch.warning else "–"
            mark = "▶ " if day == today else "  "
            text.append(f"\n{mark}{day_text(day)}: ")
            text.append_text(literal(who))
        return text

    def _current(self) -> tuple[Kind, object] | None:
        entries = self.query_one(OptionList)
        if entries.highlighted is None:
            return None
        option = entries.get_option_at_index(entries.highlighted)
        return self.rows.get(option.id or "")

    def action_add(self, kind: str) -> None:
        assert self.roster is not None
        chosen = Kind(kind)
        current = self._current()
        entry = Entry(chosen)
        today = self.store.clock.now().date().isoformat()
        if chosen is Kind.WEEKLY:
            login = current[1] if current and current[0] is Kind.WEEKLY else None
            days = sorted(w.weekday for w in self.roster.weekly if w.login == login)
            entry = Entry(
                chosen, str(login) if login else None, " ".join(WEEKDAYS_SHORT[d] for d in days)
            )
        else:
            entry = Entry(chosen, first=today, last=today)

        def closed(roster: Roster | None) -> None:
            if roster is not None:
                self.show(roster)
                self.notify("Bevakningsschemat är sparat.")

        self.app.push_screen(
            RosterEntryDialog(self.store, self.session, self.roster, entry), closed
        )

    def _removed(self, roster: Roster) -> None:
        self.show(roster)
        self.notify("Borttaget ur bevakningsschemat.")

    def action_remove(self) -> None:
        current = self._current()
        if current is None or self.roster is None:
            return
        kind, item = current
        change: RosterChange
        if kind is Kind.WEEKLY:
            change = SetWeekdays(str(item), frozenset())
        elif isinstance(item, Dated):
            change = SetDated(item.login, item.day, on=False)
        else:
            assert isinstance(item, Period)
            change = (SetCover if kind is Kind.COVER else SetAbsence)(
                item.login, item.first, item.last, on=False
            )
        entries = self.query_one(OptionList)
        assert entries.highlighted is not None
        what = str(entries.get_option_at_index(entries.highlighted).prompt).strip()
        store, session = self.store, self.session

        def answered(yes: bool | None) -> None:
            if yes:
                self.call_store(
                    lambda: store.change_roster(session, change),
                    then=self._removed,
                    refused=self._refused,
                )

        self.app.push_screen(ConfirmScreen(f"Ta bort ur {HEADINGS[kind].lower()}?", what), answered)
