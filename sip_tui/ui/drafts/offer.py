"""The overview's line "2 osparade utkast – s visar dem": counted in a thread worker (the
local file) when the overview opens, when it is shown again, and when the store is back
(``StoreBack``: then also said once as a notice, since that is when they can be saved)."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import Static

from sip_tui.local import drafts
from sip_tui.local.owner import Owner
from sip_tui.ui.runtime.drafting import LOCAL_TROUBLE
from sip_tui.ui.runtime.workers import post


class DraftsCounted(Message, bubble=False):
    def __init__(self, count: int, announce: bool) -> None:
        super().__init__()
        self.count, self.announce = count, announce


def drafts_text(count: int) -> str:
    return f"{count} osparat utkast" if count == 1 else f"{count} osparade utkast"


class DraftsLine(Static):
    """One line under the title, shown only while the user has drafts here."""

    DEFAULT_CSS = """
    DraftsLine { height: 1; padding: 0 1; display: none;
                 background: $warning; color: $text; text-style: bold; }
    DraftsLine.shown { display: block; }
    """

    def __init__(self, owner: Owner) -> None:
        super().__init__("", id="drafts-line", markup=False)
        self.owner = owner
        self.count = 0

    def recount(self, announce: bool = False) -> None:
        """Count again (``announce``: say so in a notice when there are any)."""
        self.run_worker(lambda: self._count(announce), thread=True, exclusive=True, group="drafts")

    def _count(self, announce: bool) -> None:
        try:
            found = drafts.count(self.owner)
        except LOCAL_TROUBLE:
            return  # the local file cannot be read: nothing to offer
        post(self, DraftsCounted(found, announce))

    def on_drafts_counted(self, message: DraftsCounted) -> None:
        self.count = message.count
        self.update(f"{drafts_text(self.count)} – s visar dem och sparar dem nu")
        self.set_class(self.count > 0, "shown")
        self.screen.refresh_bindings()  # the s key is offered only now
        if message.announce and self.count:
            self.notify(
                f"Databasen går att nå igen. Du har {drafts_text(self.count)}: "
                "tryck s för att spara dem.",
                title="Utkast",
            )
