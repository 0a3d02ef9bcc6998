"""dj-rest-auth's JWT mode (6.x, `USE_JWT`), written with SimpleJWT's own views and tokens.

dj-rest-auth is not packaged for Debian, so this module reproduces its documented behaviour:
login answers `{access, refresh, user}` (refresh "" in httpOnly mode) and sets the JWT cookies,
the refresh view reads the refresh cookie, logout blacklists the refresh token and clears the
cookies, `JWTCookieAuthentication` reads the access cookie and checks CSRF only when
`JWT_AUTH_COOKIE_USE_CSRF` is on (djra_auth.py). Settings live in `settings.DJRA` under
dj-rest-auth's names.
"""
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth import login as django_login
from django.contrib.auth import logout as django_logout
from django.utils import timezone
from rest_framework import exceptions, serializers, status
from rest_framework.generics import GenericAPIView, RetrieveAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError
from rest_framework_simplejwt.serializers import TokenObtainPairSerializer, TokenRefreshSerializer
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.views import TokenRefreshView

from .djra_auth import clear_cookies, conf, set_access_cookie, set_refresh_cookie


class UserDetailsSerializer(serializers.ModelSerializer):
    class Meta:
        model = get_user_model()
        fields = ("pk", "username", "email", "first_name", "last_name")
        read_only_fields = ("email",)


class LoginSerializer(serializers.Serializer):
    username = serializers.CharField(required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    password = serializers.CharField(style={"input_type": "password"})

    def validate(self, attrs):
        username = attrs.get("username")
        email = attrs.get("email")
        password = attrs.get("password")
        if email:
            # Without allauth, dj-rest-auth logs in by email through the user's username.
            try:
                username = get_user_model().objects.get(email__iexact=email).get_username()
            except get_user_model().DoesNotExist:
                pass
        user = None
        if username:
            user = authenticate(self.context["request"], username=username, password=password)
        if not user:
            raise exceptions.ValidationError("Unable to log in with provided credentials.")
        if not user.is_active:
            raise exceptions.ValidationError("User account is disabled.")
        attrs["user"] = user
        return attrs


class LoginView(GenericAPIView):
    """Logs in with username (or email) and password: JWTs in the body and in cookies."""

    permission_classes = (AllowAny,)
    serializer_class = LoginSerializer

    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        refresh = TokenObtainPairSerializer.get_token(user)
        access = refresh.access_token
        if conf("SESSION_LOGIN"):
            django_login(request, user)
        data = {
            "access": str(access),
            "refresh": "" if conf("JWT_AUTH_HTTPONLY") else str(refresh),
            "user": UserDetailsSerializer(user, context=self.get_serializer_context()).data,
        }
        if conf("JWT_AUTH_RETURN_EXPIRATION"):
            data["access_expiration"] = serializers.DateTimeField().to_representation(
                timezone.now() + jwt_settings.ACCESS_TOKEN_LIFETIME
            )
            data["refresh_expiration"] = serializers.DateTimeField().to_representation(
                timezone.now() + jwt_settings.REFRESH_TOKEN_LIFETIME
            )
        response = Response(data, status=status.HTTP_200_OK)
        set_access_cookie(response, str(access))
        set_refresh_cookie(response, str(refresh))
        return response


class LogoutView(APIView):
    """Clears the JWT cookies and blacklists the refresh token (cookie in httpOnly mode, else body)."""

    permission_classes = (AllowAny,)

    def get(self, request, *args, **kwargs):
        # dj-rest-auth answers GET only with ACCOUNT_LOGOUT_ON_GET; the method still shows in Allow.
        return self.http_method_not_allowed(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if conf("SESSION_LOGIN"):
            django_logout(request)
        response = Response({"detail": "Successfully logged out."}, status=status.HTTP_200_OK)
        clear_cookies(response)
        try:
            # As dj-rest-auth: the token is built inside the KeyError guard (so a refresh token without
            # jti, whose blacklist check raises KeyError, reads as missing), and RefreshToken(None) is a
            # new token (so a JSON null "logs out" without revoking anything).
            try:
                if conf("JWT_AUTH_HTTPONLY"):
                    token = RefreshToken(request.COOKIES[conf("JWT_AUTH_REFRESH_COOKIE")])
                else:
                    token = RefreshToken(request.data["refresh"])
            except KeyError:
                where = "cookie" if conf("JWT_AUTH_HTTPONLY") else "request"
                response.data = {"detail": f"Refresh token was not included in {where} data."}
                response.status_code = status.HTTP_401_UNAUTHORIZED
                return response
            token.blacklist()
        except (TokenError, AttributeError, TypeError) as error:
            # dj-rest-auth passes these two messages on and answers 500 to any other
            # (so SimpleJWT 5.3+'s "Token is invalid" / "Token is expired" become 500s).
            if error.args and error.args[0] in ("Token is blacklisted", "Token is invalid or expired"):
                response.data = {"detail": error.args[0]}
                response.status_code = status.HTTP_401_UNAUTHORIZED
            else:
                response.data = {"detail": "An error has occurred."}
                response.status_code = status.HTTP_500_INTERNAL_SERVER_ERROR
        return response


class UserDetailsView(RetrieveAPIView):
    """The logged-in user (dj-rest-auth's PUT and PATCH are not reproduced)."""

    serializer_class = UserDetailsSerializer
    permission_classes = (IsAuthenticated,)

    def get_object(self):
        return self.request.user


class CookieTokenRefreshSerializer(TokenRefreshSerializer):
    refresh = serializers.CharField(required=False)

    def validate(self, attrs):
        request = self.context["request"]
        if "refresh" in request.data and request.data["refresh"] != "":
            attrs["refresh"] = request.data["refresh"]
        elif conf("JWT_AUTH_REFRESH_COOKIE") and conf("JWT_AUTH_REFRESH_COOKIE") in request.COOKIES:
            attrs["refresh"] = request.COOKIES[conf("JWT_AUTH_REFRESH_COOKIE")]
        else:
            raise InvalidToken("No valid refresh token found.")
        return super().validate(attrs)


class CookieTokenRefreshView(TokenRefreshView):
    """SimpleJWT's refresh, reading the refresh cookie and setting the new tokens as cookies."""

    serializer_class = CookieTokenRefreshSerializer

    def finalize_response(self, request, response, *args, **kwargs):
        if response.status_code == 200 and "access" in response.data:
            set_access_cookie(response, response.data["access"])
            response.data["access_expiration"] = timezone.now() + jwt_settings.ACCESS_TOKEN_LIFETIME
        if response.status_code == 200 and "refresh" in response.data:
            set_refresh_cookie(response, response.data["refresh"])
            if conf("JWT_AUTH_HTTPONLY"):
                del response.data["refresh"]
            else:
                response.data["refresh_expiration"] = timezone.now() + jwt_settings.REFRESH_TOKEN_LIFETIME
        return super().finalize_response(request, response, *args, **kwargs)
