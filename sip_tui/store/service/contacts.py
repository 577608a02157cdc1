"""The phone list in the store (seed 002, *"Viktiga telefonnummer vid driftstopp"*): every
unit's switchboard and direct number (``unit.switchboard``, ``unit.direct_phone``), read by
anyone (no personal data, not logged), changed from a CSV by an administrator (any unit) or
a unit's manager (that unit), the change access-logged."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, select, update

from sip_tui.domain.contacts import Contact, ContactUpdate
from sip_tui.domain.roles import Actor, Role
from sip_tui.store.service.pipeline import MEMBERSHIP, UNIT, USER, StoreBase

#: Who may change a unit's numbers: an administrator (of any unit: every unit's), the
#: unit's manager (verksamhetschef: that unit's).
ALL_UNITS_ROLE = Role.ADMIN
OWN_UNIT_ROLE = Role.MANAGER


class ContactImportRefused(Exception):
    """An import that changes nothing: one English line (naming the CSV line)."""


class PhoneListStore(StoreBase):
    """The phone list (mixed into :class:`~sip_tui.store.service.api.Store`)."""

    def phone_list(self) -> list[Contact]:
        """Every unit with its numbers, by name."""
        query = select(
            UNIT.c.code, UNIT.c.name, UNIT.c.short_name, UNIT.c.switchboard, UNIT.c.direct_phone
        ).order_by(UNIT.c.name, UNIT.c.code)
        with self._read() as conn:
            return [Contact(*row) for row in conn.execute(query)]

    def import_phone_list(self, login: str, updates: Sequence[ContactUpdate]) -> list[str]:
        """Set the numbers of known units, all or nothing, as ``login`` (an administrator,
        or the manager of each unit named); the codes whose numbers changed. One
        access-log line ``contacts-import`` naming them."""
        with self._transaction(write=True) as conn:
            actor, everywhere, managed = _importer(conn, login)
            codes = sorted({u.code for u in updates})
            stored = {
                row.code: (row.switchboard, row.direct_phone)
                for row in conn.execute(
                    select(UNIT.c.code, UNIT.c.switchboard, UNIT.c.direct_phone).where(
                        UNIT.c.code.in_(codes)
                    )
                )
            }
            changed: list[str] = []
            for each in updates:
                if each.code not in stored:
                    raise ContactImportRefused(
                        f"line {each.line}: unknown unit {each.code!r}: no unit has that code "
                        "in this database"
                    )
                if not everywhere and each.code not in managed:
                    raise ContactImportRefused(
                        f"line {each.line}: {login} may not change the numbers of "
                        f"{each.code!r}: only an administrator, or the unit's manager, may"
                    )
                old = stored[each.code]
                new = (
                    old[0] if each.switchboard is None else each.switchboard,
                    old[1] if each.direct_phone is None else each.direct_phone,
                )
                if new != old:
                    conn.execute(
                        update(UNIT)
                        .where(UNIT.c.code == each.code)
                        .values(switchboard=new[0], direct_phone=new[1])
                    )
                    stored[each.code] = new
                    changed.append(each.code)
            self._log(
                conn, actor, "contacts-import", detail=f"changed: {', '.join(changed) or '-'}"
            )
        return changed


def _importer(conn: Connection, login: str) -> tuple[Actor, bool, set[str]]:
    """Who imports: the actor the log names (on a unit where they may), whether they may
    change every unit, and the units they manage; refused when they may change none."""
    name = conn.execute(select(USER.c.name).where(USER.c.login == login)).scalar()
    if name is None:
        raise ContactImportRefused(f"{login} is not a sip-tui user in this database")
    roles: dict[str, set[Role]] = {}
    query = select(MEMBERSHIP.c.unit, MEMBERSHIP.c.role).where(MEMBERSHIP.c.login == login)
    for unit, role in conn.execute(query):
        roles.setdefault(unit, set()).add(Role(role))
    admin = sorted(unit for unit, held in roles.items() if ALL_UNITS_ROLE in held)
    managed = {unit for unit, held in roles.items() if OWN_UNIT_ROLE in held}
    acting = admin[0] if admin else min(managed, default=None)
    if acting is None:
        raise ContactImportRefused(
            f"{login} may not change phone numbers: only an administrator, or a unit's manager, may"
        )
    return Actor(login, str(name), acting, frozenset(roles[acting])), bool(admin), managed
