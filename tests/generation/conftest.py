"""Fixtures for generation tests: small written documents and, when present, the seed documents."""
from __future__ import annotations

from pathlib import Path

import pytest

from questions.generation.corpus import Corpus, build_corpus
from questions.ingest import IngestedDocument, ingest

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


@pytest.fixture(scope="session")
def seed_documents() -> list[IngestedDocument]:
    if not SEEDS.is_dir() or not sorted(SEEDS.glob("*.txt")):
        pytest.skip(f"seed documents not found at {SEEDS}")
    return [ingest(p.read_bytes(), p.name) for p in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture
def corpus_of():
    def build(*texts: str) -> Corpus:
        return build_corpus([ingest(t.encode(), f"doc{i}.txt") for i, t in enumerate(texts)])

    return build
