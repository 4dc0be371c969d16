"""Template context every page needs: tenant, languages with their switch links, direction."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language, get_language_bidi, get_language_info


def anlaufstelle(request: HttpRequest) -> dict[str, Any]:
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    languages = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        languages.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "url": translate_url(path, code),
                "current": code == current,
                "bidi": info["bidi"],
            }
        )
    return {
        "tenant": getattr(request, "tenant", None),
        "language_links": languages,
        "text_direction": "rtl" if get_language_bidi() else "ltr",
        "demo_mode": settings.ANLAUFSTELLE_DEMO_MODE,
    }
