"""Keys every screen shares: `?` (or F1, which also works in a text field) opens the help
of the screen on top; `q` quits from the overview and the case. A dialog (a modal screen)
does not see the app's bindings, so it lists :data:`HELP` in its own."""

from __future__ import annotations

from typing import Final

from textual.binding import Binding

HELP_ID: Final = "app.help"

#: `?` where no text field has focus; F1 everywhere. The footer shows the first of the two
#: that works now ("? Hjälp", or "F1 Hjälp" while a text field has focus).
HELP: Final = Binding(
    "question_mark,f1",
    "app.help",
    "Hjälp",
    id=HELP_ID,
    tooltip="Tangenterna och vad skärmen visar",
)

#: The app's own bindings (``SipApp.BINDINGS``).
APP_BINDINGS: Final[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
    Binding("question_mark,f1", "help", "Hjälp", id=HELP_ID, tooltip=HELP.tooltip),
    Binding("q", "quit", "Avsluta", id="app.quit", tooltip="Avsluta sip-tui"),
    # Issue 13: from any screen; named in the help and the outage banner, not the footer.
    Binding(
        "f9",
        "downtime",
        "Driftstopp",
        show=False,
        id="app.downtime",
        tooltip="Telefonlistan och journalen för efterregistrering",
    ),
    # Ours, so Textual adds no English one; named in the help, not in the footer.
    Binding(
        "ctrl+p",
        "command_palette",
        "Kommandon",
        show=False,
        priority=True,
        id="app.commands",
        tooltip="Sök bland skärmens kommandon",
    ),
]
