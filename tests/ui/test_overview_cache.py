"""The last known overview (issue 13, point 2): written after each live read with only what
the overview shows; painted at once at the next start, marked with the time it was read,
until the live rows replace it."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from sip_tui.domain.kinds import Phase, Status
from sip_tui.local import overview_cache
from sip_tui.local.overview_cache import CachedOverview, CachedRow
from sip_tui.local.owner import Owner
from sip_tui.store.service.api import Store
from sip_tui.ui.overview.screen import OverviewScreen
from sip_tui.ui.runtime.drafting import local_key
from tests.domain.world import at
from tests.ui.conftest import LOGIN, make_app
from tests.ui.helpers import Outage, loaded, status_line, until

HSV = "umea-hsv-centrum"


def names(screen: OverviewScreen) -> list[str]:
    """The names in the table's rows (whole: the Namn column cuts them at 80 columns)."""
    shown = {str(row.case_id): row.individual_name for row in screen.visible_rows()}
    table = screen.query_one(DataTable)
    return [shown[str(row.key.value)] for row in table.ordered_rows]


def mark(screen: OverviewScreen) -> str:
    widget = screen.query_one("#cached-mark", Static)
    return str(widget.render()) if widget.has_class("shown") else ""


async def test_each_live_read_is_kept_as_the_overview_shows_it(store: Store) -> None:
    async with make_app(store, unit=HSV).run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        owner = Owner(local_key(store), LOGIN, HSV)
        await until(pilot, lambda: overview_cache.load(owner) is not None)
        kept = overview_cache.load(owner)
        assert kept is not None
        shown = {row.case_id: row for row in screen.visible_rows()}
        assert {row.case_id for row in kept.rows} == set(shown)
        for row in kept.rows:
            live = shown[row.case_id]
            assert (row.name, row.personnummer) == (live.individual_name, live.personnummer)
            assert row.coordinator == screen.unit_names[live.coordinator_unit]  # as shown
            assert (row.statuses, row.deadline) == (live.statuses, live.next_deadline)
        assert mark(screen) == ""  # live rows carry no mark


async def test_the_last_overview_is_painted_at_once_and_the_live_rows_replace_it(
    store: Store,
) -> None:
    statuses = {phase: Status.NOT_YET for phase in Phase} | {Phase.INI: Status.OURS}
    cached = CachedRow(99999, "193001011234", "Cachad Person", "Ålidhem", statuses, None)
    overview_cache.save(
        Owner(local_key(store), LOGIN, HSV),
        CachedOverview((cached,), (1, 0, 0), at("2026-11-23 07:54")),
    )
    outage = Outage(store, "overview_for")
    outage.down = True  # the live read does not come yet
    async with make_app(store, unit=HSV).run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert names(screen) == ["Cachad Person"]
        assert mark(screen) == "Sparad översikt, senast hämtat 07:54 – inte aktuell"
        cells = [str(cell) for cell in screen.query_one(DataTable).get_row_at(0)]
        assert cells[:3] == ["300101-1234", "Cachad Per…", "Ålidhem"]
        assert cells[3].strip() == "●"  # INI: ours
        await until(pilot, lambda: "FRÅNKOPPLAD" in status_line(screen))
        assert names(screen) == ["Cachad Person"]  # still the last known
        outage.down = False
        await until(pilot, lambda: "Cachad Person" not in names(screen))
        assert len(names(screen)) > 1
        assert mark(screen) == ""
