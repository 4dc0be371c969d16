"""Root URLs. Public and staff pages exist in every language: German without a prefix,
the others under /<language>/ (e.g. /ar/kontakt/); the health check has no language."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import URLPattern, URLResolver, include, path

from .api import api
from .core.admin import admin_site
from .core.views import public
from .offers.api import hsds_api

urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", public.healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("api/hsds/", hsds_api.urls),
]
urlpatterns += i18n_patterns(
    path("", include("anlaufstelle.core.urls")),
    path("", include("anlaufstelle.appointments.urls")),
    path("", include("anlaufstelle.offers.urls")),
    path("", include("anlaufstelle.frontdesk.urls")),
    path("", include("anlaufstelle.controlling.urls")),
    path("admin/", admin_site.urls),
    prefix_default_language=False,
)

handler403 = "anlaufstelle.core.views.public.error_403"
handler404 = "anlaufstelle.core.views.public.error_404"
handler500 = "anlaufstelle.core.views.public.error_500"
