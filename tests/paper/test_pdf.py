"""The printouts as PDF, read back with pypdf (issue 13): the plan's goals and activities
with å, ä, ö, "–" and "✓" intact, the evaluation, every field of seed 004's blank forms,
typed text printed literally, and only what the printing unit may read."""

from __future__ import annotations

import io
import subprocess
import sys
from dataclasses import replace

import pytest
from pypdf import PdfReader

from sip_tui.domain import documents as doc
from sip_tui.paper.kinds import PaperKind, build
from sip_tui.paper.pdf import to_pdf
from tests.domain.world import HC, HSV
from tests.paper.seed_labels import SEED_004
from tests.paper.world import (
    CONTENT,
    GOAL,
    HOME_HELP,
    INSULIN,
    STRENGTHS,
    SUMMARY,
    drafted_case,
    planned_case,
    source,
)


def pdf_text(data: bytes) -> str:
    """Every page's text, its whitespace made single spaces."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_plan_reads_back_with_its_goals_and_activities_intact() -> None:
    data = to_pdf(build(PaperKind.PLAN, source(planned_case())))
    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    for typed in (GOAL, STRENGTHS, INSULIN, HOME_HELP, "Åsa Andersson", "dotter"):
        assert " ".join(typed.split()) in text
    for char in "åäöÅÄÖ–✓":
        assert char in text
    assert "Elsa Andersson, 19450612-1234" in text
    assert "Datum för mötet: 2026-11-26" in text
    assert "Datum för planerad utvärdering: 2027-01-20" in text
    assert "Hemsjukvården Umeå centrum, Sara Holm 2027-01-10" in text  # responsible, date
    # The coordinator's contact: name, title, phone, e-mail, the unit's numbers.
    assert "Ahmed Nilsson, Distriktssköterska, Ålidhems HC" in text
    assert "Telefon 090-785 12 34, E-post ahmed@example.se" in text
    assert "090-785 10 10 (direkt), 090-785 00 00 (växel)" in text
    assert "Status: Låst" in text
    assert "Ärende 1. Utskriven 2026-11-23 08:05 av Tea Testare, Ålidhems HC." in text
    assert "Sida 1 av 1" in text


def test_the_metadata_names_no_person() -> None:
    data = to_pdf(build(PaperKind.PLAN, source(planned_case())))
    metadata = PdfReader(io.BytesIO(data)).metadata
    assert metadata is not None
    assert metadata.title == "Mål- och aktivitetsplan"
    assert "Elsa" not in repr(dict(metadata))


def test_the_evaluation_reads_back_with_the_follow_up_and_the_summary() -> None:
    text = pdf_text(to_pdf(build(PaperKind.EVALUATION, source(planned_case()))))
    assert SUMMARY in text
    assert "Genomförd Sköter insulinet själv – bra!" in text
    assert "Pågår Pågår som planerat" in text
    assert "Datum för utvärderingsmöte: 2027-01-20 Tid: 10:00" in text


@pytest.mark.parametrize("kind", list(SEED_004))
def test_a_blank_form_has_every_field_of_seed_004(kind: PaperKind) -> None:
    text = pdf_text(to_pdf(build(kind))).casefold()
    missing = [label for label in SEED_004[kind] if label.casefold() not in text]
    assert not missing


def test_typed_text_is_printed_literally() -> None:
    typed = "**fet** [bold]x[/bold] <b>y</b> {nb} \\n $x$"
    case = drafted_case(replace(CONTENT, goals=[doc.Goal(0, typed)]))
    text = pdf_text(to_pdf(build(PaperKind.PLAN, source(case))))
    assert typed in text
    assert "Status: Utkast: sparat men inte signerat" in text


def test_control_characters_and_missing_glyphs_print_as_a_replacement() -> None:
    case = drafted_case(replace(CONTENT, goals=[doc.Goal(0, "Rött\x1b[31m och 漢字 och \u200b")]))
    text = pdf_text(to_pdf(build(PaperKind.PLAN, source(case))))
    assert "Rött�[31m och �� och �" in text


def test_another_units_unsigned_draft_is_not_printed() -> None:
    """The evaluation is Ahmed's saved, unsigned draft: his unit prints it, Hemsjukvården
    prints what was last signed, which is nothing."""
    case = planned_case()
    ours = pdf_text(to_pdf(build(PaperKind.EVALUATION, source(case, HC))))
    theirs = pdf_text(to_pdf(build(PaperKind.EVALUATION, source(case, HSV))))
    assert SUMMARY in ours
    assert "Status: Utkast: sparat men inte signerat" in ours
    assert SUMMARY not in theirs
    assert "Inte signerad ännu; skrivs av Ahmed Nilsson (Ålidhems HC)" in theirs


def test_fpdf_is_loaded_only_when_a_pdf_is_made() -> None:
    code = (
        "import sys, sip_tui.cli, sip_tui.paper.kinds, sip_tui.paper.text, "
        "sip_tui.paper.pdf; print('fpdf' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == "False\n"


def test_the_fonts_and_their_licence_ship_with_the_package() -> None:
    """A non-editable install carries them: pyproject's package-data names each file."""
    import tomllib
    from fnmatch import fnmatch
    from pathlib import Path

    import sip_tui

    root = Path(sip_tui.__file__).parent
    project = tomllib.loads((root.parent / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = project["tool"]["setuptools"]["package-data"]["sip_tui"]
    fonts = sorted(path.relative_to(root).as_posix() for path in (root / "paper/fonts").iterdir())
    assert fonts == [
        "paper/fonts/DejaVuSans-Bold.ttf",
        "paper/fonts/DejaVuSans.ttf",
        "paper/fonts/LICENSE",
    ]
    assert all(any(fnmatch(font, pattern) for pattern in patterns) for font in fonts)
