"""Nothing typed is lost: a command the store could not take is kept as a local draft
(``sip_tui.local.drafts``), by the one path every write takes (``CommandSender``).

:class:`DraftKeeper` belongs to one sender (a form, the case screen, the draft list) and
runs in its command worker: :meth:`~DraftKeeper.keep` when the store is out of reach,
:meth:`~DraftKeeper.settle` when the same thing is later done by the same sender (the form
saved again once the store is back, the draft list sending a draft), which deletes the
draft. A draft nobody settles stays until it is sent or thrown away from the overview's
draft list. The local file failing never hides the store's answer."""

from __future__ import annotations

import sqlite3
from contextlib import suppress
from datetime import datetime

from sip_tui.domain.session import Session
from sip_tui.local import drafts
from sip_tui.local.db import store_key
from sip_tui.local.draft_words import AnyCommand
from sip_tui.local.drafts import Draft, slot_of
from sip_tui.local.owner import Owner
from sip_tui.store.service.api import Store

#: The Refused message when the draft was kept (the store's one line in ``trouble``).
KEPT = (
    "Inget ändrades: {trouble}. Det du skrivit finns kvar och är sparat som utkast "
    "på den här datorn; när databasen går att nå igen kan du spara det från översikten "
    "(s Utkast)."
)
LOCAL_TROUBLE = (sqlite3.Error, OSError)


def local_key(store: Store) -> str:
    """The store's key in the local store (its URL's hash, without a password)."""
    return store_key(str(store.engine.url))


def owner_of(store: Store, session: Session) -> Owner:
    return Owner(local_key(store), session.user, session.unit)


class DraftKeeper:
    """The drafts one sender kept, by slot (thread-safe enough: one command of a sender
    runs at a time, and a dict's item operations are atomic)."""

    def __init__(self, owner: Owner) -> None:
        self.owner = owner
        self.kept: dict[str, int] = {}
        self.last_kept = False  # was the last failed command kept?

    def keep(self, commands: tuple[AnyCommand, ...], at: datetime) -> bool:
        """(Worker thread.) Keep ``commands`` as a draft; False when the local file could
        not take it either (then only the screen holds what was typed)."""
        try:
            self.kept[slot_of(commands)] = drafts.keep(self.owner, commands, at)
        except LOCAL_TROUBLE:
            self.last_kept = False
        else:
            self.last_kept = True
        return self.last_kept

    def settle(self, commands: tuple[AnyCommand, ...]) -> None:
        """(Worker thread.) ``commands`` were done: a draft this sender kept of them (or of
        the rest of them, after a first step that was done) is deleted."""
        if not self.kept:
            return
        for start in range(len(commands)):
            draft_id = self.kept.pop(slot_of(commands[start:]), None)
            if draft_id is not None:
                with suppress(*LOCAL_TROUBLE):  # else offered again; the domain refuses it
                    drafts.discard(draft_id)

    def adopt(self, draft: Draft) -> None:
        """The draft list is about to send ``draft``: done, it is deleted."""
        if draft.commands:
            self.kept[slot_of(draft.commands)] = draft.id
