"""``sip-tui`` started while the store is out of reach (issue 13, point 2): with the last
good session kept on this computer it starts on it in outage mode and shows the last known
overview with its time; without one it is one English line naming ``sip-tui downtime``."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from textual.widgets import Static

from sip_tui import launch
from sip_tui.cli import main
from sip_tui.config import load_settings
from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.domain.kinds import Phase, Status
from sip_tui.domain.roles import Role
from sip_tui.local import overview_cache, session_cache
from sip_tui.local.overview_cache import CachedOverview, CachedRow
from sip_tui.local.owner import Owner
from sip_tui.local.session_cache import CachedSession, CachedUnit
from sip_tui.store.engine import make_engine
from sip_tui.store.service.api import Store
from sip_tui.ui.app import SipApp
from sip_tui.ui.overview.screen import OverviewScreen
from sip_tui.ui.runtime.drafting import local_key
from tests.domain.world import at
from tests.ui.conftest import LOGIN, NOW
from tests.ui.helpers import loaded, status_line, until
from tests.ui.outage import banner

#: Nothing listens there: connection refused at once, as with a stopped server.
DOWN = "postgresql://postgres@127.0.0.1:1/sip"
HSV = "umea-hsv-centrum"


@pytest.fixture(autouse=True)
def as_tester(monkeypatch: pytest.MonkeyPatch) -> None:
    """The OS account is the demo's user."""
    monkeypatch.setattr(launch, "os_login", lambda: LOGIN)


def key_of(url: str) -> str:
    """The store's key in the local store, as the app makes it."""
    return local_key(Store(make_engine(url), Clock.frozen(NOW), WorkCalendar()))


def keep_a_session_and_an_overview(url: str) -> None:
    key = key_of(url)
    unit = CachedUnit(HSV, "Hemsjukvården Umeå centrum", "HSV centrum", frozenset({Role.WATCHER}))
    session_cache.save(key, CachedSession(LOGIN, "Tea Testare", (unit,), at("2026-11-20 16:00")))
    statuses = {phase: Status.THEIRS for phase in Phase}
    row = CachedRow(7, "194001011234", "Elsa Andersson", "Ålidhem", statuses, None)
    overview_cache.save(
        Owner(key, LOGIN, HSV), CachedOverview((row,), (0, 0, 0), at("2026-11-20 15:58"))
    )


async def test_an_outage_at_start_opens_the_last_session_and_overview() -> None:
    keep_a_session_and_an_overview(DOWN)
    app = launch.prepare_app(DOWN, None, Clock.frozen(NOW), load_settings())
    assert app.outage_since == NOW
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert isinstance(screen, OverviewScreen)
        assert "Hemsjukvården Umeå centrum" in str(screen.query_one("#title", Static).render())
        assert [row.individual_name for row in screen.visible_rows()] == ["Elsa Andersson"]
        shown = screen.query_one("#cached-mark", Static)
        assert (
            str(shown.render()) == "Sparad översikt, senast hämtat fre 20 nov 15:58 – inte aktuell"
        )
        await until(pilot, lambda: "FRÅNKOPPLAD" in status_line(screen))
        # The banner too, though the outage began before any screen existed; it names
        # when the rows shown were read.
        await until(pilot, lambda: banner(screen).startswith("⚠ Driftstopp sedan 08:05 – "))
        assert "20 nov 15:58" in banner(screen)


def test_without_a_kept_session_it_is_one_line_naming_the_downtime_command() -> None:
    with pytest.raises(launch.StoreOutage) as raised:
        launch.prepare_app(DOWN, None, Clock.frozen(NOW), load_settings())
    message = str(raised.value)
    assert "\n" not in message
    assert "unreachable" in message
    assert "`sip-tui downtime`" in message


def test_the_command_says_it_in_one_line_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["run", "--db", DOWN])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "sip-tui downtime" in err


def test_the_command_starts_on_the_kept_session(monkeypatch: pytest.MonkeyPatch) -> None:
    keep_a_session_and_an_overview(DOWN)
    ran: list[str] = []
    monkeypatch.setattr(SipApp, "run", lambda self: ran.append(self.memberships[0].unit.code))
    with pytest.raises(SystemExit) as exit_info:
        main(["run", "--db", DOWN])
    assert exit_info.value.code in (0, None)
    assert ran == [HSV]


def test_every_start_that_reaches_the_store_keeps_the_session(engine: Engine) -> None:
    url = str(engine.url)
    launch.prepare_app(url, None, Clock.frozen(NOW), load_settings())
    kept = session_cache.load(key_of(url), LOGIN)
    assert kept is not None
    assert kept.name == "Tea Testare"
    assert HSV in {unit.code for unit in kept.units}
