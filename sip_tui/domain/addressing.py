"""Proposed recipients of a new initiative.

Seed 001: "Prators adressering utgör ett stöd för att hitta rätt mottagare. Föreslagna
enheter kan ändras manuellt för att rätt enheter ska involveras i SIP processen." The form
proposes units, ticked and removable: the units of this individual's other cases (those
the coordinating unit can see), the unit's configured default partners, and the units it
has most often worked with in the last twelve months."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

#: How many units are proposed at the most (the user adds more by searching).
MOST = 6


class Why(StrEnum):
    OTHER_CASES = "deltar i den enskildes andra ärenden"
    PARTNER = "enhetens förvalda mottagare"
    FREQUENT = "ofta med i enhetens ärenden"


@dataclass(frozen=True)
class Proposal:
    unit: str
    why: tuple[Why, ...]

    @property
    def because(self) -> str:
        return ", ".join(self.why)


def propose(
    own_unit: str,
    other_cases: Iterable[str] = (),
    partners: Iterable[str] = (),
    frequent: Iterable[str] = (),
    most: int = MOST,
) -> list[Proposal]:
    """The proposals in this order: other cases, partners, frequent; each unit once (with
    every reason it has), never the coordinating unit itself, at most ``most``."""
    reasons: dict[str, list[Why]] = {}
    sources: Sequence[tuple[Why, Iterable[str]]] = (
        (Why.OTHER_CASES, other_cases),
        (Why.PARTNER, partners),
        (Why.FREQUENT, frequent),
    )
    for why, units in sources:
        for unit in units:
            if unit != own_unit and why not in reasons.setdefault(unit, []):
                reasons[unit].append(why)
    return [Proposal(unit, tuple(why)) for unit, why in reasons.items()][:most]
