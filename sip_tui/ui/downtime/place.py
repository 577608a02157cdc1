"""Where the downtime desk works: which shared store its notes and phone list belong to
(:func:`local_key`), who writes, and the store when there is one. No Textual here: the
command line and the app's start use it too."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sip_tui.domain.clock import Clock
from sip_tui.domain.session import Session
from sip_tui.local import contacts as phone_cache
from sip_tui.local.db import store_key

if TYPE_CHECKING:
    from sip_tui.store.service.api import Store


def local_key(url: str) -> str:
    """The key of a store's rows in the local store: the same for the URL as configured
    (``sip-tui downtime``) and as the running app's engine holds it (driver, ``~`` and
    password aside)."""
    from sip_tui.store.engine import display_url, parse_url

    return store_key(display_url(parse_url(url)))


def key_of(store: Store) -> str:
    """:func:`local_key` of the store the app runs on."""
    return local_key(store.engine.url.render_as_string(hide_password=False))


@dataclass(frozen=True)
class Desk:
    """The desk's place: the local key, the writer (OS login and name), the clock; the
    store and the session when the app runs on one (``None`` in ``sip-tui downtime``)."""

    key: str
    login: str
    name: str
    clock: Clock
    store: Store | None = None
    session: Session | None = None

    @property
    def unit(self) -> str:
        """Our unit ("" when not known: no unit chosen, or no store)."""
        return self.session.unit if self.session is not None else ""

    def now(self) -> datetime:
        return self.clock.now()

    @classmethod
    def of_store(cls, store: Store, login: str, name: str, session: Session | None) -> Desk:
        return cls(key_of(store), login, name, store.clock, store, session)


def refresh_phone_list(store: Store, key: str) -> phone_cache.PhoneList:
    """(Worker thread.) The phone list read from ``store`` and kept as the local copy; a
    ``StoreError`` when the store cannot be read (the copy stays as it was)."""
    read_at = store.clock.now()
    contacts = store.phone_list()
    phone_cache.save(key, contacts, read_at)
    return phone_cache.PhoneList(contacts, read_at)
