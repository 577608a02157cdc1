"""How a column status looks: a glyph that carries the meaning, and a colour that helps.

Colour is never the only signal: with NO_COLOR or on a monochrome terminal the glyphs
read the same (seed 001's symbol table: green done, red ours, blue theirs, grey with or
without a cross)."""

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
WORDS = {
    Status.DONE: "klart i fasen",
    Status.OURS: "vi har något kvar att göra",
    Status.THEIRS: "en annan enhet har något kvar att göra",
    Status.CREATABLE: "kan skapas nu",
    Status.NOT_YET: "kan inte skapas ännu",
}


def phase_cell(status: Status) -> Text:
    return Text(GLYPHS[status], style=STYLES[status], justify="center")
