"""Local drafts in the user's own file: kept per store, login and unit; a newer draft of
the same thing replaces the older; a draft another sip-tui wrote is listed, not lost."""

from __future__ import annotations

import stat

from sip_tui.domain.clock import STOCKHOLM
from sip_tui.domain.commands import AcceptCall, MarkMessageRead, SaveMapping, Sign
from sip_tui.domain.documents import DocumentKind, MappingText
from sip_tui.local import db, drafts
from sip_tui.local.owner import Owner
from tests.domain.world import at

AHMED_HC = Owner(db.store_key("sqlite:////tmp/sip.db"), "ahmed", "HC")
NOW = at("2026-11-23 11:54")


def test_a_draft_is_kept_with_its_words_and_comes_back_whole() -> None:
    text = MappingText(situation="Elsa ska skrivas ut på fredag", background="Bor ensam")
    sent = (SaveMapping(42, text, 3), Sign(42, DocumentKind.MAPPING))
    drafts.keep(AHMED_HC, sent, NOW)
    (draft,) = drafts.drafts(AHMED_HC)
    assert draft.commands == sent
    assert (draft.case_id, draft.part) == (42, "Kartläggning")
    assert draft.summary == "Spara kartläggningen (och 1 till): Elsa ska skrivas ut på fredag"
    assert draft.saved_at == NOW
    assert draft.saved_at.tzinfo is STOCKHOLM
    path = db.local_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_same_thing_again_replaces_the_draft_and_others_are_kept_apart() -> None:
    drafts.keep(AHMED_HC, (SaveMapping(42, MappingText(situation="Först"), 3),), NOW)
    drafts.keep(AHMED_HC, (SaveMapping(42, MappingText(situation="Sedan"), 3),), NOW)
    drafts.keep(AHMED_HC, (AcceptCall(42, 1, "Passar"),), NOW)
    drafts.keep(AHMED_HC, (AcceptCall(42, 2, "Passar också"),), NOW)
    on_another_unit = Owner(AHMED_HC.store_key, "ahmed", "HSV")
    in_another_store = Owner(db.store_key("sqlite:////tmp/demo.db"), "ahmed", "HC")
    drafts.keep(on_another_unit, (MarkMessageRead(42, 1),), NOW)
    drafts.keep(in_another_store, (MarkMessageRead(42, 1),), NOW)
    summaries = [d.summary for d in drafts.drafts(AHMED_HC)]
    assert summaries == [
        "Spara kartläggningen: Sedan",
        "Acceptera kallelsen: Passar",
        "Acceptera kallelsen: Passar också",
    ]
    assert drafts.count(AHMED_HC) == 3
    assert drafts.count(on_another_unit) == drafts.count(in_another_store) == 1


def test_a_discarded_draft_is_gone() -> None:
    kept = drafts.keep(AHMED_HC, (AcceptCall(42, 1, "Passar"),), NOW)
    drafts.discard(kept)
    assert drafts.drafts(AHMED_HC) == []


def test_a_draft_this_version_cannot_read_is_listed_without_commands() -> None:
    kept = drafts.keep(AHMED_HC, (AcceptCall(42, 1, "Passar"),), NOW)
    with db.opened() as connection:
        connection.execute(
            "UPDATE draft SET commands = ? WHERE id = ?",
            ('[{"command": "AcceptCallLater", "fields": {}}]', kept),
        )
    (draft,) = drafts.drafts(AHMED_HC)
    assert draft.commands is None
    assert draft.summary == "Acceptera kallelsen: Passar"
