"""The account's real name: from GECOS, never just the login again."""

from __future__ import annotations

import pwd

import pytest

from sip_tui import identity


@pytest.mark.parametrize(
    ("gecos", "real_name"),
    [
        ("Karin Berg,Rum 12,,", "Karin Berg"),
        ("  Åsa   Öberg ", "Åsa Öberg"),
        ("root", None),
        ("ROOT,,,", None),
        ("", None),
        (",,,", None),
    ],
)
def test_real_name_from_gecos(
    monkeypatch: pytest.MonkeyPatch, gecos: str, real_name: str | None
) -> None:
    entry = pwd.struct_passwd(("root", "x", 0, 0, gecos, "/root", "/bin/sh"))
    monkeypatch.setattr(identity.pwd, "getpwuid", lambda uid: entry)
    assert identity.os_real_name() == real_name
    assert identity.os_full_name() == (real_name or "root")
