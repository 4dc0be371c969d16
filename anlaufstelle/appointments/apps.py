from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "anlaufstelle.appointments"
    label = "appointments"
    verbose_name = _("Termine")

    def ready(self) -> None:
        from . import signals

        signals.connect()
