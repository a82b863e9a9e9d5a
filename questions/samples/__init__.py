"""The sample banks that ship with quizgame, written for the project from public facts.

- "Calcification vs ossification": written by hand (calcification-and-ossification.json) on its one document;
- "Calcification and ossification (generated)": made by the generator from every sample document (*.md), with
  its top-ranked questions auto-approved so it can be played at once.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from questions.bankgen import SourceFile
from questions.models import QuestionBank
from questions.services import SourceText, bank_create_from_records, bank_generate

SAMPLES = Path(__file__).resolve().parent
SAMPLE_BANK = SAMPLES / "calcification-and-ossification.json"
GENERATED_TITLE = "Calcification and ossification (generated)"
GENERATED_DESCRIPTION = (
    "Made by quizgame's generator from the sample documents; the best-ranked questions are approved, the rest "
    "wait for review."
)


def sample_sources() -> list[SourceText]:
    return [
        SourceText(name=path.name, title=path.stem.replace("-", " ").capitalize(), text=path.read_text("utf-8"))
        for path in sorted(SAMPLES.glob("*.md"))
    ]


def sample_files() -> list[SourceFile]:
    return [SourceFile(name=path.name, data=path.read_bytes()) for path in sorted(SAMPLES.glob("*.md"))]


@transaction.atomic
def sample_bank_load(*, owner: Any = None) -> QuestionBank:
    """Create the hand-written sample bank unless a bank of that title already exists; return it either way."""
    data = json.loads(SAMPLE_BANK.read_text("utf-8"))
    existing = QuestionBank.objects.filter(title=data["title"]).first()
    if existing:
        return existing
    titles = {d["name"]: d["title"] for d in data.get("documents", [])}
    sources = [
        SourceText(name=s.name, title=titles[s.name], text=s.text) for s in sample_sources() if s.name in titles
    ]
    return bank_create_from_records(
        title=data["title"], description=data.get("description", ""), records=data["questions"],
        sources=sources, owner=owner,
    )


def sample_generated_bank_load(*, owner: Any = None) -> QuestionBank:
    """Create the generated sample bank unless a bank of that title already exists (checked before the language
    model is loaded, so a second run is instant); return it either way."""
    existing = QuestionBank.objects.filter(title=GENERATED_TITLE).first()
    if existing:
        return existing
    report = bank_generate(
        files=sample_files(), owner=owner, title=GENERATED_TITLE, description=GENERATED_DESCRIPTION,
        auto_approve=True,
    )
    assert report.bank is not None, [o.message for o in report.outcomes if not o.ok]
    return report.bank
