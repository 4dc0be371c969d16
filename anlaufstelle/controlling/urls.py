from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "controlling"

urlpatterns: list[URLPattern | URLResolver] = [
    path("mitarbeit/steuerung/", views.dashboard_view, name="dashboard"),
    path("mitarbeit/steuerung/export/", views.export_view, name="export"),
    path("mitarbeit/steuerung/vergleich/", views.comparison_view, name="comparison"),
    path("mitarbeit/steuerung/qr-codes/", views.counter_codes, name="counter_codes"),
    path("rueckmeldung/schalter/<str:token>/", views.feedback_counter, name="feedback_counter"),
    path("rueckmeldung/<str:token>/", views.feedback, name="feedback"),
]
