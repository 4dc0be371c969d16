"""Demo steps: the appointment system of the office – what it offers, its past and its calendar.

Three steps: the capacity (locations, counters, services, who works where and when, absences),
thirteen weeks of history (attended, missed and cancelled appointments), and the next four
weeks (filled more densely near today, the emergency share held back, a waiting list and
registrations of need for the services allocated fairly).

Appointments are placed on the free grid cells that the selectors compute from the staff's
weekly presence, absences and public holidays, one BookingCell per cell, and inserted in bulk:
the unique key (staff, cell) holds as in live operation, at a fraction of the cost of booking
one by one.
"""

from .calendar import load_appointment_calendar
from .capacity import load_appointment_capacity
from .history import load_appointment_history

__all__ = ["load_appointment_calendar", "load_appointment_capacity", "load_appointment_history"]
