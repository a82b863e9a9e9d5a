"""The sample bank that ships with quizgame, written for the project from public facts."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from questions.models import QuestionBank
from questions.services import SourceText, bank_create_from_records

SAMPLES = Path(__file__).resolve().parent
SAMPLE_BANK = SAMPLES / "calcification-and-ossification.json"


def sample_sources() -> list[SourceText]:
    return [
        SourceText(name=path.name, title=path.stem.replace("-", " ").capitalize(), text=path.read_text("utf-8"))
        for path in sorted(SAMPLES.glob("*.md"))
    ]


@transaction.atomic
def sample_bank_load(*, owner: Any = None) -> QuestionBank:
    """Create the sample bank unless a bank of that title already exists; return it either way."""
    data = json.loads(SAMPLE_BANK.read_text("utf-8"))
    existing = QuestionBank.objects.filter(title=data["title"]).first()
    if existing:
        return existing
    titles = {d["name"]: d["title"] for d in data.get("documents", [])}
    sources = [
        SourceText(name=s.name, title=titles.get(s.name, s.title), text=s.text) for s in sample_sources()
    ]
    return bank_create_from_records(
        title=data["title"], description=data.get("description", ""), records=data["questions"],
        sources=sources, owner=owner,
    )
