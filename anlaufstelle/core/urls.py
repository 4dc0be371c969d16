from django.urls import path

from .views import login, public, staff

app_name = "core"

urlpatterns = [
    path("", public.home, name="home"),
    path("kontakt/", public.contact, name="contact"),
    path("impressum/", public.imprint, name="imprint"),
    path("datenschutz/", public.privacy, name="privacy"),
    path("sicherheitspruefung/", public.botguard_challenge, name="botguard_challenge"),
    path("mitarbeit/anmelden/", login.login_view, name="login"),
    path("mitarbeit/anmelden/code/", login.login_code_view, name="login_code"),
    path("mitarbeit/anmelden/einrichten/", login.totp_setup_view, name="totp_setup"),
    path("mitarbeit/abmelden/", login.logout_view, name="logout"),
    path("mitarbeit/", staff.staff_home, name="staff_home"),
    path("mitarbeit/personen/", staff.person_list, name="person_list"),
    path("mitarbeit/personen/neu/", staff.person_create_view, name="person_create"),
    path("mitarbeit/personen/<int:pk>/", staff.person_detail, name="person_detail"),
    path("mitarbeit/personen/<int:pk>/bearbeiten/", staff.person_edit, name="person_edit"),
    path("mitarbeit/protokoll/", staff.audit_log, name="audit_log"),
    path("mitarbeit/benutzer/", staff.user_list, name="user_list"),
    path("mitarbeit/organisation/", staff.organisation, name="organisation"),
    path("mitarbeit/postausgang/", staff.outbox, name="outbox"),
    path("mitarbeit/inhalte/", staff.content_list, name="content_list"),
    path("mitarbeit/inhalte/<str:model>/<int:pk>/<str:language>/", staff.content_edit, name="content_edit"),
]
