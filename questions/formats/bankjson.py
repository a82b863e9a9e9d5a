"""quizgame's own bank JSON ("quizgame-bank", version 1): read and write. Pure and lossless.

The shape of questions/samples/*.json and of what the generator prints (docs/FORMATS.md). Reading also takes a
bare list of question records (the generator's `to_json`). Errors name the line where the question starts.
"""
from __future__ import annotations

import bisect
import json
import re
from typing import Any

from .records import BankData, Collector, ExportResult, ImportResult, decode_text

BANK_FORMAT = "quizgame-bank"
BANK_FORMAT_VERSION = 1
_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def read(data: bytes | str, *, file: str = "bank.json") -> ImportResult:
    out = Collector(file)
    text = decode_text(data, out)
    if text is None:
        return out.result
    try:
        data_ = json.loads(text)
    except json.JSONDecodeError as error:
        out.error(error.lineno, f"not valid JSON: {error.msg} (column {error.colno})")
        return out.result
    except RecursionError:
        out.error(None, "not valid JSON: nested too deeply")
        return out.result
    positions = _positions(text)
    newlines = [i for i, char in enumerate(text) if char == "\n"]

    def line_of(kind: str, index: int) -> int | None:
        offsets = positions.get(kind, [])
        return bisect.bisect_left(newlines, offsets[index]) + 1 if index < len(offsets) else None

    if isinstance(data_, list):
        questions: Any = data_
    elif isinstance(data_, dict):
        if data_.get("format", BANK_FORMAT) != BANK_FORMAT:
            out.error(None, f"the format is {data_.get('format')!r}, not {BANK_FORMAT!r}")
            return out.result
        if data_.get("version", BANK_FORMAT_VERSION) != BANK_FORMAT_VERSION:
            out.error(None, f"version {data_.get('version')!r} of the bank format is not supported (only 1)")
            return out.result
        questions = data_.get("questions")
        if not isinstance(questions, list):
            out.error(None, "the bank has no 'questions' list")
            return out.result
        for key in ("title", "description"):
            if isinstance(data_.get(key), str):
                setattr(out.result, key, data_[key].strip())
        _read_documents(data_.get("documents", []), out, lambda i: line_of("documents", i))
    else:
        out.error(None, "expected a bank object or a list of questions")
        return out.result
    for index, raw in enumerate(questions):
        if isinstance(raw, dict) and raw.get("miner") and "review_status" not in raw:
            raw = {**raw, "review_status": "pending"}  # machine-made: a person reviews it before it is played
        out.add(raw, line_of("questions", index))
    return out.result


def _read_documents(documents: Any, out: Collector, line_of: Any) -> None:
    if not isinstance(documents, list):
        out.error(None, "'documents' must be a list")
        return
    for index, entry in enumerate(documents):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            out.error(line_of(index), "a document needs a 'name' (the file name its questions give as 'source')")
            continue
        if any(d["name"] == entry["name"].strip() for d in out.result.documents):
            out.error(line_of(index), f"the document name {entry['name'].strip()!r} is given twice")
            continue
        document = {"name": entry["name"].strip(), "title": entry["name"].strip()}
        if isinstance(entry.get("title"), str) and entry["title"].strip():
            document["title"] = entry["title"].strip()
        if isinstance(entry.get("text"), str):
            document["text"] = entry["text"]
        out.result.documents.append(document)


def _positions(text: str) -> dict[str, list[int]]:
    """Offsets where each question (and document) starts: of the top-level list, or of the bank's arrays.

    Only called on text `json.loads` accepted, so the walk cannot meet a syntax error.
    """
    index = _SPACE.match(text).end()  # type: ignore[union-attr]
    if text.startswith("[", index):
        return {"questions": _items(text, index)}
    found: dict[str, list[int]] = {}
    if not text.startswith("{", index):
        return found
    index = _skip(text, index + 1)
    while text[index] != "}":
        key, index = _DECODER.raw_decode(text, index)
        index = _skip(text, _skip(text, index) + 1)  # past the ':'
        if key in ("questions", "documents") and text.startswith("[", index):
            found[key] = _items(text, index)
        _, index = _DECODER.raw_decode(text, index)
        index = _skip(text, index)
        if text[index] == ",":
            index = _skip(text, index + 1)
    return found


def _skip(text: str, index: int) -> int:
    return _SPACE.match(text, index).end()  # type: ignore[union-attr]


def _items(text: str, index: int) -> list[int]:
    starts: list[int] = []
    index = _skip(text, index + 1)
    while text[index] != "]":
        starts.append(index)
        _, index = _DECODER.raw_decode(text, index)
        index = _skip(text, index)
        if text[index] == ",":
            index = _skip(text, index + 1)
    return starts


def bank_document(bank: BankData) -> dict[str, Any]:
    """The bank as the JSON object this format writes."""
    return {
        "format": BANK_FORMAT,
        "version": BANK_FORMAT_VERSION,
        "title": bank.title,
        "description": bank.description,
        "documents": bank.documents,
        "questions": bank.records,
    }


def write(bank: BankData, *, file: str = "bank.json") -> ExportResult:
    content = json.dumps(bank_document(bank), indent=2, ensure_ascii=False) + "\n"
    return ExportResult(content=content.encode("utf-8"), exported=len(bank.records), skipped=[])
