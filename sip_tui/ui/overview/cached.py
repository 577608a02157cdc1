"""The overview's last known rows (``sip_tui.local.overview_cache``): written by the load
worker after each live read, read by a thread worker as the overview opens and painted at
once — marked with the time they were read, not current — until the live rows replace
them. A local file that cannot be read or written changes nothing on screen."""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime

from textual.message import Message
from textual.widgets import Static

from sip_tui.domain.clock import to_stockholm
from sip_tui.domain.session import Session
from sip_tui.domain.texts import short_moment
from sip_tui.local import overview_cache
from sip_tui.local.overview_cache import CachedOverview, CachedRow
from sip_tui.store.service.api import OverviewRow, Store
from sip_tui.ui.runtime.drafting import LOCAL_TROUBLE, owner_of
from sip_tui.ui.runtime.workers import post
from sip_tui.ui.widgets.status_bar import Counts


class CachedRead(Message, bubble=False):
    """The last known overview, read from the local file."""

    def __init__(self, overview: CachedOverview) -> None:
        super().__init__()
        self.overview = overview


def remember(
    store: Store,
    session: Session,
    rows: list[OverviewRow],
    counts: Counts,
    now: datetime,
    unit_names: dict[str, str],
) -> None:
    """(Load worker.) Keep what the overview will show of ``rows``, read at ``now``."""
    kept = tuple(
        CachedRow(
            row.case_id,
            row.personnummer,
            row.individual_name,
            unit_names.get(row.coordinator_unit, row.coordinator_unit),
            dict(row.statuses),
            row.next_deadline,
        )
        for row in rows
    )
    overview = CachedOverview(kept, (counts.due, counts.overdue, counts.today), now)
    with suppress(*LOCAL_TROUBLE):  # the next read tries again; the overview needs it not
        overview_cache.save(owner_of(store, session), overview)


def read_cached(target: Static, store: Store, session: Session) -> None:
    """(Thread worker.) Post :class:`CachedRead` to ``target``'s screen when there is a
    last known overview."""
    try:
        found = overview_cache.load(owner_of(store, session))
    except LOCAL_TROUBLE:
        return
    if found is not None:
        post(target.screen, CachedRead(found))


def as_rows(overview: CachedOverview) -> tuple[list[OverviewRow], Counts]:
    """The cached rows as the overview's rows (the coordinating unit already as shown)."""
    rows = [
        OverviewRow(
            row.case_id,
            row.name,
            row.personnummer,
            row.coordinator,
            row.statuses,
            row.deadline,
            0,
            True,
        )
        for row in overview.rows
    ]
    due, overdue, today = overview.counts
    return rows, Counts(due, overdue, today)


def read_at_words(read_at: datetime, now: datetime) -> str:
    """``11:54`` today, else ``fre 20 nov 11:54`` (Stockholm time)."""
    read_at = to_stockholm(read_at)
    return (
        f"{read_at:%H:%M}" if read_at.date() == to_stockholm(now).date() else short_moment(read_at)
    )


class CachedMark(Static):
    """One line over the table while it shows the last known rows, not live ones."""

    DEFAULT_CSS = """
    CachedMark { height: auto; padding: 0 1; display: none;
                 background: $warning-muted; color: $text; text-style: bold; }
    CachedMark.shown { display: block; }
    """

    def __init__(self) -> None:
        super().__init__("", id="cached-mark", markup=False)

    def read(self, store: Store, session: Session) -> None:
        """Read the last known overview in a thread worker (posted to the screen)."""
        self.run_worker(lambda: read_cached(self, store, session), thread=True, group="cached")

    def show_cached(self, read_at: datetime, now: datetime) -> None:
        self.update(f"Sparad översikt, senast hämtat {read_at_words(read_at, now)} – inte aktuell")
        self.add_class("shown")

    def live(self) -> None:
        """The live rows are shown."""
        self.remove_class("shown")
