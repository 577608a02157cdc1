"""The local store: the user's own file, private, and rows keyed by store without a password."""

from __future__ import annotations

import stat

from sip_tui.local import db


def test_the_local_file_is_created_private_in_the_users_data_folder() -> None:
    path = db.local_path()
    with db.opened() as connection:
        db.ensure(connection, "CREATE TABLE IF NOT EXISTS t (x INTEGER)")
        connection.execute("INSERT INTO t VALUES (1)")
        assert stat.S_IMODE(path.with_name(path.name + "-wal").stat().st_mode) == 0o600
    assert path.parent.name == "sip-tui"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    with db.opened() as connection:
        assert connection.execute("SELECT x FROM t").fetchall() == [(1,)]


def test_the_store_key_leaves_the_password_out_and_tells_stores_apart() -> None:
    with_password = db.store_key("postgresql://karin:hemligt@db.example/sip")
    assert with_password == db.store_key("postgresql://karin@db.example/sip")
    assert with_password != db.store_key("postgresql://karin@db.example/demo")
    assert "hemligt" not in with_password
