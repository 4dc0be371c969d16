"""Load tests only (benchmarks/booking_storm.py): production, served over plain HTTP on this
machine, with the bot guard and its rate limits off - thousands of bookings come from one
address without solving challenges. `check --deploy` refuses it (anlaufstelle.E003).

Needs DJANGO_SECRET_KEY, DATABASE_URL and DJANGO_ALLOWED_HOSTS like production.
"""

from .production import *  # noqa: F403

BOTGUARD_ENABLED = False
# Plain HTTP on localhost: no redirect to HTTPS, no HSTS, cookies without the Secure flag.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
