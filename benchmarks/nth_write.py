"""Benchmark: the cost of the Nth write on one case, N = 1…300, SQLite and PostgreSQL.

Each run creates a case in a small world (coordinator at a health centre, home health care
and the needs assessor taking part, a planning call answered: six writes of set-up), then
times --writes writes on that one case through the store's public API, cycling through
realistic kinds: Spara kartläggning (new text each time), Spara plan (new text, goals and
activities), an information message sent to the health centre, and the health centre
acknowledging it. Every run is a new case in the same database; the medians are over
runs and over the first and the last --window writes.

    .venv/bin/python benchmarks/nth_write.py                      # temp SQLite + throwaway PG
    .venv/bin/python benchmarks/nth_write.py --db sqlite:////tmp/w.db --runs 3
    .venv/bin/python benchmarks/nth_write.py --db postgresql://postgres@127.0.0.1/sipbench

Without --db: a temporary SQLite file, and a throwaway database on the PostgreSQL server in
--postgres (default postgresql://postgres@127.0.0.1:5432/postgres), dropped afterwards. A
--db database must be empty or migrated; the small world is added to it if missing.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

from databases import throwaway  # benchmarks/databases.py
from sqlalchemy import Engine, insert, select, text

from sip_tui.domain import documents as doc
from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock, parse_moment
from sip_tui.domain.commands import (
    AcceptCall,
    AcceptInitiative,
    CreateCase,
    MarkMessageRead,
    SaveMapping,
    SavePlan,
    SendCall,
    SendInitiative,
    SendMessage,
)
from sip_tui.domain.model import CallKind, Consent, ConsentBy
from sip_tui.domain.roles import Role
from sip_tui.domain.session import Session
from sip_tui.store import models as t
from sip_tui.store.engine import make_engine
from sip_tui.store.models import table_of
from sip_tui.store.schema import upgrade
from sip_tui.store.service.api import Store

START = parse_moment("2026-11-23 08:05")
HC, HSV, BIST = "bench-hc", "bench-hsv", "bench-bist"
#: login -> (name, unit, roles)
USERS = {
    "bench-coord": ("Bengt Samordnare", HC, (Role.COORDINATOR, Role.PROFESSIONAL)),
    "bench-hcwatch": ("Hanna Bevakare", HC, (Role.WATCHER,)),
    "bench-hsvwatch": ("Karl Bevakare", HSV, (Role.WATCHER,)),
    "bench-bist": ("Lisa Handläggare", BIST, (Role.PROFESSIONAL,)),
}


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    )


def seed(engine: Engine) -> None:
    units = table_of(t.Unit)
    with engine.begin() as conn:
        if conn.execute(select(units.c.code).where(units.c.code == HC)).first() is not None:
            return
        conn.execute(
            insert(table_of(t.Organisation)).values(code="bench-org", name="Bench", kind="region")
        )
        conn.execute(
            insert(units),
            [
                {
                    "code": code,
                    "name": name,
                    "short_name": name[:12],
                    "organisation": "bench-org",
                    "kind": "enhet",
                }
                for code, name in ((HC, "Bench HC"), (HSV, "Bench HSV"), (BIST, "Bench Bistånd"))
            ],
        )
        conn.execute(
            insert(table_of(t.User)), [{"login": u, "name": n} for u, (n, _, _) in USERS.items()]
        )
        conn.execute(
            insert(table_of(t.Membership)),
            [
                {"login": login, "unit": unit, "role": role.value}
                for login, (_, unit, roles) in USERS.items()
                for role in roles
            ],
        )


def ticking_clock() -> Clock:
    """Stockholm time starting at START, advancing with the wall clock."""
    origin = time.monotonic()
    return Clock(lambda: START + timedelta(seconds=time.monotonic() - origin))


def as_user(login: str, unit: str) -> Session:
    """The store reads the roles and the name itself: a session needs no more."""
    return Session(login, login, unit, unit, frozenset())


def new_case(store: Store) -> int:
    case_id = store.execute(
        as_user("bench-coord", HC),
        CreateCase(
            personnummer="19450612-1237",
            name="Elsa Andersson",
            reason="Utskrivning",
            consent=Consent(True, ConsentBy.INDIVIDUAL, "Bengt", date(2026, 11, 20)),
            recipients=[HSV, BIST],
        ),
    ).id
    store.execute(as_user("bench-coord", HC), SendInitiative(case_id))
    store.execute(as_user("bench-hsvwatch", HSV), AcceptInitiative(case_id))
    store.execute(as_user("bench-bist", BIST), AcceptInitiative(case_id))
    number = (
        store.execute(
            as_user("bench-coord", HC),
            SendCall(
                case_id,
                kind=CallKind.PLANNING,
                meeting_form="Fysiskt möte",
                place="Bench HC",
                meeting_at=START + timedelta(days=3),
                recipients={HSV: True, BIST: False},
            ),
        )
        .calls[-1]
        .number
    )
    store.execute(as_user("bench-hsvwatch", HSV), AcceptCall(case_id, number, "Vi kommer"))
    return case_id


def plan_content(i: int) -> doc.PlanContent:
    return doc.PlanContent(
        meeting_on=date(2026, 11, 26),
        evaluation_on=date(2027, 1, 20),
        situation=f"Hemma, läget efter skrivning {i}",
        attendees=[doc.Attendee(HSV, "Sara")],
        goals=[
            doc.Goal(
                0,
                f"Bo kvar hemma ({i})",
                "Envis",
                "Fall",
                [
                    doc.Activity(0, f"Insulin {i}", HSV, "Sara", date(2027, 1, 10)),
                    doc.Activity(0, "Hemtjänst", BIST),
                ],
            )
        ],
    )


class Writer:
    """The four kinds of write in turn, on one case; remembers versions and the message."""

    def __init__(self, store: Store, case_id: int) -> None:
        self.store, self.case_id = store, case_id
        self.mapping: int | None = None
        self.plan: int | None = None
        self.message = 0

    def write(self, n: int) -> None:
        store, case_id, i = self.store, self.case_id, n // 4
        match n % 4:
            case 0:
                text_ = doc.MappingText(situation=f"Situation {i}", assessment=f"Bedömning {i}")
                case = store.execute(
                    as_user("bench-coord", HC), SaveMapping(case_id, text_, self.mapping)
                )
                self.mapping = case.mapping.version if case.mapping else None
            case 1:
                content = plan_content(i)
                case = store.execute(
                    as_user("bench-coord", HC), SavePlan(case_id, content, self.plan)
                )
                plan = case.current_plan()
                self.plan = plan.version if plan else None
            case 2:
                self.message = (
                    store.execute(
                        as_user("bench-hsvwatch", HSV),
                        SendMessage(case_id, text=f"Hälsning {i}", recipients=[HC]),
                    )
                    .messages[-1]
                    .number
                )
            case _:
                store.execute(as_user("bench-hcwatch", HC), MarkMessageRead(case_id, self.message))


def one_run(store: Store, count: int) -> list[float]:
    writer = Writer(store, new_case(store))
    timings = []
    for n in range(count):
        started = time.perf_counter()
        writer.write(n)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def server_version(engine: Engine) -> str:
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            return f"SQLite {conn.execute(text('select sqlite_version()')).scalar()}"
        version = str(conn.execute(text("show server_version")).scalar())
        return f"PostgreSQL {version}"


def bench(url: str, runs: int, count: int, window: int) -> None:
    upgrade(url)
    engine = make_engine(url)
    seed(engine)
    store = Store(engine, ticking_clock(), WorkCalendar())
    all_runs = [one_run(store, count) for _ in range(runs)]
    first = [ms for timings in all_runs for ms in timings[:window]]
    last = [ms for timings in all_runs for ms in timings[-window:]]
    median_first, median_last = statistics.median(first), statistics.median(last)
    per_run = ", ".join(
        f"{statistics.median(r[:window]):.1f}→{statistics.median(r[-window:]):.1f}"
        for r in all_runs
    )
    print(
        f"| {server_version(engine)} | {runs} | {median_first:.1f} | {median_last:.1f} | "
        f"{median_last / median_first:.2f}× | {per_run} |"
    )
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", action="append", help="a database URL (repeatable)")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--writes", type=int, default=300)
    parser.add_argument("--window", type=int, default=10)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    print(
        f"median ms of writes 1–{args.window} and "
        f"{args.writes - args.window + 1}–{args.writes} on one case"
    )
    print("| backend | runs | first | last | last/first | per run (first→last) |")
    print("| --- | --- | --- | --- | --- | --- |")
    if args.db:
        for url in args.db:
            bench(url, args.runs, args.writes, args.window)
        return
    for backend in ("sqlite", "postgresql"):
        with throwaway(backend, args.postgres) as url:
            bench(url, args.runs, args.writes, args.window)


if __name__ == "__main__":
    main()
