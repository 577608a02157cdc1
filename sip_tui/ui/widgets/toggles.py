"""Check boxes and radio buttons that read the same without colour.

Textual draws the same mark (X, ●) whether the box is ticked or not and tells them apart
by colour only; with NO_COLOR, on a monochrome thin client or for a colour-blind user an
unticked box looks ticked. These draw the mark only when the box is ticked."""

from __future__ import annotations

from textual.widgets import Checkbox, RadioButton


class Tick(Checkbox):
    @property  # read by ToggleButton when it draws the button
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "X" if self.value else " "


class Choice(RadioButton):
    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "●" if self.value else " "
