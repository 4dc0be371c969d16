"""Demo step: the front desk's thirteen weeks before today (the weeks of the booking history).

The queue's tickets and their events (:mod:`.queue`, played through by :mod:`.simulation`),
and the callback requests and contact messages with their calls and answers (:mod:`.contact`).
"""

from __future__ import annotations

from ..context import DemoContext
from .contact import load_contact_history
from .queue import load_queue_history


def load_frontdesk_history(ctx: DemoContext) -> None:
    """Tickets with their events, callbacks and messages for the weeks before today."""
    load_queue_history(ctx)
    load_contact_history(ctx)
