"""A real SMTP server on 127.0.0.1 for tests (aiosmtpd): records every message it accepts.

The server can be stopped and started again on the same port, so a test can show what the
outbox does while the mail server is down and after it comes back.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from threading import Lock
from typing import Any

from aiosmtpd.controller import Controller

HOST = "127.0.0.1"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class ReceivedMail:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage


class _RecordingHandler:
    def __init__(self, inbox: list[ReceivedMail], lock: Lock) -> None:
        self._inbox = inbox
        self._lock = lock

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        mail = ReceivedMail(
            mail_from=envelope.mail_from,
            rcpt_tos=list(envelope.rcpt_tos),
            message=message_from_bytes(envelope.original_content, policy=policy.default),
        )
        with self._lock:
            self._inbox.append(mail)
        return "250 Message accepted for delivery"


class LocalSMTPServer:
    """An SMTP server on a fixed local port; ``received`` lists what it accepted, in order.

    The handler stores a message before the server answers "250", so a synchronous send
    has been recorded by the time it returns.
    """

    def __init__(self, port: int | None = None) -> None:
        self.host = HOST
        self.port = port or free_port()
        self._received: list[ReceivedMail] = []
        self._lock = Lock()
        self._controller: Controller | None = None

    @property
    def received(self) -> list[ReceivedMail]:
        with self._lock:
            return list(self._received)

    @property
    def is_running(self) -> bool:
        return self._controller is not None

    def start(self) -> None:
        if self._controller is None:
            controller = Controller(_RecordingHandler(self._received, self._lock), hostname=self.host, port=self.port)
            controller.start()
            self._controller = controller

    def stop(self) -> None:
        """Stop listening: a client connecting now is refused."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def received_message_ids(self) -> list[str]:
        return [str(mail.message["Message-ID"]) for mail in self.received]
