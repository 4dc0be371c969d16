"""Settings shared by every environment. Environment-specific files import from here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
from django.conf import global_settings
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "anlaufstelle"
VAR_DIR = Path(env_str("ANLAUFSTELLE_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "insecure-development-key-change-me-in-production")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", ".localhost", "[::1]"])

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "anlaufstelle.core",
    "anlaufstelle.appointments",
    "anlaufstelle.offers",
    "anlaufstelle.frontdesk",
    "anlaufstelle.controlling",
]

MIDDLEWARE = [
    "anlaufstelle.core.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed by the application, so a phone gets them small even without a compressing
    # proxy; below WhiteNoise, which serves its own pre-compressed files. Django masks the CSRF
    # token per response and pads the gzip header at random (BREACH).
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "anlaufstelle.core.middleware.TenantMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "anlaufstelle.core.middleware.StaffSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Axes last: it turns lockouts raised during authentication into a clear page.
    "axes.middleware.AxesMiddleware",
]

# The JSON APIs (/api/…) use no session, cookie, login, CSRF token, page message or htmx, and set
# their language from Accept-Language themselves: their requests pass only this middleware
# (anlaufstelle.wsgi sends them through core.handlers.ApiHandler).
API_MIDDLEWARE = [
    "anlaufstelle.core.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "anlaufstelle.core.middleware.TenantMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "anlaufstelle.urls"
WSGI_APPLICATION = "anlaufstelle.wsgi.application"
ASGI_APPLICATION = "anlaufstelle.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "anlaufstelle.core.context_processors.anlaufstelle",
            ],
        },
    },
]

# --- Database ------------------------------------------------------------------------------
# DATABASE_URL selects the database: PostgreSQL in production, SQLite (WAL) when unset.
DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Django's backend, but a connection that worked a moment ago skips the health check
        # (one round trip less per request; see anlaufstelle/core/db/postgresql/base.py).
        DATABASES["default"]["ENGINE"] = "anlaufstelle.core.db.postgresql"
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / env_str("SQLITE_NAME", "anlaufstelle.sqlite3")),
            "OPTIONS": {
                # WAL lets readers work while one writer writes; IMMEDIATE takes the write
                # lock at BEGIN so two writers queue instead of failing half-way.
                "init_command": ("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication ------------------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "anlaufstelle.core.auth.TenantModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:staff_home"
LOGOUT_REDIRECT_URL = "core:home"

# Staff must prove a second factor (TOTP). Only a development demo may switch this off.
ANLAUFSTELLE_REQUIRE_2FA = env_bool("ANLAUFSTELLE_REQUIRE_2FA", True)
# Demo mode shows the current TOTP code of demo users on the login page. Never in production.
ANLAUFSTELLE_DEMO_MODE = env_bool("ANLAUFSTELLE_DEMO_MODE", False)
# The authenticator app labels each account "<tenant name>: <username>".


def OTP_TOTP_ISSUER(device: object) -> str:  # a setting that django-otp calls
    tenant = getattr(getattr(device, "user", None), "tenant", None)
    return f"Anlaufstelle {tenant.name}" if tenant is not None else "Anlaufstelle"


# Login throttling: lock a username+address pair after 5 failures for 15 minutes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/lockout.html"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0)
# One reading of the client address for login throttling, rate limits and booking origins.
AXES_CLIENT_IP_CALLABLE = "anlaufstelle.core.botguard.client_ip"

SESSION_COOKIE_AGE = 8 * 60 * 60  # one working day
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# --- Tenants -------------------------------------------------------------------------------
# The tenant is resolved from the request's host name (Tenant.hostnames). A request whose
# host matches no tenant is served by this default tenant, if one is set (single-tenant
# installations, localhost); otherwise it gets a 404.
ANLAUFSTELLE_DEFAULT_TENANT = env_str("ANLAUFSTELLE_DEFAULT_TENANT", "")
# How long a host name's tenant is remembered (saving a tenant forgets at once).
ANLAUFSTELLE_TENANT_CACHE_SECONDS = env_int("ANLAUFSTELLE_TENANT_CACHE_SECONDS", 60)

# --- Languages -----------------------------------------------------------------------------
LANGUAGE_CODE = "de"
# Plain German is a language of its own: "de-simple" (a BCP 47 variant subtag).
LANG_INFO["de-simple"] = {
    "bidi": False,
    "code": "de-simple",
    "name": "German (plain language)",
    "name_local": "Einfache Sprache",
}
LANGUAGES = [
    ("de", _("Deutsch")),
    ("de-simple", _("Einfache Sprache")),
    ("en", _("Englisch")),
    ("ar", _("Arabisch")),
    ("uk", _("Ukrainisch")),
    ("tr", _("Türkisch")),
    ("fa", _("Persisch")),
    ("ru", _("Russisch")),
]
LANGUAGES_BIDI = [*global_settings.LANGUAGES_BIDI]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Berlin"

# Content translations (django-modeltranslation): German is the source, every other
# language falls back to German when a translation is missing.
MODELTRANSLATION_DEFAULT_LANGUAGE = "de"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("de",), "de-simple": ("de",)}
MODELTRANSLATION_AUTO_POPULATE = False

# --- Static files --------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    ("vendor/kern", BASE_DIR / "node_modules" / "@kern-ux" / "native" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/altcha", BASE_DIR / "node_modules" / "altcha" / "dist"),
    ("build", VAR_DIR / "build"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# --- Cache ---------------------------------------------------------------------------------
# Rate limits and the bot guard's record of used challenges live in the cache, so every
# process must see the same one: Redis when REDIS_URL is set (Django's own backend; its INCR
# is atomic). Without it each process keeps its own memory cache - right for development and
# tests; `check --deploy` points it out (anlaufstelle.I001).
REDIS_URL = env_str("REDIS_URL", "")
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "anlaufstelle",
        }
    }
else:
    # Room for the counters and used challenges of a busy hour before the oldest are culled.
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 20_000}}
    }

# --- Bot guard of the public forms (anlaufstelle.core.botguard) ----------------------------
# Off only for load tests; production settings switch it back on (deploy check E003).
BOTGUARD_ENABLED = env_bool("BOTGUARD_ENABLED", True)
# Signs the ALTCHA challenges; empty: derived from SECRET_KEY.
ALTCHA_HMAC_KEY = env_str("ALTCHA_HMAC_KEY", "")
# Work per challenge: the browser tries counters up to a secret one drawn from
# [MAX_NUMBER/2, MAX_NUMBER), each a PBKDF2 with ALTCHA_COST rounds - about half a second
# on a desktop, a few seconds on an old phone. Raise both to make bots pay more.
ALTCHA_MAX_NUMBER = env_int("ALTCHA_MAX_NUMBER", 10_000)
ALTCHA_COST = env_int("ALTCHA_COST", 1_000)
ALTCHA_EXPIRES_SECONDS = env_int("ALTCHA_EXPIRES_SECONDS", 600)
# Without JavaScript a form is accepted only this long after it was shown.
ALTCHA_NOJS_MIN_SECONDS = env_int("ALTCHA_NOJS_MIN_SECONDS", 20)
# Bookings per hour from one address (IPv6: one /64) and for one e-mail address.
RATELIMIT_BOOKING_IP = env_str("RATELIMIT_BOOKING_IP", "20/h")
RATELIMIT_BOOKING_EMAIL = env_str("RATELIMIT_BOOKING_EMAIL", "5/h")

# --- Background tasks ----------------------------------------------------------------------
# One task layer for every capability. Default: the database backend (no extra server;
# run `manage.py db_worker`). Production may use RQ on Redis: TASKS_BACKEND=rq.
TASKS_BACKEND = env_str("TASKS_BACKEND", "database")
if TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq"]
    RQ_QUEUES = {"default": {"URL": env_str("REDIS_URL", "redis://127.0.0.1:6379/0")}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
elif TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Mail ----------------------------------------------------------------------------------
# Outgoing mail always goes through the outbox (core.OutboxMessage); this is the transport.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 15)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Anlaufstelle <noreply@anlaufstelle.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 12)
OUTBOX_BACKOFF_BASE_SECONDS = env_int("OUTBOX_BACKOFF_BASE_SECONDS", 30)
OUTBOX_BACKOFF_MAX_SECONDS = env_int("OUTBOX_BACKOFF_MAX_SECONDS", 3600)
OUTBOX_LEASE_SECONDS = env_int("OUTBOX_LEASE_SECONDS", 120)
# Commits that queue mail within this many seconds of each other share one delivery task (0: one
# task per commit); a new mail waits that long plus a second at most before a worker takes it.
OUTBOX_WAKE_SECONDS = env_int("OUTBOX_WAKE_SECONDS", 1)

# --- Appointments --------------------------------------------------------------------------
# Links in mails are absolute: scheme and (in development) port for the tenant's first host name.
ANLAUFSTELLE_URL_SCHEME = env_str("ANLAUFSTELLE_URL_SCHEME", "https")
ANLAUFSTELLE_URL_PORT = env_str("ANLAUFSTELLE_URL_PORT", "")
# An online booking holds its slot this long until the e-mail address is confirmed.
APPOINTMENTS_RESERVATION_HOLD_MINUTES = env_int("APPOINTMENTS_RESERVATION_HOLD_MINUTES", 20)
# How long services and the locations offering them are remembered between requests; any change
# to a service, location, weekly pattern or staff member forgets them at once.
APPOINTMENTS_CATALOGUE_CACHE_SECONDS = env_int("APPOINTMENTS_CATALOGUE_CACHE_SECONDS", 300)
# A cancelled slot goes to the waiting list first and is public again after this delay.
APPOINTMENTS_EMBARGO_MINUTES = env_int("APPOINTMENTS_EMBARGO_MINUTES", 60)
APPOINTMENTS_WAITLIST_ACCEPT_MINUTES = env_int("APPOINTMENTS_WAITLIST_ACCEPT_MINUTES", 180)
APPOINTMENTS_ALLOCATION_ACCEPT_HOURS = env_int("APPOINTMENTS_ALLOCATION_ACCEPT_HOURS", 48)
APPOINTMENTS_ALLOCATION_TIME = env_str("APPOINTMENTS_ALLOCATION_TIME", "06:00")
APPOINTMENTS_ALLOCATION_MAX_MISSED_OFFERS = env_int("APPOINTMENTS_ALLOCATION_MAX_MISSED_OFFERS", 2)
APPOINTMENTS_REMINDER_HOURS = env_int("APPOINTMENTS_REMINDER_HOURS", 24)
# Open (reserved, offered or confirmed, future) appointments allowed per e-mail address and per person.
APPOINTMENTS_MAX_OPEN_PER_EMAIL = env_int("APPOINTMENTS_MAX_OPEN_PER_EMAIL", 2)
APPOINTMENTS_MAX_OPEN_PER_PERSON = env_int("APPOINTMENTS_MAX_OPEN_PER_PERSON", 2)

# --- Front desk ----------------------------------------------------------------------------
# Callback requests and contact messages hold personal data: deleted this many days after arrival.
FRONTDESK_CALLBACK_RETENTION_DAYS = env_int("FRONTDESK_CALLBACK_RETENTION_DAYS", 30)
FRONTDESK_CONTACT_RETENTION_DAYS = env_int("FRONTDESK_CONTACT_RETENTION_DAYS", 180)

# --- Controlling ---------------------------------------------------------------------------
# Answers to the anonymous feedback survey per client address (counter QR codes are open links).
CONTROLLING_FEEDBACK_RATE = env_str("CONTROLLING_FEEDBACK_RATE", "10/h")

# --- Audit ---------------------------------------------------------------------------------
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 730)

# --- Logging -------------------------------------------------------------------------------
# Structured JSON lines; request logs carry ids, never names, e-mail addresses or bodies.
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "fontTools": {"level": "ERROR"},
        # WeasyPrint reports each step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
    },
}

# Usernames are unique per tenant (constraint username_per_tenant); TenantModelBackend
# looks them up inside the request's tenant only.
SILENCED_SYSTEM_CHECKS = ["auth.W004"]

# --- Offers directory ------------------------------------------------------------------------
# An offer not checked for this many days is "stale": its editors get a reminder, repeated after
# OFFERS_REMINDER_REPEAT_DAYS at the earliest.
OFFERS_CHECK_INTERVAL_DAYS = env_int("OFFERS_CHECK_INTERVAL_DAYS", 180)
OFFERS_REMINDER_REPEAT_DAYS = env_int("OFFERS_REMINDER_REPEAT_DAYS", 30)
# Whether partners' changes wait for the integration coordinator's approval.
OFFERS_PARTNER_CHANGES_NEED_APPROVAL = env_bool("OFFERS_PARTNER_CHANGES_NEED_APPROVAL", True)
