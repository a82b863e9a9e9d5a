"""Nicknames a classroom should not see on the big screen. The list is a plain text file the school can edit
(QUIZGAME_BLOCKED_WORDS_FILE); matching sees through case, spacing, punctuation and digits standing in for
letters, without refusing innocent names that merely contain a short blocked word."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings

DEFAULT_LIST = Path(__file__).with_name("blocked_words.txt")
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"})
_TOKEN = re.compile(r"[a-z]+")


@lru_cache(maxsize=4)
def blocked_words(path: str) -> frozenset[str]:
    lines = Path(path).read_text("utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.lstrip().startswith("#"))


def is_offensive(nickname: str, words: frozenset[str] | None = None) -> bool:
    if words is None:
        words = blocked_words(str(settings.QUIZGAME.get("BLOCKED_WORDS_FILE") or DEFAULT_LIST))
    plain = nickname.lower().translate(_LEET)
    tokens = _TOKEN.findall(plain)
    squashed = "".join(tokens)
    for word in words:
        if word in tokens or word == squashed:
            return True
        # Long words are caught even when run together or spaced out ("b a d w o r d"); short ones only alone.
        if len(word) >= 5 and word in squashed:
            return True
    return False
