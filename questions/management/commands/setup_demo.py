"""Prepare a fresh install for a first game: the sample bank and a demo host account."""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from questions.samples import sample_bank_load

DEMO_USERNAME = "teacher"
DEMO_PASSWORD = "quizgame-demo"


class Command(BaseCommand):
    help = "Load the sample bank and create the demo host account (teacher / quizgame-demo) if missing."

    def handle(self, *args: object, **options: object) -> None:
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(username=DEMO_USERNAME)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        bank = sample_bank_load(owner=None)
        self.stdout.write(f"Sample bank: {bank.title} ({bank.questions.count()} questions)")
        state = "created" if created else "already there"
        self.stdout.write(f"Demo host account ({state}): username {DEMO_USERNAME}, password {DEMO_PASSWORD}")
