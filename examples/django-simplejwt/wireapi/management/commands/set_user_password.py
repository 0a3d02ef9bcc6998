from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Changes a user's password the way a password change does: set_user_password <username> <password>."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("password")

    def handle(self, *args, **options):
        user = get_user_model().objects.get(username=options["username"])
        user.set_password(options["password"])
        user.save()
