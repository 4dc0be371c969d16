from django.urls import URLPattern, URLResolver, path

from . import views, views_planning, views_reports

app_name = "controlling"

urlpatterns: list[URLPattern | URLResolver] = [
    path("mitarbeit/steuerung/", views.dashboard_view, name="dashboard"),
    path("mitarbeit/steuerung/export/", views.export_view, name="export"),
    path("mitarbeit/steuerung/vergleich/", views.comparison_view, name="comparison"),
    path("mitarbeit/steuerung/qr-codes/", views.counter_codes, name="counter_codes"),
    path("mitarbeit/steuerung/planung/", views_planning.planning_view, name="planning"),
    path("mitarbeit/steuerung/berichte/", views_reports.report_list, name="reports"),
    path("mitarbeit/steuerung/berichte/<str:month>/", views_reports.report_html, name="report"),
    path("mitarbeit/steuerung/berichte/<str:month>/pdf/", views_reports.report_pdf, name="report_pdf"),
    path("rueckmeldung/schalter/<str:token>/", views.feedback_counter, name="feedback_counter"),
    path("rueckmeldung/<str:token>/", views.feedback, name="feedback"),
]
