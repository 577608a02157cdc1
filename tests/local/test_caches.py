"""The last known overview and the last good session, kept on the user's own computer:
only what the overview shows, private, per store, login and unit."""

from __future__ import annotations

import json
import stat

from sip_tui.domain.kinds import Phase, Status
from sip_tui.domain.roles import Role
from sip_tui.local import db, overview_cache, session_cache
from sip_tui.local.overview_cache import CachedOverview, CachedRow
from sip_tui.local.owner import Owner
from sip_tui.local.session_cache import CachedSession, CachedUnit
from tests.domain.world import at

KEY = db.store_key("postgresql://ahmed:hemligt@db.example/sip")
AHMED_HC = Owner(KEY, "ahmed", "HC")
STATUSES = {phase: Status.THEIRS for phase in Phase} | {Phase.KAL: Status.OURS}


def an_overview() -> CachedOverview:
    rows = (
        CachedRow(
            42, "194001011234", "Elsa Andersson", "Ålidhem", STATUSES, at("2026-11-24 12:00")
        ),
        CachedRow(43, "195502021234", "Nils Berg", "HSV", STATUSES, None),
    )
    return CachedOverview(rows, (1, 2, 0), at("2026-11-23 11:54"))


def test_the_last_overview_comes_back_and_holds_only_what_the_overview_shows() -> None:
    overview_cache.save(AHMED_HC, an_overview())
    assert overview_cache.load(AHMED_HC) == an_overview()
    assert overview_cache.load(Owner(KEY, "ahmed", "HSV")) is None
    with db.opened() as connection:
        (text,) = connection.execute("SELECT overview FROM overview_cache").fetchone()
    (row, _) = json.loads(text)["rows"]
    assert set(row) == {"case_id", "personnummer", "name", "coordinator", "statuses", "deadline"}
    assert stat.S_IMODE(db.local_path().stat().st_mode) == 0o600


def test_a_newer_overview_replaces_the_older() -> None:
    overview_cache.save(AHMED_HC, an_overview())
    newer = CachedOverview((), (0, 0, 0), at("2026-11-23 12:10"))
    overview_cache.save(AHMED_HC, newer)
    assert overview_cache.load(AHMED_HC) == newer


def test_the_last_good_session_comes_back() -> None:
    units = (
        CachedUnit("HC", "Ålidhems hälsocentral", "Ålidhem", frozenset({Role.COORDINATOR})),
        CachedUnit("HSV", "Hemsjukvården", "HSV", frozenset({Role.WATCHER, Role.PROFESSIONAL})),
    )
    session = CachedSession("ahmed", "Ahmed Nilsson", units, at("2026-11-23 07:58"))
    session_cache.save(KEY, session)
    assert session_cache.load(KEY, "ahmed") == session
    assert session_cache.load(KEY, "karin") is None
    with db.opened() as connection:
        assert "hemligt" not in str(connection.execute("SELECT * FROM session_cache").fetchall())
