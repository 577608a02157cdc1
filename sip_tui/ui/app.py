"""The Textual application: log in on a unit, then the overview of that unit. The runtime
under it (the change feed, own writes, the crash handler) is ``RuntimeApp``."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from textual.app import SystemCommand
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.theme import ThemeProvider

from sip_tui.domain.session import Preferences, Session
from sip_tui.store.errors import StoreError
from sip_tui.store.service.api import Membership, Store
from sip_tui.ui.case.screen import CaseScreen
from sip_tui.ui.colors import ANSI_THEME, ColorMode, no_color_while
from sip_tui.ui.downtime.desk import DOWNTIME_SCREENS, DowntimeDesk
from sip_tui.ui.downtime.place import Desk, key_of, refresh_phone_list
from sip_tui.ui.forms.base import FormScreen
from sip_tui.ui.help.keys import key_rows
from sip_tui.ui.help.palette import screen_commands
from sip_tui.ui.help.screen import HelpScreen
from sip_tui.ui.login import LoginScreen
from sip_tui.ui.overview.screen import OverviewScreen
from sip_tui.ui.runtime.host import RuntimeApp
from sip_tui.ui.runtime.keys import APP_BINDINGS

PALETTE = "Sök bland kommandona …"


class SipApp(RuntimeApp):
    TITLE = "sip-tui"
    #: The screens' styles, one file per part of the UI (reusable widgets keep theirs).
    CSS_PATH = [
        "app.tcss",
        "overview/overview.tcss",
        "case/case.tcss",
        "forms/forms.tcss",
        "dialogs/dialogs.tcss",
        "downtime/downtime.tcss",
    ]
    BINDINGS = APP_BINDINGS

    def __init__(
        self,
        store: Store,
        login: str,
        user_name: str,
        memberships: list[Membership],
        unit: str | None = None,
        bell: bool = True,
        partners: Mapping[str, Sequence[str]] | None = None,
        colors: ColorMode = "full",
        keymap: Mapping[str, str] | None = None,
    ) -> None:
        with no_color_while(colors == "none"):  # Textual reads NO_COLOR when it starts
            super().__init__(store)
        if colors == "16":
            self.theme = ANSI_THEME  # the terminal's own red, green, blue (ui/colors.py)
        self.user_keymap = dict(keymap or {})  # [keymap]: binding id -> keys (checked)
        self.login, self.user_name = login, user_name
        self.memberships = memberships
        self.start_unit = unit
        self.bell_enabled = bell
        self.partners = dict(partners or {})

    def on_mount(self) -> None:
        # The phone list's local copy, fresh for the next outage (ui/downtime).
        self.run_worker(self._keep_phone_list, thread=True, group="phone-list")
        if self.user_keymap:
            self.set_keymap(self.user_keymap)
        if self.start_unit is not None:
            self.open_unit(self.start_unit)
        elif len(self.memberships) == 1:
            self.open_unit(self.memberships[0].unit.code)
        else:
            self.action_switch_unit()

    def current_case_id(self) -> int | None:
        """The case of the topmost case screen or form (for a write that did not say)."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, CaseScreen):
                return screen.case_id
            if isinstance(screen, FormScreen) and screen.context.case.id > 0:
                return screen.context.case.id
        return None

    def _keep_phone_list(self) -> None:
        with contextlib.suppress(StoreError, sqlite3.Error):  # the desk says so when opened
            refresh_phone_list(self.store, key_of(self.store))

    def action_downtime(self) -> None:
        """F9 from any screen: the downtime desk (the phone list, the journal)."""
        if not isinstance(self.screen, DOWNTIME_SCREENS):
            session: Session | None = getattr(self, "session", None)  # none before a unit
            desk = Desk.of_store(self.store, self.login, self.user_name, session)
            self.push_screen(DowntimeDesk(desk))

    def action_switch_unit(self) -> None:
        if len(self.memberships) > 1:
            self.push_screen(LoginScreen(self.user_name, self.memberships), self.open_unit)

    def open_unit(self, code: str | None) -> None:
        if code is None:
            return
        membership = next(m for m in self.memberships if m.unit.code == code)
        self.session = Session(
            self.login,
            self.user_name,
            code,
            membership.unit.name,
            membership.roles,
            Preferences(bell=self.bell_enabled, partners=tuple(self.partners.get(code, ()))),
        )
        overview = OverviewScreen(self.store, self.session)
        # One overview at a time: the unit switch replaces the stack.
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(overview)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Never markup: notifications quote what users typed (a message, an activity)."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`q` quits from the overview and the case, never from a form or a dialog, where
        it may be a letter meant for a field."""
        if action == "quit":
            return not isinstance(self.screen, (FormScreen, ModalScreen))
        return True

    def action_help(self) -> None:
        """Our own help for the screen on top: its keys, then what it shows."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen, key_rows(self, self.screen)))

    def action_command_palette(self) -> None:
        """Textual's palette, its search field in Swedish."""
        if not isinstance(self.screen, CommandPalette):
            self.push_screen(CommandPalette(placeholder=PALETTE, id="--command-palette"))

    def action_change_theme(self) -> None:
        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder="Sök tema …"))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette (ctrl+p): the screen's actions, in Swedish; then Tema, Avsluta."""
        yield from screen_commands(self, screen)
        yield SystemCommand("Tema", "Byt färgtema", self.action_change_theme)
        if not isinstance(screen, (FormScreen, ModalScreen)):
            yield SystemCommand("Avsluta", "Avsluta sip-tui", self.action_quit)
