"""Local development and the demo: SQLite, DEBUG, mail printed to the console."""

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = env_bool("DJANGO_DEBUG", True)
ANLAUFSTELLE_DEFAULT_TENANT = env_str("ANLAUFSTELLE_DEFAULT_TENANT", "musterstadt")
ANLAUFSTELLE_DEMO_MODE = env_bool("ANLAUFSTELLE_DEMO_MODE", True)
ANLAUFSTELLE_URL_SCHEME = env_str("ANLAUFSTELLE_URL_SCHEME", "http")
ANLAUFSTELLE_URL_PORT = env_str("ANLAUFSTELLE_URL_PORT", "8000")
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# runserver serves the files straight from the source folders while DEBUG is on.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
