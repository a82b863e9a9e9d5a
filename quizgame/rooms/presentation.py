"""How a question is shown to players and how their answers are checked. Pure: plain data in, plain data out.

Players never see choice ids: every item is shown under a display key (its index on screen), after a shuffle
seeded by the game, so neither ids nor order can leak which option is right or what the correct order is.
"""
from __future__ import annotations

import copy
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from rapidfuzz.distance import Levenshtein
from wordfreq import zipf_frequency

SINGLE, MULTIPLE, TRUE_FALSE, TYPED, ORDERING, MATCHING = (
    "single",
    "multiple",
    "truefalse",
    "typed",
    "ordering",
    "matching",
)
TYPED_MAX_LENGTH = 100


class InvalidResponse(ValueError):
    """The answer does not fit the question (wrong shape, unknown key)."""


@dataclass(frozen=True)
class ChoiceData:
    id: int
    text: str
    is_correct: bool = False
    position: int = 0
    match_text: str = ""


@dataclass(frozen=True)
class QuestionData:
    id: int
    type: str
    stem: str
    choices: Sequence[ChoiceData] = ()
    accepted_answers: Sequence[str] = ()
    time_limit: int = 20
    points_multiplier: int = 1
    explanation: str = ""
    excerpt: str = ""
    source: str = ""


@dataclass(frozen=True)
class Presentation:
    """The on-screen order of a question's items for one game."""

    question: QuestionData
    shown: list[ChoiceData]  # choices (left column for matching) in display-key order
    right: list[ChoiceData] = field(default_factory=list)  # matching: partners in display-key order

    def public(self) -> dict[str, Any]:
        """What every player may see while the question is open: no correctness of any kind."""
        q = self.question
        payload: dict[str, Any] = {"type": q.type, "stem": q.stem, "points": q.points_multiplier}
        if q.type == MATCHING:
            payload["left"] = [{"key": k, "text": c.text} for k, c in enumerate(self.shown)]
            payload["right"] = [{"key": k, "text": c.match_text} for k, c in enumerate(self.right)]
        elif q.type != TYPED:
            payload["choices"] = [{"key": k, "text": c.text} for k, c in enumerate(self.shown)]
        if q.type == MULTIPLE:
            # How many to pick is part of the question, as on paper; which ones is not.
            payload["select"] = sum(1 for c in q.choices if c.is_correct)
        return payload

    def solution(self) -> dict[str, Any]:
        """The correct answer in display keys, sent only at the reveal (a copy: presentations are shared)."""
        return copy.deepcopy(self._solution)

    @cached_property
    def _solution(self) -> dict[str, Any]:
        # Worked out once per presentation: checking a burst of answers asks for it once per answer.
        q = self.question
        if q.type in (SINGLE, MULTIPLE, TRUE_FALSE):
            return {"choices": [k for k, c in enumerate(self.shown) if c.is_correct]}
        if q.type == TYPED:
            return {"accepted": list(q.accepted_answers)}
        if q.type == ORDERING:
            by_position = sorted(range(len(self.shown)), key=lambda k: self.shown[k].position)
            return {"order": by_position}
        right_key = {c.id: k for k, c in enumerate(self.right)}
        return {"pairs": [[k, right_key[c.id]] for k, c in enumerate(self.shown)]}

    def check(self, response: Any) -> bool:
        """Whether a response is right. Raises InvalidResponse when it does not fit the question."""
        q = self.question
        if not isinstance(response, dict):
            raise InvalidResponse("the answer must be an object")
        if q.type in (SINGLE, TRUE_FALSE):
            key = _key(response.get("choice"), len(self.shown))
            return self.shown[key].is_correct
        if q.type == MULTIPLE:
            keys = _keys(response.get("choices"), len(self.shown))
            if len(set(keys)) != len(keys) or not keys:
                raise InvalidResponse("pick one or more different choices")
            return set(keys) == set(self._solution["choices"])
        if q.type == TYPED:
            text = response.get("text")
            if not isinstance(text, str) or not text.strip() or len(text) > TYPED_MAX_LENGTH:
                raise InvalidResponse(f"type an answer of 1 to {TYPED_MAX_LENGTH} characters")
            return typed_matches(text, q.accepted_answers)
        if q.type == ORDERING:
            keys = _keys(response.get("order"), len(self.shown))
            if sorted(keys) != list(range(len(self.shown))):
                raise InvalidResponse("put every item in the order exactly once")
            return keys == self._solution["order"]
        pairs = response.get("pairs")
        if not isinstance(pairs, list) or len(pairs) != len(self.shown):
            raise InvalidResponse("match every item on the left once")
        left = [_key(p[0] if isinstance(p, list) and len(p) == 2 else None, len(self.shown)) for p in pairs]
        right = [_key(p[1], len(self.right)) for p in pairs]
        if len(set(left)) != len(left) or len(set(right)) != len(right):
            raise InvalidResponse("match every item on the left once")
        return sorted(map(list, zip(left, right, strict=True))) == sorted(self._solution["pairs"])

    def distribution(self, responses: Sequence[Any], correct: Sequence[bool]) -> dict[str, Any]:
        """How the room answered, for the reveal chart."""
        q = self.question
        if q.type in (SINGLE, TRUE_FALSE, MULTIPLE):
            counts = [0] * len(self.shown)
            for response in responses:
                keys = [response["choice"]] if "choice" in response else response.get("choices", [])
                for key in keys:
                    counts[key] += 1
            return {"choices": counts, "answered": len(responses)}
        right = sum(1 for c in correct if c)
        result: dict[str, Any] = {"correct": right, "incorrect": len(correct) - right, "answered": len(responses)}
        if q.type == TYPED:
            common = Counter(normalize_typed(r["text"]) for r in responses).most_common(5)
            result["top"] = [{"text": text, "count": count} for text, count in common]
        return result


def present(question: QuestionData, *, seed: int, index: int, shuffle: bool = True) -> Presentation:
    """The deterministic on-screen order of `question` as the `index`-th question of a game seeded `seed`."""
    rng = random.Random(f"{seed}:{index}:{question.id}")
    choices = sorted(question.choices, key=lambda c: (c.position, c.id))
    if question.type == TRUE_FALSE or (not shuffle and question.type in (SINGLE, MULTIPLE)):
        return Presentation(question, choices)
    shown = list(choices)
    rng.shuffle(shown)
    if question.type == ORDERING:
        # A shuffle that happens to give the correct order would give the answer away.
        while len(shown) > 1 and [c.id for c in shown] == [c.id for c in choices]:
            rng.shuffle(shown)
    right: list[ChoiceData] = []
    if question.type == MATCHING:
        right = list(choices)
        rng.shuffle(right)
        # The columns stand side by side on the big screen: rows that happen to line up would show every pair.
        while len(right) > 1 and [c.id for c in right] == [c.id for c in shown]:
            rng.shuffle(right)
    return Presentation(question, shown, right)


_PUNCT = re.compile(r"[^\w\s]")
_SPACE = re.compile(r"\s+")


def normalize_typed(text: str) -> str:
    """Case, accents, hyphens, punctuation and spacing do not matter in typed answers."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = _PUNCT.sub(" ", text.casefold().replace("-", " "))
    return _SPACE.sub(" ", text).strip()


def typed_matches(text: str, accepted: Sequence[str]) -> bool:
    """A typed answer is right when it matches an accepted answer, allowing a small typo in longer words.

    A typo is forgiven only when the mistyped word is not itself a real word: "osteoblsts" passes for
    "osteoblasts", "osteoclasts" (one letter away, but another thing entirely) does not.
    """
    given = normalize_typed(text)
    for answer in accepted:
        target = normalize_typed(answer)
        if not target:
            continue
        if given == target or given.replace(" ", "") == target.replace(" ", ""):
            return True
        allowed = 0 if len(target) < 6 else 1 if len(target) < 12 else 2
        if allowed and Levenshtein.distance(given, target, score_cutoff=allowed) <= allowed:
            known = set(target.split())
            if not any(_is_word(word) for word in given.split() if word not in known):
                return True
    return False


@lru_cache(maxsize=4096)
def _is_word(word: str) -> bool:
    return zipf_frequency(word, "en") > 0


def _key(value: Any, size: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < size:
        raise InvalidResponse("that choice is not one of this question's")
    return value


def _keys(values: Any, size: int) -> list[int]:
    if not isinstance(values, list) or len(values) > size:
        raise InvalidResponse("the answer must list choices of this question")
    return [_key(v, size) for v in values]
