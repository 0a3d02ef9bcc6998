"""A minimal Django + DRF + SimpleJWT server for the bench, used only when the example server
(examples/django-simplejwt via test/support/django.ts) is not available.

Usage: python3 django_minimal.py PORT DB_PATH
Prints "READY http://127.0.0.1:PORT/" once it serves. Default settings everywhere (password
hashing included), like a real deployment; SQLite in a temporary file.
"""
import sys
from datetime import timedelta

import django
from django.conf import settings

port, db_path = int(sys.argv[1]), sys.argv[2]

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-only-secret-key-bench-only-secret-key-0123456789",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "rest_framework",
        "rest_framework_simplejwt.token_blacklist",
    ],
    MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": db_path}},
    DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    USE_TZ=True,
    REST_FRAMEWORK={
        "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework_simplejwt.authentication.JWTAuthentication"],
        "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    },
    SIMPLE_JWT={
        "ACCESS_TOKEN_LIFETIME": timedelta(minutes=5),
        "REFRESH_TOKEN_LIFETIME": timedelta(days=1),
    },
    LOGGING={"version": 1, "disable_existing_loggers": True},
)
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.urls import path  # noqa: E402
from rest_framework.response import Response  # noqa: E402
from rest_framework.views import APIView  # noqa: E402
from rest_framework_simplejwt.views import TokenObtainPairView, TokenRefreshView  # noqa: E402


class Me(APIView):
    def get(self, request):
        return Response({"id": request.user.id, "username": request.user.username})


urlpatterns = [
    path("api/token/", TokenObtainPairView.as_view()),
    path("api/token/refresh/", TokenRefreshView.as_view()),
    path("api/me/", Me.as_view()),
]

if __name__ == "__main__":
    call_command("migrate", verbosity=0, interactive=False)
    User = get_user_model()
    if not User.objects.filter(username="alice").exists():
        User.objects.create_user("alice", "alice@example.com", "alice-password-1")

    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    httpd = ThreadedWSGIServer(("127.0.0.1", port), QuietHandler)
    httpd.daemon_threads = True
    httpd.set_app(get_wsgi_application())
    print(f"READY http://127.0.0.1:{port}/", flush=True)
    httpd.serve_forever()
