"""Keys by id: every binding of sip-tui's screens has an ``id`` (``case.accept``) and a
Swedish tooltip; ``[keymap]`` in the config file maps ids to other keys. This module knows
all the ids, checks a keymap against them, and lists a screen's keys as the help screen and
the command palette show them."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import KEY_NAME_REPLACEMENTS, Keys, _get_unicode_name_from_key
from textual.screen import Screen

import sip_tui.ui.login
import sip_tui.ui.overview.screen  # noqa: F401 - with it every screen, form and dialog
from sip_tui.config import ConfigError, keymap_error
from sip_tui.ui.runtime.keys import APP_BINDINGS

MODIFIERS: Final = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})


def all_bindings() -> list[Binding]:
    """Every binding of sip-tui's app, screens and widgets."""
    import sip_tui.ui.help.screen  # noqa: F401 - the help screen's own (it imports us)

    found = [*APP_BINDINGS, *_class_bindings(DOMNode)]
    return [binding for binding in found if isinstance(binding, Binding)]


def our_bindings() -> dict[str, list[Binding]]:
    """Every binding with an id, by id."""
    found: dict[str, list[Binding]] = {}
    for binding in all_bindings():
        if binding.id is not None:
            found.setdefault(binding.id, []).append(binding)
    return found


def _class_bindings(cls: type[DOMNode]) -> Iterator[object]:
    for sub in cls.__subclasses__():
        if sub.__module__.startswith("sip_tui."):
            yield from sub.__dict__.get("BINDINGS", [])
        yield from _class_bindings(sub)


def is_key(key: str) -> bool:
    """Is ``key`` one Textual knows: modifiers, then a character or a key name?"""
    *modifiers, name = key.split("+") if key != "+" else ["+"]
    if any(modifier not in MODIFIERS for modifier in modifiers) or not name:
        return False
    if len(name) == 1:
        return True
    if name in {key.value for key in Keys} or name in KEY_NAME_REPLACEMENTS.values():
        return True
    try:
        unicodedata.lookup(_get_unicode_name_from_key(name).replace("_", " "))
    except KeyError:
        return False
    return True


def check_keymap(keymap: Mapping[str, str], environ: Mapping[str, str] | None = None) -> None:
    """Raise :class:`ConfigError` (one line, naming the entry) for the first entry of
    ``keymap`` whose id is not a binding's or whose key Textual does not know."""
    known = our_bindings()
    for binding_id, keys in keymap.items():
        if binding_id not in known:
            close = sorted(i for i in known if i.split(".")[0] == binding_id.split(".")[0])
            hint = f"; ids here: {', '.join(close)}" if close else "; the help screen (?) shows ids"
            raise keymap_error(binding_id, f"no key binding has this id{hint}", environ)
        for key in keys.split(","):
            if not is_key(key.strip()):
                raise keymap_error(
                    binding_id,
                    f"{key.strip()!r} is not a key; use names such as f5, ctrl+s, escape, "
                    "question_mark or one character",
                    environ,
                )


__all__ = ["ConfigError", "KeyRow", "all_bindings", "check_keymap", "key_rows", "our_bindings"]


@dataclass(frozen=True)
class KeyRow:
    """One action a screen offers now: its keys as shown, what it does, and how to run it."""

    keys: str
    description: str
    tooltip: str
    action: str
    namespace: DOMNode
    binding_id: str


def key_rows(app: App[Any], screen: Screen[Any]) -> list[KeyRow]:
    """The keys of ``screen`` that work now (its active bindings, the keymap applied, what
    ``check_action`` refuses left out), ours only: Textual's generic ones are English."""
    rows: dict[tuple[int, str], KeyRow] = {}
    for key, (namespace, binding, enabled, tooltip) in screen.active_bindings.items():
        if not enabled or binding.id is None or not binding.description:
            continue
        shown = app.get_key_display(binding.with_key(key, binding.key_display))
        slot = (id(namespace), binding.action)
        if slot in rows:
            row = rows[slot]
            if shown in row.keys.split("/"):
                continue
            rows[slot] = KeyRow(
                f"{row.keys}/{shown}",
                *(row.description, row.tooltip, row.action),
                row.namespace,
                row.binding_id,
            )
        else:
            rows[slot] = KeyRow(
                shown,
                binding.description,
                tooltip or binding.tooltip,
                binding.action,
                namespace,
                binding.id,
            )
    return list(rows.values())
