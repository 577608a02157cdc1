"""Who is running the program: the operating-system account, never an environment
variable anyone could set."""

from __future__ import annotations

import os
import pwd


def os_login() -> str:
    return pwd.getpwuid(os.getuid()).pw_name


def os_real_name() -> str | None:
    """The account's full name (GECOS), or ``None`` when it gives none: empty, or only the
    login again (``root``'s GECOS is ``root``)."""
    entry = pwd.getpwuid(os.getuid())
    name = " ".join(entry.pw_gecos.split(",")[0].split())
    return name if name and name.casefold() != entry.pw_name.casefold() else None


def os_full_name() -> str:
    """The account's full name (GECOS), or the login when there is none."""
    return os_real_name() or os_login()
