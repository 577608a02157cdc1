"""Benchmark: from process start to a populated overview, and peak memory.

Each run is a fresh Python process that does what ``sip-tui run --db URL --unit UNIT``
does (headless, 80x24), and exits as soon as the overview has shown its rows. The parent
notes the time just before starting the process; the child reports the moment its rows
are on screen, and its peak RSS then.
Then the idle cost: the real ``sip-tui run`` in a tmux terminal (80x24) for --idle
seconds, its CPU time read from /proc (bytes on the wire: ``shared/tools/tui-bytes``).

    .venv/bin/python benchmarks/startup.py --db sqlite:////tmp/big.db --runs 7
    .venv/bin/python benchmarks/startup.py --cases 100000      # builds the store first

The unit is the one whose open-case count is closest to 300 (or --unit).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = """
import resource, sys
from sip_tui.config import load_settings
from sip_tui.domain.clock import Clock
from sip_tui.launch import start_app
from sip_tui.ui.overview.screen import OverviewScreen
from sip_tui.ui.app import SipApp

import time
shown = OverviewScreen._show
def show_then_exit(self, loaded):
    shown(self, loaded)
    print(time.time(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
    self.app.exit()
OverviewScreen._show = show_then_exit
original_run = SipApp.run
SipApp.run = lambda self, **kw: original_run(self, headless=True, size=(80, 24))
start_app(sys.argv[1], sys.argv[2], Clock.from_environment(), load_settings())
"""


def unit_near_300(url: str) -> tuple[str, int]:
    from sqlalchemy import func, select

    from sip_tui.store.engine import make_engine
    from sip_tui.store.rows.readmodel import VIEW

    engine = make_engine(url)
    with engine.connect() as conn:
        counts = conn.execute(
            select(VIEW.c.unit, func.count()).where(VIEW.c.is_open.is_(True)).group_by(VIEW.c.unit)
        ).all()
    engine.dispose()
    unit, count = min(counts, key=lambda row: abs(row[1] - 300))
    return str(unit), int(count)


def grant(url: str, unit: str) -> None:
    """Make the OS user a watcher on ``unit`` (the demo gives them other units)."""
    from sqlalchemy import insert, select

    from sip_tui.identity import os_login
    from sip_tui.store.engine import make_engine
    from sip_tui.store.models import Membership, table_of

    table = table_of(Membership)
    engine = make_engine(url)
    with engine.begin() as conn:
        exists = conn.execute(
            select(table).where(table.c.login == os_login(), table.c.unit == unit)
        ).first()
        if exists is None:
            conn.execute(insert(table).values(login=os_login(), unit=unit, role="watcher"))
    engine.dispose()


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--unit")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--idle", type=float, default=30.0)
    args = parser.parse_args()
    env = {**os.environ, "SIP_TUI_NOW": "2026-11-23T08:05"}
    url = args.db
    if url is None:
        url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'startup.db'}"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "sip_tui",
                "demo",
                "--no-launch",
                "--cases",
                str(args.cases),
                "--units",
                "300",
                "--db",
                url,
            ],
            check=True,
            env=env,
        )
    unit, open_cases = (args.unit, -1) if args.unit else unit_near_300(url)
    grant(url, unit)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; store {url}; unit {unit} ({open_cases} open cases)"
    )
    seconds, peaks = [], []
    for _ in range(args.runs):
        started = time.time()
        child = subprocess.run(
            [sys.executable, "-c", CHILD, url, unit],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        shown_at, peak = child.stdout.strip().splitlines()[-1].split()
        seconds.append(float(shown_at) - started)
        peaks.append(int(peak) / 1024)
    print(
        f"start to populated overview: median {statistics.median(seconds):.2f} s "
        f"(min {min(seconds):.2f}, max {max(seconds):.2f}, {args.runs} runs)"
    )
    print(f"peak memory (RSS): median {statistics.median(peaks):.0f} MB (max {max(peaks):.0f})")
    session = f"sipbench{os.getpid()}"
    command = f"{sys.executable} -m sip_tui run --db {url} --unit {unit}"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "80", "-y", "24", command], check=True
    )
    try:
        pid = int(
            subprocess.run(
                ["tmux", "list-panes", "-t", session, "-F", "#{pane_pid}"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()[0]
        )
        time.sleep(5)
        before = cpu_seconds(pid)
        time.sleep(args.idle)
        used = cpu_seconds(pid) - before
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
    print(f"idle CPU over {args.idle:.0f} s: {100 * used / args.idle:.2f} % of one core")


if __name__ == "__main__":
    main()
