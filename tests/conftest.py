"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_config(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """Keep a developer's own config, database and frozen clock out of every test.

    Removes every ``SIP_TUI_*`` variable (``SIP_TUI_NOW``, ``SIP_TUI_DB``, overrides) and
    points ``SIP_TUI_CONFIG`` at a file that does not exist, so the defaults apply.
    Returns that path: a test that writes the file configures the app.
    """
    for name in [name for name in os.environ if name.upper().startswith("SIP_TUI_")]:
        monkeypatch.delenv(name)
    config = tmp_path_factory.mktemp("config") / "config.toml"
    monkeypatch.setenv("SIP_TUI_CONFIG", str(config))
    # The local store (drafts, caches, the downtime journal) and other user files: a
    # test's own, never the developer's.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data")))
    return config
