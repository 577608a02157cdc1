"""A printout as PDF (A4), with DejaVu Sans embedded (``paper/fonts``, its LICENSE there):
the PDF core fonts know no "–", "✓" or anything beyond Latin-1.

fpdf2 is imported only when a PDF is made, so nothing else pays for loading it. Typed
text is never interpreted: no markdown, no ``{nb}`` page-count alias; a character the
font lacks prints as ``�``. Each page names the printout and the individual at the top
and who printed it and the page number at the bottom."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sip_tui.paper.document import (
    REPLACEMENT,
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

if TYPE_CHECKING:
    from fpdf import FPDF

FONTS = Path(__file__).with_name("fonts")
FAMILY = "DejaVu"
SIZE = 10.0  # points
ROW = 6.5  # mm: a line of fields, room to write by hand
TEXT = 5.0  # mm: a line of typed text
RULED = 7.5  # mm between the ruled lines of an empty area
LEAST_BLANK = 22.0  # mm of line at least to write a value on
GAP = 4.0  # mm between fields on one line
GREY = 90


#: Where the page count goes in the footer: private-use characters, which typed text
#: never contains (the font has no glyph for them, so ``_Writer.safe`` replaced them).
PAGES = "\ue000\ue001"


def to_pdf(paper: Paper) -> bytes:
    """The printout as the bytes of a PDF file."""
    pdf = _document(paper)
    writer = _Writer(pdf)
    pdf.add_page()
    writer.title(paper)
    for block, after in zip(paper.blocks, (*paper.blocks[1:], None), strict=True):
        writer.block(block, after)
    return bytes(pdf.output())


def _document(paper: Paper) -> FPDF:
    from fpdf import FPDF  # a second or so of imports: only here

    class Printout(FPDF):
        def header(self) -> None:
            """From the second page: what the printout is, and whom it is about."""
            if self.page_no() == 1:
                return
            _small(self)
            self.set_xy(self.l_margin, 7)
            self.cell(self.epw, 5, _cut(self, paper.subtitle or paper.title, 80))
            if paper.person:
                self.set_xy(self.l_margin, 7)
                self.cell(self.epw, 5, _cut(self, paper.person, 90), align="R")
            self.set_y(self.t_margin)

        def footer(self) -> None:
            """Who printed it and when, and the page number."""
            _small(self)
            self.set_xy(self.l_margin, self.h - 11)
            self.cell(self.epw - 26, 5, _cut(self, paper.footer, self.epw - 28))
            self.set_xy(self.w - self.r_margin - 26, self.h - 11)
            self.cell(26, 5, f"Sida {self.page_no()} av {PAGES}", align="R")

    pdf = Printout(orientation="portrait", unit="mm", format="A4")
    pdf.alias_nb_pages(PAGES)
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_font(FAMILY, "", FONTS / "DejaVuSans.ttf")
    pdf.add_font(FAMILY, "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.set_title(paper.subtitle or paper.title)  # no personal data in the metadata
    pdf.set_creator("sip-tui")
    pdf.set_lang("sv-SE")
    return pdf


def _small(pdf: FPDF) -> None:
    pdf.set_font(FAMILY, "", 8)
    pdf.set_text_color(GREY)


def _cut(pdf: FPDF, text: str, width: float) -> str:
    """``text`` on one line, shortened with "…" to ``width`` mm in the current font; a
    character the font lacks as ``�``."""
    text = _safe(pdf, " ".join(text.split()))
    while text and pdf.get_string_width(text) > width:
        text = text[:-2] + "…"
    return text


def _known(pdf: FPDF) -> set[int]:
    """The characters both fonts have."""
    from fpdf.fonts import TTFFont

    cmaps = [set(font.cmap) for font in pdf.fonts.values() if isinstance(font, TTFFont)]
    return set.intersection(*cmaps)


def _safe(pdf: FPDF, text: str, known: set[int] | None = None) -> str:
    known = _known(pdf) if known is None else known
    return "".join(
        char if char == "\n" or ord(char) in known else REPLACEMENT for char in printable(text)
    )


class _Writer:
    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        self.known = _known(pdf)

    def safe(self, text: str) -> str:
        """Typed text as printed: control characters and glyphs the font lacks as ``�``."""
        return _safe(self.pdf, text, self.known)

    def para(self, width: float, height: float, text: str) -> None:
        """``text`` from the cursor, wrapped (a new page when it runs over), left-aligned;
        the cursor then below it at the left margin."""
        self.pdf.multi_cell(width, height, text, new_x="LMARGIN", new_y="NEXT", align="L")

    def font(self, bold: bool = False, size: float = SIZE, grey: int = 0) -> None:
        self.pdf.set_font(FAMILY, "B" if bold else "", size)
        self.pdf.set_text_color(grey)

    def room(self, height: float) -> None:
        """A new page unless ``height`` mm still fit on this one."""
        if self.pdf.get_y() + height > self.pdf.page_break_trigger:
            self.pdf.add_page()

    def title(self, paper: Paper) -> None:
        pdf = self.pdf
        self.font(bold=True, size=15)
        self.para(0, 7.5, self.safe(paper.title))
        self.font(size=12)
        self.para(0, 6.5, self.safe(paper.subtitle))
        if paper.person:
            self.font(bold=True, size=12)
            self.para(0, 6.5, self.safe(paper.person))
        pdf.ln(1.5)
        pdf.set_line_width(0.5)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.set_line_width(0.2)
        pdf.ln(2)

    def block(self, block: Block, after: Block | None = None) -> None:
        """One block; a heading goes on the page where what follows it begins."""
        if isinstance(block, Heading):
            self.heading(block.text, _height(after))
        elif isinstance(block, Line):
            lead = [(f"{block.lead}:", True)] if block.lead else []
            self.fields(lead, block.fields)
        elif isinstance(block, Choice):
            boxes = "   ".join(
                f"{'☒' if option in block.chosen else '☐'} {option}" for option in block.options
            )
            self.fields([(f"{block.label}:", True), (boxes, False)], block.fields)
        elif isinstance(block, Area):
            self.area(block)
        elif isinstance(block, Grid):
            self.grid(block)
        elif isinstance(block, Note):
            self.room(TEXT * 2)
            self.font(size=9, grey=GREY)
            self.para(0, 4.5, self.safe(block.text))
            self.pdf.ln(1)
        else:
            assert isinstance(block, PageBreak)
            self.pdf.add_page()

    def heading(self, text: str, then: float) -> None:
        pdf = self.pdf
        self.room(ROW * 2 + then)  # never alone at the foot of a page
        pdf.ln(3)
        self.font(bold=True, size=11.5)
        self.para(0, 6.5, self.safe(text))
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(1)

    def fields(self, lead: list[tuple[str, bool]], fields: tuple[tuple[str, str], ...]) -> None:
        """The lead, then ``Label: value`` side by side, an empty value a line to write on;
        each field on a row of its own when they do not fit on one."""
        pdf = self.pdf
        self.room(ROW)
        x, y = pdf.l_margin, pdf.get_y()
        for text, bold in lead:
            self.font(bold=bold)
            width = pdf.get_string_width(self.safe(text)) + 2
            pdf.set_xy(x, y)
            pdf.cell(width, ROW, self.safe(text))
            x += width + 1
        values = [(f"{label}: ", self.safe(value)) for label, value in fields]
        right = pdf.w - pdf.r_margin
        least = [
            self._width(label, bold=True) + self._value_width(value) for label, value in values
        ]
        spare = right - x - sum(least) - GAP * max(0, len(values) - 1)
        if spare >= 0 and all("\n" not in value for _, value in values):
            for (label, value), width in zip(values, least, strict=True):
                width += spare / len(values)
                self._field(x, y, width, label, value)
                x += width + GAP
            pdf.set_xy(pdf.l_margin, y + ROW)
            return
        if lead:
            pdf.set_xy(pdf.l_margin, y + ROW)
        for label, value in values:
            self.room(ROW)
            self._field(pdf.l_margin + (6 if lead else 0), pdf.get_y(), 0, label, value, row=True)

    def _width(self, text: str, bold: bool = False) -> float:
        self.font(bold=bold)
        return self.pdf.get_string_width(text)

    def _value_width(self, value: str) -> float:
        return self._width(value) + 1 if value else LEAST_BLANK

    def _field(
        self, x: float, y: float, width: float, label: str, value: str, row: bool = False
    ) -> None:
        """One field ``width`` wide from ``x`` (``row``: to the right margin, the cursor
        left below it)."""
        pdf = self.pdf
        self.font(bold=True)
        label_width = pdf.get_string_width(label) + 0.5
        pdf.set_xy(x, y)
        pdf.cell(label_width, ROW, label)
        end = pdf.w - pdf.r_margin if row else x + width
        if not value:
            pdf.set_draw_color(GREY)
            pdf.line(x + label_width, y + ROW - 1.2, end, y + ROW - 1.2)
            pdf.set_draw_color(0)
            pdf.set_xy(pdf.l_margin, y + ROW)
            return
        self.font()
        page = pdf.page
        pdf.set_xy(x + label_width, y + (ROW - TEXT) / 2)
        self.para(end - x - label_width, TEXT, value)
        if pdf.page == page:  # a long text may have gone on to the next page
            pdf.set_y(max(pdf.get_y() + (ROW - TEXT) / 2, y + ROW))

    def area(self, area: Area) -> None:
        pdf = self.pdf
        self.room(_height(area))
        pdf.ln(1)
        self.font(bold=True)
        self.para(0, ROW, self.safe(f"{area.label}:"))
        if area.text.strip():
            self.font()
            pdf.set_x(pdf.l_margin + 4)
            self.para(0, TEXT, self.safe(area.text))
            pdf.ln(1.5)
            return
        pdf.set_draw_color(GREY)
        for _ in range(area.lines):
            self.room(RULED)
            y = pdf.get_y() + RULED
            pdf.line(pdf.l_margin + 4, y, pdf.w - pdf.r_margin, y)
            pdf.set_y(y)
        pdf.set_draw_color(0)
        pdf.ln(1)

    def grid(self, grid: Grid) -> None:
        from fpdf.fonts import FontFace

        pdf = self.pdf
        size = 9.0
        self.room(_height(grid))  # a short table on one page
        pdf.ln(2)
        room = pdf.epw
        padding = 1.2
        self.font(bold=True, size=size)
        least = [pdf.get_string_width(title) + 2 * padding + 1.5 for title in grid.header]
        widths = share_out(least, grid.widths, room)
        self.font(size=size)
        with pdf.table(
            col_widths=tuple(widths),
            width=room,
            align="LEFT",
            text_align="LEFT",
            v_align="TOP",
            line_height=4.6,
            padding=padding,
            headings_style=FontFace(family=FAMILY, emphasis="BOLD", size_pt=size),
        ) as table:
            table.row(list(grid.header))
            for cells in grid.rows:
                table.row([self.safe(cell) for cell in cells])
            for _ in range(grid.blank_rows):
                table.row([""] * len(grid.header), min_height=RULED)
        pdf.ln(2)


def _height(block: Block | None) -> float:
    """About how much of a page ``block`` needs to begin (all of it, when short)."""
    if isinstance(block, Grid):
        rows = ROW + len(block.rows) * 2 * TEXT + block.blank_rows * RULED
        return rows if rows < 100 else ROW + 3 * RULED
    if isinstance(block, Area):
        return ROW + (3 * TEXT if block.text.strip() else min(block.lines, 6) * RULED)
    return ROW


def share_out(least: list[float], shares: tuple[float, ...], room: float) -> list[float]:
    """Column widths sharing ``room`` by ``shares``, none narrower than ``least`` (its
    heading unbroken) while the headings fit at all."""
    widths = [max(low, room * share) for low, share in zip(least, shares, strict=True)]
    excess = sum(widths) - room
    if excess > 0:
        slack = [width - low for width, low in zip(widths, least, strict=True)]
        total = sum(slack)
        if total > 0:
            cut = min(1.0, excess / total)
            widths = [width - s * cut for width, s in zip(widths, slack, strict=True)]
    scale = room / sum(widths)
    return [width * scale for width in widths]
