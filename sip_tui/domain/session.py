"""Who is working: one value built when a unit is chosen and handed to every screen,
form and dialog, and to the store with each command."""

from __future__ import annotations

from dataclasses import dataclass, field

from sip_tui.domain.roles import Actor, Role


@dataclass(frozen=True)
class Preferences:
    """The user's settings that screens need (from the configuration file)."""

    bell: bool = True
    #: The unit's configured partners: proposed recipients of a new initiative.
    partners: tuple[str, ...] = ()


@dataclass(frozen=True)
class Session:
    """A user (login ``user``, shown as ``name``) working on one unit with its roles there.

    The store trusts only ``user`` and ``unit`` and reads the roles again from the
    memberships in every transaction; ``roles`` is for what the screens offer."""

    user: str
    name: str
    unit: str
    unit_name: str
    roles: frozenset[Role]
    preferences: Preferences = field(default_factory=Preferences)

    @property
    def actor(self) -> Actor:
        return Actor(self.user, self.name, self.unit, self.roles)

    @property
    def who(self) -> str:
        """ "Karin Berg på Hemsjukvården Umeå centrum" (the status bar's words)."""
        return f"{self.name} på {self.unit_name}"
