"""Who is running the program: the operating-system account, never an environment
variable anyone could set."""

from __future__ import annotations

import os
import pwd


def os_login() -> str:
    return pwd.getpwuid(os.getuid()).pw_name


def os_full_name() -> str:
    """The account's full name (GECOS), or the login when there is none."""
    entry = pwd.getpwuid(os.getuid())
    name = entry.pw_gecos.split(",")[0].strip()
    return name or entry.pw_name
