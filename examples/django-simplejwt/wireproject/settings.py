"""Settings of the reference server, configured from environment variables.

SJWT_ACCESS_TOKEN_LIFETIME, SJWT_REFRESH_TOKEN_LIFETIME, SJWT_SLIDING_TOKEN_LIFETIME,
SJWT_SLIDING_TOKEN_REFRESH_LIFETIME (seconds), SJWT_ROTATE_REFRESH_TOKENS,
SJWT_BLACKLIST_AFTER_ROTATION (true/false), SJWT_AUTH_HEADER_TYPES (comma-separated),
SJWT_USER_ID_CLAIM, SJWT_SIGNING_KEY, SJWT_CORS_ALLOWED_ORIGINS (comma-separated),
SJWT_CHECK_REVOKE_TOKEN, SJWT_CHECK_USER_IS_ACTIVE (true/false) and SJWT_REVOKE_TOKEN_CLAIM
(SimpleJWT >= 5.3 only), SJWT_DB_PATH (SQLite file; default a file next to manage.py),
SJWT_FAST_PASSWORD_HASHER (true: MD5 password hashing, so test suites do not spend seconds in
PBKDF2; nothing on the wire depends on the hasher).

SJWT_PRESET picks the URLs in front of SimpleJWT (see README.md):
- "simplejwt" (default): SimpleJWT's own views under api/token/.
- "dj-rest-auth": dj-rest-auth 6's JWT mode (wireapi/djrestauth.py) under dj-rest-auth/, configured by
  DJRA_HTTPONLY (JWT_AUTH_HTTPONLY, default true), DJRA_USE_CSRF (JWT_AUTH_COOKIE_USE_CSRF, default
  false), DJRA_RETURN_EXPIRATION (JWT_AUTH_RETURN_EXPIRATION, default false), DJRA_SESSION_LOGIN
  (SESSION_LOGIN, default true), DJRA_ACCESS_COOKIE / DJRA_REFRESH_COOKIE (JWT_AUTH_COOKIE /
  JWT_AUTH_REFRESH_COOKIE, default "access" / "refresh"), DJRA_REFRESH_COOKIE_PATH (default "/"),
  DJRA_SECURE (JWT_AUTH_SECURE, default false), DJRA_SAMESITE (JWT_AUTH_SAMESITE, default "Lax"),
  DJRA_CSRF_TRUSTED_ORIGINS (comma-separated, default the CORS origins).
- "djoser": djoser's JWT URLs (djoser.urls.jwt) under auth/, AUTH_HEADER_TYPES ("JWT",) unless
  SJWT_AUTH_HEADER_TYPES says otherwise; DJOSER_BLACKLIST=true adds SimpleJWT's TokenBlacklistView at
  auth/jwt/blacklist/ (djoser has no logout for JWTs).
"""
import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default="false"):
    return os.environ.get(name, default).lower() in ("1", "true", "yes")


def env_seconds(name, default):
    return timedelta(seconds=float(os.environ.get(name, default)))


PRESET = os.environ.get("SJWT_PRESET", "simplejwt")
if PRESET not in ("simplejwt", "dj-rest-auth", "djoser"):
    raise ValueError(f"SJWT_PRESET must be simplejwt, dj-rest-auth or djoser, not {PRESET!r}")

SIGNING_KEY = os.environ.get("SJWT_SIGNING_KEY", "wire-contract-signing-key-0123456789abcdef")
SECRET_KEY = SIGNING_KEY
DEBUG = False
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "rest_framework",
    "rest_framework_simplejwt",
    "rest_framework_simplejwt.token_blacklist",
    "corsheaders",
    "wireapi",
] + (["djoser"] if PRESET == "djoser" else [])

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "wireproject.urls"
WSGI_APPLICATION = "wireproject.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("SJWT_DB_PATH", str(BASE_DIR / "db.sqlite3")),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_TZ = True

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework_simplejwt.authentication.JWTAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
}

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": env_seconds("SJWT_ACCESS_TOKEN_LIFETIME", "300"),
    "REFRESH_TOKEN_LIFETIME": env_seconds("SJWT_REFRESH_TOKEN_LIFETIME", "86400"),
    "SLIDING_TOKEN_LIFETIME": env_seconds("SJWT_SLIDING_TOKEN_LIFETIME", "300"),
    "SLIDING_TOKEN_REFRESH_LIFETIME": env_seconds("SJWT_SLIDING_TOKEN_REFRESH_LIFETIME", "86400"),
    "ROTATE_REFRESH_TOKENS": env_bool("SJWT_ROTATE_REFRESH_TOKENS"),
    "BLACKLIST_AFTER_ROTATION": env_bool("SJWT_BLACKLIST_AFTER_ROTATION"),
    "AUTH_HEADER_TYPES": tuple(
        os.environ.get("SJWT_AUTH_HEADER_TYPES", "JWT" if PRESET == "djoser" else "Bearer").split(",")
    ),
    "USER_ID_CLAIM": os.environ.get("SJWT_USER_ID_CLAIM", "user_id"),
    "SIGNING_KEY": SIGNING_KEY,
}
# SimpleJWT >= 5.3 only (the 5.5 stack of scripts/simplejwt-5.5.sh): revoke tokens on password change,
# and whether inactive users' tokens are refused. Left out unless set, so SimpleJWT 5.2 never sees them.
if env_bool("SJWT_CHECK_REVOKE_TOKEN"):
    SIMPLE_JWT["CHECK_REVOKE_TOKEN"] = True
if "SJWT_REVOKE_TOKEN_CLAIM" in os.environ:
    SIMPLE_JWT["REVOKE_TOKEN_CLAIM"] = os.environ["SJWT_REVOKE_TOKEN_CLAIM"]
if "SJWT_CHECK_USER_IS_ACTIVE" in os.environ:
    SIMPLE_JWT["CHECK_USER_IS_ACTIVE"] = env_bool("SJWT_CHECK_USER_IS_ACTIVE")

if env_bool("SJWT_FAST_PASSWORD_HASHER"):
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

CORS_ALLOWED_ORIGINS = [o for o in os.environ.get("SJWT_CORS_ALLOWED_ORIGINS", "http://localhost:5173").split(",") if o]
CORS_ALLOW_CREDENTIALS = True

# dj-rest-auth's REST_AUTH settings, under its names (wireapi/djrestauth.py reads them).
DJRA = {
    "JWT_AUTH_COOKIE": os.environ.get("DJRA_ACCESS_COOKIE", "access") or None,
    "JWT_AUTH_REFRESH_COOKIE": os.environ.get("DJRA_REFRESH_COOKIE", "refresh") or None,
    "JWT_AUTH_REFRESH_COOKIE_PATH": os.environ.get("DJRA_REFRESH_COOKIE_PATH", "/"),
    "JWT_AUTH_SECURE": env_bool("DJRA_SECURE"),
    "JWT_AUTH_HTTPONLY": env_bool("DJRA_HTTPONLY", "true"),
    "JWT_AUTH_SAMESITE": os.environ.get("DJRA_SAMESITE", "Lax"),
    "JWT_AUTH_RETURN_EXPIRATION": env_bool("DJRA_RETURN_EXPIRATION"),
    "JWT_AUTH_COOKIE_USE_CSRF": env_bool("DJRA_USE_CSRF"),
    "SESSION_LOGIN": env_bool("DJRA_SESSION_LOGIN", "true"),
}
if PRESET == "dj-rest-auth":
    REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = ["wireapi.djra_auth.JWTCookieAuthentication"]
    # Django 4 checks the Origin header of unsafe requests against these (CSRF only applies when enabled).
    CSRF_TRUSTED_ORIGINS = [
        o for o in os.environ.get("DJRA_CSRF_TRUSTED_ORIGINS", ",".join(CORS_ALLOWED_ORIGINS)).split(",") if o
    ]
