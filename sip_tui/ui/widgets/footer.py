"""The footer of every screen: compact and without Textual's `^p palette` key (ctrl+p still
opens the palette, and the help screen says so), so that every key of every screen fits 80
columns with `? Hjälp` (docs/architecture.md, "Keys")."""

from __future__ import annotations

from textual.widgets import Footer


class KeyFooter(Footer):
    def __init__(self) -> None:
        super().__init__(show_command_palette=False, compact=True)
