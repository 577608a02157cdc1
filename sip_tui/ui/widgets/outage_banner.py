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


def moment_text(moment: datetime, now: datetime) -> str:
    """``11:55`` today, ``mån 23 nov 11:55`` on another day."""
    local, today = to_stockholm(moment), to_stockholm(now)
    return f"{local:%H:%M}" if local.date() == today.date() else short_moment(local)


def banner_text(since: datetime, fetched: datetime | None, now: datetime) -> str:
    shown = (
        f"visar senast hämtade uppgifter ({moment_text(fetched, now)})"
        if fetched is not None
        else "inga uppgifter har kunnat hämtas"
    )
    return f"{GLYPH} Driftstopp sedan {moment_text(since, now)} – {shown}. F9 Driftstopp"


class OutageBanner(Widget):
    DEFAULT_CSS = """
    OutageBanner {
        dock: top; height: 1; width: 100%; padding: 0 1;
        background: $error; color: $text; text-style: bold;
    }
    OutageBanner:nocolor { text-style: bold reverse; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.text = ""

    def show(self, since: datetime, fetched: datetime | None, now: datetime) -> None:
        text = banner_text(since, fetched, now)
        if text != self.text:
            self.text = text
            self.refresh()

    def render(self) -> Text:
        return Text(self.text, no_wrap=True, overflow="ellipsis")
