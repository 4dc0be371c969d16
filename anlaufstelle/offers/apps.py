from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "anlaufstelle.offers"
    label = "offers"
    verbose_name = _("Angebote")

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the permissions of the directory)
