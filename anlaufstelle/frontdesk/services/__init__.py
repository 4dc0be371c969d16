"""Write side of the front desk: check-in and walk-in tickets, the workstation, contact channels."""

from .base import FrontdeskError
from .bookings import booking_mark_attendance
from .contact import (
    CallbackData,
    ContactData,
    callback_attempt_record,
    callback_request_create,
    contact_message_answer,
    contact_message_create,
    contact_message_take,
    contact_retention_purge,
)
from .counter import (
    counter_sign_in,
    counter_sign_out,
    ticket_call,
    ticket_call_next,
    ticket_finish,
    ticket_no_show,
    ticket_recall,
    ticket_start,
    ticket_transfer,
)
from .tickets import (
    AlreadyCheckedIn,
    AppointmentMissed,
    CheckInRefused,
    TicketRefused,
    booking_from_scan,
    ticket_by_token,
    ticket_check_in,
    ticket_issue,
    ticket_token,
)

__all__ = [
    "AlreadyCheckedIn",
    "AppointmentMissed",
    "CallbackData",
    "CheckInRefused",
    "ContactData",
    "FrontdeskError",
    "TicketRefused",
    "booking_from_scan",
    "booking_mark_attendance",
    "callback_attempt_record",
    "callback_request_create",
    "contact_message_answer",
    "contact_message_create",
    "contact_message_take",
    "contact_retention_purge",
    "counter_sign_in",
    "counter_sign_out",
    "ticket_by_token",
    "ticket_call",
    "ticket_call_next",
    "ticket_check_in",
    "ticket_finish",
    "ticket_issue",
    "ticket_no_show",
    "ticket_recall",
    "ticket_start",
    "ticket_token",
    "ticket_transfer",
]
