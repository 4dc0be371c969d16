from django.urls import URLPattern, URLResolver, path

from .views import public, staff

app_name = "offers"

urlpatterns: list[URLPattern | URLResolver] = [
    path("angebote/", public.index, name="index"),
    path("angebote/suche/", public.search, name="search"),
    path("angebote/karte/", public.map_view, name="map"),
    path("angebote/termine.ics", public.calendar_feed, name="calendar"),
    path("angebote/daten/hsds.zip", public.hsds_export, name="hsds_export"),
    path("angebote/fuer/<slug:situation>/", public.situation, name="situation"),
    path("angebote/fuer/<slug:situation>/<slug:topic>/", public.guided, name="guided"),
    path("angebote/<int:pk>/", public.detail, name="detail"),
    path("angebote/orte/<int:pk>/", public.place, name="place"),
    *staff.urlpatterns,
]
