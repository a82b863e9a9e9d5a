"""Property tests on everything that reads untrusted input: websocket frames, answers, uploaded documents.

Whatever arrives, the only failure allowed is the module's own refusal (GameError, InvalidResponse, IngestError)
with a known code; anything else would be a traceback in the server log and, for a socket, a dropped player.
"""
from __future__ import annotations

import io
import json
import zipfile
from functools import cache

import docx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfWriter

from questions.ingest import IngestError, ingest
from quizgame.rooms import protocol
from quizgame.rooms.errors import GameError
from quizgame.rooms.presentation import ChoiceData, InvalidResponse, QuestionData, present

MAX_BYTES = 4096
PARSE_CODES = {"bad_message", "too_large", "unknown_type"}
INGEST_CODES = {"unsupported_type", "too_large", "empty", "corrupt", "zip_bomb"}
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ---- JSON values, as json.loads can produce them (lone surrogates, NaN and huge numbers included) ----

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30), st.floats(), st.text(max_size=30)
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
    max_leaves=20,
)
small_keys = st.integers(min_value=-2, max_value=7)
# Answers that have roughly the right shape, so the checks go past the first refusal as well as into it.
shaped_responses = st.one_of(
    st.fixed_dictionaries({"choice": st.one_of(small_keys, json_values)}),
    st.fixed_dictionaries({"choices": st.one_of(st.lists(small_keys, max_size=6), json_values)}),
    st.fixed_dictionaries({"text": st.one_of(st.text(max_size=120), json_values)}),
    st.fixed_dictionaries({"order": st.one_of(st.permutations(range(5)), st.lists(small_keys, max_size=6))}),
    st.fixed_dictionaries(
        {"pairs": st.one_of(st.lists(st.lists(small_keys, min_size=0, max_size=3), max_size=4), json_values)}
    ),
    json_values,
)


def strict_json(message: object) -> bytes:
    """What the server must be able to do with any message it accepted: store it (PostgreSQL text and jsonb take
    no NUL) and send it back (strict JSON, valid UTF-8)."""
    encoded = json.dumps(message, allow_nan=False, ensure_ascii=False).encode("utf-8")
    assert b"\\u0000" not in encoded
    return encoded


def parse(text: str | None) -> dict:
    return protocol.parse(text, allowed=protocol.PLAYER_TYPES, max_bytes=MAX_BYTES)


def assert_parses_or_refuses(text: str | None) -> None:
    try:
        message = parse(text)
    except GameError as refused:
        assert refused.code in PARSE_CODES, refused.code
        assert refused.as_message()["message"]
        return
    assert message["type"] in protocol.PLAYER_TYPES
    strict_json(message)


@FAST
@given(st.text(max_size=200))
@example("[" * 4000)  # nesting deeper than the JSON decoder's recursion limit, well under the size limit
@example('{"type": "join", "nickname": ' + "[" * 2000 + "]" * 2000 + "}")
@example('{"type": "join", "nickname": "\\ud800"}')  # a lone surrogate, written as a JSON escape
@example('{"type": "answer", "index": 0, "response": {"text": "x", "n": NaN}}')
@example('{"type": "answer", "index": 0, "response": {"choice": 1e999}}')
@example('{"type": "answer", "index": 0, "response": {"text": "a\\u0000"}}')
@example("\ud800")
@example("")
def test_any_text_frame_is_parsed_or_refused_with_a_known_code(text):
    assert_parses_or_refuses(text)


@FAST
@given(json_values, st.sampled_from(sorted(protocol.PLAYER_TYPES | protocol.HOST_TYPES | {"", "dance"})))
def test_any_json_value_is_parsed_or_refused_with_a_known_code(value, kind):
    assert_parses_or_refuses(json.dumps(value))
    assert_parses_or_refuses(json.dumps({"type": kind, "payload": value, "response": value}))


def test_a_missing_frame_and_an_oversized_one_are_refused():
    with pytest.raises(GameError) as missing:
        parse(None)
    assert missing.value.code == "bad_message"
    with pytest.raises(GameError) as big:
        parse(json.dumps({"type": "ping", "pad": "é" * MAX_BYTES}))
    assert big.value.code == "too_large"


# ---- answer checks, every question type ----

CHOICES = [
    ChoiceData(id=101, text="a", is_correct=True, position=0),
    ChoiceData(id=102, text="b", position=1),
    ChoiceData(id=103, text="c", is_correct=True, position=2),
    ChoiceData(id=104, text="d", position=3),
]
PAIRS = [ChoiceData(id=201 + i, text=t, match_text=m, position=i) for i, (t, m) in enumerate(["ax", "by", "cz"])]
QUESTIONS = {
    "single": QuestionData(id=1, type="single", stem="?", choices=(CHOICES[0], *CHOICES[1:2], CHOICES[3])),
    "multiple": QuestionData(id=2, type="multiple", stem="?", choices=tuple(CHOICES)),
    "truefalse": QuestionData(
        id=3, type="truefalse", stem="?",
        choices=(ChoiceData(id=301, text="True"), ChoiceData(id=302, text="False", is_correct=True, position=1)),
    ),
    "typed": QuestionData(id=4, type="typed", stem="?", accepted_answers=("osteoblasts", "osteoblast", "")),
    "ordering": QuestionData(
        id=5, type="ordering", stem="?",
        choices=tuple(ChoiceData(id=501 + i, text=str(i), position=i) for i in range(5)),
    ),
    "matching": QuestionData(id=6, type="matching", stem="?", choices=tuple(PAIRS)),
}


@FAST
@given(st.sampled_from(sorted(QUESTIONS)), st.integers(min_value=0, max_value=2**31), shaped_responses)
def test_any_response_is_checked_or_refused_for_every_question_type(kind, seed, response):
    presentation = present(QUESTIONS[kind], seed=seed, index=0)
    try:
        verdict = presentation.check(response)
    except InvalidResponse as refused:
        assert str(refused)
        return
    assert isinstance(verdict, bool)


@FAST
@given(st.sampled_from(sorted(QUESTIONS)), st.integers(min_value=0, max_value=2**31))
def test_the_solution_is_always_right_and_checks_as_valid(kind, seed):
    presentation = present(QUESTIONS[kind], seed=seed, index=0)
    solution = presentation.solution()
    as_response = {
        "single": lambda: {"choice": solution["choices"][0]},
        "truefalse": lambda: {"choice": solution["choices"][0]},
        "multiple": lambda: {"choices": solution["choices"]},
        "typed": lambda: {"text": solution["accepted"][0]},
        "ordering": lambda: {"order": solution["order"]},
        "matching": lambda: {"pairs": solution["pairs"]},
    }[kind]()
    assert presentation.check(as_response) is True


# ---- uploaded documents ----

EXTENSIONS = [".txt", ".md", ".html", ".pdf", ".docx"]


def assert_ingests_or_refuses(data: bytes, filename: str) -> None:
    try:
        document = ingest(data, filename)
    except IngestError as refused:
        assert refused.code in INGEST_CODES, refused.code
        return
    assert document.text.strip()
    for block in document.blocks:
        assert 0 <= block.start <= block.end <= len(document.text)


@SLOW
@given(st.binary(max_size=3000), st.sampled_from(EXTENSIONS))
def test_any_bytes_under_any_supported_name_ingest_or_are_refused(data, extension):
    assert_ingests_or_refuses(data, "upload" + extension)


TEXTY = st.lists(
    st.one_of(
        st.text(max_size=40),
        st.sampled_from(["# Title", "## ", "- item", "* ", "1. one", "99) x", "| a | b |", "|---|---|", "---", "|",
                         "a\tb\tc", "Q: why?", "A: because.", "**bold**", "[link](x)", "\x00", "\r", "\ufeff"]),
    ),
    max_size=40,
).map(lambda lines: "\n".join(lines))


@SLOW
@given(TEXTY, st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]), st.sampled_from([".txt", ".md"]))
def test_any_plain_or_markdown_text_ingests_or_is_refused(text, encoding, extension):
    assert_ingests_or_refuses(text.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "replace"),
                              "notes" + extension)


TAGS = ["html", "head", "title", "body", "main", "article", "p", "div", "h1", "h3", "ul", "ol", "li", "table",
        "tr", "td", "th", "br", "script", "nav", "span", "pre", "dl", "dt"]
# Control characters are left to test_control_characters_in_html_are_cleaned_or_refused (a known failure).
html_text = st.text(st.characters(blacklist_categories=("Cc",)), max_size=20)
html_fragments = st.recursive(
    html_text,
    lambda inner: st.builds(
        lambda tag, attr, children, closed: f"<{tag}{attr}>{''.join(children)}" + (f"</{tag}>" if closed else ""),
        st.sampled_from(TAGS),
        st.sampled_from(["", ' class="nav"', ' hidden', ' aria-hidden="true"', ' id="main"']),
        st.lists(inner, max_size=4),
        st.booleans(),
    ),
    max_leaves=25,
)


@SLOW
@given(html_fragments, st.sampled_from(["", "<?xml version='1.0' encoding='utf-8'?>", "<!DOCTYPE html>", "<!--"]))
def test_any_html_ingests_or_is_refused(fragment, prefix):
    assert_ingests_or_refuses((prefix + fragment).encode("utf-8", "surrogatepass"), "page.html")


def test_control_characters_in_html_are_cleaned_or_refused():
    assert_ingests_or_refuses(b"<p>Bone<script>x()</script>\x1f grows.</p>", "page.html")


@cache
def blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Title": "Bones"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@cache
def small_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Bones", level=1)
    document.add_paragraph("Ossification forms new bone tissue.")
    document.add_paragraph("First", style="List Number")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "term", "meaning"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def mutated(original: bytes, edits: list[tuple[int, int]]) -> bytes:
    data = bytearray(original)
    for position, value in edits:
        data[position % len(data)] = value
    return bytes(data)


byte_edits = st.lists(st.tuples(st.integers(min_value=0, max_value=10**6), st.integers(0, 255)), max_size=12)


@SLOW
@given(byte_edits, st.binary(max_size=200))
def test_a_damaged_pdf_ingests_or_is_refused(edits, tail):
    assert_ingests_or_refuses(mutated(blank_pdf(), edits) + tail, "scan.pdf")
    assert_ingests_or_refuses(b"%PDF-1.7\n" + tail, "scan.pdf")


XML_PIECES = st.sampled_from([
    "<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "text", "<w:tbl>", "</w:tbl>", "<w:tr>", "</w:tr>",
    "<w:tc>", "</w:tc>", '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>', '<w:pPr><w:pStyle w:val="Nope"/></w:pPr>',
    '<w:tcPr><w:gridSpan w:val="3"/></w:tcPr>', '<w:tcPr><w:gridSpan w:val="0"/></w:tcPr>',
    '<w:tcPr><w:vMerge/></w:tcPr>', "<w:pPr><w:numPr/></w:pPr>", "<w:tblGrid><w:gridCol/></w:tblGrid>", "&amp;",
    "<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>", "<w:br/>", "<w:tab/>", "<",
])


def docx_with_body(body: str) -> bytes:
    """A real Word document whose body XML is replaced by `body` (well-formed or not)."""
    source = zipfile.ZipFile(io.BytesIO(small_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                head, _, rest = data.decode("utf-8").partition("<w:body>")
                data = (head + "<w:body>" + body + "</w:body></w:document>").encode("utf-8")
            target.writestr(info.filename, data)
    return out.getvalue()


@SLOW
@given(st.lists(XML_PIECES, max_size=40))
def test_a_word_document_with_any_body_ingests_or_is_refused(pieces):
    assert_ingests_or_refuses(docx_with_body("".join(pieces)), "notes.docx")


@SLOW
@given(byte_edits)
def test_a_damaged_word_document_ingests_or_is_refused(edits):
    assert_ingests_or_refuses(mutated(small_docx(), edits), "notes.docx")


def test_the_untouched_samples_ingest():
    """The generators above start from documents that do ingest, so the properties explore near valid input."""
    assert "Ossification" in ingest(small_docx(), "notes.docx").text
    with pytest.raises(IngestError) as blank:
        ingest(blank_pdf(), "scan.pdf")
    assert blank.value.code == "empty"
