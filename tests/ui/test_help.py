"""`?` (F1 in a text field) opens sip-tui's own help, in Swedish, for the screen on top;
ctrl+p lists the screen's actions in Swedish and runs them; ``[keymap]`` in the config file
remaps a key by its binding id. Issue 11 points 1, 2 and 3."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Static

from sip_tui.config import load_settings
from sip_tui.store.service.api import Store
from sip_tui.ui.app import SipApp
from sip_tui.ui.case.screen import CaseScreen
from sip_tui.ui.dialogs.simple import LegendScreen
from sip_tui.ui.forms.initiative.form import InitiativeForm
from sip_tui.ui.help.screen import HelpScreen
from sip_tui.ui.overview.screen import OverviewScreen
from tests.domain.world import AHMED, HSV, KARIN
from tests.store.seed import sent_case
from tests.ui.forms import app_as, new_case_form, open_case
from tests.ui.helpers import gathered, loaded, until


def help_text(pilot: Pilot[None]) -> str:
    screen = pilot.app.screen
    assert isinstance(screen, HelpScreen)
    return "\n".join(str(static.render()) for static in screen.query(Static))


def key_lines(pilot: Pilot[None]) -> list[str]:
    """The help's key table, one row a line, spaces squeezed ("a Acceptera Kvittera: …")."""
    screen = pilot.app.screen
    assert isinstance(screen, HelpScreen)
    return [" ".join([row.keys, row.description, row.tooltip]) for row in screen.rows]


async def open_help(pilot: Pilot[None], key: str = "question_mark") -> str:
    await pilot.press(key)
    await until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))
    await pilot.pause()
    return help_text(pilot)


async def test_help_on_the_overview_is_swedish_keys_first_then_the_symbols(
    world: Store,
) -> None:
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        text = await open_help(pilot)
        lines = key_lines(pilot)
        assert lines[0].startswith("o Våra Visa bara ärenden där vi har något att göra")
        assert "j Ned Nästa ärende (som ↓)" in lines
        assert "k Upp Föregående ärende (som ↑)" in lines
        assert any(line.startswith("?/f1 Hjälp") for line in lines)
        # Textual's generic keys (English) are not listed.
        for english in ("Cursor", "Focus", "Scroll", "Select"):
            assert english not in text
            assert not any(english in line for line in lines)
        assert "Symbolerna" in text
        assert "●  vi har något kvar att göra" in text
        order = [w.id for w in pilot.app.screen.query(Static) if w.id]
        assert order[:2] == ["help-keys", "help-text"]  # the keys first
        assert "Alla ärenden där enheten deltar" in text
        assert "overview.search (/)" in text  # the ids, for [keymap]
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(pilot.app.screen, OverviewScreen))
        await open_help(pilot)
        await pilot.press("question_mark")  # the help key closes it again
        await until(pilot, lambda: isinstance(pilot.app.screen, OverviewScreen))


async def test_help_scrolls_at_80x24(world: Store) -> None:
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await open_help(pilot)
        scroll = pilot.app.screen.query_one("#help")
        assert scroll.max_scroll_y > 0  # more than fits: it must scroll
        await pilot.press("j", "j", "pagedown")
        await until(pilot, lambda: scroll.scroll_y > 0)
        await pilot.press("q")
        await until(pilot, lambda: isinstance(pilot.app.screen, OverviewScreen))


async def test_help_on_a_received_initiative_lists_what_we_may_answer(world: Store) -> None:
    case_id = sent_case(world, [HSV])
    async with app_as(world, KARIN).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        text = await open_help(pilot)
        lines = key_lines(pilot)
        assert "a Acceptera Kvittera: vi deltar (med en kommentar)" in lines
        assert "w Vidarebefordra Skicka ett felriktat initiativ vidare" in lines
        assert not any("Makulera" in line for line in lines)  # not ours to do here
        assert "Ärendets delar" in text


async def test_f1_opens_the_help_from_a_text_field_where_a_question_mark_is_typed(
    world: Store,
) -> None:
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        form = await new_case_form(pilot)
        field = form.query_one("#name", Input)
        field.focus()
        await pilot.press("a", "question_mark")
        assert field.value == "a?"
        assert isinstance(pilot.app.screen, InitiativeForm)
        text = await open_help(pilot, "f1")
        assert "Initiativ" in text
        assert any(line.startswith("f2/^s Spara") for line in key_lines(pilot))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(pilot.app.screen, InitiativeForm))
        assert field.value == "a?"


# --- the command palette -------------------------------------------------------------------


async def palette(pilot: Pilot[None], search: str = "") -> list[str]:
    """Open ctrl+p, type ``search``: the commands listed (title and help, one string each)."""
    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
    if search:
        await pilot.press(*search)
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    listing = palette.query_one("CommandList")

    def prompts() -> list[str]:
        return [
            str(listing.get_option_at_index(i).prompt)  # type: ignore[attr-defined]
            for i in range(listing.option_count)  # type: ignore[attr-defined]
        ]

    # The palette gathers its hits in a worker: wait until it is done and they are shown.
    await until(pilot, lambda: bool(prompts()) and gathered(palette))
    await pilot.pause()
    return prompts()


async def test_the_palette_lists_the_screens_actions_in_swedish(world: Store) -> None:
    case_id = sent_case(world, [HSV])
    async with app_as(world, KARIN).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        listed = "\n".join(await palette(pilot))
        assert "Acceptera" in listed
        assert "Kvittera: vi deltar (med en kommentar) · a" in listed
        assert "Vidarebefordra" in listed
        assert "Hjälp" in listed
        assert "Tema" in listed
        for english in ("Keys", "Screenshot", "Maximize", "Quit", "Theme"):
            assert english not in listed


async def test_the_palette_lists_only_what_is_allowed_now(world: Store) -> None:
    case_id = sent_case(world, [HSV])
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        listed = "\n".join(await palette(pilot))
        assert "Makulera" in listed  # the coordinator may void
        assert "Acceptera" not in listed  # nothing for Ålidhem to acknowledge


async def test_a_command_from_the_palette_runs(world: Store) -> None:
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert any(p.startswith("Symboler") for p in await palette(pilot, "symbol"))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, LegendScreen))


# --- [keymap] ------------------------------------------------------------------------------


def app_with_keymap(world: Store, config: Path, keymap: str) -> SipApp:
    config.write_text(f"[keymap]\n{keymap}\n", encoding="utf-8")
    settings = load_settings()
    return SipApp(
        world,
        AHMED.user,
        AHMED.name,
        world.memberships(AHMED.user),
        unit=AHMED.unit,
        bell=False,
        keymap=settings.keymap,
    )


async def test_a_remapped_key_works_and_the_old_one_does_not(
    world: Store, isolated_config: Path
) -> None:
    app = app_with_keymap(world, isolated_config, '"overview.legend" = "g"')
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("l")  # the old key: nothing
        await pilot.pause()
        assert isinstance(pilot.app.screen, OverviewScreen)
        await open_help(pilot)
        assert any(line.startswith("g Symboler") for line in key_lines(pilot))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(pilot.app.screen, OverviewScreen))
        await pilot.press("g")
        await until(pilot, lambda: isinstance(pilot.app.screen, LegendScreen))


async def test_the_help_key_itself_may_be_remapped(world: Store, isolated_config: Path) -> None:
    """Written without quotes (a TOML table ``app``) it means the same."""
    case_id = sent_case(world, [HSV])
    app = app_with_keymap(world, isolated_config, 'app.help = "h,f1"\ncase.void = "ctrl+x"')
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        await pilot.press("question_mark", "x")
        await pilot.pause()
        assert isinstance(pilot.app.screen, CaseScreen)
        await open_help(pilot, "h")
        assert any(line.startswith("^x Makulera") for line in key_lines(pilot))
        await pilot.press("h")  # closes it again
        await until(pilot, lambda: isinstance(pilot.app.screen, CaseScreen))


async def test_the_help_says_sqlite_is_for_one_person_demo_and_training(world: Store) -> None:
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        text = " ".join((await open_help(pilot)).split())
        assert "En SQLite-fil (standard) är för en person, demo och utbildning" in text
        assert "en enhet eller ett län använder PostgreSQL" in text
