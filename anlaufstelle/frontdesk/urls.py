from django.urls import URLPattern, URLResolver

from .views import contact, desk, public, workstation

app_name = "frontdesk"

urlpatterns: list[URLPattern | URLResolver] = [
    *public.urlpatterns,
    *desk.urlpatterns,
    *workstation.urlpatterns,
    *contact.urlpatterns,
]
