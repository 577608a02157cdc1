"""A printout as plain text, 80 columns: for a terminal, a text file, a line printer.

Empty values are underscores to write on; a page break is a form feed (``\\f``) on a line
of its own. Typed text is wrapped, never interpreted."""

from __future__ import annotations

import textwrap

from sip_tui.paper.document import (
    Area,
    Block,
    Choice,
    Grid,
    Heading,
    Line,
    Note,
    PageBreak,
    Paper,
    printable,
)

WIDTH = 80
INDENT = "  "
BLANK = "_"


def to_text(paper: Paper) -> str:
    """The printout as lines of at most :data:`WIDTH` characters, ending in a newline."""
    out = [*_wrap(paper.title), *_wrap(paper.subtitle)]
    if paper.person:
        out += _wrap(paper.person)
    out.append("=" * WIDTH)
    for block in paper.blocks:
        lines = _block(block)
        if lines[:1] == [""] and out[-1:] == [""]:
            lines = lines[1:]  # one empty line between blocks is enough
        out += lines
    if paper.footer:
        out += [*([""] if out[-1] else []), "-" * WIDTH, *_wrap(paper.footer)]
    return "\n".join(out) + "\n"


def _block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        text = printable(block.text)
        return ["", text, "-" * min(len(text), WIDTH)]
    if isinstance(block, Line):
        return _line(block.fields, block.lead)
    if isinstance(block, Area):
        return _area(block)
    if isinstance(block, Choice):
        boxes = "  ".join(
            f"[{'X' if option in block.chosen else ' '}] {option}" for option in block.options
        )
        return _line(block.fields, f"{block.label}: {boxes}", lead_colon=False)
    if isinstance(block, Grid):
        return grid_lines(block)
    if isinstance(block, Note):
        return ["", *_wrap(block.text)]
    assert isinstance(block, PageBreak)
    return ["\f"]


def _wrap(text: str, width: int = WIDTH, indent: str = "") -> list[str]:
    """``text`` wrapped to ``width``, its line breaks kept, long words broken."""
    lines: list[str] = []
    for paragraph in printable(text).split("\n"):
        wrapped = textwrap.wrap(paragraph, width, initial_indent=indent, subsequent_indent=indent)
        lines += wrapped or [""]
    return lines


GAP = 2  # between fields on one line
LEAST_BLANK = 8  # underscores at least, to write on


def _line(fields: tuple[tuple[str, str], ...], lead: str, lead_colon: bool = True) -> list[str]:
    """``Namn: Elsa  Titel: ____  Datum: ____`` on one line when it fits (the spare room
    shared out as underscores), else each field on a line of its own, wrapped."""
    head = f"{lead}:" if lead and lead_colon else lead
    values = [(f"{label}: ", printable(value)) for label, value in fields]
    if not values:
        return _wrap(head)
    room = WIDTH - (len(head) + GAP if head else 0)
    least = [len(label) + (len(value) if value else LEAST_BLANK) for label, value in values]
    spare = room - sum(least) - GAP * (len(values) - 1)
    if spare >= 0 and all("\n" not in value for _, value in values):
        parts = []
        for (label, value), width in zip(values, least, strict=True):
            width += spare // len(values)
            parts.append((label + value).ljust(width) if value else label.ljust(width, BLANK))
        row = (" " * GAP).join(parts).rstrip()
        return [f"{head}{' ' * GAP}{row}" if head else row]
    lines = _wrap(head) if head else []
    indent = INDENT if head else ""
    for label, value in values:
        if value:
            first, *rest = _wrap(value, WIDTH - len(indent) - len(label))
            lines.append(f"{indent}{label}{first}")
            lines += [f"{indent}{INDENT}{line}" if line else "" for line in rest]
        else:
            lines.append(indent + label + BLANK * (WIDTH - len(indent) - len(label)))
    return lines


def _area(area: Area) -> list[str]:
    lines = ["", f"{area.label}:"]
    if area.text.strip():
        return [*lines, *_wrap(area.text, WIDTH, INDENT), ""]
    for _ in range(area.lines):
        lines += ["", INDENT + BLANK * (WIDTH - len(INDENT))]
    return [*lines, ""]


def column_widths(grid: Grid, room: int) -> list[int]:
    """Columns sharing ``room`` by the grid's shares, each at least as wide as its heading
    and its longest word (up to 14 characters), while they fit at all."""
    columns = zip(grid.header, *grid.rows, strict=True)
    least = [
        max([len(title), *(min(14, len(word)) for cell in cells for word in cell.split())])
        for title, *cells in columns
    ]
    widths = [max(low, int(room * share)) for low, share in zip(least, grid.widths, strict=True)]
    while sum(widths) > room:
        spare = [i for i, width in enumerate(widths) if width > least[i]]
        if not spare:
            break
        widest = max(spare, key=lambda i: widths[i] - least[i])
        widths[widest] -= 1
    if sum(widths) < room:
        widths[-1] += room - sum(widths)
    return widths


def grid_lines(grid: Grid) -> list[str]:
    separator = " | "
    room = WIDTH - len(separator) * (len(grid.header) - 1)
    widths = column_widths(grid, room)
    rule = "-+-".join("-" * width for width in widths)

    def row(cells: tuple[str, ...]) -> list[str]:
        wrapped = [_wrap(cell, width) for cell, width in zip(cells, widths, strict=True)]
        height = max(len(lines) for lines in wrapped)
        return [
            separator.join(
                (lines[i] if i < len(lines) else "").ljust(width)
                for lines, width in zip(wrapped, widths, strict=True)
            ).rstrip()
            for i in range(height)
        ]

    lines = ["", *row(grid.header), rule]
    for cells in grid.rows:
        lines += row(cells)
    if grid.rows and grid.blank_rows:
        lines.append(rule)
    for _ in range(grid.blank_rows):
        lines += [*row(("",) * len(widths)), rule]
    return lines
