"""Benchmark: Store.overview_for on big stores, SQLite and PostgreSQL.

Builds a demo store of N cases over 300 units for each size and backend, adds a probe
unit with exactly 300 open overview rows (copied from the busiest unit's, so the result
size is the same at every store size), and times ``overview_for`` for it (after one
warm-up call). Prints one Markdown table row per run, medians and 95th percentiles in ms,
and the query plan so one can see the index being used.

    .venv/bin/python benchmarks/overview.py                       # 10k and 100k, both backends
    .venv/bin/python benchmarks/overview.py --cases 10000 --cases 1000000 --backend sqlite

PostgreSQL: a throwaway database on the server in --postgres (default
postgresql://postgres@127.0.0.1:5432/postgres), dropped afterwards.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time

from databases import throwaway  # benchmarks/databases.py
from sqlalchemy import Engine, text

from sip_tui.demo.build import build_demo
from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock, parse_moment
from sip_tui.store.engine import make_engine
from sip_tui.store.rows.readmodel import VIEW
from sip_tui.store.schema import upgrade
from sip_tui.store.service.api import Store

NOW = parse_moment("2026-11-23 08:05")
TARGET_OPEN = 300


PROBE = "bench-probe"


def add_probe(engine: Engine, rows: int) -> tuple[str, int]:
    """A unit with exactly ``rows`` open overview rows, whatever the store's size, so that
    stores of different sizes are compared on the same result size."""
    columns = [c.name for c in VIEW.columns if c.name != "unit"]
    picked = ", ".join(columns)
    with engine.begin() as conn:
        conn.execute(
            text(
                f"INSERT INTO case_unit_view (unit, {picked}) "
                f"SELECT '{PROBE}', {picked} FROM case_unit_view v WHERE v.unit = ("
                "  SELECT unit FROM case_unit_view GROUP BY unit ORDER BY count(*) DESC LIMIT 1"
                f") AND v.is_open LIMIT {rows}"
            )
        )
    return PROBE, rows


def plan(engine: Engine, unit: str) -> str:
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            rows = conn.execute(
                text(
                    "EXPLAIN QUERY PLAN SELECT * FROM case_unit_view "
                    "WHERE unit = :u AND is_open = 1"
                ),
                {"u": unit},
            ).all()
            return "; ".join(str(row[-1]) for row in rows)
        rows = conn.execute(
            text("EXPLAIN SELECT * FROM case_unit_view WHERE unit = :u AND is_open"), {"u": unit}
        ).all()
        return "; ".join(str(row[0]).strip() for row in rows[:2])


def run(backend: str, cases: int, units: int, repeat: int, admin_url: str) -> None:
    with throwaway(backend, admin_url) as url:
        upgrade(url)
        engine = make_engine(url)
        started = time.perf_counter()
        build_demo(
            engine,
            login="bench",
            login_name="Bench",
            cases=cases,
            seed=1,
            now=NOW,
            calendar=WorkCalendar(),
            unit_count=units,
        )
        built = time.perf_counter() - started
        unit, open_cases = add_probe(engine, TARGET_OPEN)
        if backend == "postgresql":  # the steady state autovacuum keeps: stats + visibility
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM ANALYZE"))
        store = Store(engine, Clock.frozen(NOW), WorkCalendar())
        store.overview_for(unit)  # warm-up: connection, caches
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            rows = store.overview_for(unit)
            timings.append((time.perf_counter() - started) * 1000)
        assert len(rows) == open_cases
        timings.sort()
        p95 = timings[int(0.95 * (len(timings) - 1))]
        print(
            f"| {backend} | {cases:,} | {unit} | {open_cases} | "
            f"{statistics.median(timings):.1f} | {p95:.1f} | {built:.0f} s |"
        )
        print(f"  plan: {plan(engine, unit)}")
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", action="append", choices=["sqlite", "postgresql"])
    parser.add_argument("--cases", action="append", type=int)
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {platform.processor() or platform.system()}, "
        f"Python {platform.python_version()}"
    )
    print("| backend | cases | unit | open cases | median ms | p95 ms | build |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for backend in args.backend or ["sqlite", "postgresql"]:
        for cases in args.cases or [10_000, 100_000]:
            run(backend, cases, args.units, args.repeat, args.postgres)


if __name__ == "__main__":
    main()
