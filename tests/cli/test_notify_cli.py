"""``sip-tui notify`` on the demo database as an operator runs it: the config file names
the SMTP server, one round mails today's watchers (and the people tasks name), a second
round sends nothing again."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.watch_world import NOW, build, sip_tui
from tests.store.notify_servers import Mailbox, free_port, smtp_server


def test_one_round_mails_the_watchers_and_the_next_sends_nothing_again(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    isolated_config: Path,
) -> None:
    url = build(tmp_path / "demo.db")
    port = free_port()
    isolated_config.write_text(f'[mail]\nhost = "127.0.0.1"\nport = {port}\nstarttls = false\n')
    monkeypatch.setenv("SIP_TUI_NOW", NOW)
    mailbox = Mailbox()
    with smtp_server(mailbox, port):
        first = sip_tui(capsys, "notify", "--db", url)
        second = sip_tui(capsys, "notify", "--db", url)
    assert first.code == 0, first.err
    assert first.out.startswith("queued ")
    sent = int(first.out.split("sent ")[1].split(",")[0])
    assert sent == len(mailbox.messages) > 0
    assert second.out == "queued 0, sent 0, failed 0\n"
    texts = mailbox.texts()
    for (recipients, _), text in zip(mailbox.messages, texts, strict=True):
        if " för dig i SIP " not in text:  # the unit's work: to its watcher
            assert recipients[0].endswith("w@example.org"), (recipients, text)
    assert any(" för dig i SIP (" in text for text in texts)  # the demo's signers
    assert any(text.startswith("Hemsjukvården Umeå centrum: ") for text in mailbox.texts()), (
        mailbox.texts()
    )


def test_a_round_with_the_mail_server_down_says_so_and_exits_1(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    isolated_config: Path,
) -> None:
    url = build(tmp_path / "demo.db")
    isolated_config.write_text(
        f'[mail]\nhost = "127.0.0.1"\nport = {free_port()}\nstarttls = false\n'
    )
    monkeypatch.setenv("SIP_TUI_NOW", NOW)
    result = sip_tui(capsys, "notify", "--db", url)
    assert result.code == 1
    assert "failed: new|" in result.err
    assert "Traceback" not in result.err
