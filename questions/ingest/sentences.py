"""Rule-based sentence splitting with character spans (cheap; used before any model runs)."""
from __future__ import annotations

import re
from collections.abc import Iterator

ABBREVIATIONS = {
    "e.g", "i.e", "etc", "vs", "dr", "mr", "mrs", "ms", "prof", "fig", "no", "approx", "ca", "cf", "al", "st",
    "jr", "sr", "inc", "ltd", "co", "mt", "vol", "pp", "ed", "eds",
}
BOUNDARY = re.compile(r"[.!?]+[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


def sentence_spans(text: str, offset: int = 0) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each sentence in `text`, shifted by `offset`; spans exclude edge whitespace."""
    start = 0
    for match in BOUNDARY.finditer(text):
        head = text[start : match.start() + 1]
        last_word = re.findall(r"([A-Za-z.]+)\.$", head.rstrip("\"')]"))
        token = last_word[0].lower().rstrip(".") if last_word else ""
        if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
            continue
        end = match.end()
        yield from _trimmed(text, start, end, offset)
        start = end
    yield from _trimmed(text, start, len(text), offset)


def _trimmed(text: str, start: int, end: int, offset: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start + offset, end + offset


def split_sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def normalise_key(text: str) -> str:
    """Comparison key: lower case, letters and digits only, single spaces."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))
