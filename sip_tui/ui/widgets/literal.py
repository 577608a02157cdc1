"""Text that users typed, shown literally: never markup, never terminal control codes."""

from __future__ import annotations

import unicodedata

from rich.text import Text


def visible(value: str, newlines: bool = False) -> str:
    """Replace control characters (ESC, BEL, C1 codes, …) with visible symbols, so typed
    text cannot move the cursor, ring the bell or change colours on anyone's screen.
    ``newlines`` keeps line breaks (multi-line text such as Kartläggning)."""
    keep = "\t\n" if newlines else "\t"
    out = []
    for char in value:
        if char == "\x1b":
            out.append("␛")
        elif unicodedata.category(char) in ("Cc", "Cf") and char not in keep:
            out.append("�")
        else:
            out.append(char)
    return "".join(out)


def literal(value: str, style: str = "") -> Text:
    """A Rich Text of ``value`` exactly as typed (``[bold]`` stays ``[bold]``)."""
    return Text(visible(value), style=style, no_wrap=True, overflow="ellipsis")
