"""quizgame's own bank JSON: the sample bank, the generator's output, and errors by line."""
import json

from questions.formats import bankjson
from questions.samples import SAMPLE_BANK

from .samples import RAW, bank_of, record


def read(text: str):
    return bankjson.read(text.encode("utf-8"), file="bank.json")


def test_the_sample_bank_reads_completely():
    data = json.loads(SAMPLE_BANK.read_text("utf-8"))
    result = bankjson.read(SAMPLE_BANK.read_bytes(), file=SAMPLE_BANK.name)
    assert not result.errors and not result.skipped
    assert result.title == data["title"] and len(result.records) == len(data["questions"])
    assert [r["stem"] for r in result.records] == [q["stem"] for q in data["questions"]]
    assert [d["name"] for d in result.documents] == [d["name"] for d in data["documents"]]
    assert all(r["excerpt"] for r in result.records)


def test_the_generators_list_of_questions_reads_as_waiting_for_review():
    generated = [{**RAW["single"], "document": "notes.md", "fact_key": "k", "miner": "definitions",
                  "rank_score": 0.8}]
    (q,) = read(json.dumps(generated)).records
    assert (q["source"], q["review_status"], q["rank_score"]) == ("notes.md", "pending", 0.8)
    assert "miner" not in q


def test_a_bad_question_is_reported_at_the_line_it_starts():
    bank = {"format": "quizgame-bank", "version": 1, "title": "T",
            "documents": [{"name": "a.md", "title": "A", "text": "Alpha."}, {"title": "no name"},
                          {"name": "a.md", "title": "again"}],
            "questions": [RAW["single"], {"type": "single", "stem": "one choice", "choices": [{"text": "x"}]},
                          RAW["typed"]]}
    text = json.dumps(bank, indent=2)
    result = read(text)
    assert [r["type"] for r in result.records] == ["single", "typed"]
    lines = text.splitlines()
    question_error = next(e for e in result.errors if "choices" in e.reason)
    assert lines[question_error.line - 1].strip() == "{" and '"one choice"' in lines[question_error.line + 1]
    document_error = next(e for e in result.errors if "document" in e.reason)
    assert '"no name"' in lines[document_error.line]
    assert result.documents == [{"name": "a.md", "title": "A", "text": "Alpha."}]
    assert any("'a.md' is given twice" in e.reason for e in result.errors)


def test_files_that_are_not_banks_give_one_clear_error():
    assert read('{"questions": [').errors[0].reason.startswith("not valid JSON")
    assert read('{\n\n "a": tru}').errors[0].line == 3
    assert "not 'quizgame-bank'" in read('{"format": "other", "questions": []}').errors[0].reason
    assert "version 2" in read('{"format": "quizgame-bank", "version": 2, "questions": []}').errors[0].reason
    assert "no 'questions' list" in read('{"title": "x"}').errors[0].reason
    assert "expected a bank" in read('"just a string"').errors[0].reason
    assert "nested too deeply" in read("[" * 100_000).errors[0].reason


def test_export_is_lossless():
    bank = bank_of(record("single", review_status="pending", rank_score=0.5, source="a.md", excerpt="Alpha.",
                          span_start=0, span_end=6, title="T1"), record("matching"), record("ordering"))
    bank = type(bank)(title="Bones", description="D", records=bank.records,
                      documents=[{"name": "a.md", "title": "A", "text": "Alpha."}])
    back = bankjson.read(bankjson.write(bank).content, file="x.json")
    assert back.records == bank.records and back.documents == bank.documents
    assert (back.title, back.description) == ("Bones", "D")
