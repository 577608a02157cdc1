"""The messages that carry work back to the UI thread.

Thread workers and the change feed post these (``post_message`` is thread-safe) and never
touch a widget. None of them bubbles: the app forwards the feed's messages to the screens
itself, and a screen's result must not reach the app a second time."""

from __future__ import annotations

from datetime import datetime

from textual.message import Message

from sip_tui.domain.model import Case
from sip_tui.store.changes import ANY_UNIT
from sip_tui.store.services import OverviewRow
from sip_tui.widgets.status_bar import Counts


class StoreChanged(Message, bubble=False):
    """Some units' overviews changed (``"*"``: any unit's). Coalesced: one message for the
    changes of a short window."""

    def __init__(self, units: frozenset[str]) -> None:
        super().__init__()
        self.units = units

    def concerns(self, unit: str) -> bool:
        return ANY_UNIT in self.units or unit in self.units


class StoreUnavailable(Message, bubble=False):
    """The store cannot be reached (a ``StoreError``): ``message`` is its one line.
    ``what`` (Swedish, e.g. "förklaringen") names what the user asked for and cannot have
    now; empty when nobody asked (a background read, the change feed)."""

    def __init__(self, message: str, what: str = "") -> None:
        super().__init__()
        self.message, self.what = message, what


class OverviewLoaded(Message, bubble=False):
    """An overview read: the unit's rows and counts at ``now``. ``generation`` names the
    read; ``started`` (``time.monotonic()``) is when it began."""

    def __init__(
        self,
        rows: list[OverviewRow],
        counts: Counts,
        now: datetime,
        generation: int,
        started: float,
    ) -> None:
        super().__init__()
        self.rows, self.counts, self.now = rows, counts, now
        self.generation, self.started = generation, started


class CaseLoaded(Message, bubble=False):
    """A case read for the case screen."""

    def __init__(self, case: Case, generation: int) -> None:
        super().__init__()
        self.case, self.generation = case, generation


class CaseRefused(Message, bubble=False):
    """The case may not be read (no access, or gone): the domain's Swedish reason."""

    def __init__(self, reason: str, generation: int) -> None:
        super().__init__()
        self.reason, self.generation = reason, generation


class Explained(Message, bubble=False):
    """Why a cell has its status: a title and the text, ready to show."""

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title, self.text = title, text
