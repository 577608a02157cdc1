"""Whose rows in the local store: which shared store, which user, which unit."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Owner:
    """The store (``db.store_key`` of its URL), the login and the unit worked on: a draft
    or a cached overview of one never shows under another."""

    store_key: str
    login: str
    unit: str
