from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "anlaufstelle.core"
    label = "core"
    verbose_name = _("Grundlagen")

    def ready(self) -> None:
        from . import checks, signals  # noqa: F401  (registers checks and audit hooks)
