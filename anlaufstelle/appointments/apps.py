from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "anlaufstelle.appointments"
    label = "appointments"
    verbose_name = _("Termine")

    def ready(self) -> None:
        from anlaufstelle.core.services import register_composer

        from . import signals
        from .services.mail import COMPOSER, compose_booking_mail

        signals.connect()
        register_composer(COMPOSER, compose_booking_mail)
