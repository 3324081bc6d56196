"""Settings for the Levelling Up missions monitor: every value comes from the environment (see .env.example)."""

import sys
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from tracker.secret_key import secret_key_problem

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEFAULT_SECRET_KEY = "insecure-development-key-change-me"
SECRET_KEY = env("DJANGO_SECRET_KEY", default=DEFAULT_SECRET_KEY)
DEBUG = env.bool("DJANGO_DEBUG", default=False)
# Production (the Docker image and .env.example set it): refuses a placeholder or weak key and DEBUG; turns on 2FA,
# HTTPS, HSTS and secure cookies by default.
PRODUCTION = env.bool("DJANGO_PRODUCTION", default=False)
if PRODUCTION and (problem := secret_key_problem(SECRET_KEY) or ("DJANGO_DEBUG is on" if DEBUG else "")):
    raise ImproperlyConfigured(
        f"production needs DJANGO_SECRET_KEY (50+ random characters) and DJANGO_DEBUG off: {problem}"
    )
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "missions.apps.MonitorAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "missions",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "missions.middleware.RefuseControlCharactersMiddleware",
    "missions.caching.PublicCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "missions.middleware.LastModifiedMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tracker.urls"
WSGI_APPLICATION = "tracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "tracker" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "missions.context_processors.site",
                "reports.context_processors.releases",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    # Redis down is a slower site, not a broken one: errors are logged and read as misses (tracker/resilient_cache.py).
    CACHES = {
        "default": {
            "BACKEND": "tracker.resilient_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "missions.signin.RepeatedPasswordValidator"},  # passwordpassword is not on Django's common list
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "tracker" / "static"]
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Celery: with no REDIS_URL, tasks run in-process so the service works with nothing else installed.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="celery")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=300)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=360)
# A message whose worker died is handed out again once its visibility timeout has passed, when a worker next sweeps
# for such messages: kombu sweeps on every Nth poll (CELERY_RESTORE_THROTTLE, kombu's default 10).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "unacked_restore_throttle": env.int("CELERY_RESTORE_THROTTLE", default=10),
}
CELERY_BEAT_SCHEDULE = {
    "check-due-sources": {"task": "missions.tasks.check_due_sources_task", "schedule": 60.0},
    "notify-overdue-sources": {"task": "missions.tasks.notify_overdue_sources_task", "schedule": 24 * 3600.0},
    "publish-due-reports": {"task": "reports.tasks.publish_due_reports_task", "schedule": 60.0},
}
REPORT_RELEASE_TIME = env("REPORT_RELEASE_TIME", default="09:30")

# Where the catalogue's ONS ELS sources are read from: the bundled snapshot when present.
_SHARED_ELS = BASE_DIR.parent / "shared" / "data" / "ons-els"
ONS_ELS_BASE_URL = env(
    "ONS_ELS_BASE_URL",
    default=str(_SHARED_ELS)
    if _SHARED_ELS.exists()
    else "https://raw.githubusercontent.com/ONSdigital/explore-local-statistics-data/main",
)
GEOGRAPHY_DIR = env.path("GEOGRAPHY_DIR", default=BASE_DIR.parent / "shared" / "data" / "geography")
INGEST_MAX_BYTES = env.int("INGEST_MAX_BYTES", default=200 * 1024 * 1024)
INGEST_TIMEOUT_SECONDS = env.float("INGEST_TIMEOUT_SECONDS", default=30.0)
INGEST_REVISION_REVIEW_THRESHOLD = env.float("INGEST_REVISION_REVIEW_THRESHOLD", default=0.10)
# Manual uploads are read into memory whole: keep them small (official figures without a feed are a few rows).
# Overdue-source emails to the Analyst group; the console backend prints them (demo). Set SMTP in production.
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="monitor@localhost")
MANUAL_ENTRY_MAX_BYTES = env.int("MANUAL_ENTRY_MAX_BYTES", default=5 * 1024 * 1024)

# Client address for throttles: REMOTE_ADDR when 0; behind N reverse proxies that append to X-Forwarded-For, the
# Nth address from the right (anything further left is whatever the client chose to send).
NUM_PROXIES = env.int("DJANGO_NUM_PROXIES", default=0)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [],  # read-only and public: nobody sees more than anyone else
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
        "missions.api.renderers.CSVRenderer",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "NUM_PROXIES": NUM_PROXIES,
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_RATE", default="1200/minute"),
        "downloads": env("DOWNLOAD_THROTTLE_RATE", default="30/minute"),
        "summaries": env("SUMMARY_THROTTLE_RATE", default="10/minute"),
    },
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Levelling Up missions monitor API",
    "DESCRIPTION": "Read-only public data: missions, metrics, targets with their change history, areas, vintaged "
    "observations, assessments, releases and published reports. Contains public sector information licensed under "
    "the Open Government Licence v3.0.",
    "VERSION": "1.0.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "missions.api.schema.add_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "LifecycleStatusEnum": "missions.models.catalogue.Mission.Status",
        "ReleaseStatusEnum": "missions.models.data.Release.Status",
        "ReportStatusEnum": "reports.models.Report.Status",
    },
}
PUBLIC_CACHE_SECONDS = env.int("PUBLIC_CACHE_SECONDS", default=600)
# The public address a PDF's links point to: a PDF is read away from the site, so "/methodology/2/" must be absolute.
PUBLIC_SITE_URL = env("DJANGO_PUBLIC_SITE_URL", default="http://127.0.0.1:8000/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    # PDF rendering logs every layout step and font subset at INFO.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools", "matplotlib")},
}

AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
# Lock a username (wherever the guesses come from) for 15 minutes after 10 failures. Failures while locked are not
# counted, so the lock always ends 15 minutes after the tenth; sign-ins from DJANGO_SIGNIN_TRUSTED_ADDRESSES (the
# office or VPN) are never locked, so an outsider can delay staff sign-in but never stop it. See README, Sign-in.
AXES_CLIENT_IP_CALLABLE = "missions.signin.client_address"  # behind the proxy: DJANGO_NUM_PROXIES, as the throttles
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_IP_WHITELIST = env.list("DJANGO_SIGNIN_TRUSTED_ADDRESSES", default=[])
AXES_NEVER_LOCKOUT_WHITELIST = bool(AXES_IP_WHITELIST)
# axes warns when the address is not a lockout key (rotating user agents could dodge an address-and-agent lock);
# a lock on the username alone cannot be dodged that way, and locking addresses would lock out a whole office.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# Axes prints an "AXES: BEGIN ..." banner at start-up: the web process only, never into a command's output.
AXES_VERBOSE = Path(sys.argv[0]).name == "gunicorn" or "runserver" in sys.argv[1:2]
# Every staff account signs in with a TOTP code as well as its password (django-otp); on by default in production.
ADMIN_REQUIRE_OTP = env.bool("DJANGO_ADMIN_OTP", default=PRODUCTION)
OTP_TOTP_ISSUER = "Levelling Up Missions Monitor"
# The admin never shows a TOTP secret or its QR code after the device is created, whoever asks.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 9 * 3600  # a staff sign-in lasts a working day, not two weeks
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# No 'unsafe-inline' anywhere: charts are images, report styles are allowed by their hash.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
