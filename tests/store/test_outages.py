"""The store during an outage: whatever happens to the database while the app runs — a
stopped PostgreSQL server, a full disk, a SQLite file deleted, emptied, replaced or made
read-only — every call raises a one-line ``StoreError`` with its Swedish words, never a
driver's error; a missing file is never created again; and when the database is back the
same ``Store`` works again."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event, make_url

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.domain.commands import CreateCase
from sip_tui.domain.model import Consent, ConsentBy
from sip_tui.store.engine import make_engine
from sip_tui.store.errors import (
    DatabaseMissing,
    DatabaseUnreachable,
    DiskFull,
    NotMigrated,
    ReadOnlyDatabase,
    StoreError,
    is_outage,
)
from sip_tui.store.schema import upgrade
from sip_tui.store.service.api import Store
from tests.acting import as_user
from tests.domain.world import AHMED, HC, HSV, at
from tests.proxy import TcpProxy
from tests.store.conftest import PostgresServer
from tests.store.seed import seed_world, sent_case

NOW = at("2026-11-23 11:55")


def new_case() -> CreateCase:
    return CreateCase(
        personnummer="19121212-1212",
        name="Tolvan Tolvansson",
        reason="Behov " * 800,  # more than a page: the file must grow
        consent=Consent(True, ConsentBy.INDIVIDUAL, "Tolvan", date(2026, 11, 20)),
        recipients=[],
    )


def one_line(error: StoreError) -> None:
    assert "\n" not in str(error)
    assert "\n" not in error.swedish
    assert error.swedish[:1].islower()  # a clause the app puts into its sentences


@pytest.fixture
def sqlite_store(sqlite_template: Path, tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "sip.db"
    shutil.copyfile(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    seed_world(engine)
    store = Store(engine, Clock.frozen(NOW), WorkCalendar())
    sent_case(store, [HSV])
    yield store
    engine.dispose()


def path_of(store: Store) -> Path:
    return Path(str(store.engine.url.database))


def remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def calls(store: Store) -> dict[str, object]:
    """Every kind of call a screen makes: a read, a write, the change feed, the probe."""
    return {
        "overview_for": lambda: store.overview_for(HC),
        "execute": lambda: store.execute(as_user(AHMED.user, HC), new_case()),
        "listen": lambda: store.listen(),
        "probe": store.probe,
    }


# --- SQLite -------------------------------------------------------------------------------------


def test_a_deleted_file_is_missing_for_every_call_and_never_created(sqlite_store: Store) -> None:
    path = path_of(sqlite_store)
    listener = sqlite_store.listen()
    sqlite_store.overview_for(HC)  # a pooled connection to the file
    remove(path)
    with pytest.raises(DatabaseMissing) as gone:
        listener.wait(0.1)
    for name, call in calls(sqlite_store).items():
        with pytest.raises(DatabaseMissing) as gone:
            call()  # type: ignore[operator]
        assert gone.value.swedish == f"databasfilen {path} saknas", name
        one_line(gone.value)
        assert is_outage(gone.value)
    assert not path.exists()


def test_a_file_put_back_works_again_with_the_same_store(sqlite_store: Store) -> None:
    path = path_of(sqlite_store)
    rows = sqlite_store.overview_for(HC)
    path.rename(path.with_suffix(".kept"))
    with pytest.raises(DatabaseMissing):
        sqlite_store.overview_for(HC)
    path.with_suffix(".kept").rename(path)
    assert sqlite_store.overview_for(HC) == rows
    sqlite_store.probe()
    sqlite_store.listen().close()


def test_an_emptied_file_is_an_outage_and_stays_empty(sqlite_store: Store) -> None:
    path = path_of(sqlite_store)
    listener = sqlite_store.listen()
    sqlite_store.overview_for(HC)
    path.write_bytes(b"")
    with pytest.raises(NotMigrated):
        listener.wait(0.1)
    for name, call in calls(sqlite_store).items():
        with pytest.raises(NotMigrated) as emptied:
            call()  # type: ignore[operator]
        assert emptied.value.swedish == f"databasfilen {path} är tom", name
        one_line(emptied.value)
        assert is_outage(emptied.value)
    assert path.stat().st_size == 0


def test_a_replaced_file_is_read_anew(sqlite_store: Store, tmp_path: Path) -> None:
    """`sip-tui demo --rebuild` swaps in a new file: the store reads the new one."""
    path = path_of(sqlite_store)
    assert sqlite_store.overview_for(HC)
    listener = sqlite_store.listen()
    other = tmp_path / "other.db"
    upgrade(f"sqlite:///{other}")
    other.replace(path)
    Path(f"{path}-wal").unlink(missing_ok=True)
    Path(f"{path}-shm").unlink(missing_ok=True)
    assert sqlite_store.overview_for(HC) == []  # the new file's (empty) world
    with pytest.raises(DatabaseUnreachable):
        listener.wait(0.1)  # the feed opens a new listener on the new file
    sqlite_store.listen().close()


def test_a_full_disk_refuses_the_write_in_swedish_and_reads_go_on(sqlite_store: Store) -> None:
    @event.listens_for(sqlite_store.engine, "connect")
    def no_room(dbapi_connection: object, _record: object) -> None:
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        pages = cursor.execute("PRAGMA page_count").fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count = {pages}")  # SQLITE_FULL on growing
        cursor.close()

    sqlite_store.engine.dispose()
    before = sqlite_store.overview_for(HC)
    with pytest.raises(DiskFull) as full:
        sqlite_store.execute(as_user(AHMED.user, HC), new_case())
    path = path_of(sqlite_store)
    assert full.value.swedish == f"disken där databasfilen {path} ligger är full"
    assert (
        str(full.value)
        == f"the disk of the SQLite file {path} is full; make room on it and try again"
    )
    one_line(full.value)
    assert not is_outage(full.value)  # reads work: no outage, the refusal says why
    assert len(sqlite_store.overview_for(HC)) >= len(before)


def test_a_read_only_file_refuses_writes_in_swedish(sqlite_store: Store) -> None:
    @event.listens_for(sqlite_store.engine, "connect")
    def read_only(dbapi_connection: object, _record: object) -> None:
        dbapi_connection.execute("PRAGMA query_only = ON")  # type: ignore[attr-defined]

    sqlite_store.engine.dispose()
    sqlite_store.units()  # a read with no log line works; the overview's must write its line
    with pytest.raises(ReadOnlyDatabase):
        sqlite_store.overview_for(as_user(AHMED.user, HC))
    with pytest.raises(ReadOnlyDatabase) as refused:
        sqlite_store.execute(as_user(AHMED.user, HC), new_case())
    assert refused.value.swedish == f"databasfilen {path_of(sqlite_store)} är skrivskyddad"
    one_line(refused.value)
    assert not is_outage(refused.value)


def test_only_an_engine_for_a_missing_file_creates_it(tmp_path: Path) -> None:
    """`db upgrade`, the demo and a first run create the file; an engine made for an
    existing one (the app's) never does, even when it is gone by the first connection."""
    path = tmp_path / "sip.db"
    upgrade(f"sqlite:///{path}")  # created
    engine = make_engine(f"sqlite:///{path}")
    remove(path)
    with pytest.raises(DatabaseMissing):
        Store(engine, Clock.frozen(NOW), WorkCalendar()).probe()
    engine.dispose()
    assert not path.exists()
    assert upgrade(f"sqlite:///{path}").after is not None  # db upgrade still creates it
    assert path.stat().st_mode & 0o777 == 0o600


# --- PostgreSQL: the server stopped and started (a proxy of the test's own) ---------------------


@pytest.fixture
def pg_store(postgres_server: PostgresServer) -> Iterator[tuple[Store, TcpProxy]]:
    postgres_server.require()
    name = f"sip_test_{uuid.uuid4().hex[:12]}"
    direct = postgres_server.create(name, template=postgres_server.migrated_template())
    engine = make_engine(direct)
    seed_world(engine)
    engine.dispose()
    admin = postgres_server.admin
    with TcpProxy(admin.host or "127.0.0.1", admin.port or 5432) as proxy:
        url = (
            make_url(postgres_server.url(name))
            .set(host=proxy.host, port=proxy.port)
            .render_as_string(hide_password=False)
        )
        store = Store(make_engine(url), Clock.frozen(NOW), WorkCalendar())
        try:
            yield store, proxy
        finally:
            store.engine.dispose()
    postgres_server.drop(name)


def test_a_stopped_server_is_unreachable_for_every_call_and_back_when_started(
    pg_store: tuple[Store, TcpProxy],
) -> None:
    store, proxy = pg_store
    sent_case(store, [HSV])
    rows = store.overview_for(HC)
    listener = store.listen()
    proxy.cut()
    with pytest.raises(DatabaseUnreachable):
        listener.wait(0.5)
    for name, call in calls(store).items():
        with pytest.raises(DatabaseUnreachable) as down:
            call()  # type: ignore[operator]
        assert down.value.swedish.startswith("databasservern 127.0.0.1:"), name
        assert down.value.swedish.endswith(" svarar inte"), name
        one_line(down.value)
        assert is_outage(down.value)
    proxy.restore()
    assert store.overview_for(HC) == rows  # the pool's dead connections are replaced
    store.probe()
    store.execute(as_user(AHMED.user, HC), new_case())
    store.listen().close()
