from django.urls import path

from .views import public, requests, staff

app_name = "appointments"

urlpatterns = [
    path("termine/", public.start, name="start"),
    path("termine/notfall/", public.emergency, name="emergency"),
    path("termine/anliegen/<int:service_id>/", public.days, name="days"),
    path("termine/anliegen/<int:service_id>/zeit/", public.times, name="times"),
    path("termine/anliegen/<int:service_id>/kontakt/", public.contact, name="contact"),
    path("termine/reserviert/<str:token>/", public.reserved, name="reserved"),
    path("termine/t/<str:token>/", public.manage, name="manage"),
    path("termine/t/<str:token>/bestaetigen/", public.confirm, name="confirm"),
    path("termine/t/<str:token>/absagen/", public.cancel, name="cancel"),
    path("termine/t/<str:token>/verlegen/", public.move, name="move"),
    path("termine/t/<str:token>/warteliste/", public.waitlist, name="waitlist"),
    path("termine/t/<str:token>/termin.ics", public.calendar_file, name="calendar_file"),
    *requests.urlpatterns,
    *staff.urlpatterns,
]
