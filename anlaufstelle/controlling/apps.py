from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ControllingConfig(AppConfig):
    name = "anlaufstelle.controlling"
    label = "controlling"
    verbose_name = _("Steuerung")
