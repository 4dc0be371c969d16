"""Write side of appointments."""

from .allocation import SOON_DAYS, URGENT_DAYS, allocation_priority, allocation_run
from .allocation_explain import allocation_explain
from .allocation_requests import (
    allocation_request_confirm,
    allocation_request_create,
    allocation_request_withdraw,
    request_token,
)
from .booking import (
    BookingError,
    BookingRefused,
    Contact,
    LinkExpired,
    SlotUnavailable,
    booking_available,
    booking_by_token,
    booking_cancel,
    booking_confirm,
    booking_create,
    booking_create_for_person,
    booking_move,
    booking_receipt_token,
    booking_reserve,
    booking_token,
    person_for_contact,
)
from .holds import (
    emergency_hold_horizon,
    emergency_hold_top_up,
    emergency_release_due,
    freed_slots_offer,
    holds_expire_due,
    reminders_send_due,
)
from .waitlist import waitlist_join, waitlist_leave

__all__ = [
    "SOON_DAYS",
    "URGENT_DAYS",
    "BookingError",
    "BookingRefused",
    "Contact",
    "LinkExpired",
    "SlotUnavailable",
    "allocation_explain",
    "allocation_priority",
    "allocation_request_confirm",
    "allocation_request_create",
    "allocation_request_withdraw",
    "allocation_run",
    "booking_available",
    "booking_by_token",
    "booking_cancel",
    "booking_confirm",
    "booking_create",
    "booking_create_for_person",
    "booking_move",
    "booking_receipt_token",
    "booking_reserve",
    "booking_token",
    "emergency_hold_horizon",
    "emergency_hold_top_up",
    "emergency_release_due",
    "freed_slots_offer",
    "holds_expire_due",
    "person_for_contact",
    "reminders_send_due",
    "request_token",
    "waitlist_join",
    "waitlist_leave",
]
