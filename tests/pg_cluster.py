"""A PostgreSQL cluster of a test's own: its own roles and ``pg_hba.conf``, on a free port,
in a temporary directory, removed afterwards. The shared test server (``SIP_TEST_POSTGRES``)
is never reconfigured, stopped or given roles.

Needs the server binaries (``pg_config --bindir`` or /usr/lib/postgresql/*/bin). As root
the cluster runs as the ``postgres`` account (the server refuses to run as root). Under CI
a missing binary is a failure, elsewhere a skip with the reason.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class Cluster:
    port: int
    directory: Path

    def url(self, database: str = "postgres", user: str = "postgres") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"


def _bindir() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    if found:
        return found[0].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@contextlib.contextmanager
def own_cluster(hba: str = "host all all 127.0.0.1/32 trust\n") -> Iterator[Cluster]:
    """Start a cluster with ``hba`` as its pg_hba.conf; stop and remove it afterwards."""
    bindir = _bindir()
    if bindir is None:
        message = "no PostgreSQL server binaries (initdb) on this machine"
        if os.environ.get("CI", "").strip():
            pytest.fail(message)
        pytest.skip(message)
    root = Path(tempfile.mkdtemp(prefix="sip-pg-"))
    data, sockets = root / "data", root / "run"
    sockets.mkdir()
    if os.geteuid() == 0:
        server = pwd.getpwnam("postgres")
        for path in (root, sockets):
            os.chown(path, server.pw_uid, server.pw_gid)
    port = _free_port()
    run = {"check": True, "capture_output": True, "timeout": 120}
    try:
        subprocess.run(
            _as_server_user(
                [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust"]
            ),
            **run,  # type: ignore[call-overload]
        )
        (data / "pg_hba.conf").write_text("local all postgres trust\n" + hba, encoding="utf-8")
        options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(
            _as_server_user(
                [
                    str(bindir / "pg_ctl"),
                    "-D",
                    str(data),
                    "-o",
                    options,
                    "-w",
                    "start",
                    "-l",
                    str(root / "server.log"),
                ]
            ),
            **run,  # type: ignore[call-overload]
        )
        yield Cluster(port, root)
    finally:
        subprocess.run(
            _as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
            timeout=60,
            check=False,
        )
        shutil.rmtree(root, ignore_errors=True)
