"""Answers are written with a prepared INSERT (services._answers_insert), not through the ORM's bulk_create."""
from __future__ import annotations

from quizgame.rooms.models import Answer
from quizgame.rooms.services import ANSWER_COLUMNS


def test_the_raw_answer_insert_names_every_column_of_an_answer():
    # A field added to Answer must be added to the INSERT too, or it would be silently left out.
    columns = [f.attname for f in Answer._meta.concrete_fields if not f.primary_key]
    assert sorted(ANSWER_COLUMNS) == sorted(columns)
