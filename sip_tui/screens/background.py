"""Where the screens found their thread-worker helpers before the UI runtime: kept so the
forms' write paths import them unchanged until they move to commands. The helpers live
in :mod:`sip_tui.ui.runtime.workers`."""

from __future__ import annotations

from sip_tui.ui.runtime.workers import Problem, deliver, fetch_units, to_ui

__all__ = ["Problem", "deliver", "fetch_units", "to_ui"]
