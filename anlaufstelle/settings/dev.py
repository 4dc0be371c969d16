"""Local development and the demo: SQLite, DEBUG, mail printed to the console."""

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = env_bool("DJANGO_DEBUG", True)
ANLAUFSTELLE_DEFAULT_TENANT = env_str("ANLAUFSTELLE_DEFAULT_TENANT", "musterstadt")
ANLAUFSTELLE_DEMO_MODE = env_bool("ANLAUFSTELLE_DEMO_MODE", True)
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# runserver serves the files straight from the source folders while DEBUG is on.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
