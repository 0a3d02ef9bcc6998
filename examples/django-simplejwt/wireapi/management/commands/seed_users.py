from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERS = [
    ("alice", "alice-password-1", "alice@example.com", True, False),
    ("bob", "bob-password-2", "bob@example.com", False, False),
    ("carol", "carol-password-3", "carol@example.com", True, True),
    ("zoë", "pässword-4", "", True, False),
    ("dave", "dave-password-5", "dave@example.com", True, False),
]


class Command(BaseCommand):
    help = "Creates the five demo users (ids 1-5) on a fresh database."

    def handle(self, *args, **options):
        User = get_user_model()
        for username, password, email, is_active, is_staff in USERS:
            user = User.objects.create_user(username=username, email=email, password=password)
            user.is_active = is_active
            user.is_staff = is_staff
            user.save()
        self.stdout.write(f"created {len(USERS)} users")
