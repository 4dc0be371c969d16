"""Queued mail as the person gets it: composed, as the outbox worker does before the first send."""

from __future__ import annotations

from typing import Any

from anlaufstelle.core.models import OutboxMessage
from anlaufstelle.core.services import outbox_compose


def queued_mail(**filters: Any) -> OutboxMessage:
    """The one queued message matching ``filters``, composed (a message queued to be composed has no
    text until the worker writes it)."""
    return outbox_compose(message=OutboxMessage.objects.get(**filters))
