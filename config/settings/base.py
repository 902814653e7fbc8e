"""Settings shared by every environment.

Everything that differs between a laptop and production comes from the environment; the defaults
here are the safe, local ones (SQLite under ``var/``, in-process cache, console email). ``dev``,
``test`` and ``production`` adjust from this base. See README.md for the table of variables.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_list(name: str, default: str = "") -> list[str]:
    """A comma-separated environment variable as a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    # Our apps first so their templates and static files win.
    "shop.core",
    "shop.accounts",
    "shop.catalog",
    "shop.privacy",
    "shop.orders",
    "shop.support",
    "shop.wishlist",
    "shop.carts",
    "shop.shipping",
    "shop.payments",
    "shop.checkout",
    "policies",
    "cms",
    "demo",
    # Wagtail
    "wagtail.contrib.redirects",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    # Third party
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "phonenumber_field",
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # X-Frame-Options, Content-Security-Policy and Permissions-Policy on every response, the
    # storefront that WhiteNoise answers included (so it must come before WhiteNoise).
    "shop.core.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A lost database connection is a 503 to retry, not a 500 (shop/core/availability.py).
    "shop.core.availability.DatabaseUnavailableMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Chooses the language for /api/ requests (?locale=, Accept-Language, default) and
    # Django's LocaleMiddleware for everything else (the admin follows the editor's choice).
    "shop.core.middleware.LocaleNegotiationMiddleware",
    # Rejects oversized API bodies with 413 before anything reads them (in the request's language).
    "shop.core.middleware.ApiBodySizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # An admin change to a policy page that was refused (and rolled back) becomes a message.
    "policies.middleware.PolicyChangeRefusedMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------------
# SQLite by default so a newcomer needs nothing installed; DATABASE_URL (postgres://...) switches
# to PostgreSQL, which production and the concurrency tests use.
SQLITE_PATH = VAR_DIR / "db.sqlite3"
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": {
                # SQLite ignores select_for_update; IMMEDIATE makes writers queue for the write lock
                # at BEGIN instead of failing with "database is locked" half-way through.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache --------------------------------------------------------------------------------------
# REDIS_URL switches to Redis, shared by every app process (cache and throttle counters).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "xmi"),
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "xmi"}}
# Seconds an anonymous catalogue response stays in the shared cache (0 turns the cache off).
CATALOG_CACHE_TIMEOUT = int(os.environ.get("CATALOG_CACHE_TIMEOUT", 300))
# Seconds a process keeps the catalogue version it last read from the cache (shop.catalog.cache):
# how long after a change another app process can still answer from the previous catalogue.
CATALOG_VERSION_MEMO_SECONDS = float(os.environ.get("CATALOG_VERSION_MEMO_SECONDS", 1))

# --- Accounts -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"
AUTH_TOKEN_TTL = timedelta(days=int(os.environ.get("AUTH_TOKEN_TTL_DAYS", 30)))

# --- Privacy ------------------------------------------------------------------------------------
# Seconds the current policy version number stays in the cache (policies.selectors.
# policy_current_number_served). A publish replaces it when it commits: with Redis every process
# serves the new version at once; with the in-process cache other processes follow within this.
# 0 reads the database on every request.
POLICY_CURRENT_CACHE_SECONDS = int(os.environ.get("POLICY_CURRENT_CACHE_SECONDS", 1))
# Key for pseudonymous subject references in evidence rows (see shop/core/pseudonyms.py).
# Required in production and never rotated; locally derived from SECRET_KEY.
SUBJECT_REF_KEY = os.environ.get("SUBJECT_REF_KEY", "")
# Ed25519 keys that sign policy receipts (compact JWS, see policies/signing.py): a comma-separated
# list of ``kid:key`` where key is the base64url 32-byte private seed. The first key signs; every
# key stays published at /.well-known/jwks.json so receipts signed before a rotation still verify.
# Required in production; locally derived from SECRET_KEY. Never stored in the database.
RECEIPT_SIGNING_KEYS = os.environ.get("RECEIPT_SIGNING_KEYS", "")
# HMAC key for the evidence chain over frozen policy versions and receipts (policies/chain.py):
# someone who can write the database but not read this key cannot recompute the chain.
# Required in production and never rotated; locally derived from SECRET_KEY.
EVIDENCE_CHAIN_KEY = os.environ.get("EVIDENCE_CHAIN_KEY", "")
# Where ``manage.py anchor_evidence`` appends the signed chain heads: a file outside the database
# (ship it to write-once storage). ``verify_evidence`` compares the database with the newest anchor.
EVIDENCE_ANCHOR_PATH = os.environ.get("EVIDENCE_ANCHOR_PATH", str(BASE_DIR / "var" / "evidence-anchors.jsonl"))
# The controller named in every signed receipt (Kantara Consent Receipt ``piiControllers``).
RECEIPT_CONTROLLER = {
    "piiController": os.environ.get("RECEIPT_CONTROLLER_NAME", "Xmi OÜ"),
    "address": os.environ.get("RECEIPT_CONTROLLER_ADDRESS", "Tallinn, Estonia"),
    "email": os.environ.get("RECEIPT_CONTROLLER_EMAIL", "privacy@xmi.ee"),
    "url": os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/"),
}
RECEIPT_JURISDICTION = os.environ.get("RECEIPT_JURISDICTION", "EE")
# IP addresses are stored truncated to these prefixes (/24 and /48 by default).
IP_V4_PREFIX = int(os.environ.get("IP_V4_PREFIX", 24))
IP_V6_PREFIX = int(os.environ.get("IP_V6_PREFIX", 48))
# How many reverse proxies (load balancers) sit in front of the app and append X-Forwarded-For.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", 0))

# Key for encrypting the refund IBAN at rest (Fernet, shop/accounts/crypto.py). A comma-separated
# list: the first key encrypts, every key decrypts, so a key can be rotated. Locally derived from
# SECRET_KEY; required in production.
FIELD_ENCRYPTION_KEY = os.environ.get("FIELD_ENCRYPTION_KEY", "")
# Orders are kept this many years after the end of the financial year they fall in (Estonian
# Accounting Act, § 12: 7 years), then anonymised by ``manage.py purge_expired``.
ORDER_RETENTION_YEARS = int(os.environ.get("ORDER_RETENTION_YEARS", 7))
FINANCIAL_YEAR_END_MONTH = int(os.environ.get("FINANCIAL_YEAR_END_MONTH", 12))
# Cookie consent records are evidence for 24 months, then purged.
COOKIE_CONSENT_RETENTION_DAYS = int(os.environ.get("COOKIE_CONSENT_RETENTION_DAYS", 730))
# The mailto: half of List-Unsubscribe (RFC 2369); the https: half points at SITE_URL.
UNSUBSCRIBE_MAILTO = os.environ.get("UNSUBSCRIBE_MAILTO", "unsubscribe@xmi.ee")

# --- Languages ----------------------------------------------------------------------------------
# Finnish is the shop's default language; Estonian and English are full translations.
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("et", _("Estonian")), ("en", _("English"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Tallinn"
USE_TZ = True

# --- Static and media ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [d for d in [BASE_DIR / "frontend" / "dist" / "static"] if d.is_dir()]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    # Media (product images and their renditions) go through Django's storage API: local files
    # under MEDIA_ROOT by default, object storage when MEDIA_S3_BUCKET is set (below).
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The erasure log (shop/privacy/erasure_log.py) lives outside the database so that a restored
# backup cannot bring erased people back; keep it on a disk every app process shares, or in the
# bucket (below). ``make backup`` copies it; ``make restore`` never deletes from it.
ERASURE_LOG_DIR = Path(os.environ.get("ERASURE_LOG_DIR", VAR_DIR / "erasure-log"))
STORAGES["erasure_log"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": ERASURE_LOG_DIR, "base_url": None},
}
# Object storage (any S3-compatible service) for media, so app processes keep no files and can be
# added or replaced freely. Credentials come from boto3's own AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY variables (or an instance role), never from settings.
MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "")
if MEDIA_S3_BUCKET:
    _S3_ENDPOINT = os.environ.get("MEDIA_S3_ENDPOINT_URL", "").rstrip("/")  # e.g. MinIO; empty for AWS
    _S3_REGION = os.environ.get("MEDIA_S3_REGION", "eu-north-1")
    _S3_DOMAIN = os.environ.get("MEDIA_S3_CUSTOM_DOMAIN", "")  # a CDN in front of the bucket
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": _S3_ENDPOINT or None,
            "region_name": _S3_REGION,
            "custom_domain": _S3_DOMAIN or None,
            "location": os.environ.get("MEDIA_S3_PREFIX", "media"),
            # Product images are public: plain, cacheable URLs instead of expiring signed ones.
            "querystring_auth": env_bool("MEDIA_S3_SIGNED_URLS"),
            "default_acl": None,  # the bucket policy decides what is public
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
    # The erasure log goes to the same bucket under a prefix that the bucket policy keeps private.
    STORAGES["erasure_log"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **STORAGES["default"]["OPTIONS"],
            "location": "erasure-log",
            "custom_domain": None,
            "querystring_auth": True,
            "object_parameters": {},
        },
    }
    if _S3_DOMAIN:
        MEDIA_URL = f"https://{_S3_DOMAIN}/"
    elif _S3_ENDPOINT:
        MEDIA_URL = f"{_S3_ENDPOINT}/{MEDIA_S3_BUCKET}/"
    else:
        MEDIA_URL = f"https://{MEDIA_S3_BUCKET}.s3.{_S3_REGION}.amazonaws.com/"
# The built storefront (frontend/dist) is served by WhiteNoise at the site root; before the first
# build, a placeholder page that links to the admin and the API docs.
WHITENOISE_ROOT = next(
    d for d in [BASE_DIR / "frontend" / "dist", BASE_DIR / "frontend" / "placeholder"] if (d / "index.html").exists()
)
WHITENOISE_INDEX_FILE = True
# Vite names built assets by content hash (assets/index-3f9a1c2b.js): cache them forever.
WHITENOISE_IMMUTABLE_FILE_TEST = r"^/?assets/.+-[A-Za-z0-9_-]{8,}\.(?:js|css|woff2?|svg|png|webp)$"

# --- Security (production.py tightens the transport ones) ---------------------------------------
# Django's defaults already give HttpOnly, SameSite=Lax session cookies, a SameSite=Lax CSRF
# cookie, X-Frame-Options DENY (Wagtail's preview opts back in to SAMEORIGIN), nosniff and
# Referrer-Policy same-origin; a test pins them (tests/core/test_settings.py).
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "shop.core.views.csrf_failure"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
# Content-Security-Policy by path prefix (longest match wins; see shop/core/security.py). Images may
# come from object storage on another origin (MEDIA_URL), so that origin is allowed for images.
_MEDIA_URL_PARTS = urlsplit(MEDIA_URL)
_MEDIA_ORIGIN = [f"{_MEDIA_URL_PARTS.scheme}://{_MEDIA_URL_PARTS.netloc}"] if _MEDIA_URL_PARTS.netloc else []
_CSP_COMMON = {
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
CONTENT_SECURITY_POLICIES = {
    # The storefront and Wagtail's page views: our own scripts and styles only, nothing inline.
    "default": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:", *_MEDIA_ORIGIN],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        **_CSP_COMMON,
    },
    # JSON answers render nothing.
    "/api/": {"default-src": ["'none'"], "frame-ancestors": ["'none'"]},
    # Swagger UI (drf-spectacular's split view: its script is a separate file) injects styles.
    "/api/v1/docs/": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "frame-ancestors": ["'none'"],
        **_CSP_COMMON,
    },
    # Wagtail's admin runs inline scripts (date pickers, inline panels) and sets inline styles, and
    # frames its own previews; everything still comes from our origin only.
    "/admin/": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *_MEDIA_ORIGIN],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        **_CSP_COMMON,
    },
}
# No avatars from Gravatar in the admin: nothing about editors leaks to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the admin ask wagtail.org for new releases from the editor's browser (the CSP blocks it).
WAGTAIL_ENABLE_UPDATE_CHECK = False
# CORS only for origins named in the environment; none by default.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_CREDENTIALS = True

# Largest request body the API accepts, in bytes (413 above it). Uploads go through the admin.
API_MAX_BODY_BYTES = int(os.environ.get("API_MAX_BODY_BYTES", 256 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# JSON bodies: deeper nesting is 400 request_too_complex; a longer string anywhere is 400
# validation_error (fields have their own, smaller limits; this bounds what no field names).
API_MAX_JSON_DEPTH = int(os.environ.get("API_MAX_JSON_DEPTH", 8))
API_MAX_STRING_LENGTH = int(os.environ.get("API_MAX_STRING_LENGTH", 10_000))

# --- Email ----------------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Xmi <info@xmi.ee>")

# --- Background tasks (django-tasks) -------------------------------------------------------------
# Our side effects (emails, carrier hand-offs) run as tasks on the "background" backend, enqueued
# after commit: the database queue of django-tasks-db, worked off by
# ``manage.py db_worker --backend background`` (see README). TASKS_BACKEND=immediate runs them in
# the web process instead (no worker needed). Wagtail's own tasks (search and reference index
# updates) stay on "default", run at once as before, so editors never wait for a worker.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[TASKS_BACKEND],
    },
}
# Failed hand-offs are retried with exponential back-off (seconds: base * 2**attempt, capped).
OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", 8))
OUTBOX_BACKOFF_SECONDS = int(os.environ.get("OUTBOX_BACKOFF_SECONDS", 30))

# --- Carts, checkout, payments ----------------------------------------------------------------------
# Carts untouched for this many days are deleted by ``manage.py purge_expired``.
CART_TTL_DAYS = int(os.environ.get("CART_TTL_DAYS", 30))
# Unpaid orders expire (and give their stock back) after this many minutes (``expire_orders``).
ORDER_PAYMENT_TIMEOUT_MINUTES = int(os.environ.get("ORDER_PAYMENT_TIMEOUT_MINUTES", 30))
# The built-in test bank (a bank-link look-alike served by the shop) and its webhook secret.
PAYMENT_TEST_BANK_ENABLED = env_bool("PAYMENT_TEST_BANK_ENABLED", True)
PAYMENT_WEBHOOK_SECRET = os.environ.get("PAYMENT_WEBHOOK_SECRET", "")
# Webhooks whose timestamp is older (or further in the future) than this are refused.
PAYMENT_WEBHOOK_TOLERANCE_SECONDS = 300
# Carrier transport for shipment hand-offs: "log" records payloads locally (no carrier contract yet).
CARRIER_TRANSPORT = os.environ.get("CARRIER_TRANSPORT", "shop.shipping.carriers.LogTransport")

# --- Wagtail --------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Xmi"
# Public address of the storefront: links in emails (verification, password reset, unsubscribe).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
# Wagtail's generic pages/images/documents API at /api/v2/: nothing of the shop uses it (the
# storefront reads /api/v1/), so it is not served unless switched on (off, /api/v2/ is a JSON 404).
# The benchmarks (settings/bench.py) measure it as a comparison, and tests/cms keeps its errors
# in the envelope for whoever switches it on.
WAGTAIL_API_V2_ENABLED = env_bool("WAGTAIL_API_V2_ENABLED", False)
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "png", "gif": "png"}
# Editors upload product images through the admin: raster formats only (no SVG, which can carry
# scripts), at most WAGTAILIMAGES_MAX_UPLOAD_MB megabytes and 40 megapixels (decompression bombs).
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(os.environ.get("WAGTAILIMAGES_MAX_UPLOAD_MB", 10)) * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt", "csv"]

# --- Django REST Framework -------------------------------------------------------------------------
# Throttle rates per scope (shop/core/throttles.py): "<scope>" counts per client IP,
# "<scope>_account" per email address. Each comes from THROTTLE_<SCOPE> (e.g. THROTTLE_LOGIN=20/min);
# THROTTLE_ALL sets every scope at once, so a load test or the API fuzzer can raise them all.
_THROTTLE_DEFAULTS = {
    "login": "20/min",
    "login_account": "5/min",
    "register": "10/hour",
    "register_account": "5/hour",
    "password_reset": "10/hour",
    "password_reset_account": "3/hour",
    "verify": "30/hour",
    "verify_account": "10/hour",
    "support": "10/hour",
    "support_account": "5/hour",
    "cookie_consent": "60/hour",
}
THROTTLE_RATES = {
    scope: os.environ.get("THROTTLE_ALL") or os.environ.get(f"THROTTLE_{scope.upper()}", default)
    for scope, default in _THROTTLE_DEFAULTS.items()
}
REST_FRAMEWORK = {
    # Bearer first: its WWW-Authenticate header turns "not signed in" into a 401, not a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "shop.accounts.authentication.BearerTokenAuthentication",
        "shop.accounts.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["shop.core.renderers.OrjsonRenderer"],
    "DEFAULT_PARSER_CLASSES": ["shop.core.api.LimitedJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "shop.core.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "shop.core.schema.AutoSchema",
    "EXCEPTION_HANDLER": "shop.core.api.exception_handler",
    # Scopes of shop.core.throttles: "<scope>" per IP, "<scope>_account" per email address.
    "DEFAULT_THROTTLE_RATES": THROTTLE_RATES,
    "PAGE_SIZE": 20,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Xmi storefront API",
    "DESCRIPTION": (
        "Headless JSON API of the Xmi storefront. Locale: `?locale=fi|et|en`, else Accept-Language, "
        'else `fi`. Errors: `{"error": {"code", "message", "fields"?}}`. See API.md for the contract.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "PREPROCESSING_HOOKS": ["shop.core.schema.only_api_v1"],
    # shop.core.http.IdConverter: at most 18 digits, so every value fits a 64-bit column.
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "minimum": 0, "maximum": 10**18 - 1}},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "shop.core.schema.shared_error_responses",
        "shop.core.schema.blank_query_means_absent",
        "shop.core.schema.request_strings_within_limits",
    ],
    "COMPONENT_SPLIT_REQUEST": True,
    "SORT_OPERATIONS": False,
    # Swagger UI from the installed sidecar package: no CDN, nothing leaks to third parties.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ShippingKindEnum": "shop.shipping.models.MethodKind",
        "KindEnum": "policies.models.PolicyKind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # Wagtail's background tasks log every index update at INFO: too chatty for a console.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "modelsearch": {"level": "WARNING"},
    },
}
