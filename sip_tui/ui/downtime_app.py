"""``sip-tui downtime``: the downtime desk on its own, for when the shared store is down
at start — no store at all: the local copy of the phone list and the journal. Who writes
is the operating-system account. Like the main app it never shows a traceback: a bug
ends it with the Swedish message and ``crash.log``."""

from __future__ import annotations

from typing import Final

from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel

from sip_tui.ui.colors import ANSI_THEME, ColorMode, no_color_while
from sip_tui.ui.downtime.desk import DowntimeDesk
from sip_tui.ui.downtime.place import Desk
from sip_tui.ui.help.keys import key_rows
from sip_tui.ui.help.screen import HelpScreen
from sip_tui.ui.runtime.crash import CRASH_EXIT_CODE, crash_log_path, crash_message
from sip_tui.ui.runtime.crash import write_crash_log as write_log
from sip_tui.ui.runtime.keys import HELP_ID

DOWNTIME_BINDINGS: Final[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
    Binding(
        "question_mark,f1", "help", "Hjälp", id=HELP_ID, tooltip="Tangenterna och vad skärmen visar"
    ),
    Binding("ctrl+q", "quit", "Avsluta", id="downtime.quit", tooltip="Avsluta driftstoppsläget"),
]


class DowntimeApp(App[None]):
    TITLE = "sip-tui driftstopp"
    CSS_PATH = ["app.tcss", "forms/forms.tcss", "dialogs/dialogs.tcss", "downtime/downtime.tcss"]
    BINDINGS = DOWNTIME_BINDINGS

    def __init__(self, desk: Desk, colors: ColorMode = "full") -> None:
        with no_color_while(colors == "none"):
            super().__init__()
        if colors == "16":
            self.theme = ANSI_THEME
        self.desk = desk
        self._crashed = False

    def on_mount(self) -> None:
        self.push_screen(DowntimeDesk(self.desk, can_leave=False))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """ctrl+q quits from the desk, never from a note being written or a dialog."""
        if action == "quit":
            return isinstance(self.screen, DowntimeDesk)
        return True

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen, key_rows(self, self.screen)))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Never markup: notices quote what the user typed."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def _handle_exception(self, error: Exception) -> None:
        """As ``RuntimeApp``: no traceback with locals, a ``crash.log`` and exit code 1."""
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        self._return_code = CRASH_EXIT_CODE
        if self._crashed:
            return
        self._crashed = True
        written = write_log(error, crash_log_path())
        self._exit_renderables.append(Text(crash_message(written)))
        self._close_messages_no_wait()
