"""Appointments: the capacity model (locations, counters, services, staff availability)
and bookings. A booking occupies one BookingCell per grid cell it covers for the staff
member who serves it; a unique constraint makes double booking impossible."""

from .bookings import Booking, BookingCell, BookingStatus
from .capacity import AvailabilityException, Counter, Location, Service, WeeklyAvailability

__all__ = [
    "AvailabilityException",
    "Booking",
    "BookingCell",
    "BookingStatus",
    "Counter",
    "Location",
    "Service",
    "WeeklyAvailability",
]
