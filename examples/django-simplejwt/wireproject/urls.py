from django.urls import path
from rest_framework_simplejwt.views import (
    TokenBlacklistView,
    TokenObtainPairView,
    TokenObtainSlidingView,
    TokenRefreshSlidingView,
    TokenRefreshView,
    TokenVerifyView,
)

from wireapi.views import CustomTokenObtainPairSerializer, MeView, PublicView

urlpatterns = [
    path("api/token/", TokenObtainPairView.as_view()),
    path("api/token/refresh/", TokenRefreshView.as_view()),
    path("api/token/verify/", TokenVerifyView.as_view()),
    path("api/token/blacklist/", TokenBlacklistView.as_view()),
    path("api/token/sliding/", TokenObtainSlidingView.as_view()),
    path("api/token/sliding/refresh/", TokenRefreshSlidingView.as_view()),
    path("api/token/custom/", TokenObtainPairView.as_view(serializer_class=CustomTokenObtainPairSerializer)),
    path("api/me/", MeView.as_view()),
    path("api/public/", PublicView.as_view()),
]
