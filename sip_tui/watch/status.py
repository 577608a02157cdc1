"""``sip-tui status``: a unit's open work for scripts and monitoring.

The report (a dict, printed as JSON) is stable: version ``SCHEMA``, documented in
docs/operations.md. Counts are the status bar's (tasks: ``Store.deadline_counts``); the
lists are the overview's rows (cases), an overdue row exactly when the overview sorts it
first (``explain.urgency`` group 0). Names and personnummer only with ``details``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

from sip_tui.domain import deadlines
from sip_tui.domain.deadlines import Due
from sip_tui.domain.explain import deadline_label, urgency
from sip_tui.store.service.api import OverviewRow, Store

SCHEMA: Final = 1


def status_report(store: Store, unit: str, now: datetime, details: bool = False) -> dict[str, Any]:
    """The unit's status at ``now`` (raises ``UnknownUnit`` for a code the store lacks)."""
    name = store.unit_name(unit)
    rows = [row for row in store.overview_for(unit) if row.is_open]
    counts = store.deadline_counts(unit, now)
    tasks = store.unit_tasks(unit)
    cutoff = store.calendar.next_cutoff(now)
    watch = store.on_watch(unit, now.date())

    def item(row: OverviewRow) -> dict[str, Any]:
        assert row.next_deadline is not None
        entry: dict[str, Any] = {
            "case_id": row.case_id,
            "deadline": row.next_deadline.isoformat(),
            "label": deadline_label(row.next_deadline, now),
            "open_tasks": row.open_tasks,
        }
        if details:
            entry["individual"] = row.individual_name
            entry["personnummer"] = row.personnummer
        return entry

    def listed(group: Due) -> list[dict[str, Any]]:
        chosen = [row for row in rows if _group(row, now, cutoff, store) is group]
        return [item(row) for row in sorted(chosen, key=lambda r: (r.next_deadline, r.case_id))]

    on_watch: dict[str, Any] = {
        "working_day": watch.working_day,
        "count": len(watch.logins),
        "covering": watch.covering,
        "warning": watch.warning,
    }
    if details:
        roster = store.roster(unit)
        on_watch["people"] = [
            {"login": login, "name": roster.members.get(login, "")} for login in watch.logins
        ]
    return {
        "schema": SCHEMA,
        "unit": {"code": unit, "name": name},
        "now": now.isoformat(),
        "next_cutoff": cutoff.isoformat(),
        "counts": {
            "open_cases": len(rows),
            "open_tasks": len(tasks),
            "due_at_cutoff": counts.due,
            "due_today": counts.today,
            "overdue": counts.overdue,
        },
        "overdue": listed(Due.OVERDUE),
        "due_at_cutoff": listed(Due.CUTOFF),
        "due_today": listed(Due.TODAY),
        "on_watch": on_watch,
    }


def _group(row: OverviewRow, now: datetime, cutoff: datetime, store: Store) -> Due | None:
    """Overdue exactly as the overview decides (its urgency group 0); otherwise the status
    bar's window the row's next deadline falls in."""
    if urgency(row.next_deadline, row.statuses, now, cutoff)[0] == 0:
        return Due.OVERDUE
    found = deadlines.classify(row.next_deadline, now, store.calendar)
    return None if found is Due.OVERDUE else found


def has_overdue(report: dict[str, Any]) -> bool:
    return bool(report["overdue"]) or report["counts"]["overdue"] > 0


def status_lines(report: dict[str, Any]) -> list[str]:
    """The report for a person at a terminal."""
    counts, watch = report["counts"], report["on_watch"]
    lines = [
        f"{report['unit']['name']} ({report['unit']['code']}) at {report['now']}",
        f"open cases {counts['open_cases']}, open tasks {counts['open_tasks']}",
        f"due at the next cut-off ({report['next_cutoff']}): {counts['due_at_cutoff']}, "
        f"by the end of today: {counts['due_today']}, overdue: {counts['overdue']}",
        f"on watch: {watch['count']}" + (" (cover)" if watch["covering"] else ""),
    ]
    if watch["warning"]:
        lines.append(f"warning: {watch['warning']}")
    for title, key in (
        ("overdue", "overdue"),
        ("due at the cut-off", "due_at_cutoff"),
        ("due today", "due_today"),
    ):
        if report[key]:
            lines.append(f"{title}:")
        for entry in report[key]:
            who = (
                f"  {entry['individual']} {entry['personnummer']}" if "individual" in entry else ""
            )
            lines.append(f"  case {entry['case_id']}  {entry['label']}{who}")
    return lines
