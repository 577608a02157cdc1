"""The Alembic migrations: upgrade, idempotence, the schema matching the models, append-only log."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import SQLModel

from sip_tui.cli import POSTGRESQL_NOTE, SQLITE_NOTE, main
from sip_tui.store import models
from sip_tui.store.engine import NotMigrated, display_url, make_engine
from sip_tui.store.schema import (
    SchemaUpgrade,
    alembic_config,
    check_schema,
    current_revision,
    head_revision,
    upgrade,
)
from sip_tui.store.translate import translate_errors

HEAD = "0009"


def tables(url: str) -> dict[str, list[str]]:
    """Every table with its columns, indexes and (SQLite) triggers: the schema as seen."""
    engine = make_engine(url)
    try:
        inspector = sa.inspect(engine)
        schema = {
            name: sorted(
                [column["name"] for column in inspector.get_columns(name)]
                + [f"index {index['name']}" for index in inspector.get_indexes(name)]
            )
            for name in inspector.get_table_names()
        }
        with engine.connect() as connection:
            if connection.dialect.name == "sqlite":
                query = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
            else:
                query = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
            schema["<triggers>"] = sorted(connection.exec_driver_sql(query).scalars())
        return schema
    finally:
        engine.dispose()


# --- upgrade ----------------------------------------------------------------------------------


def test_the_head_revision_is_the_newest_migration() -> None:
    assert head_revision() == HEAD


def test_upgrade_creates_the_schema_and_a_second_run_changes_nothing(empty_db_url: str) -> None:
    first = upgrade(empty_db_url)
    schema = tables(empty_db_url)
    second = upgrade(empty_db_url)

    assert first == SchemaUpgrade(display_url(empty_db_url), None, HEAD)
    assert first.changed
    assert second == SchemaUpgrade(display_url(empty_db_url), HEAD, HEAD)
    assert not second.changed
    assert tables(empty_db_url) == schema
    assert {"sip_case", "access_log", "case_unit_view", "task", "alembic_version"} <= set(schema)
    assert len(schema["<triggers>"]) >= 2


def test_upgrade_leaves_an_engine_it_was_given_open(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    try:
        upgrade(engine)
        assert current_revision(engine) == HEAD
    finally:
        engine.dispose()


def test_check_schema_refuses_an_empty_database_and_passes_after_upgrade(
    empty_db_url: str,
) -> None:
    engine = make_engine(empty_db_url)
    try:
        with pytest.raises(NotMigrated) as refused:
            check_schema(engine)
        assert "no sip-tui schema" in str(refused.value)
        assert str(refused.value).endswith("run `sip-tui db upgrade`")
        assert "\n" not in str(refused.value)

        upgrade(engine)
        check_schema(engine)
    finally:
        engine.dispose()


def test_a_database_newer_than_the_program_is_refused(engine: sa.Engine) -> None:
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")

    with pytest.raises(NotMigrated, match=r"revision 9999, newer .*; upgrade sip-tui$"):
        check_schema(engine)
    with pytest.raises(NotMigrated, match="upgrade sip-tui"):
        upgrade(engine)
    assert current_revision(engine) == "9999"  # left as it was


def test_a_query_on_a_database_without_schema_says_run_db_upgrade(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    try:
        with (
            pytest.raises(NotMigrated, match=r"access_log.*run `sip-tui db upgrade`$"),
            translate_errors(engine),
            engine.connect() as connection,
        ):
            connection.exec_driver_sql("SELECT count(*) FROM access_log")
    finally:
        engine.dispose()


def test_concurrent_upgrades_run_one_after_the_other(empty_db_url: str) -> None:
    with ThreadPoolExecutor(max_workers=3) as pool:
        runs = [pool.submit(upgrade, empty_db_url) for _ in range(3)]
    results = [run.result() for run in runs]  # re-raises an upgrade's error

    assert sorted(result.changed for result in results) == [False, False, True]
    assert {result.after for result in results} == {HEAD}


def test_downgrade_removes_everything_and_upgrade_restores_it(empty_db_url: str) -> None:
    upgrade(empty_db_url)
    schema = tables(empty_db_url)
    engine = make_engine(empty_db_url)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "base")
        assert current_revision(engine) is None
    finally:
        engine.dispose()
    assert tables(empty_db_url) == {"alembic_version": ["version_num"], "<triggers>": []}

    assert upgrade(empty_db_url).changed
    assert tables(empty_db_url) == schema


# --- the migrations match the models ----------------------------------------------------------


def schema_differences(engine: sa.Engine, metadata: sa.MetaData) -> list[Any]:
    """What autogenerate would change, ignoring the indexes only PostgreSQL gets."""

    def declared(obj: object, name: str | None, kind: str, *_: object) -> bool:
        return not (kind == "index" and name in models.POSTGRESQL_ONLY_INDEXES)

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": declared})
        return list(compare_metadata(context, metadata))


def test_the_migrated_schema_matches_the_models(engine: sa.Engine) -> None:
    """A model change without a migration fails here: write the migration (see alembic.ini)."""
    assert schema_differences(engine, SQLModel.metadata) == []


def test_the_comparison_sees_a_model_change(engine: sa.Engine) -> None:
    changed = sa.MetaData()
    for table in SQLModel.metadata.tables.values():
        table.to_metadata(changed)
    changed.tables["access_log"].append_column(sa.Column("extra", sa.String()))
    sa.Table("new_table", changed, sa.Column("id", sa.Integer, primary_key=True))

    differences = schema_differences(engine, changed)
    kinds = {(difference[0], getattr(difference[-1], "name", None)) for difference in differences}
    assert kinds == {("add_column", "extra"), ("add_table", "new_table")}


# --- access_log is append-only ----------------------------------------------------------------


def insert_log_row(engine: sa.Engine) -> int:
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO access_log (at, login, unit, action, case_id, personnummer, detail)"
                " VALUES (:at, 'anna', 'HC-NORR', 'read', 7, '191212121212', 'opened')"
            ),
            {"at": "2026-11-23 10:15:00"},
        )
        row_id: int = connection.execute(sa.text("SELECT max(id) FROM access_log")).scalar_one()
    return row_id


def log_rows(engine: sa.Engine) -> list[tuple[object, ...]]:
    with engine.connect() as connection:
        return [
            tuple(row)
            for row in connection.execute(
                sa.text("SELECT id, login, unit, action, detail FROM access_log ORDER BY id")
            )
        ]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE access_log SET detail = 'edited' WHERE id = :id",
        "UPDATE access_log SET login = 'someone-else'",
        "DELETE FROM access_log WHERE id = :id",
        "DELETE FROM access_log",
    ],
)
def test_the_access_log_refuses_update_and_delete(engine: sa.Engine, statement: str) -> None:
    row_id = insert_log_row(engine)
    before = log_rows(engine)

    with pytest.raises(IntegrityError, match="access_log is append-only"), engine.begin() as c:
        c.execute(sa.text(statement), {"id": row_id} if ":id" in statement else {})

    assert log_rows(engine) == before == [(row_id, "anna", "HC-NORR", "read", "opened")]


def test_the_access_log_takes_new_rows(engine: sa.Engine) -> None:
    first = insert_log_row(engine)
    second = insert_log_row(engine)
    assert second > first
    assert [row[0] for row in log_rows(engine)] == [first, second]


@pytest.mark.parametrize("backend", ["postgresql"])  # SQLite has no TRUNCATE
def test_postgresql_refuses_truncate_of_the_access_log(engine: sa.Engine) -> None:
    insert_log_row(engine)
    before = log_rows(engine)

    with pytest.raises(DBAPIError, match="access_log is append-only"), engine.begin() as c:
        c.exec_driver_sql("TRUNCATE access_log")

    assert log_rows(engine) == before


# --- sip-tui db upgrade -----------------------------------------------------------------------


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out, err = capsys.readouterr()
    code = exit_info.value.code
    return (0 if code is None else int(code)), out, err


def test_db_upgrade_creates_then_reports_up_to_date(
    empty_db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = display_url(empty_db_url)
    note = f"{SQLITE_NOTE if shown.startswith('sqlite:') else POSTGRESQL_NOTE}\n"
    assert run_cli(capsys, "db", "upgrade", "--db", empty_db_url) == (
        0,
        f"upgraded {shown} from <none> to {HEAD}\n{note}",
        "",
    )
    schema = tables(empty_db_url)
    assert run_cli(capsys, "db", "upgrade", "--db", empty_db_url) == (
        0,
        f"database {shown} is at revision {HEAD} (up to date)\n{note}",
        "",
    )
    assert tables(empty_db_url) == schema


def test_db_upgrade_without_db_uses_sip_tui_db(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'from-env' / 'sip.db'}"
    monkeypatch.setenv("SIP_TUI_DB", url)
    expected = f"upgraded {url} from <none> to {HEAD}\n{SQLITE_NOTE}\n"
    assert run_cli(capsys, "db", "upgrade") == (0, expected, "")
    assert (tmp_path / "from-env" / "sip.db").is_file()


def test_the_revisions_the_app_knows_are_the_migration_scripts() -> None:
    """schema.REVISIONS spares the app Alembic at startup; it must match the scripts."""
    from alembic.script import ScriptDirectory

    from sip_tui.store.schema import REVISIONS, alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    in_scripts = [revision.revision for revision in script.walk_revisions()][::-1]
    assert list(REVISIONS) == in_scripts
    assert REVISIONS[-1] == script.get_current_head()
