from django.urls import URLPattern, URLResolver

app_name = "frontdesk"

urlpatterns: list[URLPattern | URLResolver] = []
