"""The phone list (seed 002, *"Viktiga telefonnummer vid driftstopp"*): every unit's
switchboard (*växel*) and direct number (*direktnummer*), and how it is searched."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Contact:
    """One unit of the phone list."""

    code: str
    name: str
    short_name: str = ""
    switchboard: str = ""
    direct_phone: str = ""

    @property
    def words(self) -> list[str]:
        text = f"{self.name} {self.short_name} {self.code}".replace("-", " ")
        return text.casefold().split()


def search(contacts: Iterable[Contact], query: str) -> list[Contact]:
    """The contacts every word of ``query`` starts a word of (name, short name or code;
    in any order: "hsv umeå"), by name; all of them for an empty query."""
    wanted = query.casefold().replace("-", " ").split()
    found = [
        contact
        for contact in contacts
        if all(any(word.startswith(w) for word in contact.words) for w in wanted)
    ]
    return sorted(found, key=lambda contact: (contact.name.casefold(), contact.code))


def match_unit(contacts: Iterable[Contact], typed: str) -> Contact | None:
    """The contact ``typed`` names exactly (its code, name or short name, any case)."""
    wanted = typed.strip().casefold()
    if not wanted:
        return None
    for contact in contacts:
        if wanted in (contact.code.casefold(), contact.name.casefold()):
            return contact
    for contact in contacts:
        if contact.short_name and wanted == contact.short_name.casefold():
            return contact
    return None


@dataclass(frozen=True)
class ContactUpdate:
    """New numbers for one known unit (from a CSV row: ``line``); ``None`` leaves a number
    as it is, ``""`` clears it."""

    line: int
    code: str
    switchboard: str | None = None
    direct_phone: str | None = None
