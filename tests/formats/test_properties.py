"""Whatever a file holds, reading it never raises: problems come back as errors, each with a place."""
import io
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from questions.formats import FORMATS, ImportResult, detect_format, parse_bank
from questions.formats.records import QUESTION_TYPES

# Text rich in the characters each format gives meaning to, so the fuzzing reaches the parsers' corners.
PIECES = ["{", "}", "~", "=", "#", ":", "::", "\\", "->", "%", "%50%", "//", "####", "\n", "\n\n", " ", "\t", "T",
          "TRUE", "F", "[html]", "<b>", "$CATEGORY:", "A. ", "B) ", "ANSWER: ", "ANSWER: A", ",", ";", '"', "\r\n",
          "single", "multiple", "truefalse", "typed", "ordering", "matching", "type,question,answer_1,correct\n",
          '{"questions": [', "]", "null", "1..5", "3.5:0.1", "..", "&amp;", "<script>"]
TEXT = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=40).map("".join),
)
FUZZ = settings(max_examples=300, deadline=None)


def assert_well_formed(result: ImportResult) -> None:
    assert isinstance(result, ImportResult)
    for record in result.records:
        assert record["type"] in QUESTION_TYPES and record["stem"]
    for issue in result.errors + result.skipped:
        assert issue.reason and issue.file and (issue.line is None or issue.line >= 1)


@FUZZ
@given(TEXT)
def test_gift_never_raises(text):
    assert_well_formed(parse_bank(text.encode("utf-8", "surrogatepass"), format="gift", filename="f.gift"))


@FUZZ
@given(TEXT)
def test_aiken_never_raises(text):
    assert_well_formed(parse_bank(text.encode("utf-8", "surrogatepass"), format="aiken", filename="f.txt"))


@FUZZ
@given(TEXT)
def test_csv_never_raises(text):
    assert_well_formed(parse_bank(text.encode("utf-8", "surrogatepass"), format="csv", filename="f.csv"))


@FUZZ
@given(st.one_of(TEXT, st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=5)),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.sampled_from(["type", "stem", "choices", "text", "is_correct",
                                                                "questions", "documents", "name", "position",
                                                                "accepted_answers", "format", "version"]),
                                               children, max_size=5)),
    max_leaves=20,
).map(lambda value: __import__("json").dumps(value))))
def test_json_never_raises(text):
    assert_well_formed(parse_bank(text.encode("utf-8", "surrogatepass"), format="json", filename="f.json"))


@FUZZ
@given(st.binary(max_size=300))
def test_every_format_takes_any_bytes(data):
    for name in FORMATS:
        assert_well_formed(parse_bank(data, format=name, filename=f"f{FORMATS[name].extension}"))
    detect_format("f.txt", data)


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


CELL = st.one_of(st.none(), st.integers(-5, 10), st.floats(allow_nan=False, allow_infinity=False),
                 st.booleans(), st.sampled_from(["Question", "Answer 1", "Answer 2", "Correct", "Time limit", "1,2",
                                                 "True", "False", "", " "]),
                 st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FF), max_size=8))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(CELL, max_size=8), max_size=10))
def test_kahoot_never_raises_on_any_sheet(rows):
    assert_well_formed(parse_bank(_xlsx(rows), format="kahoot", filename="f.xlsx"))


def test_kahoot_refuses_a_zip_bomb_before_opening_it():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    result = parse_bank(buffer.getvalue(), format="kahoot", filename="bomb.xlsx")
    assert not result.records and "unpack" in result.errors[0].reason
