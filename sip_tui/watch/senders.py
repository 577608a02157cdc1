"""Sending one notice: e-mail over SMTP (``smtplib``), SMS through an HTTP gateway (a
form POST with ``to``, ``from``, ``message`` and basic auth; ``httpx``, the project's HTTP
client, imported only when an SMS is posted so no other command pays for loading it) or a
command.

A failed send raises :class:`SendError` whose message is one line naming the problem
(never a password); the round records it and the next round tries again.
"""

from __future__ import annotations

import smtplib
import ssl
import subprocess
from email.message import EmailMessage
from typing import Protocol

from sip_tui.config_sections import MailSettings, SmsSettings

#: The last line of an e-mail notice (the text itself is the subject's unit and counts).
MAIL_FOOTER = "Öppna sip-tui för att se ärendena. Detta meddelande går inte att svara på."


class SendError(Exception):
    """A notice could not be sent; ``str(error)`` is one line."""


class Sender(Protocol):
    channel: str

    def send(self, address: str, text: str, unit_name: str) -> None: ...


class MailSender:
    channel = "email"

    def __init__(self, settings: MailSettings) -> None:
        self.settings = settings

    def send(self, address: str, text: str, unit_name: str) -> None:
        mail = self.settings
        message = EmailMessage()
        message["From"] = mail.sender
        message["To"] = address
        message["Subject"] = f"SIP: {unit_name}"
        message.set_content(f"{text}\n\n{MAIL_FOOTER}\n")
        try:
            with smtplib.SMTP(mail.host, mail.port, timeout=mail.timeout) as smtp:
                if mail.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if mail.user:
                    smtp.login(mail.user, mail.password)
                smtp.send_message(message)
        except (OSError, smtplib.SMTPException) as error:
            raise SendError(
                f"e-mail via {mail.host}:{mail.port} failed: {type(error).__name__}: {error}"
            ) from error


class SmsSender:
    channel = "sms"

    def __init__(self, settings: SmsSettings) -> None:
        self.settings = settings

    def send(self, address: str, text: str, unit_name: str) -> None:
        if self.settings.command:
            self._run(address, text)
        else:
            self._post(address, text)

    def _post(self, address: str, text: str) -> None:
        import httpx  # here, not at the top: only a round posting an SMS loads it

        sms = self.settings
        form = {"to": address, "from": sms.sender, "message": text}
        auth = httpx.BasicAuth(sms.user, sms.password) if sms.user else None
        try:
            response = httpx.post(sms.url, data=form, auth=auth, timeout=sms.timeout)
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            raise SendError(f"SMS gateway {sms.url} failed: {type(error).__name__}") from error
        if not response.is_success:  # a redirect too: the gateway's URL is wrong
            raise SendError(
                f"SMS gateway answered HTTP {response.status_code} {response.reason_phrase}"
            )

    def _run(self, address: str, text: str) -> None:
        sms = self.settings
        argv = [part.replace("{to}", address) for part in sms.command]
        try:
            done = subprocess.run(
                argv, input=text, text=True, capture_output=True, timeout=sms.timeout, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise SendError(f"SMS command {argv[0]} failed: {type(error).__name__}") from error
        if done.returncode != 0:
            raise SendError(f"SMS command {argv[0]} exited with status {done.returncode}")
