"""Small text helpers shared by miners and gates: stems, hedges, pronouns, rarity, deterministic shuffles."""
from __future__ import annotations

import hashlib
import random
import re
from functools import cache, lru_cache

WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
STOPWORDS = frozenset(
    """a an the and or but nor of in on at to for from by with without within into onto over under as is are was
    were be been being it its this that these those they them their there here which who whom whose what when
    where why how than then so such both either neither not no also can could may might will would shall should
    must do does did has have had very more most less least some any each every all other another only just
    like s""".split()
)
HEDGES = (
    "can", "could", "may", "might", "usually", "often", "some", "sometimes", "typically", "generally",
    "primarily", "mainly", "mostly", "frequently", "commonly", "likely", "probably", "rarely", "occasionally",
    "partly", "possibly", "most",
)
_NOT_CONTENT = STOPWORDS | frozenset(HEDGES)
OPENING_PRONOUNS = ("it", "this", "these", "they", "those", "that", "he", "she", "such", "its", "their", "them")
PERSONAL = re.compile(r"\b(his|her|hers|him|my|our|your|you|we|i|me)\b", re.I)
# The same sentences, options and claims are read by many miners and gates, run after run: the helpers below
# remember their answers by text (bounded, so a long-running server does not grow without limit) and hand out
# fresh mutable copies.
TEXT_CACHE = 1 << 15
_TEXT_CACHES: list = []


def text_cache(function):
    """Remember `function`'s answers by text, up to TEXT_CACHE of them; `clear_text_caches` empties them all."""
    cached = lru_cache(maxsize=TEXT_CACHE)(function)
    _TEXT_CACHES.append(cached)
    return cached


def clear_text_caches() -> None:
    """Forget every remembered text answer (the benchmark does this to time text never seen before)."""
    for cached in _TEXT_CACHES:
        cached.cache_clear()


@cache
def stem(word: str) -> str:
    """Crude, fast English stemmer: enough to treat plurals and simple inflections as one word."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) <= 3:
        return w
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("xes", "x"), ("ches", "ch"), ("shes", "sh")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            return w[: -len(suffix)] + repl
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) > len(suffix) + 3:
            base = w[: -len(suffix)]
            if len(base) > 2 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]
            return base
    return w


def tokens(text: str) -> list[str]:
    return list(_tokens(text))


@text_cache
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(WORD.findall(text))


def stems(text: str) -> list[str]:
    """Stems of all words, in order (stop words kept)."""
    return list(_stems(text))


@text_cache
def _stems(text: str) -> tuple[str, ...]:
    return tuple(stem(t) for t in _tokens(text))


def content_stems(text: str) -> set[str]:
    """Stems of the words that carry meaning (stop words and hedges dropped)."""
    return set(_content_stems(text))


@text_cache
def _content_stems(text: str) -> frozenset[str]:
    return frozenset(stem(t) for t in _tokens(text) if t.lower() not in _NOT_CONTENT)


def hedges_in(text: str) -> set[str]:
    return set(_hedges_in(text))


@text_cache
def _hedges_in(text: str) -> frozenset[str]:
    words = {t.lower() for t in _tokens(text)}
    return frozenset(h for h in HEDGES if h in words)


@text_cache
def starts_with_pronoun(text: str) -> bool:
    first = WORD.search(text)
    return first is not None and first.group().lower() in OPENING_PRONOUNS


@text_cache
def is_anecdotal(text: str) -> bool:
    """Example sentences about a particular person ("her shoulder") are illustrations, not facts."""
    return bool(PERSONAL.search(text))


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def decapitalise(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym or proper-looking (e.g. "DNA", "X-ray")."""
    if not text:
        return text
    first = text.split()[0]
    if len(first) > 1 and (first[1].isupper() or any(ch.isdigit() for ch in first)):
        return text
    return text[:1].lower() + text[1:]


def strip_end(text: str) -> str:
    return text.strip().rstrip(".;:,!").strip()


@text_cache
def sentence(text: str) -> str:
    """Capitalised, single-spaced, ending with one full stop."""
    text = " ".join(text.split()).strip()
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    return capitalise(strip_end(text)) + "."


@cache
def rarity(word_or_phrase: str) -> float:
    """Mean Zipf frequency of the content words (lower is rarer); wordfreq is loaded lazily."""
    from wordfreq import zipf_frequency

    words = [t.lower() for t in tokens(word_or_phrase) if t.lower() not in STOPWORDS]
    if not words:
        return 7.0
    return sum(zipf_frequency(w, "en") for w in words) / len(words)


def stable_seed(*parts: str) -> int:
    return int.from_bytes(hashlib.sha256("\x1f".join(parts).encode()).digest()[:8], "big")


def stable_shuffle(items: list, *key: str) -> list:
    """Shuffle that depends only on `key`, so the same input always gives the same order."""
    shuffled = list(items)
    random.Random(stable_seed(*key)).shuffle(shuffled)
    return shuffled
