"""The unit's local routine (seed 000, *Mall för lokal rutin SIP*): the words a unit writes
down once and every member can read — which professional function watches the unit
mailbox, how the responsible professional is told, who covers the watch at absence, and
the support contact. Only the unit's manager (:data:`ROUTINE_ROLES`) changes it."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

from sip_tui.domain.errors import NotAllowed
from sip_tui.domain.roles import Actor, Role
from sip_tui.domain.rules import limited_text

#: Who may change the unit's local routine: its manager (verksamhetschef).
ROUTINE_ROLES = frozenset({Role.MANAGER})


@dataclass(frozen=True)
class LocalRoutine:
    """What seed 000 says the local routine must make clear (all free text)."""

    unit: str
    watch_function: str = ""  # "vilken yrkesfunktion som bevakar enhetslådan"
    notify_how: str = ""  # "… och meddelar ansvarig yrkesutövare inom enhet"
    cover: str = ""  # "vem som täcker upp Pratorbevakning vid frånvaro"
    support: str = ""  # "Prator hjälp" / "Support": whom to ask
    updated_by: str | None = None
    updated_at: datetime | None = None


#: The fields a user fills in, in order, with their Swedish labels.
ROUTINE_FIELDS: dict[str, str] = {
    "watch_function": "Vilken yrkesfunktion bevakar enhetens brevlåda",
    "notify_how": "Hur ansvarig yrkesutövare meddelas",
    "cover": "Vem som täcker upp bevakningen vid frånvaro",
    "support": "Kontaktperson och support",
}


def text_fields(routine: LocalRoutine) -> dict[str, str]:
    return {f.name: getattr(routine, f.name) for f in fields(routine) if f.name in ROUTINE_FIELDS}


def check_routine(routine: LocalRoutine, actor: Actor) -> LocalRoutine:
    """The routine to store (texts stripped), or a Swedish refusal: not the unit's
    manager, a text over its limit."""
    if actor.unit != routine.unit or not actor.has_any(ROUTINE_ROLES):
        raise NotAllowed(
            "Bara enhetschefen (verksamhetschef) får ändra enhetens lokala rutin; be hen om "
            "ändringen."
        )
    texts = {
        name: limited_text(value, name).strip() for name, value in text_fields(routine).items()
    }
    return with_texts(routine.unit, texts)


def with_texts(unit: str, texts: dict[str, str]) -> LocalRoutine:
    """A routine of ``unit`` with the texts by field name (missing ones empty)."""
    return LocalRoutine(
        unit,
        watch_function=texts.get("watch_function", ""),
        notify_how=texts.get("notify_how", ""),
        cover=texts.get("cover", ""),
        support=texts.get("support", ""),
    )
