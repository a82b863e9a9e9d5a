"""Prepare a fresh install for a first game: the sample banks and a demo host account."""
from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from questions.models import Question
from questions.samples import sample_bank_load, sample_generated_bank_load

DEMO_USERNAME = "teacher"
DEMO_PASSWORD = "quizgame-demo"


class Command(BaseCommand):
    help = (
        "Load the hand-written sample bank, generate a second bank from the sample documents (owned by the demo "
        "host, top-ranked questions approved) and create the demo host account (teacher / quizgame-demo) if "
        "missing. Running it again creates nothing new."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--sample-only", action="store_true", help="load only the hand-written bank (quicker; the browser tests)"
        )

    def handle(self, *args: object, **options: object) -> None:
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(username=DEMO_USERNAME)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        bank = sample_bank_load(owner=None)
        self.stdout.write(f"Sample bank: {bank.title} ({bank.questions.count()} questions)")
        if not options.get("sample_only"):
            generated = sample_generated_bank_load(owner=user)
            approved = generated.questions.filter(review_status=Question.Review.APPROVED).count()
            self.stdout.write(
                f"Generated sample bank: {generated.title} ({generated.questions.count()} questions, {approved}"
                " approved; review the rest on its page)"
            )
        state = "created" if created else "already there"
        self.stdout.write(f"Demo host account ({state}): username {DEMO_USERNAME}, password {DEMO_PASSWORD}")
