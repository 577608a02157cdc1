"""One-line inputs and selects for the dense forms (Plan, Uppföljning, Utvärdering), so
that a goal with an activity, or an activity's follow-up, fits 80×24 without scrolling
past every field. Compact widgets have no border: app.tcss marks their focus (background,
bold)."""

from __future__ import annotations

from textual.widgets import Input, Select

#: CSS for a form screen class ``{name}`` that uses these widgets.
COMPACT_CSS = """
{name} Select.-textual-compact SelectCurrent Static#label {{
    height: 1; text-wrap: nowrap; text-overflow: ellipsis;
}}
{name} Field {{ margin-right: 1; }}
{name} .row {{ height: auto; }}
{name} .row > Field {{ width: 1fr; }}
"""


def line(value: str, widget_id: str, placeholder: str = "") -> Input:
    """A one-line text input."""
    return Input(value, id=widget_id, compact=True, placeholder=placeholder)


def choice(options: list[tuple[str, str]], value: str, widget_id: str, prompt: str) -> Select[str]:
    """A one-line select of (label, value); a value not among the options is kept."""
    return Select(options, prompt=prompt, value=value or Select.NULL, id=widget_id, compact=True)
