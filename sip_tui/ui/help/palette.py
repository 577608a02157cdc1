"""The command palette (ctrl+p) in Swedish: every action the screen offers now, each with
its tooltip and key, run as if its key was pressed; then Tema and Avsluta. Textual's own
English commands (Keys, Maximize, Screenshot) are left out."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from textual.app import App, SystemCommand
from textual.screen import Screen

from sip_tui.ui.help.keys import key_rows


def screen_commands(app: App[Any], screen: Screen[Any]) -> Iterator[SystemCommand]:
    for row in key_rows(app, screen):
        if row.action.endswith("command_palette"):
            continue  # the palette is open
        help_text = f"{row.tooltip} · {row.keys}" if row.tooltip else row.keys
        run = partial(app.run_action, row.action, row.namespace)
        yield SystemCommand(row.description, help_text, run)
