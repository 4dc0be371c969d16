"""WSGI entry point (gunicorn anlaufstelle.wsgi): pages through the whole middleware, the JSON
APIs through their short one (``core.handlers``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anlaufstelle.settings.production")
pages = get_wsgi_application()  # sets Django up

from anlaufstelle.core.handlers import ApiHandler, application_for  # noqa: E402 (needs Django set up)

application = application_for(pages, ApiHandler())
