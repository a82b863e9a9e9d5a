"""Question generation: structured documents → ranked, linted questions with source spans (no ORM)."""
from .model import QUESTION_TYPES, GeneratedChoice, GeneratedQuestion, question_to_dict, to_json
from .pipeline import generate

__all__ = ["QUESTION_TYPES", "GeneratedChoice", "GeneratedQuestion", "generate", "question_to_dict", "to_json"]
