"""Settings of the reference server, configured from environment variables.

SJWT_ACCESS_TOKEN_LIFETIME, SJWT_REFRESH_TOKEN_LIFETIME, SJWT_SLIDING_TOKEN_LIFETIME,
SJWT_SLIDING_TOKEN_REFRESH_LIFETIME (seconds), SJWT_ROTATE_REFRESH_TOKENS,
SJWT_BLACKLIST_AFTER_ROTATION (true/false), SJWT_AUTH_HEADER_TYPES (comma-separated),
SJWT_USER_ID_CLAIM, SJWT_SIGNING_KEY, SJWT_CORS_ALLOWED_ORIGINS (comma-separated),
SJWT_CHECK_REVOKE_TOKEN, SJWT_CHECK_USER_IS_ACTIVE (true/false) and SJWT_REVOKE_TOKEN_CLAIM
(SimpleJWT >= 5.3 only), SJWT_DB_PATH (SQLite file; default a file next to manage.py),
SJWT_FAST_PASSWORD_HASHER (true: MD5 password hashing, so test suites do not spend seconds in
PBKDF2; nothing on the wire depends on the hasher).
"""
import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default="false"):
    return os.environ.get(name, default).lower() in ("1", "true", "yes")


def env_seconds(name, default):
    return timedelta(seconds=float(os.environ.get(name, default)))


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
]

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
    "AUTH_HEADER_TYPES": tuple(os.environ.get("SJWT_AUTH_HEADER_TYPES", "Bearer").split(",")),
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
