"""The clock: always Stockholm time, frozen by SIP_TUI_NOW."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from sip_tui.domain.clock import Clock, parse_moment

SE = ZoneInfo("Europe/Stockholm")


@pytest.mark.parametrize(
    ("value", "now"),
    [
        ("2026-11-23T11:15", "2026-11-23T11:15:00+01:00"),  # naive = Stockholm, winter
        ("2026-11-23 11:15", "2026-11-23T11:15:00+01:00"),  # space instead of T
        ("2026-06-18T10:00", "2026-06-18T10:00:00+02:00"),  # naive = Stockholm, summer
        ("2026-11-23T10:15:00+00:00", "2026-11-23T11:15:00+01:00"),  # offset, shown in Stockholm
        ("2026-11-23T05:15-05:00", "2026-11-23T11:15:00+01:00"),
        ("2026-06-18T08:00Z", "2026-06-18T10:00:00+02:00"),
        ("  2026-11-23T11:15  ", "2026-11-23T11:15:00+01:00"),
    ],
)
def test_sip_tui_now_freezes_the_clock(value: str, now: str) -> None:
    clock = Clock.from_environment({"SIP_TUI_NOW": value})
    assert clock.now().isoformat() == now
    assert clock.now() == clock.now()


def test_sip_tui_now_is_read_from_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIP_TUI_NOW", "2026-11-23T11:15")
    assert Clock.from_environment().now() == datetime(2026, 11, 23, 11, 15, tzinfo=SE)


@pytest.mark.parametrize("environ", [{}, {"SIP_TUI_NOW": ""}, {"SIP_TUI_NOW": "  "}])
def test_without_sip_tui_now_the_clock_runs(environ: dict[str, str]) -> None:
    now = Clock.from_environment(environ).now()
    assert abs(now - datetime.now(UTC)) < timedelta(seconds=5)
    assert now.utcoffset() == now.astimezone(SE).utcoffset()


@pytest.mark.parametrize(
    "value", ["yesterday", "2026-13-01T10:00", "23/11/2026 11:15", "2026-11-23T11:15+25:00"]
)
def test_a_bad_sip_tui_now_says_what_is_expected(value: str) -> None:
    with pytest.raises(ValueError, match="ISO 8601") as error:
        Clock.from_environment({"SIP_TUI_NOW": value})
    message = str(error.value)
    assert message.startswith("SIP_TUI_NOW: ")
    assert value in message
    assert "2026-11-23 11:15" in message  # an example of the format
    assert "\n" not in message


def test_a_bad_value_with_a_newline_still_gives_one_line() -> None:
    with pytest.raises(ValueError, match="ISO 8601") as error:
        Clock.from_environment({"SIP_TUI_NOW": "2026-11-23\nT11:15"})
    assert "\n" not in str(error.value)


def test_a_moment_out_of_range_is_a_value_error_not_an_overflow() -> None:
    with pytest.raises(ValueError, match="ISO 8601"):
        parse_moment("9999-12-31T23:00:00-05:00")


def test_a_naive_source_is_taken_as_stockholm_time() -> None:
    clock = Clock(lambda: datetime(2026, 6, 18, 10, 0))
    assert clock.now().isoformat() == "2026-06-18T10:00:00+02:00"


def test_a_frozen_clock_reports_in_stockholm_time() -> None:
    clock = Clock.frozen(datetime(2026, 6, 18, 8, 0, tzinfo=UTC))
    assert clock.now().isoformat() == "2026-06-18T10:00:00+02:00"
