"""Servers a notify test starts on localhost: an SMTP server (aiosmtpd) that keeps what it
receives, and an SMS gateway (http.server in a thread) that keeps the POSTs."""

from __future__ import annotations

import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Mailbox:
    """What the SMTP server received; each message is held ``delay`` seconds first."""

    delay: float = 0.0
    messages: list[tuple[list[str], EmailMessage]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.delay:
            time.sleep(self.delay)  # a slow server: rounds overlap while it answers
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"

    def texts(self) -> list[str]:
        return [str(message.get_content()).replace("\r\n", "\n") for _, message in self.messages]


@contextmanager
def smtp_server(mailbox: Mailbox, port: int | None = None) -> Iterator[int]:
    """An SMTP server on 127.0.0.1 delivering into ``mailbox``; yields its port."""
    chosen = port or free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=chosen)
    controller.start()
    try:
        yield chosen
    finally:
        controller.stop()


@dataclass
class Gateway:
    """What the SMS gateway received: the form fields and the Authorization header."""

    posts: list[tuple[dict[str, str], str]] = field(default_factory=list)
    status: int = 200  # what it answers


@contextmanager
def sms_gateway(gateway: Gateway) -> Iterator[str]:
    """An HTTP SMS gateway on 127.0.0.1; yields its URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
            gateway.posts.append((form, self.headers.get("Authorization", "")))
            self.send_response(gateway.status)
            self.end_headers()
            self.wfile.write(b"OK")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/send"
    finally:
        server.shutdown()
        server.server_close()
