"""The WSGI application: pages through the whole middleware, the JSON APIs through a short one.

The APIs (``/api/…``) read no session or cookie, log nobody in, need no CSRF token, show no page
messages and set their language from Accept-Language themselves (``anlaufstelle.api``). For a
refused booking in a rush, the middleware they have no use for cost a third of the request's
CPU; ``ApiHandler`` builds its chain from ``settings.API_MIDDLEWARE`` instead. The test client
sends API requests through the whole middleware, so ``tests/appointments/test_api_handler.py`` runs the
API through this application.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler
from django.utils.module_loading import import_string

API_PREFIX = "/api/"


class ApiHandler(WSGIHandler):
    """Django's WSGI handler with the middleware of ``settings.API_MIDDLEWARE``."""

    def load_middleware(self, is_async: bool = False) -> None:
        # BaseHandler.load_middleware, for synchronous middleware only, from another list
        if is_async:
            raise NotImplementedError("The API handler serves WSGI only.")
        self._view_middleware: list[Callable[..., Any]] = []
        self._template_response_middleware: list[Callable[..., Any]] = []
        self._exception_middleware: list[Callable[..., Any]] = []
        handler = convert_exception_to_response(self._get_response)  # type: ignore[attr-defined]
        for path in reversed(settings.API_MIDDLEWARE):
            middleware = import_string(path)(handler)
            if hasattr(middleware, "process_view"):
                self._view_middleware.insert(0, middleware.process_view)
            if hasattr(middleware, "process_template_response"):
                self._template_response_middleware.append(middleware.process_template_response)
            if hasattr(middleware, "process_exception"):
                self._exception_middleware.append(middleware.process_exception)
            handler = convert_exception_to_response(middleware)
        self._middleware_chain = handler


def application_for(pages: WSGIHandler, api: WSGIHandler) -> Callable[[dict[str, Any], Any], Iterable[bytes]]:
    """The WSGI application that sends ``/api/…`` to ``api`` and everything else to ``pages``."""

    def application(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        handler = api if environ.get("PATH_INFO", "").startswith(API_PREFIX) else pages
        return handler(environ, start_response)

    return application
