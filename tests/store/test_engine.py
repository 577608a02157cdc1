"""Engines on SQLite and PostgreSQL: URLs, pragmas, transactions, time zones, one-line errors."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, StatementError

from sip_tui.cli import main
from sip_tui.config import load_settings
from sip_tui.domain.clock import STOCKHOLM
from sip_tui.store import models
from sip_tui.store.engine import (
    BadDatabaseUrl,
    DatabaseLocked,
    DatabaseUnreachable,
    StoreError,
    begin_write,
    database_url,
    display_url,
    make_engine,
    parse_url,
)
from sip_tui.store.schema import upgrade
from sip_tui.store.translate import translate_errors

# --- URLs -------------------------------------------------------------------------------------


def test_database_url_prefers_db_then_sip_tui_db_then_the_config_file(
    monkeypatch: pytest.MonkeyPatch, isolated_config: Path
) -> None:
    isolated_config.write_text('[store]\nurl = "postgresql://file/sip"\n', encoding="utf-8")
    assert database_url(None, load_settings()) == "postgresql://file/sip"
    monkeypatch.setenv("SIP_TUI_DB", "postgresql://env/sip")
    assert database_url(None, load_settings()) == "postgresql://env/sip"
    assert database_url("sqlite:////tmp/cli.db", load_settings()) == "sqlite:////tmp/cli.db"
    assert database_url("  ", load_settings()) == "postgresql://env/sip"


def test_database_url_defaults_to_a_sqlite_file_in_the_user_data_directory() -> None:
    url = database_url(None, load_settings())
    assert url.startswith("sqlite:///")
    assert url.endswith("sip-tui.db")


@pytest.mark.parametrize(
    ("given", "driver"),
    [
        ("postgresql://sip@db.example.org/sip", "postgresql+psycopg"),
        ("postgres://sip@db.example.org/sip", "postgresql+psycopg"),
        ("postgresql+psycopg://sip@db.example.org/sip", "postgresql+psycopg"),
        ("sqlite:////var/lib/sip/sip.db", "sqlite"),
    ],
)
def test_urls_are_normalised_to_the_drivers_sip_tui_uses(given: str, driver: str) -> None:
    assert parse_url(given).drivername == driver
    assert make_engine(given).url.drivername == driver


def test_a_sqlite_url_may_start_in_the_home_directory() -> None:
    assert parse_url("sqlite:///~/sip.db").database == str(Path.home() / "sip.db")


@pytest.mark.parametrize(
    "bad",
    [
        "not-a-url",
        "mysql://sip@db/sip",
        "postgresql+psycopg2://sip@db/sip",
        "postgresql://sip@db:port/sip",
    ],
)
def test_a_bad_url_is_refused_in_one_line(bad: str) -> None:
    with pytest.raises(BadDatabaseUrl) as refused:
        make_engine(bad)
    message = str(refused.value)
    assert "\n" not in message
    assert "sqlite:////path/to/sip.db or postgresql://user@host/sip" in message


def test_passwords_never_appear_in_messages() -> None:
    assert display_url("postgresql://sip:s3cret@db/sip") == "postgresql://sip:***@db/sip"
    for bad in ["mysql://sip:s3cret@db/sip", "postgresql://sip:s3cret@db:port/sip"]:
        with pytest.raises(BadDatabaseUrl) as refused:
            make_engine(bad)
        assert "s3cret" not in str(refused.value)
        assert "***" in str(refused.value)


def test_make_engine_creates_the_directory_of_a_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "sip.db"
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    finally:
        engine.dispose()
    assert path.is_file()


def test_a_new_sqlite_file_and_its_wal_are_readable_by_their_owner_only(
    tmp_path: Path,
) -> None:
    """The file holds personal data and is one person's: 0600 even under a lax umask."""
    old = os.umask(0o022)
    try:
        path = tmp_path / "sip.db"
        upgrade(f"sqlite:///{path}")
        engine = make_engine(f"sqlite:///{path}")
        try:
            with engine.begin() as connection:
                connection.exec_driver_sql("CREATE TABLE t (x INTEGER)")
                modes = {p.name: p.stat().st_mode & 0o777 for p in tmp_path.iterdir()}
        finally:
            engine.dispose()
    finally:
        os.umask(old)
    assert modes["sip.db"] == 0o600
    assert modes.get("sip.db-wal", 0o600) == 0o600
    assert all(mode == 0o600 for mode in modes.values()), modes


# --- SQLite: pragmas and transactions ---------------------------------------------------------


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> sa.Engine:
    return make_engine(f"sqlite:///{tmp_path / 'sip.db'}")


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(
    sqlite_engine: sa.Engine,
) -> None:
    with sqlite_engine.connect() as connection:
        pragma = connection.exec_driver_sql
        assert pragma("PRAGMA journal_mode").scalar() == "wal"
        assert pragma("PRAGMA foreign_keys").scalar() == 1
        assert pragma("PRAGMA busy_timeout").scalar() == 5000


def test_ddl_and_reads_are_inside_the_transaction(engine: sa.Engine) -> None:
    """The sqlite3 driver alone would commit a CREATE TABLE at once; here it is rolled back."""
    with engine.connect() as connection:
        with connection.begin() as transaction:
            connection.exec_driver_sql("CREATE TABLE scratch (n INTEGER)")
            connection.exec_driver_sql("INSERT INTO scratch VALUES (1)")
            transaction.rollback()
        assert "scratch" not in sa.inspect(connection).get_table_names()


def test_a_savepoint_rolls_back_inside_its_transaction(engine: sa.Engine) -> None:
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE scratch (n INTEGER)")
        connection.exec_driver_sql("INSERT INTO scratch VALUES (1)")
        with connection.begin_nested() as savepoint:
            connection.exec_driver_sql("INSERT INTO scratch VALUES (2)")
            savepoint.rollback()
        assert connection.exec_driver_sql("SELECT n FROM scratch").scalars().all() == [1]


def test_sqlite_reads_in_a_transaction_see_one_snapshot(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'sip.db'}"
    reader, writer = make_engine(url), make_engine(url)
    try:
        with writer.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE scratch (n INTEGER)")
        with reader.begin() as reading:
            assert reading.exec_driver_sql("SELECT count(*) FROM scratch").scalar() == 0
            with writer.begin() as connection:
                connection.exec_driver_sql("INSERT INTO scratch VALUES (1)")
            assert reading.exec_driver_sql("SELECT count(*) FROM scratch").scalar() == 0
        with reader.connect() as connection:
            assert connection.exec_driver_sql("SELECT count(*) FROM scratch").scalar() == 1
    finally:
        reader.dispose()
        writer.dispose()


def test_begin_write_takes_the_sqlite_write_lock_at_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'sip.db'}"
    holder, other = make_engine(url), make_engine(url, busy_timeout_ms=100)
    try:
        with (
            begin_write(holder),  # nothing written yet, but the lock is held
            pytest.raises(DatabaseLocked) as refused,
            translate_errors(other),
            begin_write(other) as connection,
        ):
            connection.exec_driver_sql("CREATE TABLE scratch (n INTEGER)")
        message = str(refused.value)
        assert message == (
            f"the SQLite file {tmp_path / 'sip.db'} is locked by another program; "
            "close it or try again"
        )
    finally:
        holder.dispose()
        other.dispose()


def test_an_autocommit_connection_works_on_sqlite(sqlite_engine: sa.Engine) -> None:
    with sqlite_engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT")
        connection.exec_driver_sql("CREATE TABLE scratch (n INTEGER)")
    with sqlite_engine.connect() as connection:
        with connection.begin() as transaction:
            connection.exec_driver_sql("INSERT INTO scratch VALUES (1)")
            transaction.rollback()
        assert connection.exec_driver_sql("SELECT count(*) FROM scratch").scalar() == 0


# --- both backends: constraints and time ------------------------------------------------------


def test_a_foreign_key_violation_is_refused(engine: sa.Engine) -> None:
    unit = {"code": "HC-NORR", "name": "Hälsocentral Norr", "short_name": "HC Norr"}
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(
            sa.insert(models.Unit),
            {**unit, "organisation": "no-such-org", "kind": "hälsocentral"},
        )
    with engine.connect() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(models.Unit)).scalar() == 0


DST_START = [  # Sunday 2026-03-29, 02:00 -> 03:00 in Stockholm: one hour apart
    datetime(2026, 3, 29, 1, 30, tzinfo=STOCKHOLM),
    datetime(2026, 3, 29, 3, 30, tzinfo=STOCKHOLM),
]


def test_moments_round_trip_across_daylight_saving_time(engine: sa.Engine) -> None:
    assert [moment.utcoffset() for moment in DST_START] == [timedelta(hours=1), timedelta(hours=2)]
    rows = [
        {"at": at, "login": "anna", "unit": "HC-NORR", "action": "read", "detail": ""}
        for at in DST_START
    ]
    with engine.begin() as connection:
        connection.execute(sa.insert(models.AccessLog), rows)

    with engine.connect() as connection:
        read = connection.execute(sa.select(models.AccessLog.at).order_by("id")).scalars().all()
        # Stored as UTC: compared and sorted as instants, whatever the zone given.
        later = connection.execute(
            sa.select(sa.func.count())
            .select_from(models.AccessLog)
            .where(models.AccessLog.at > datetime(2026, 3, 29, 1, 0, tzinfo=UTC))
        ).scalar()

    assert read == DST_START
    assert [moment.tzinfo for moment in read] == [STOCKHOLM, STOCKHOLM]
    assert [moment.isoformat() for moment in read] == [
        "2026-03-29T01:30:00+01:00",
        "2026-03-29T03:30:00+02:00",
    ]
    # (Python subtracts same-zone datetimes on the wall clock, hence UTC.)
    assert read[1].astimezone(UTC) - read[0].astimezone(UTC) == timedelta(hours=1)
    assert later == 1


def test_a_naive_moment_is_refused(engine: sa.Engine) -> None:
    row = {"at": datetime(2026, 3, 29, 1, 30), "login": "a", "unit": "u", "action": "read"}
    with pytest.raises(StatementError, match="naive datetime"), engine.begin() as connection:
        connection.execute(sa.insert(models.AccessLog), {**row, "detail": ""})


# --- one-line errors --------------------------------------------------------------------------


def test_an_unreachable_server_is_one_line_with_the_password_masked() -> None:
    engine = make_engine("postgresql://sip:s3cret@127.0.0.1:1/sip")
    with pytest.raises(DatabaseUnreachable) as refused, translate_errors(engine):
        engine.connect()
    assert str(refused.value) == (
        "database at postgresql://sip:***@127.0.0.1:1/sip is unreachable (connection refused); "
        "check the server and --db / SIP_TUI_DB"
    )


def test_a_sqlite_file_that_is_not_a_database_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database\n" * 100, encoding="utf-8")
    with pytest.raises(BadDatabaseUrl, match=r"is not a SQLite database; check --db"):
        upgrade(f"sqlite:///{path}")


def test_errors_about_the_data_pass_through(engine: sa.Engine) -> None:
    with pytest.raises(sa.exc.DBAPIError), translate_errors(engine), engine.connect() as c:
        c.exec_driver_sql("SELECT no_such_function()")


# --- the command line -------------------------------------------------------------------------


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out, err = capsys.readouterr()
    code = exit_info.value.code
    return (0 if code is None else int(code)), out, err


def assert_one_line_error(result: tuple[int, str, str], *fragments: str) -> str:
    code, out, err = result
    assert (code, out) == (2, "")
    assert err.startswith("sip-tui: ")
    assert err.count("\n") == 1
    assert err.endswith("\n")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err
    return err


def test_db_upgrade_with_a_bad_url_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert_one_line_error(
        run_cli(capsys, "db", "upgrade", "--db", "not-a-url"),
        "'not-a-url' is not a database URL",
        "--db / SIP_TUI_DB",
    )


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://postgres@127.0.0.1:1/x", "postgresql://postgres@127.0.0.1:1/x"),
        ("postgresql://postgres:s3cret@127.0.0.1:1/x", "postgresql://postgres:***@127.0.0.1:1/x"),
    ],
)
def test_db_upgrade_on_an_unreachable_server_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, url: str, shown: str
) -> None:
    monkeypatch.setenv("SIP_TUI_DB", url)  # a password is never given on the command line
    err = assert_one_line_error(
        run_cli(capsys, "db", "upgrade"),
        f"database at {shown} is unreachable (connection refused)",
    )
    assert "s3cret" not in err


def test_db_upgrade_on_a_locked_sqlite_file_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "sip.db"
    other_program = sqlite3.connect(path, isolation_level=None)
    try:
        other_program.execute("BEGIN EXCLUSIVE")
        assert_one_line_error(  # after the 5 s busy timeout
            run_cli(capsys, "db", "upgrade", "--db", f"sqlite:///{path}"),
            f"the SQLite file {path} is locked by another program; close it or try again",
        )
    finally:
        other_program.close()


def test_store_errors_are_user_errors() -> None:
    from sip_tui.cli import USER_ERRORS

    assert StoreError in USER_ERRORS


def test_the_cli_loads_no_database_code_until_a_command_needs_it() -> None:
    heavy = {"sqlalchemy", "sqlmodel", "alembic", "psycopg", "textual", "httpx"}
    code = f"import sys, sip_tui.cli; print(sorted(m for m in sys.modules if m in {heavy!r}))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == "[]\n"
