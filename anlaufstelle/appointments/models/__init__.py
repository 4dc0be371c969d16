"""Appointments: the capacity model (locations, counters, services, staff availability)
and bookings. A booking occupies one BookingCell per grid cell it covers for the staff
member who serves it; a unique constraint makes double booking impossible."""

from .bookings import OPEN_STATUSES, Booking, BookingCell, BookingStatus, CellHold, Urgency
from .capacity import AvailabilityException, Counter, Location, Service, WeeklyAvailability
from .requests import AllocationRequest, AllocationRun, WaitlistEntry

__all__ = [
    "OPEN_STATUSES",
    "AllocationRequest",
    "AllocationRun",
    "AvailabilityException",
    "Booking",
    "BookingCell",
    "BookingStatus",
    "CellHold",
    "Counter",
    "Location",
    "Service",
    "Urgency",
    "WaitlistEntry",
    "WeeklyAvailability",
]
