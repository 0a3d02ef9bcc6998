from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.serializers import TokenObtainPairSerializer


class CustomTokenObtainPairSerializer(TokenObtainPairSerializer):
    """Adds username and is_staff claims, the pattern from SimpleJWT's documentation."""

    @classmethod
    def get_token(cls, user):
        token = super().get_token(user)
        token["username"] = user.username
        token["is_staff"] = user.is_staff
        return token


class MeView(APIView):
    """The authenticated user."""

    def get(self, request):
        user = request.user
        return Response({"id": user.id, "username": user.username, "email": user.email})


class PublicView(APIView):
    """Open to everyone; says whether the request was authenticated."""

    permission_classes = [AllowAny]

    def get(self, request):
        return Response({"public": True, "authenticated": bool(request.user and request.user.is_authenticated)})
