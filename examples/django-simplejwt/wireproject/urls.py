import os

from django.conf import settings
from django.urls import include, path
from rest_framework_simplejwt.views import (
    TokenBlacklistView,
    TokenObtainPairView,
    TokenObtainSlidingView,
    TokenRefreshSlidingView,
    TokenRefreshView,
    TokenVerifyView,
)

from wireapi.views import CustomTokenObtainPairSerializer, MeView, PublicView

api = [
    path("api/me/", MeView.as_view()),
    path("api/public/", PublicView.as_view()),
]

if settings.PRESET == "dj-rest-auth":
    from wireapi import djrestauth

    # The URLs of dj_rest_auth.urls with USE_JWT, mounted at dj-rest-auth/ as its docs do.
    urlpatterns = [
        path("dj-rest-auth/login/", djrestauth.LoginView.as_view()),
        path("dj-rest-auth/logout/", djrestauth.LogoutView.as_view()),
        path("dj-rest-auth/user/", djrestauth.UserDetailsView.as_view()),
        path("dj-rest-auth/token/verify/", TokenVerifyView.as_view()),
        path("dj-rest-auth/token/refresh/", djrestauth.CookieTokenRefreshView.as_view()),
    ] + api
elif settings.PRESET == "djoser":
    urlpatterns = [path("auth/", include("djoser.urls.jwt"))]
    if os.environ.get("DJOSER_BLACKLIST", "false").lower() in ("1", "true", "yes"):
        urlpatterns.append(path("auth/jwt/blacklist/", TokenBlacklistView.as_view()))
    urlpatterns += api
else:
    urlpatterns = [
        path("api/token/", TokenObtainPairView.as_view()),
        path("api/token/refresh/", TokenRefreshView.as_view()),
        path("api/token/verify/", TokenVerifyView.as_view()),
        path("api/token/blacklist/", TokenBlacklistView.as_view()),
        path("api/token/sliding/", TokenObtainSlidingView.as_view()),
        path("api/token/sliding/refresh/", TokenRefreshSlidingView.as_view()),
        path("api/token/custom/", TokenObtainPairView.as_view(serializer_class=CustomTokenObtainPairSerializer)),
    ] + api
