"""Read models kept in step with every write: each unit's overview row of a case, and the
open tasks with their deadlines. Derived from the domain, never decided here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, insert, select

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.model import Case, Phase, Status
from sip_tui.domain.status import open_tasks, statuses_by_unit
from sip_tui.store import models as t
from sip_tui.store.models import table_of
from sip_tui.store.rows.aggregate import by_key, write_rows

VIEW: Table = table_of(t.CaseUnitView)
TASK: Table = table_of(t.Task)

LETTERS = {
    Status.DONE: "D",
    Status.OURS: "O",
    Status.THEIRS: "T",
    Status.CREATABLE: "C",
    Status.NOT_YET: "-",
}
STATUS_OF_LETTER = {letter: status for status, letter in LETTERS.items()}


def encode(statuses: dict[Phase, Status]) -> str:
    return "".join(LETTERS[statuses[phase]] for phase in Phase)


def decode(letters: str) -> dict[Phase, Status]:
    return {phase: STATUS_OF_LETTER[letter] for phase, letter in zip(Phase, letters, strict=True)}


def rows_for(
    case: Case, calendar: WorkCalendar, now: datetime
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The overview rows (one per unit with access) and task rows of ``case``."""
    tasks = open_tasks(case, calendar)
    task_rows = [
        {
            "case_id": case.id,
            "position": i,
            "unit": task.unit,
            "phase": task.phase.value,
            "kind": task.kind.value,
            "since": task.since,
            "deadline": task.deadline,
            "from_unit": task.from_unit,
            "ref": task.ref,
            "holder": task.holder,
        }
        for i, task in enumerate(tasks)
    ]
    view_rows = []
    for unit, statuses in statuses_by_unit(case).items():
        ours = [task for task in tasks if task.unit == unit]
        deadlines = [task.deadline for task in ours if task.deadline is not None]
        view_rows.append(
            {
                "case_id": case.id,
                "unit": unit,
                "is_open": case.is_open,
                "statuses": encode(statuses),
                "next_deadline": min(deadlines) if deadlines else None,
                "open_tasks": len(ours),
                "individual_name": case.individual.name,
                "personnummer": case.individual.personnummer,
                "coordinator_unit": case.coordinator_unit,
                "updated_at": now,
            }
        )
    return view_rows, task_rows


def refresh(
    conn: Connection, case: Case, calendar: WorkCalendar, now: datetime, replace: bool = True
) -> set[str]:
    """Bring the read models of ``case`` up to date; return the units whose overview
    changed (every unit that had or has a row: each row's ``updated_at`` moves).

    ``replace`` (an existing case): the case's rows are read and only the differences
    written (the overview rows are UPDATEd, tasks that did not change are not touched);
    without it (a new case) the rows are inserted."""
    view_rows, task_rows = rows_for(case, calendar, now)
    if not replace:
        if view_rows:
            conn.execute(insert(VIEW), view_rows)
        if task_rows:
            conn.execute(insert(TASK), task_rows)
        return {row["unit"] for row in view_rows}
    views = _stored(conn, VIEW, case.id)
    write_rows(conn, VIEW, views, by_key(VIEW, view_rows))
    write_rows(conn, TASK, _stored(conn, TASK, case.id), by_key(TASK, task_rows))
    return {row["unit"] for row in views.values()} | {row["unit"] for row in view_rows}


def _stored(conn: Connection, table: Table, case_id: int) -> dict[tuple[Any, ...], dict[str, Any]]:
    rows = conn.execute(select(table).where(table.c.case_id == case_id)).mappings()
    return by_key(table, (dict(row) for row in rows))
