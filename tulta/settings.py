"""TULTA settings, read from the environment.

SQLite is the embedded default; set ``DATABASE_URL`` (e.g. ``postgres://user@host:5432/tulta``)
for PostgreSQL. Production runs with ``DEBUG=false`` and needs ``SECRET_KEY`` and
``ALLOWED_HOSTS``. Every variable is documented in the README.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production-0123456789"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The public address, for links in emails sent by background jobs (no request to read it from).
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "tulta.core",
    "tulta.tools",
    "tulta.accounts",
    "tulta.organizations",
    "tulta.risalah",
    "tulta.documents",
    "tulta.mentoring",
    "tulta.monitoring",
    "tulta.impact",
    "tulta.competitions",
    "tulta.national",
    "tulta.api",
    "tulta.home",
    "tulta.demo",
]

MIDDLEWARE = [
    # The request's id (X-Request-ID, kept from the load balancer when valid) in every log line,
    # then its timing and database time for /metrics: outermost, so they see everything below.
    "tulta.core.middleware.RequestIdMiddleware",
    # /healthz, /readyz and /metrics, for probes that reach a node by its address over HTTP:
    # before the host check and the HTTPS redirect (and kept out of the request metrics).
    "tulta.core.middleware.ProbeMiddleware",
    "tulta.core.middleware.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # A request that failed because Redis is down gets "layanan sedang gangguan" (503).
    "tulta.core.middleware.ServiceOutageMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages with charts are mostly SVG text; compressed they stay light on slow connections.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tulta.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Oversized uploads (413, from Content-Length) and NUL characters (400) before any view.
    "tulta.core.middleware.RequestGuardMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The user's id and government id join the log context.
    "tulta.core.middleware.LogContextMiddleware",
    "tulta.core.middleware.TimeZoneMiddleware",
    # Cache-Control: private, no-store on everything a signed-in user (or a token) is sent.
    "tulta.core.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A Content-Security-Policy header (CONTENT_SECURITY_POLICY) unless the view set its own.
    "csp.middleware.CSPMiddleware",
    "tulta.accounts.middleware.ForcePasswordChangeMiddleware",
    # Axes last, as its documentation requires.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tulta.urls"
WSGI_APPLICATION = "tulta.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "tulta.home.context_processors.navigation",
            ],
            "builtins": ["tulta.core.templatetags.tulta"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'tulta.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DB_PREPARED_STATEMENTS", True
):
    # Parameters bound by the server and statements prepared after their fifth use on a
    # connection: PostgreSQL then skips planning the same queries again (planning the joined
    # look-ups of a step or a risalah costs more than running them). Turn off behind PgBouncer
    # in transaction mode, which cannot keep prepared statements.
    DATABASES["default"]["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 5}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a command writes; a busy timeout avoids "locked" errors.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

# A shared cache (Redis, e.g. REDIS_URL=redis://127.0.0.1:6379/0) for production: sessions are
# read from it instead of the database on every request (still written to the database, so a
# restart of Redis signs nobody out), the API's throttles count across all gunicorn workers and
# drawn charts are shared. Without it each process keeps its own memory cache.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "tulta"),
            # A Redis that is down or unreachable fails a request within seconds (the user
            # gets "layanan sedang gangguan", /readyz fails) instead of hanging a worker.
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("REDIS_TIMEOUT", "2")),
                "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "2")),
            },
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "tulta.accounts.backends.EmailOrNipBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# Sign-in throttling: five wrong passwords for one identifier from one address locks it for
# fifteen minutes; the lockout page says so in Indonesian.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
# Counted per account (every spelling of the email, the NIP with or without spaces: one
# counter) and, with a higher limit, per address over all accounts: tulta/accounts/lockout.py.
AXES_HANDLER = "tulta.accounts.lockout.AccountLockoutHandler"
AXES_USERNAME_CALLABLE = "tulta.accounts.lockout.lockout_username"
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]  # order read by the handler
AXES_IP_FAILURE_LIMIT = int(os.environ.get("AXES_IP_FAILURE_LIMIT", "30"))
AXES_USERNAME_FORM_FIELD = "username"  # the sign-in form field holds an email or a NIP
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Background work (programme book, reminders) goes through Django's tasks API with a
# database-backed queue; run `python manage.py db_worker` next to gunicorn in production.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# /readyz fails when the oldest task waiting in the database queue has waited longer than this
# many seconds (no worker running, or one that cannot keep up); 0 turns the check off.
READYZ_TASK_MAX_AGE = int(os.environ.get("READYZ_TASK_MAX_AGE", "900"))

# /metrics (Prometheus) answers only a scraper sending "Authorization: Bearer <METRICS_TOKEN>";
# while unset the endpoint does not exist (404).
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")

# REST API v1 (/api/v1/): a token (POST /api/v1/auth/token/) or the browser's session; every
# object is fetched through the same permission helpers as the pages.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "tulta.api.pagination.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON only, refused before parsing when it nests too deep (tulta.api.parsers).
    "DEFAULT_PARSER_CLASSES": ["tulta.api.parsers.DepthLimitedJSONParser"],
    # Also picks the language of the answer from Accept-Language (tulta.api.negotiation).
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "tulta.api.negotiation.LanguageNegotiation",
    "EXCEPTION_HANDLER": "tulta.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # Requests for a token per client address (on top of axes' lock per identifier).
    "DEFAULT_THROTTLE_RATES": {"token": os.environ.get("API_TOKEN_RATE", "20/minute")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "TULTA API",
    "DESCRIPTION": (
        "API v1 TULTA: pemerintah daerah, unit, kelompok dan anggotanya, program, risalah "
        "dengan langkah dan alatnya, indikator, lomba, peserta dan nilai juri."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "tulta.api.schema.drop_storage_bounds",
        "tulta.api.schema.document_errors",
    ],
    "ENUM_NAME_OVERRIDES": {
        "RisalahStateEnum": "tulta.risalah.models.Risalah.State",
        "StepStateEnum": "tulta.risalah.models.RisalahStep.State",
        "RoundStateEnum": "tulta.competitions.models.Round.State",
        "DirectionEnum": "tulta.impact.models.Indicator.Direction",
    },
}

LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "id")
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# Uploaded files live outside the web root and are served only through views that check access.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"
STORAGES: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Several machines: files in an S3-compatible object store (MinIO, Ceph, a cloud bucket) instead
# of MEDIA_ROOT, with STORAGE_URL=s3://<bucket>[/<prefix>]. Objects stay private: TULTA still
# serves every file through a view that checks access, reading it from the store.
STORAGE_URL = os.environ.get("STORAGE_URL", "")
if STORAGE_URL:
    if not STORAGE_URL.startswith("s3://") or not STORAGE_URL[5:].strip("/"):
        raise ImproperlyConfigured("STORAGE_URL must look like s3://bucket or s3://bucket/prefix.")
    bucket, _slash, prefix = STORAGE_URL[5:].strip("/").partition("/")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "location": prefix,
            "endpoint_url": os.environ.get("STORAGE_ENDPOINT_URL") or None,
            "access_key": os.environ.get("STORAGE_ACCESS_KEY") or None,
            "secret_key": os.environ.get("STORAGE_SECRET_KEY") or None,
            "region_name": os.environ.get("STORAGE_REGION") or None,
            # MinIO and Ceph want the bucket in the path, not in the host name.
            "addressing_style": os.environ.get("STORAGE_ADDRESSING_STYLE", "path"),
            "default_acl": None,  # the bucket's own (private) policy
            "file_overwrite": False,  # two uploads of "foto.jpg" keep both, as on disk
            "querystring_auth": True,
            "querystring_expire": 300,
        },
    }

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# The largest file TULTA accepts (an attachment); a multipart request announcing more in its
# Content-Length is refused with 413 before its body is read (tulta.core.middleware). Set the
# proxy's limit to match (nginx: client_max_body_size 11m).
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "TULTA <no-reply@tulta.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Production hardening; every switch can be turned off from the environment (e.g. behind a
# proxy that terminates TLS and already redirects).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Scripts, styles, fonts and requests from this site only: no inline script or style, no eval
# (templates use CSS classes and static JS files; charts are SVG with presentation attributes).
# Views that need a stricter policy (attachment downloads) set their own header.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Logs go to standard error, one JSON object per line (LOG_FORMAT=json, the default without
# DEBUG) or as text (the default with DEBUG); either way every line names the request id, the
# user id and the government id of the request that wrote it (tulta.core.logs).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "tulta.core.logs.RequestContextFilter"}},
    "formatters": {
        "json": {"()": "tulta.core.logs.JsonFormatter"},
        "text": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s user=%(user_id)s "
            "gov=%(government_id)s] %(message)s"
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_context"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint logs a line per page at INFO.
        "weasyprint": {"level": "WARNING"},
        # One line per request (tulta.core.middleware.MetricsMiddleware); WARNING silences it.
        "tulta.request": {"level": os.environ.get("REQUEST_LOG_LEVEL", "INFO")},
        # Django's own loggers (requests that failed, runserver's lines) have handlers of their
        # own by default, in another format: here they write through the same one.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Errors to Sentry (or a self-hosted Sentry or GlitchTip) when SENTRY_DSN is set; events carry
# the request id and the user's and government's ids, never their names or the request body.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration()],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE") or None,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        send_default_pii=False,
    )
