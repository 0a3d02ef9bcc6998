from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Deletes a user (their outstanding tokens go with them): delete_user <username>."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, **options):
        get_user_model().objects.filter(username=options["username"]).delete()
