"""The status bar: the countdown to the next cut-off, what falls due at it, what falls due
by the end of today (documenting and locking last the whole working day), what is overdue,
who is logged in on which unit, and whether the store is reachable."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widget import Widget

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.domain.countdown import countdown_text
from sip_tui.ui.widgets.literal import visible


@dataclass(frozen=True)
class Counts:
    due: int  # due at the next cut-off
    overdue: int
    today: int = 0  # whole-day deadlines that end tonight


class StatusBar(Widget):
    """Repaints only when its text changes, and then only itself (``refresh()`` without
    layout: a ``Static.update`` would re-layout the screen and repaint the table's
    scrollbar every second), so an idle screen costs an SSH link next to nothing."""

    DEFAULT_CSS = """
    StatusBar { height: 1; padding: 0 1; background: $panel; color: $text; }
    """

    def __init__(
        self, clock: Clock, calendar: WorkCalendar, who: str = "", **kwargs: object
    ) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._clock = clock
        self._calendar = calendar
        self._who = visible(who)
        self.counts: Counts | None = None
        self.connected = True
        self._text = ""

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(1.0, self.tick)

    def set_counts(self, counts: Counts) -> None:
        self.counts = counts
        self.tick()

    def set_connected(self, connected: bool) -> None:
        self.connected = connected
        self.tick()

    def text(self, width: int | None = None) -> str:
        """The full text, or a compact one when it would not fit ``width`` columns."""
        countdown = countdown_text(self._clock.now(), self._calendar)
        state = "ansluten" if self.connected else "FRÅNKOPPLAD – visar senast kända läge"
        parts = [countdown]
        if self.counts is not None:
            parts.append(f"{self.counts.due} att göra före brytpunkt")
            parts.append(f"{self.counts.today} i dag")
            parts.append(f"{self.counts.overdue} försenade")
        full = " · ".join([*parts, *([self._who] if self._who else []), state])
        if width is None or len(full) <= width:
            return full
        countdown = countdown_text(self._clock.now(), self._calendar, compact=True)

        def line(*parts: str) -> str:  # FRÅNKOPPLAD first: it must never be cut off
            return " · ".join([*parts, "✓"] if self.connected else ["FRÅNKOPPLAD", *parts])

        if self.counts is None:
            return line(countdown)
        counts = self.counts
        with_today = f"{counts.due} före · {counts.today} i dag · {counts.overdue} försenade"
        without = f"{counts.due} före · {counts.overdue} försenade"
        if counts.today and (width is None or len(line(countdown, with_today)) <= width):
            return line(countdown, with_today)  # "i dag" only when there is any and it fits
        return line(countdown, without)

    def render(self) -> Text:
        return Text(self._text, no_wrap=True, overflow="ellipsis")

    def tick(self) -> None:
        text = self.text(self.size.width - 2 if self.size.width else None)
        if text != self._text:
            self._text = text
            self.refresh()
