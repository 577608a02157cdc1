"""Today's watcher for the overview's title line, and the warning when nobody watches the
mailbox on a working day (seed 000: *"Meddelanden får inte bli liggande!"*).

The read runs in the overview's thread worker (:func:`read_today`), which posts
:class:`WatchLoaded`; :class:`WatchWarning` is the line under the title that says, in words
and not only in colour, that nobody is on watch."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.widgets import Static

from sip_tui.domain.watch import OnWatch, on_watch
from sip_tui.store.errors import StoreError
from sip_tui.store.service.api import Store
from sip_tui.ui.widgets.literal import visible


@dataclass(frozen=True)
class Today:
    """Who watches the unit today, by name."""

    watch: OnWatch
    names: tuple[str, ...]

    @property
    def title_part(self) -> str:
        """``Bevakar: Karin Lund`` / ``Ersättare bevakar: Olle Berg`` / ``Bevakar: INGEN``
        (the marker before the name: a long name is cut, never the marker); empty on a
        day off with nobody on watch."""
        if self.names:
            who = "Ersättare bevakar" if self.watch.covering else "Bevakar"
            return visible(f"{who}: {', '.join(self.names)}")
        return "Bevakar: INGEN" if self.watch.warning else ""

    @property
    def warning(self) -> str | None:
        warning = self.watch.warning
        return None if warning is None else f"VARNING: {warning}"


class WatchLoaded(Message, bubble=False):
    def __init__(self, today: Today) -> None:
        super().__init__()
        self.today = today


def read_today(store: Store, unit: str) -> Today | None:
    """(Worker thread.) Today's watch of ``unit``; None when the store cannot be read
    (the overview's own read says so)."""
    try:
        roster = store.roster(unit)
    except StoreError:
        return None
    watch = on_watch(roster, store.clock.now().date(), store.calendar)
    return Today(watch, tuple(roster.members.get(login, login) for login in watch.logins))


class WatchWarning(Static):
    """One line under the title, shown only when nobody watches on a working day."""

    DEFAULT_CSS = """
    WatchWarning { height: auto; padding: 0 1; display: none;
                   background: $error; color: $text; text-style: bold; }
    WatchWarning.shown { display: block; }
    """

    def __init__(self) -> None:
        super().__init__("", id="watch-warning", markup=False)

    def show(self, warning: str | None) -> None:
        self.update(warning or "")
        self.set_class(warning is not None, "shown")
