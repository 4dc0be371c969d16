from django.urls import URLPattern, URLResolver

app_name = "controlling"

urlpatterns: list[URLPattern | URLResolver] = []
