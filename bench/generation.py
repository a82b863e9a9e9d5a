"""Generation benchmark: words per second of `generate` on the seed pages (or the files given on argv).

The spaCy pipeline is loaded and warmed up on unrelated text first, so the figures measure the generator,
not model loading. "cold" runs clear the parse cache and every per-text cache before each document set, as for
text never seen before (a fresh upload); word-level memos (stems, word rarity, lemmas) stay, as they do in a
running server. "warm" runs regenerate with everything cached (re-generating a bank, editing a document).

Usage: python bench/generation.py [FILE ...] [--repeat N]
Prints figures only; it never passes or fails on time.
"""
from __future__ import annotations

import argparse
import collections
import statistics
import sys
import time
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from questions.generation import generate  # noqa: E402
from questions.generation.corpus import build_corpus  # noqa: E402
from questions.generation.nlp import cached_texts, clear_cache, load_pipeline, parse_many  # noqa: E402
from questions.generation.text import clear_text_caches  # noqa: E402
from questions.ingest import ingest  # noqa: E402

SEEDS = ROOT / ".." / "shared" / "seeds"
WARM_UP = [
    "Warm-up text unrelated to any document: the river carries sand to the sea.",
    "A lighthouse is a tower that guides ships, while a buoy is a floating marker.",
]


def machine_reference_ms() -> float:
    """Best of five runs of a fixed pure-Python loop: how fast this machine runs Python right now, so figures
    taken on different days (or machines) can be compared."""
    return min(timeit.repeat("sum(range(1_000_000))", number=1, repeat=5)) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    paths = args.files or sorted(SEEDS.glob("*.txt"))
    if not paths:
        print(f"no input files (seeds expected in {SEEDS})")
        return 1

    started = time.perf_counter()
    load_pipeline()
    parse_many(WARM_UP)
    load_seconds = time.perf_counter() - started

    documents = [ingest(p.read_bytes(), p.name) for p in paths]
    words = sum(d.word_count for d in documents)

    cold: list[float] = []
    per_doc: list[float] = []
    for _ in range(args.repeat):
        clear_cache()
        clear_text_caches()
        started = time.perf_counter()
        questions = generate(documents)
        cold.append(time.perf_counter() - started)
        for document in documents:
            clear_cache()
            clear_text_caches()
            started = time.perf_counter()
            generate([document])
            per_doc.append(time.perf_counter() - started)
    parse_only: list[float] = []
    clear_cache()
    generate(documents)
    texts = cached_texts()  # what a cold run of all the documents parses
    for _ in range(args.repeat):
        clear_cache()
        started = time.perf_counter()
        parse_many(texts)
        parse_only.append(time.perf_counter() - started)
    warm: list[float] = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        generate(documents)
        warm.append(time.perf_counter() - started)

    counts = collections.Counter(q.type for q in questions)
    cold_median, warm_median = statistics.median(cold), statistics.median(warm)
    sentences = build_corpus(documents).sentences
    parsed = [s for s in sentences if s.parsed is not None]
    print(f"documents: {len(documents)}  words: {words}  questions: {len(questions)}")
    print("per type: " + ", ".join(f"{t}={counts[t]}" for t in sorted(counts)))
    print(f"sentences: {len(sentences)}  fully parsed: {len(parsed)} ({sum(len(s.parsed) for s in parsed)} tokens)")
    print(f"pipeline load + warm-up: {load_seconds:.2f} s")
    print(f"cold (new text):          median {cold_median * 1000:.0f} ms -> {words / cold_median:,.0f} words/s")
    print(f"warm (cached parses):     median {warm_median * 1000:.0f} ms -> {words / warm_median:,.0f} words/s")
    print(f"p50 time per document (cold): {statistics.median(per_doc) * 1000:.0f} ms")
    print(f"spaCy alone on the sentences a cold run parses: median {statistics.median(parse_only) * 1000:.0f} ms")
    print(f"machine reference (pure-Python loop, lower is faster): {machine_reference_ms():.0f} ms")
    print(f"cold runs (ms): {' '.join(f'{t * 1000:.0f}' for t in sorted(cold))}")
    print(f"warm runs (ms): {' '.join(f'{t * 1000:.0f}' for t in sorted(warm))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
