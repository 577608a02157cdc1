"""How many colours the app uses: ``full`` (Textual's default theme), ``16`` (the
terminal's own ANSI colours: the ``ansi-dark`` theme) or ``none`` (Textual's ``NO_COLOR``
mode: greys only, and what matters carried by bold and reverse, see
``widgets.phase_cell`` and the ``:nocolor`` rules of ``app.tcss``).

``[ui] colors = "auto"`` decides from the environment, before Textual is loaded:
``NO_COLOR`` set (any value, as Textual reads it) → ``none``; else the colours the
terminal offers as Rich detects them for Textual (``TEXTUAL_COLOR_SYSTEM``, ``COLORTERM``,
``TERM``): none (``TERM=dumb``) → ``none``, 8/16 (``TERM=xterm``, ``linux``, ``vt100``) →
``16``, 256 or more → ``full``.

Why 16 colours get a theme of their own: in the default theme Textual turns ANSI "red"
into the Monokai red #f4005f and the theme's colours into RGB, and a 16-colour terminal
then shows the nearest of its colours — magenta for that red. With ``ansi-dark`` the
terminal's own red, green and blue are used."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from typing import Literal, get_args

from rich.console import Console

ColorSetting = Literal["auto", "16", "none"]
ColorMode = Literal["full", "16", "none"]
SETTINGS: tuple[str, ...] = get_args(ColorSetting)
ANSI_THEME = "ansi-dark"
COLOR_SYSTEM_VARIABLE = "TEXTUAL_COLOR_SYSTEM"  # Textual's own: what it renders with
_SYSTEMS = {"auto", "standard", "256", "truecolor", "windows"}


def color_mode(setting: ColorSetting, environ: Mapping[str, str]) -> ColorMode:
    """The mode for ``[ui] colors`` in this environment."""
    if setting != "auto":
        return setting
    if "NO_COLOR" in environ:
        return "none"
    requested = environ.get(COLOR_SYSTEM_VARIABLE, "auto")
    console = Console(
        file=io.StringIO(),
        force_terminal=True,
        color_system=requested if requested in _SYSTEMS else "auto",  # type: ignore[arg-type]
        _environ=dict(environ),
    )
    system = console.color_system
    if system is None:
        return "none"
    return "16" if system in ("standard", "windows") else "full"


def prepare(mode: ColorMode, environ: MutableMapping[str, str] = os.environ) -> None:
    """Before Textual is imported: in ``16``, Textual renders with the 16 standard colours
    (unless ``TEXTUAL_COLOR_SYSTEM`` says otherwise), so no RGB colour of a tint reaches a
    terminal that cannot show it."""
    if mode == "16":
        environ.setdefault(COLOR_SYSTEM_VARIABLE, "standard")


@contextmanager
def no_color_while(needed: bool) -> Iterator[None]:
    """``NO_COLOR`` set while Textual's ``App.__init__`` reads it (the ``none`` mode chosen
    in the config file), and the environment as it was afterwards."""
    if not needed or "NO_COLOR" in os.environ:
        yield
        return
    os.environ["NO_COLOR"] = "1"
    try:
        yield
    finally:
        del os.environ["NO_COLOR"]
