"""The domain tests' small world, written into a store."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Engine, insert

from sip_tui.domain.commands import CreateCase, SendCall, SendInitiative
from sip_tui.domain.model import CallKind, Consent, ConsentBy
from sip_tui.domain.roles import Role
from sip_tui.store import models as t
from sip_tui.store.models import table_of
from sip_tui.store.service.api import Store
from tests.acting import as_user
from tests.domain.world import (
    AHMED,
    BIST_PRO,
    HC_WATCHER,
    HSV_COORD,
    KARIN,
    MANAGER,
    PSY_PRO,
    SARA,
    SUPPORT,
    UNIT_NAMES,
    at,
)

ACTORS = (AHMED, HC_WATCHER, KARIN, SARA, HSV_COORD, BIST_PRO, PSY_PRO, SUPPORT, MANAGER)


def seed_world(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(
            insert(table_of(t.Organisation)),
            [  # type: ignore[attr-defined]
                {"code": "region-vb", "name": "Region Västerbotten", "kind": "region"},
                {"code": "umea-kommun", "name": "Umeå kommun", "kind": "kommun"},
            ],
        )
        conn.execute(
            insert(table_of(t.Unit)),
            [  # type: ignore[attr-defined]
                {
                    "code": code,
                    "name": name,
                    "short_name": name[:12],
                    "organisation": "umea-kommun"
                    if code.startswith("umea-") and "psyk" not in code
                    else "region-vb",
                    "kind": "enhet",
                    "switchboard": "090-785 00 00",
                    "direct_phone": "",
                }
                for code, name in UNIT_NAMES.items()
            ],
        )
        conn.execute(
            insert(table_of(t.User)),
            [  # type: ignore[attr-defined]
                {"login": actor.user, "name": actor.name} for actor in ACTORS
            ],
        )
        conn.execute(
            insert(table_of(t.Membership)),
            [  # type: ignore[attr-defined]
                {"login": actor.user, "unit": actor.unit, "role": role.value}
                for actor in ACTORS
                for role in actor.roles
            ],
        )
        # Ahmed also works one day a week in home health care, as a professional.
        conn.execute(
            insert(table_of(t.Membership)),  # type: ignore[attr-defined]
            [{"login": AHMED.user, "unit": KARIN.unit, "role": Role.PROFESSIONAL.value}],
        )


def seed_units(engine: Engine, count: int) -> list[tuple[str, str]]:
    """``count`` extra municipal units, each with one watcher; returns (unit, login) pairs."""
    pairs = [(f"kommun-enhet-{i:02d}", f"bevakare{i:02d}") for i in range(count)]
    with engine.begin() as conn:
        conn.execute(
            insert(t.Unit.__table__),
            [  # type: ignore[attr-defined]
                {
                    "code": unit,
                    "name": f"Enhet {unit[-2:]}",
                    "short_name": unit[-8:],
                    "organisation": "umea-kommun",
                    "kind": "hemsjukvard",
                }
                for unit, _ in pairs
            ],
        )
        conn.execute(
            insert(t.User.__table__),
            [  # type: ignore[attr-defined]
                {"login": login, "name": f"Bevakare {login[-2:]}"} for _, login in pairs
            ],
        )
        conn.execute(
            insert(t.Membership.__table__),
            [  # type: ignore[attr-defined]
                {"login": login, "unit": unit, "role": Role.WATCHER.value} for unit, login in pairs
            ],
        )
    return pairs


def sent_case(store: Store, recipients: list[str], name: str = "Elsa Andersson") -> int:
    """Ahmed at Ålidhems HC creates a case for Elsa and sends the initiative."""
    case_id = store.execute(
        as_user(AHMED.user, AHMED.unit),
        CreateCase(
            personnummer="19450612-1237",
            name=name,
            reason="Behov",
            consent=Consent(True, ConsentBy.INDIVIDUAL, "Ahmed", date(2026, 11, 20)),
            recipients=recipients,
        ),
    ).id
    store.execute(as_user(AHMED.user, AHMED.unit), SendInitiative(case_id))
    return case_id


def planning_call(
    store: Store, case_id: int, meeting_at: datetime, recipients: dict[str, bool]
) -> int:
    """Ahmed calls the units (unit -> must acknowledge) to the planning meeting at his HC."""
    return (
        store.execute(
            as_user(AHMED.user, AHMED.unit),
            SendCall(
                case_id,
                kind=CallKind.PLANNING,
                meeting_form="Fysiskt möte",
                place="Ålidhems HC",
                meeting_at=meeting_at,
                recipients=recipients,
            ),
        )
        .calls[-1]
        .number
    )


class MovableClock:
    """A clock a test moves by hand (``clock.moment = at("2026-11-23 10:30")``)."""

    def __init__(self, start: str) -> None:
        self.moment = at(start)

    def __call__(self) -> datetime:
        return self.moment
