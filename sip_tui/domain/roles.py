"""Who acts: a user on one unit, with the roles they hold there."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    WATCHER = "watcher"  # bevakare av enhetsbrevlådan
    COORDINATOR = "coordinator"  # samordningsansvarig
    PROFESSIONAL = "professional"  # yrkesutövare
    MANAGER = "manager"  # verksamhetschef / loggranskare
    SUPPORT = "support"  # IT-support, läser bara
    ADMIN = "admin"  # systemadministratör

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.WATCHER: "bevakare",
    Role.COORDINATOR: "samordningsansvarig",
    Role.PROFESSIONAL: "yrkesutövare",
    Role.MANAGER: "verksamhetschef",
    Role.SUPPORT: "support",
    Role.ADMIN: "administratör",
}

#: Acknowledge (accept, decline, forward) initiatives and calls, mark messages read,
#: send information messages: "behörig användare enligt lokal rutin".
ACKNOWLEDGE_ROLES = frozenset({Role.WATCHER, Role.COORDINATOR, Role.PROFESSIONAL})
#: Write in Kartläggning, Plan and Uppföljning.
EDIT_ROLES = frozenset({Role.COORDINATOR, Role.PROFESSIONAL})
#: Create cases, send initiatives and calls, lock, void, start follow-up, evaluate, close.
COORDINATE_ROLES = frozenset({Role.COORDINATOR})


@dataclass(frozen=True)
class Actor:
    """A user acting on one unit. ``user`` is the login, ``name`` is shown to others."""

    user: str
    name: str
    unit: str
    roles: frozenset[Role]

    def has_any(self, roles: frozenset[Role]) -> bool:
        return not self.roles.isdisjoint(roles)

    @property
    def role_labels(self) -> str:
        return ", ".join(sorted(role.label for role in self.roles)) or "ingen roll"
