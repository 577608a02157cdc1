"""The crash log is readable by its owner only and holds no message a user could have typed."""

from __future__ import annotations

import stat
from pathlib import Path

from sip_tui.ui.runtime.crash import write_crash_log


def _failure() -> KeyError:
    try:
        raise KeyError("19450612-1237")
    except KeyError as error:
        return error


def test_a_new_crash_log_is_0600_in_a_0700_directory(tmp_path: Path) -> None:
    path = tmp_path / "logs" / "crash.log"
    assert write_crash_log(_failure(), path) == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    text = path.read_text()
    assert "builtins.KeyError" in text
    assert "19450612" not in text


def test_an_older_crash_log_readable_by_others_is_narrowed_to_0600(tmp_path: Path) -> None:
    path = tmp_path / "crash.log"
    path.write_text("--- earlier\n")
    path.chmod(0o644)
    assert write_crash_log(_failure(), path) == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text().startswith("--- earlier\n")


def test_a_crash_log_that_cannot_be_written_is_none(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert write_crash_log(_failure(), blocker / "crash.log") is None
