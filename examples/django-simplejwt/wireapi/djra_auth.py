"""dj-rest-auth's `jwt_auth` part: its settings, the JWT cookies and `JWTCookieAuthentication`.

Kept apart from the views (as dj-rest-auth does) because DRF imports authentication classes while
its own view modules are still loading.
"""
from django.conf import settings
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import CSRFCheck
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.settings import api_settings as jwt_settings


def conf(name):
    return settings.DJRA[name]


def set_access_cookie(response, token):
    if conf("JWT_AUTH_COOKIE"):
        response.set_cookie(
            conf("JWT_AUTH_COOKIE"),
            token,
            expires=timezone.now() + jwt_settings.ACCESS_TOKEN_LIFETIME,
            secure=conf("JWT_AUTH_SECURE"),
            httponly=conf("JWT_AUTH_HTTPONLY"),
            samesite=conf("JWT_AUTH_SAMESITE"),
        )


def set_refresh_cookie(response, token):
    if conf("JWT_AUTH_REFRESH_COOKIE"):
        response.set_cookie(
            conf("JWT_AUTH_REFRESH_COOKIE"),
            token,
            expires=timezone.now() + jwt_settings.REFRESH_TOKEN_LIFETIME,
            secure=conf("JWT_AUTH_SECURE"),
            httponly=conf("JWT_AUTH_HTTPONLY"),
            samesite=conf("JWT_AUTH_SAMESITE"),
            path=conf("JWT_AUTH_REFRESH_COOKIE_PATH"),
        )


def clear_cookies(response):
    if conf("JWT_AUTH_COOKIE"):
        response.delete_cookie(conf("JWT_AUTH_COOKIE"), samesite=conf("JWT_AUTH_SAMESITE"))
    if conf("JWT_AUTH_REFRESH_COOKIE"):
        response.delete_cookie(
            conf("JWT_AUTH_REFRESH_COOKIE"),
            path=conf("JWT_AUTH_REFRESH_COOKIE_PATH"),
            samesite=conf("JWT_AUTH_SAMESITE"),
        )


class JWTCookieAuthentication(JWTAuthentication):
    """The Authorization header first, else the access cookie (CSRF-checked when JWT_AUTH_COOKIE_USE_CSRF)."""

    def enforce_csrf(self, request):
        check = CSRFCheck(lambda request: None)
        check.process_request(request)
        reason = check.process_view(request, None, (), {})
        if reason:
            raise exceptions.PermissionDenied(f"CSRF Failed: {reason}")

    def authenticate(self, request):
        header = self.get_header(request)
        if header is not None:
            raw_token = self.get_raw_token(header)
        elif conf("JWT_AUTH_COOKIE"):
            raw_token = request.COOKIES.get(conf("JWT_AUTH_COOKIE"))
            if raw_token is not None and conf("JWT_AUTH_COOKIE_USE_CSRF"):
                self.enforce_csrf(request)
        else:
            return None
        if raw_token is None:
            return None
        validated_token = self.get_validated_token(raw_token)
        return self.get_user(validated_token), validated_token
