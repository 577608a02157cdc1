"""An outage as a user meets it: the PostgreSQL server stops while Ahmed fills in the
Kartläggning five minutes before the cut-off — a banner says since when, the overview and
the case stay, marked not current, his text stays after a failed Spara; the server comes
back, the banner goes within 2 s, Spara saves. On SQLite: a full disk, a read-only file,
a deleted or emptied file are said in Swedish, nothing crashes, nothing is recreated."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, event
from textual.widgets import DataTable, Input, Static, TextArea

from sip_tui import launch
from sip_tui.config import load_settings
from sip_tui.domain.clock import Clock
from sip_tui.domain.commands import AcceptInitiative
from sip_tui.domain.model import Phase, Status
from sip_tui.local import drafts
from sip_tui.local.owner import Owner
from sip_tui.store.service.api import Store
from sip_tui.ui.app import SipApp
from sip_tui.ui.case.parts import Part
from sip_tui.ui.case.screen import CaseScreen
from sip_tui.ui.deviations.register import RegisterDialog
from sip_tui.ui.dialogs.answer import AnswerDialog
from sip_tui.ui.dialogs.simple import CarefulConfirmScreen
from sip_tui.ui.drafts.screen import DraftListScreen
from sip_tui.ui.forms.base import FormScreen
from sip_tui.ui.overview.screen import OverviewScreen
from sip_tui.ui.runtime.drafting import local_key
from sip_tui.ui.runtime.feed import Backoff
from sip_tui.ui.widgets.outage_banner import banner_text
from tests.acting import as_user
from tests.domain.world import AHMED, HC, HSV, KARIN, at
from tests.store.seed import sent_case
from tests.ui.conftest import LOGIN, OUTAGE_NOW, make_app
from tests.ui.forms import app_as, open_case, open_part, problem
from tests.ui.helpers import Outage, loaded, status_line, until
from tests.ui.outage import PgOutage, banner

TYPED = "Elsa skrivs ut i morgon; ring hemsjukvården"


def on_row(screen: OverviewScreen, case_id: int) -> None:
    index = next(i for i, r in enumerate(screen.visible_rows()) if r.case_id == case_id)
    screen.query_one(DataTable).move_cursor(row=index, column=0)


def accepted_case(store: Store) -> int:
    case_id = sent_case(store, [HSV])
    store.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id, ""))
    return case_id


def situation(form: FormScreen) -> str:
    return form.query_one("#situation", TextArea).text


def title(screen: OverviewScreen) -> str:
    return str(screen.query_one("#title", Static).render())


def stored_situation(store: Store, case_id: int) -> str | None:
    mapping = store.open_case(as_user(AHMED.user, HC), case_id).mapping
    return mapping.situation if mapping is not None else None


async def test_a_stopped_server_keeps_the_view_and_the_form_and_saves_when_back(
    pg_outage: PgOutage,
) -> None:
    store, proxy = pg_outage.store, pg_outage.proxy
    case_id = accepted_case(pg_outage.direct)
    app = app_as(store, AHMED)
    async with app.run_test(size=(80, 24)) as pilot:
        overview = await loaded(pilot)
        rows = overview.query_one(DataTable).row_count
        assert rows > 0
        case_screen = await open_case(pilot, case_id)
        form = await open_part(pilot, Part.MAPPING)
        await pilot.press(*TYPED)
        assert banner(form) == ""

        proxy.cut()  # the server stops: the change feed notices by itself
        await until(pilot, lambda: app.outage_since is not None, timeout=5)
        await until(pilot, lambda: banner(pilot.app.screen) != "")
        assert banner(form) == (
            "⚠ Driftstopp sedan 11:55 – visar senast hämtade uppgifter (11:55). F9 Driftstopp"
        )
        await pilot.press("f2")  # Spara fails, in Swedish, and keeps the text
        await until(pilot, lambda: "Inget ändrades" in problem(form))
        assert "databasservern" in problem(form)
        assert "svarar inte" in problem(form)
        assert "Det du skrivit finns kvar" in problem(form)
        assert situation(form) == TYPED
        assert pilot.app.screen is form
        # Under the form: the case and the overview stay on screen, marked not current.
        assert banner(case_screen) == banner(form)
        stale = case_screen.query_one("#case-stale", Static)
        assert stale.display
        assert "Ej aktuellt sedan 11:55" in str(stale.render())
        assert case_screen.case is not None
        assert overview.query_one(DataTable).row_count == rows
        assert "ej aktuell sedan 11:55" in title(overview)
        assert "FRÅNKOPPLAD" in status_line(overview)

        proxy.restore()  # the server is back
        back = time.monotonic()
        await until(pilot, lambda: banner(form) == "", timeout=2.0)
        assert time.monotonic() - back < 2.0
        assert app.outage_since is None
        assert not case_screen.query_one("#case-stale", Static).display
        await pilot.press("f2")
        await until(pilot, lambda: stored_situation(pg_outage.direct, case_id) == TYPED)
        await until(pilot, lambda: problem(form) == "")
        assert situation(form) == TYPED

        await pilot.press("escape", "escape")  # back to the overview: current again
        await until(pilot, lambda: pilot.app.screen is overview)
        await until(pilot, lambda: "FRÅNKOPPLAD" not in status_line(overview))
        assert "ej aktuell" not in title(overview)
    assert app.return_code in (None, 0)


async def test_a_save_the_stopped_server_missed_survives_a_restart_and_is_saved_when_back(
    pg_outage: PgOutage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server stops; Spara keeps the text as a local draft; sip-tui is closed and
    started again while the server is still down; the server comes back and the draft is
    saved from the overview (issue 13: "a restart in between keeps the draft")."""
    store, proxy = pg_outage.store, pg_outage.proxy
    case_id = accepted_case(pg_outage.direct)
    owner = Owner(local_key(store), AHMED.user, HC)
    monkeypatch.setattr(launch, "os_login", lambda: AHMED.user)

    def start() -> SipApp:  # as `sip-tui run --unit HC` starts it
        return launch.prepare_app(pg_outage.url, HC, Clock.frozen(OUTAGE_NOW), load_settings())

    first = start()
    async with first.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.MAPPING)
        await pilot.press(*TYPED)
        proxy.cut()
        await until(pilot, lambda: first.outage_since is not None, timeout=5)
        await pilot.press("f2")
        await until(pilot, lambda: "sparat som utkast på den här datorn" in problem(form))
    assert [d.summary for d in drafts.drafts(owner)] == [f"Spara kartläggningen: {TYPED}"]

    second = start()  # a new sip-tui, the server still down: the kept session
    async with second.run_test(size=(80, 24)) as pilot:
        overview = pilot.app.screen
        assert isinstance(overview, OverviewScreen)
        await until(pilot, lambda: second.outage_since is not None, timeout=5)
        await until(pilot, lambda: overview.drafts_line.count == 1)
        assert stored_situation(pg_outage.direct, case_id) != TYPED

        proxy.restore()
        await until(pilot, lambda: second.outage_since is None, timeout=2.0)
        await pilot.press("s")
        await until(
            pilot,
            lambda: isinstance(pilot.app.screen, DraftListScreen) and bool(pilot.app.screen.found),
        )
        await pilot.press("enter")
        await until(pilot, lambda: stored_situation(pg_outage.direct, case_id) == TYPED)
        await until(pilot, lambda: drafts.count(owner) == 0)
    assert second.return_code in (None, 0)


# --- SQLite -----------------------------------------------------------------------------------


def sqlite_path(engine: Engine) -> Path:
    return Path(str(engine.url.database))


def fill_the_disk(engine: Engine) -> None:
    """Every new connection may not grow the file (SQLite's ``max_page_count``): what a
    full disk does to a write, SQLITE_FULL."""

    @event.listens_for(engine, "connect")
    def full(dbapi_connection: object, _record: object) -> None:
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        pages = cursor.execute("PRAGMA page_count").fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count = {pages}")
        cursor.close()

    engine.dispose()


async def test_a_full_disk_says_so_and_keeps_the_text(world: Store) -> None:
    case_id = accepted_case(world)
    app = app_as(world, AHMED)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.MAPPING)
        await pilot.press(*TYPED)
        form.query_one("#situation", TextArea).insert(" " + "x" * 4000)  # pasted: no room
        fill_the_disk(world.engine)
        await pilot.press("f2")
        await until(pilot, lambda: problem(form) != "", timeout=15)
        assert "Inget ändrades: disken där databasfilen" in problem(form)
        assert "är full" in problem(form)
        assert "Det du skrivit finns kvar" in problem(form)
        assert situation(form).startswith(TYPED)
        assert pilot.app.screen is form
        assert app.outage_since is None  # reads work: no outage, the refusal says why
    assert app.return_code in (None, 0)
    assert stored_situation(world, case_id) is None


async def test_a_deleted_file_is_an_outage_and_is_never_recreated(world: Store) -> None:
    case_id = accepted_case(world)
    path = sqlite_path(world.engine)
    app = app_as(world, AHMED)
    async with app.run_test(size=(80, 24)) as pilot:
        overview = await loaded(pilot)
        rows = overview.query_one(DataTable).row_count
        kept = path.with_suffix(".kept")
        for suffix in ("", "-wal", "-shm"):
            name = Path(f"{path}{suffix}")
            if name.exists():
                name.rename(f"{kept}{suffix}")
        await until(pilot, lambda: banner(overview) != "", timeout=5)
        assert "Driftstopp sedan 08:05" in banner(overview)
        assert overview.query_one(DataTable).row_count == rows
        on_row(overview, case_id)
        await pilot.press("enter")  # a case cannot be read: it says why, never "Hämtar …"
        await until(pilot, lambda: isinstance(pilot.app.screen, CaseScreen))
        case_screen = pilot.app.screen
        assert isinstance(case_screen, CaseScreen)
        who = case_screen.query_one("#who", Static)
        await until(pilot, lambda: "kunde inte hämtas" in str(who.render()))
        assert f"databasfilen {path} saknas" in str(who.render())
        assert "Det hämtas när databasen svarar igen." in str(who.render())
        assert not path.exists()  # nothing made a new, empty one
        for suffix in ("", "-wal", "-shm"):  # the file is put back
            name = Path(f"{kept}{suffix}")
            if name.exists():
                name.rename(f"{path}{suffix}")
        await until(pilot, lambda: banner(case_screen) == "", timeout=3)
        await until(pilot, lambda: case_screen.case is not None)
    assert app.return_code in (None, 0)


async def test_an_emptied_file_is_an_outage_not_an_empty_mailbox(world: Store) -> None:
    path = sqlite_path(world.engine)
    app = app_as(world, AHMED)
    async with app.run_test(size=(80, 24)) as pilot:
        overview = await loaded(pilot)
        rows = overview.query_one(DataTable).row_count
        saved = path.read_bytes()
        path.write_bytes(b"")
        await until(pilot, lambda: banner(overview) != "", timeout=5)
        await pilot.press("r")  # read again: refused, and the rows stay
        await until(
            pilot, lambda: all(w.is_finished for w in pilot.app.workers if w.group == "load")
        )
        await pilot.pause()  # and what it posted handled
        assert overview.query_one(DataTable).row_count == rows  # not "Inga ärenden"
        assert path.stat().st_size == 0  # nobody wrote a new database into it
        path.write_bytes(saved)
        await until(pilot, lambda: banner(overview) == "", timeout=3)
    assert app.return_code in (None, 0)


async def test_a_read_only_file_says_so_instead_of_loading_for_ever(world: Store) -> None:
    """Running as root, chmod does not stop writes: the file is made read-only the way
    SQLite sees it (``query_only``); the case read writes an access-log line and fails."""
    case_id = accepted_case(world)

    @event.listens_for(world.engine, "connect")
    def read_only(dbapi_connection: object, _record: object) -> None:
        dbapi_connection.execute("PRAGMA query_only = ON")  # type: ignore[attr-defined]

    app = app_as(world, AHMED)
    async with app.run_test(size=(80, 24)) as pilot:
        overview = await loaded(pilot)
        world.engine.dispose()
        if os.geteuid() != 0:
            os.chmod(sqlite_path(world.engine), 0o444)
        on_row(overview, case_id)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, CaseScreen))
        case_screen = pilot.app.screen
        assert isinstance(case_screen, CaseScreen)
        who = case_screen.query_one("#who", Static)
        await until(pilot, lambda: "kunde inte hämtas" in str(who.render()))
        assert "är skrivskyddad" in str(who.render())
        assert "svarar igen" not in str(who.render())  # it will not come by itself
        assert app.outage_since is None  # reads work: the overview is current
    assert app.return_code in (None, 0)


# --- an outage only a screen's read meets; the banner's words; the back-off -------------------


async def test_an_outage_a_read_meets_first_shows_the_banner_until_the_store_answers(
    store: Store,
) -> None:
    """The change feed has not noticed (its connection still works): the overview's read
    tells the app, which asks the feed to look again; back, the banner goes."""
    outage = Outage(store, "overview_for", "probe")
    app = make_app(store, unit=HSV)
    async with app.run_test(size=(80, 24)) as pilot:
        overview = await loaded(pilot)
        outage.down = True
        await pilot.press("r")
        await until(pilot, lambda: banner(overview) != "")
        assert banner(overview).startswith("⚠ Driftstopp sedan 08:05 – visar senast hämtade")
        outage.down = False
        await until(pilot, lambda: banner(overview) == "", timeout=2.0)
        await until(pilot, lambda: "FRÅNKOPPLAD" not in status_line(overview), timeout=2.0)


def test_the_banner_says_since_when_and_what_is_shown_in_its_width() -> None:
    since, fetched, now = at("2026-11-23 11:55"), at("2026-11-23 11:54"), at("2026-11-23 12:10")
    full = "⚠ Driftstopp sedan 11:55 – visar senast hämtade uppgifter (11:54). F9 Driftstopp"
    assert banner_text(since, fetched, now, width=80) == full
    assert banner_text(since, fetched, now, width=79) == (
        "⚠ Driftstopp sedan 11:55 – visar läget 11:54. F9 Driftstopp"
    )
    assert banner_text(since, fetched, now, width=40) == "⚠ Driftstopp sedan 11:55. F9 Driftstopp"
    assert banner_text(since, None, now) == (
        "⚠ Driftstopp sedan 11:55 – inget har kunnat hämtas. F9 Driftstopp"
    )
    next_day = at("2026-11-24 07:30")
    assert banner_text(since, fetched, next_day, width=120).startswith(
        "⚠ Driftstopp sedan mån 23 nov 11:55 – visar senast hämtade uppgifter (mån 23 nov 11:54)"
    )


def test_the_feed_tries_again_soon_then_once_a_second() -> None:
    moments = iter([0.0, 0.3, 0.9, 2.0, 3.0, 20.0, 20.3])
    backoff = Backoff(lambda: next(moments))
    assert [backoff.next() for _ in range(7)] == [0.25, 0.5, 1.0, 1.0, 1.0, 0.25, 0.5]


# --- nothing typed is lost in a dialog either ---------------------------------------------------


async def test_kvittera_during_an_outage_comes_back_with_the_text(store: Store) -> None:
    outage = Outage(store, "execute")
    async with make_app(store, unit=HSV).run_test(size=(80, 24)) as pilot:
        overview = await loaded(pilot)
        rows = overview.visible_rows()
        index = next(i for i, r in enumerate(rows) if r.statuses[Phase.INI] is Status.OURS)
        overview.query_one(DataTable).move_cursor(row=index, column=0)
        await pilot.press("enter")
        await until(pilot, lambda: getattr(pilot.app.screen, "case", None) is not None)
        outage.down = True
        await pilot.press("a")
        await until(pilot, lambda: isinstance(pilot.app.screen, AnswerDialog))
        await pilot.press(*"Tisdag passar", "enter")
        await until(
            pilot,
            lambda: (
                isinstance(pilot.app.screen, AnswerDialog)
                and "Inget ändrades" in answer_problem(pilot.app.screen)
            ),
        )
        dialog = pilot.app.screen
        assert "databasen svarar inte" in answer_problem(dialog)
        assert dialog.query_one("#text", Input).value == "Tisdag passar"
        outage.down = False
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(pilot.app.screen, AnswerDialog))
        case = store.open_case(as_user(LOGIN, HSV), rows[index].case_id)
        assert case.participants[HSV].comment == "Tisdag passar"


def answer_problem(dialog: object) -> str:
    assert isinstance(dialog, AnswerDialog)
    return str(dialog.query_one("#problem", Static).render())


async def test_lock_during_an_outage_keeps_the_form(world: Store) -> None:
    """Lås needs what was typed saved first; refused by the outage, the form stays open
    with the text and the reason."""
    case_id = accepted_case(world)
    outage = Outage(world, "execute")
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.MAPPING)
        await pilot.press(*TYPED, "f2")
        await until(pilot, lambda: stored_situation(world, case_id) == TYPED)
        await until(pilot, lambda: not form.dirty)
        outage.down = True
        await pilot.press("f4")
        await until(pilot, lambda: isinstance(pilot.app.screen, CarefulConfirmScreen))
        await pilot.press("j")
        await until(pilot, lambda: "Inget ändrades" in problem(form))
        assert pilot.app.screen is form
        assert situation(form) == TYPED
        outage.down = False
        await pilot.press("f4")
        await until(pilot, lambda: isinstance(pilot.app.screen, CarefulConfirmScreen))
        await pilot.press("j")
        await until(pilot, lambda: "LÅST" in str(form.query_one("#form-state", Static).render()))


async def test_a_deviation_typed_during_an_outage_stays_in_its_dialog(store: Store) -> None:
    outage = Outage(store, "register_deviation")
    async with make_app(store, unit=HSV).run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("d")
        await until(pilot, lambda: isinstance(pilot.app.screen, RegisterDialog))
        dialog = pilot.app.screen
        await pilot.press(*"Kallelsen låg kvar")
        dialog.query_one("#when", Input).value = "2026-11-23 07:40"
        outage.down = True
        await pilot.press("ctrl+s")
        shown = dialog.query_one("#problem", Static)
        await until(pilot, lambda: "Databasen kan inte användas just nu" in str(shown.render()))
        assert pilot.app.screen is dialog
        assert dialog.query_one("#description", TextArea).text == "Kallelsen låg kvar"
        outage.down = False
        await pilot.press("ctrl+s")
        await until(pilot, lambda: pilot.app.screen is not dialog)
