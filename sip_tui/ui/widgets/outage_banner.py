"""The outage banner: one line at the top of every screen while the store cannot be
reached — since when, from when what is shown was read, and the key to the downtime desk.

"⚠ Driftstopp sedan 11:55 – visar senast hämtade uppgifter (11:54). F9 Driftstopp"

It carries its meaning without colour: a glyph, bold, and reverse video when the terminal
has no colours (``:nocolor``); with colours bold on the theme's error colour. The app
(``RuntimeApp``) mounts one in every screen during an outage and removes them after."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widget import Widget

from sip_tui.domain.clock import to_stockholm
from sip_tui.domain.texts import short_moment

GLYPH = "⚠"
KEY = "F9 Driftstopp"


def moment_text(moment: datetime, now: datetime) -> str:
    """``11:55`` today, ``mån 23 nov 11:55`` on another day."""
    local, today = to_stockholm(moment), to_stockholm(now)
    return f"{local:%H:%M}" if local.date() == today.date() else short_moment(local)


def banner_text(
    since: datetime, fetched: datetime | None, now: datetime, width: int | None = None
) -> str:
    """The banner's words; shorter ones when they would not fit ``width`` columns (the
    key to the downtime desk is the last to go)."""
    when = moment_text(since, now)
    read = moment_text(fetched, now) if fetched is not None else None
    shown = [
        f"visar senast hämtade uppgifter ({read})" if read else "inget har kunnat hämtas",
        f"visar läget {read}" if read else "inget hämtat",
    ]
    texts = [f"{GLYPH} Driftstopp sedan {when} – {each}. {KEY}" for each in shown]
    texts.append(f"{GLYPH} Driftstopp sedan {when}. {KEY}")
    if width is None:
        return texts[0]
    return next((text for text in texts if len(text) <= width), texts[-1])


class OutageBanner(Widget):
    DEFAULT_CSS = """
    OutageBanner {
        dock: top; height: 1; width: 100%; padding: 0;
        background: $error; color: $text; text-style: bold;
    }
    OutageBanner:nocolor { text-style: bold reverse; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._state: tuple[datetime, datetime | None, datetime] | None = None

    @property
    def text(self) -> str:
        """The words at the banner's width (the longest before it has one)."""
        if self._state is None:
            return ""
        width = self.size.width or None
        return banner_text(*self._state, width=width)

    def show(self, since: datetime, fetched: datetime | None, now: datetime) -> None:
        state = (since, fetched, now)
        if state != self._state:
            self._state = state
            self.refresh()

    def render(self) -> Text:
        return Text(self.text, no_wrap=True, overflow="ellipsis")
