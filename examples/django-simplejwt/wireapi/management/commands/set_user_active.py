from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Sets is_active of a user: set_user_active <username> <true|false>."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("active", choices=["true", "false"])

    def handle(self, *args, **options):
        user = get_user_model().objects.get(username=options["username"])
        user.is_active = options["active"] == "true"
        user.save()
