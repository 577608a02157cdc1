"""The unit's other desks, opened from the overview: the watch roster and the local
routine, the deviations, the report, the log check and the drafts kept during an outage.
Each opens its own screen; who may open which is decided here (``desk_allowed``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sip_tui.domain.report import REPORT_ROLES
from sip_tui.domain.roles import Role
from sip_tui.domain.session import Session
from sip_tui.store.service.api import OverviewRow, Store
from sip_tui.ui.audit.screen import LogCheckScreen
from sip_tui.ui.deviations.listing import DeviationListScreen
from sip_tui.ui.deviations.register import RegisterDialog, announce
from sip_tui.ui.drafts.offer import DraftsLine
from sip_tui.ui.drafts.screen import DraftListScreen
from sip_tui.ui.report.screen import ReportScreen
from sip_tui.ui.watch.roster import RosterScreen
from sip_tui.ui.watch.routine import RoutineScreen

if TYPE_CHECKING:
    from textual.app import App

    from sip_tui.domain.model import Phase


class UnitDesks:
    """Mixed into the overview screen, which provides what is declared here."""

    store: Store
    session: Session
    drafts_line: DraftsLine
    app: App[None]

    if TYPE_CHECKING:  # the overview's own

        def reload(self) -> None: ...

        def _current(self) -> tuple[OverviewRow, Phase | None] | None: ...

        def _shown_names(self) -> dict[int, str]:
            raise NotImplementedError

    def desk_allowed(self, action: str) -> bool | None:
        """Whether the user may open the desk ``action`` names (any other action: True)."""
        if action in ("roster", "log_check"):
            return Role.MANAGER in self.session.roles
        if action == "report":
            return not REPORT_ROLES.isdisjoint(self.session.roles)
        if action == "drafts":
            return self.drafts_line.count > 0
        return True

    def action_roster(self) -> None:
        self.app.push_screen(RosterScreen(self.store, self.session), lambda _: self.reload())

    def action_routine(self) -> None:
        self.app.push_screen(RoutineScreen(self.store, self.session))

    def action_report(self) -> None:
        self.app.push_screen(ReportScreen(self.store, self.session))

    def action_deviations(self) -> None:
        self.app.push_screen(DeviationListScreen(self.store, self.session))

    def action_log_check(self) -> None:
        self.app.push_screen(LogCheckScreen(self.store, self.session))

    def action_register_deviation(self) -> None:
        current = self._current()
        dialog = RegisterDialog(self.store, self.session, current[0].case_id if current else None)
        self.app.push_screen(dialog, announce(self))  # type: ignore[arg-type]

    def action_drafts(self) -> None:
        dialog = DraftListScreen(self.store, self.session, self._shown_names())
        self.app.push_screen(dialog, lambda _: self.drafts_line.recount())
