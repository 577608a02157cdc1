"""Pick units by searching: type part of a name, short name or code, choose among at most
six suggestions (Down moves into them, Enter adds one), remove a chosen unit with Delete.

The widget is given the units as data (:class:`PickableUnit`); it never reads the store.
It posts :class:`UnitPicker.Changed` whenever the chosen units change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Self

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from sip_tui.ui.widgets.literal import literal

MAX_SUGGESTIONS = 6
_WORD = re.compile(r"[\s\-/,().]+")  # what separates words in a unit's name or code


@dataclass(frozen=True)
class PickableUnit:
    code: str
    name: str
    short_name: str = ""

    def rank(self, needle: str) -> int | None:
        """How well the unit matches what was typed (case-insensitive): 0 when a name,
        short name or code starts with it, or every typed word starts a word of them, in
        any order ("bist umeå" finds Biståndshandläggning Umeå); 1 when every typed word is
        contained in them; None when it does not match."""
        fields = [self.name.casefold(), self.short_name.casefold(), self.code.casefold()]
        if any(field.startswith(needle) for field in fields):
            return 0
        terms = needle.split()
        words = [word for field in fields for word in _WORD.split(field) if word]
        if terms and all(any(word.startswith(term) for word in words) for term in terms):
            return 0
        if terms and all(any(term in field for field in fields) for term in terms):
            return 1
        return None


def suggestions(
    units: Iterable[PickableUnit], typed: str, leave_out: set[str], limit: int = MAX_SUGGESTIONS
) -> list[PickableUnit]:
    """The units matching ``typed``, best first; none for an empty search."""
    needle = typed.strip().casefold()
    if not needle:
        return []
    ranked = []
    for unit in units:
        rank = unit.rank(needle)
        if rank is not None and unit.code not in leave_out:
            ranked.append((rank, unit.name.casefold(), unit))
    ranked.sort(key=lambda each: each[:2])
    return [unit for _, _, unit in ranked[:limit]]


class UnitSearch(Input):
    """The search field; Enter adds the highlighted suggestion."""

    BINDINGS = [
        Binding(
            "enter",
            "submit",
            "Lägg till enhet",
            id="picker.add",
            tooltip="Lägg till den enda eller första träffen",
        ),
        Binding(
            "down",
            "suggestions",
            "Förslag",
            id="picker.suggestions",
            tooltip="Till förslagen under sökfältet",
        ),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter adds a suggestion, or (something typed, nothing found) says so."""
        picker = self.parent
        if action == "suggestions":
            return isinstance(picker, UnitPicker) and picker.has_suggestions
        if action == "submit":
            found = isinstance(picker, UnitPicker) and picker.has_suggestions
            return found or bool(self.value.strip())
        return True

    def action_suggestions(self) -> None:
        picker = self.parent
        if isinstance(picker, UnitPicker):
            picker.query_one(SuggestionList).focus()


class SuggestionList(OptionList):
    BINDINGS = [
        Binding(
            "enter",
            "select",
            "Lägg till enhet",
            id="picker.select",
            tooltip="Lägg till den markerade enheten",
        )
    ]

    def action_cursor_up(self) -> None:
        if not self.highlighted:  # at the top: back to the search field
            picker = self.parent
            if isinstance(picker, UnitPicker):
                picker.focus()
            return
        super().action_cursor_up()


class ChosenList(OptionList):
    BINDINGS = [
        Binding(
            "delete",
            "remove_unit",
            "Ta bort enhet",
            id="picker.remove",
            tooltip="Ta bort den markerade enheten",
        )
    ]

    def action_remove_unit(self) -> None:
        picker = self.parent
        if self.highlighted is None or not isinstance(picker, UnitPicker):
            return
        option = self.get_option_at_index(self.highlighted)
        if option.id is not None:
            picker.remove_unit(option.id)


class UnitPicker(Vertical):
    """Search field, suggestions, and the chosen units. ``single``: one unit at most (a
    new choice replaces the old one). ``leave_out``: units never offered (e.g. our own)."""

    DEFAULT_CSS = """
    UnitPicker { height: auto; }
    UnitPicker > UnitSearch { background: $boost; padding: 0 1; }
    UnitPicker > UnitSearch:focus { background-tint: $primary 35%; }
    UnitPicker > SuggestionList {
        height: auto; max-height: 8; border: none; padding: 0; margin-left: 2;
        background: $boost;
    }
    UnitPicker > ChosenList { height: auto; max-height: 10; border: none; padding: 0 1; }
    UnitPicker > .unit-none { color: $text-muted; }
    """

    class Changed(Message):
        def __init__(self, picker: UnitPicker) -> None:
            super().__init__()
            self.picker = picker

        @property
        def control(self) -> UnitPicker:
            return self.picker

    def __init__(
        self,
        units: Iterable[PickableUnit] = (),
        chosen: Iterable[str] = (),
        *,
        leave_out: Iterable[str] = (),
        single: bool = False,
        placeholder: str = "Sök enhet: namn, kortnamn eller kod",
        none_chosen: str = "Ingen enhet vald.",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.units = {unit.code: unit for unit in units}
        self._chosen = list(dict.fromkeys(chosen))
        self.leave_out = set(leave_out)
        self.single = single
        self.placeholder, self.none_chosen = placeholder, none_chosen

    def compose(self) -> ComposeResult:
        yield UnitSearch(placeholder=self.placeholder, classes="unit-search", compact=True)
        yield SuggestionList(markup=False, classes="unit-suggestions")
        yield Static(self.none_chosen, classes="unit-none", markup=False)
        yield ChosenList(markup=False, classes="unit-chosen")

    def on_mount(self) -> None:
        self._show_suggestions()
        self._show_chosen()

    # --- data -------------------------------------------------------------------------------

    @property
    def chosen(self) -> list[str]:
        return list(self._chosen)

    def set_units(self, units: Iterable[PickableUnit]) -> None:
        """The units to search among (loaded later than the widget is shown)."""
        self.units = {unit.code: unit for unit in units}
        self._show_suggestions()
        self._show_chosen()

    def set_leave_out(self, codes: Iterable[str]) -> None:
        self.leave_out = set(codes)
        self._show_suggestions()

    def name_of(self, code: str) -> str:
        unit = self.units.get(code)
        return unit.name if unit is not None else code

    def add_unit(self, code: str) -> None:
        if code in self._chosen:
            return
        self._chosen = [code] if self.single else [*self._chosen, code]
        self._changed()

    def remove_unit(self, code: str) -> None:
        if code in self._chosen:
            was_focused = self.query_one(ChosenList).has_focus
            self._chosen.remove(code)
            self._changed()
            if was_focused and not self._chosen:
                # The emptied list hides: typing goes on in the search, not in the next field.
                self.query_one(UnitSearch).focus()

    def clear_units(self) -> None:
        self._chosen = []
        self.query_one(UnitSearch).value = ""
        self._changed()

    def _changed(self) -> None:
        self._show_chosen()
        self._show_suggestions()
        self.post_message(self.Changed(self))

    # --- showing ----------------------------------------------------------------------------

    @property
    def has_suggestions(self) -> bool:
        return self.query_one(SuggestionList).option_count > 0

    def _show_suggestions(self) -> None:
        found = suggestions(
            self.units.values(),
            self.query_one(UnitSearch).value,
            self.leave_out | set(self._chosen),
        )
        options = self.query_one(SuggestionList)
        options.clear_options()
        options.add_options([self._option(unit) for unit in found])
        options.display = bool(found)
        if found:
            options.highlighted = 0
        self.refresh_bindings()

    def _show_chosen(self) -> None:
        chosen = self.query_one(ChosenList)
        keep = chosen.highlighted or 0
        chosen.clear_options()
        chosen.add_options(
            [
                self._option(self.units.get(code, PickableUnit(code, code)), "• ")
                for code in self._chosen
            ]
        )
        chosen.display = bool(self._chosen)
        self.query_one(".unit-none", Static).display = not self._chosen
        if self._chosen:
            chosen.highlighted = min(keep, len(self._chosen) - 1)
        elif chosen.has_focus:
            self.focus()

    @staticmethod
    def _option(unit: PickableUnit, mark: str = "") -> Option:
        text = Text.assemble(mark, literal(unit.name), ("  " + unit.code, "dim"))
        return Option(text, id=unit.code)

    # --- keys -------------------------------------------------------------------------------

    def focus(self, scroll_visible: bool = True) -> Self:
        """Focusing the picker focuses its search field."""
        self.query_one(UnitSearch).focus(scroll_visible)
        return self

    @on(Input.Changed, ".unit-search")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._show_suggestions()

    @on(Input.Submitted, ".unit-search")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one(SuggestionList)
        if options.highlighted is not None and options.option_count:
            self._pick(options.get_option_at_index(options.highlighted))
        elif event.value.strip():
            self.notify(
                f"Ingen enhet matchar «{event.value.strip()}»; sök på en del av namnet, "
                "kortnamnet eller koden.",
                severity="warning",
            )

    @on(OptionList.OptionSelected, ".unit-suggestions")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option)

    @on(OptionList.OptionSelected, ".unit-chosen")
    def _chosen_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # Enter on a chosen unit does nothing (the case screen opens parts)

    def _pick(self, option: Option) -> None:
        if option.id is None:
            return
        search = self.query_one(UnitSearch)
        search.value = ""
        self.add_unit(option.id)
        self.focus()
