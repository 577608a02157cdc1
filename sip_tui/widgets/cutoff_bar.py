"""The status bar's countdown to the next 12:00 cut-off."""

from __future__ import annotations

from textual.widgets import Static

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.domain.countdown import countdown_text


class CutoffBar(Static):
    """Shows the time left to the next cut-off; repaints only when the text changes,
    so an idle screen costs an SSH link next to nothing."""

    DEFAULT_CSS = """
    CutoffBar { height: 1; padding: 0 1; background: $panel; color: $text; }
    """

    def __init__(self, clock: Clock, calendar: WorkCalendar, **kwargs: object) -> None:
        super().__init__("", markup=False, **kwargs)  # type: ignore[arg-type]
        self._clock = clock
        self._calendar = calendar
        self._text = ""

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        text = countdown_text(self._clock.now(), self._calendar)
        if text != self._text:
            self._text = text
            self.update(text)
