"""How a column status looks: a glyph that carries the meaning, and a colour that helps.

Colour is never the only signal (seed 001's symbol table: green done, red ours, blue
theirs, grey with or without a cross). Without colour (``NO_COLOR``, ``[ui] colors =
"none"``, a monochrome terminal: ``App.no_color``) the text style stands in for it, so
what needs us is the most visible thing on screen: ours reverse and bold, theirs bold,
done plain, the grey ones dim. In 16 colours the ANSI names below are the terminal's own
(the ``ansi-dark`` theme, ``ui/colors.py``)."""

from __future__ import annotations

from rich.text import Text

from sip_tui.domain.model import Status

GLYPHS = {
    Status.DONE: "✓",
    Status.OURS: "●",
    Status.THEIRS: "◌",
    Status.CREATABLE: "+",
    Status.NOT_YET: "·",
}
STYLES = {
    Status.DONE: "bold green",
    Status.OURS: "bold red",
    Status.THEIRS: "bold blue",
    Status.CREATABLE: "bright_black",
    Status.NOT_YET: "bright_black",
}
PLAIN_STYLES = {
    Status.DONE: "none",
    Status.OURS: "bold reverse",
    Status.THEIRS: "bold",
    Status.CREATABLE: "dim",
    Status.NOT_YET: "dim",
}
#: An overdue deadline ("försenad 2 d 3 h"): as urgent as our own task.
OVERDUE_STYLE, PLAIN_OVERDUE_STYLE = "bold red", "bold reverse"
WORDS = {
    Status.DONE: "klart i fasen",
    Status.OURS: "vi har något kvar att göra",
    Status.THEIRS: "en annan enhet har något kvar att göra",
    Status.CREATABLE: "kan skapas nu",
    Status.NOT_YET: "kan inte skapas ännu",
}


def status_style(status: Status, plain: bool = False) -> str:
    """The style of a status: its colour, or with ``plain`` (no colour) its text style."""
    return (PLAIN_STYLES if plain else STYLES)[status]


def overdue_style(plain: bool = False) -> str:
    return PLAIN_OVERDUE_STYLE if plain else OVERDUE_STYLE


def phase_cell(status: Status, plain: bool = False) -> Text:
    return Text(GLYPHS[status], style=status_style(status, plain), justify="center")
