"""Pure parts of bank generation: per-file outcomes, the stored document structure, excerpts in context."""
from __future__ import annotations

from questions.bankgen import SourceFile, blocks_from_data, blocks_to_data, ingest_files, is_known, signature
from questions.ingest import ingest
from questions.selectors import excerpt_in_context

from .documents import ROCKS_HTML, TIDES_TXT, WATER_MD

TABLE_MD = """# Two kinds of bone

| Feature | Compact bone | Spongy bone |
|---|---|---|
| Structure | Dense | A lattice of struts |

Questions

Is spongy bone light?
Yes, because of its open lattice.

- First item that wraps onto
  a second line.
"""


def test_blocks_survive_the_round_trip_through_json():
    for name, text in (("water.md", WATER_MD), ("rocks.html", ROCKS_HTML), ("table.md", TABLE_MD)):
        document = ingest(text.encode(), name)
        data = blocks_to_data(document.blocks, document.text)
        assert blocks_from_data(data, document.text) == document.blocks, name


def test_a_hard_wrapped_markdown_paragraph_stays_one_paragraph():
    document = ingest(WATER_MD.encode(), "water.md")
    assert "Condensation is the process in which water vapour turns back into liquid droplets." in document.text
    table = ingest(TABLE_MD.encode(), "table.md")
    assert "First item that wraps onto a second line." in table.text


def test_each_file_is_judged_on_its_own():
    files = [SourceFile("water.md", WATER_MD.encode()), SourceFile("bad.exe", b"MZ"),
             SourceFile("water.md", WATER_MD.encode()), SourceFile("huge.txt", b"", size=10_000_000),
             SourceFile("water.md", TIDES_TXT.encode()), SourceFile("extra.txt", TIDES_TXT.encode() + b" More.")]
    batch = ingest_files(files, max_bytes=5_000_000, max_words=10_000, max_files=5)
    assert [(o.name, o.ok, o.code) for o in batch.outcomes] == [
        ("water.md", True, ""), ("bad.exe", False, "unsupported_type"), ("water.md", False, "duplicate"),
        ("huge.txt", False, "too_large"), ("water (2).md", True, ""), ("extra.txt", False, "too_many"),
    ]
    assert [d.name for d in batch.documents] == ["water.md", "water (2).md"]
    assert "9.5 MB" in batch.outcomes[3].message


def test_questions_already_known_are_recognised_by_stem_or_by_items():
    known = [signature("single", "Which process forms bone?"), signature("ordering", "Put the steps in order.",
                                                                       ["a", "b", "c"])]
    assert is_known(signature("single", "Which  process forms bone ?"), known)
    assert not is_known(signature("single", "Which process dissolves bone?"), known)
    assert is_known(signature("ordering", "Put the steps in order.", ["c", "b", "a"]), known)
    assert not is_known(signature("ordering", "Put the steps in order.", ["x", "y", "z"]), known)


def test_an_excerpt_is_shown_with_its_paragraph_and_clipped_at_words():
    text = "Heading\n\n" + "word " * 100 + "The fact we want. " + "more " * 100
    start = text.index("The fact")
    end = start + len("The fact we want.")
    context = excerpt_in_context(text=text, excerpt=text[start:end], span_start=start, span_end=end, radius=50)
    assert context.marked == "The fact we want."
    assert context.before.startswith("word") and context.after.endswith("more")
    assert context.clipped_start and context.clipped_end
    short = excerpt_in_context(text="Title\n\nOne fact. Two facts.", excerpt="One fact.", span_start=7, span_end=16)
    assert (short.before, short.marked, short.after) == ("", "One fact.", " Two facts.")
    assert not short.clipped_start and not short.clipped_end


def test_a_stale_span_is_found_again_from_the_excerpt():
    text = "Intro line.\n\nThe fact we want is here."
    context = excerpt_in_context(text=text, excerpt="The fact we want is here.", span_start=0, span_end=5)
    assert context.marked == "The fact we want is here."
    assert excerpt_in_context(text=text, excerpt="Not in the text.", span_start=None, span_end=None) is None
