"""GIFT, Moodle's plain-text question format: read and write. Pure.

Reading follows Moodle's own parser (question/format/gift/format.php): questions are separated by blank lines,
`//` lines are comments, the answer block is between the first `{` and the first `}` that are not escaped, and
the block's content decides the kind (`#` numerical, `~` multiple choice, `=`+`->` matching, T/F, else short
answer). Kinds quizgame cannot play (essay, description) are skipped with a reason. See docs/FORMATS.md.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser
from typing import Any

from .records import (
    BLANK,
    TRUE,
    BankData,
    Collector,
    ExportResult,
    ImportResult,
    choice,
    decode_text,
    exportable,
    true_false_choices,
)

ESCAPABLE = "\\~=#{}:"
# Escaped characters are held as Unicode noncharacters (reserved for a program's internal use) while the
# structure is found; any such characters in the file itself are dropped.
_PROTECT = {c: chr(0xFDD0 + i) for i, c in enumerate(ESCAPABLE)}
_NEWLINE = chr(0xFDD0 + len(ESCAPABLE))
_RESTORE = str.maketrans({v: k for k, v in _PROTECT.items()} | {_NEWLINE: "\n"})
_INTERNAL = re.compile("[\ufdd0-\ufdef]")
FORMAT_MARK = re.compile(r"^\[(html|markdown|plain|moodle)\]", re.IGNORECASE)
WEIGHT = re.compile(r"^%(-?(?:\d+(?:\.\d*)?|\.\d+))%")
TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}


# ---- reading ----


def read(data: bytes | str, *, file: str = "questions.gift") -> ImportResult:
    """Every question of a GIFT file as records; skipped kinds and malformed questions are listed by line."""
    out = Collector(file)
    text = decode_text(data, out)
    if text is None:
        return out.result
    for line, block in _blocks(text):
        try:
            _read_question(block, line, out)
        except _Invalid as problem:
            out.error(line, str(problem))
    return out.result


class _Invalid(ValueError):
    pass


def _blocks(text: str) -> Iterator[tuple[int, str]]:
    """(first line number, text) of each blank-line separated block, comment lines left out."""
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            if current:
                yield start, "\n".join(current)
                current = []
            continue
        if stripped.startswith("//"):
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        yield start, "\n".join(current)


def _protect(text: str) -> str:
    """Escaped control characters become private placeholders, so the structure can be found with plain `find`."""
    text = _INTERNAL.sub("", text)
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            following = text[index + 1]
            if following in _PROTECT:
                out.append(_PROTECT[following])
                index += 2
                continue
            if following == "n":
                out.append(_NEWLINE)
                index += 2
                continue
        out.append(char)
        index += 1
    return "".join(out)


def _read_question(block: str, line: int, out: Collector) -> None:
    text = _protect(block).strip()
    if text.startswith("$CATEGORY:"):
        return  # categories organise Moodle's bank; a quizgame bank is one category
    title = ""
    if text.startswith("::"):
        end = text.find("::", 2)
        if end < 0:
            raise _Invalid("the title opened with '::' is not closed with '::'")
        title = _restore(text[2:end]).strip()
        text = text[end + 2 :].strip()
    text_format = "moodle"
    marker = FORMAT_MARK.match(text)
    if marker:
        text_format = marker.group(1).lower()
        text = text[marker.end() :].lstrip()
    start, end = text.find("{"), text.find("}")
    if start < 0 and end < 0:
        out.skip(line, "a description (no answer block in braces) has nothing to answer")
        return
    if end < 0:
        raise _Invalid("'{' is not closed with '}' (write \\{ for a literal brace)")
    if start < 0 or end < start:
        raise _Invalid("'}' comes before any '{' (write \\} for a literal brace)")
    answer = text[start + 1 : end].strip()
    after = text[end + 1 :].strip()
    stem_raw = text[:start] if not after else text[:start] + BLANK + text[end + 1 :]

    def convert(raw: str) -> str:
        return _convert(raw, text_format)

    general = ""
    separator = answer.rfind("####")
    if separator >= 0:
        general = convert(answer[separator + 4 :])
        answer = answer[:separator].strip()
    record: dict[str, Any] = {"stem": convert(stem_raw), "title": title, "explanation": general}
    if not answer:
        out.skip(line, "an essay question (empty answer block) cannot be played")
        return
    if answer.startswith("#"):
        record |= _numerical(answer[1:], convert)
    elif "~" in answer:
        kind = _multiple_choice(answer, convert)
        if isinstance(kind, str):
            out.skip(line, kind)
            return
        record |= kind
    elif "=" in answer and "->" in answer:
        pairs = _matching(answer, convert)
        if isinstance(pairs, str):
            out.skip(line, pairs)
            return
        record |= pairs
    elif answer.split("#", 1)[0].strip().upper() in TRUE_FALSE:
        record |= _true_false(answer, convert)
    else:
        record |= _short_answer(answer, convert)
    if not record["explanation"]:
        record["explanation"] = record.pop("_feedback", "")
    record.pop("_feedback", None)
    out.add(record, line)


def _restore(text: str) -> str:
    return text.translate(_RESTORE)


def _convert(raw: str, text_format: str) -> str:
    text = _restore(raw)
    if text_format == "html":
        text = strip_html(text)
    return text.strip()


def _split_feedback(part: str) -> tuple[str, str]:
    text, _, feedback = part.partition("#")
    return text, feedback


def _parts(answer: str, separator: str) -> list[str]:
    parts = [p.strip() for p in answer.split(separator)]
    if parts and not parts[0]:
        parts.pop(0)
    return parts


def _weight(part: str) -> tuple[float | None, str]:
    match = WEIGHT.match(part)
    if not match:
        return None, part
    return float(match.group(1)), part[match.end() :]


def _multiple_choice(answer: str, convert: Any) -> dict[str, Any] | str:
    """`=` marks the one right answer (single choice); without `=`, positive weights mark the right ones."""
    single = "=" in answer
    choices: list[dict[str, Any]] = []
    feedback = ""
    for part in _parts(answer.replace("=", "~="), "~"):
        marked = part.startswith("=")
        weight, rest = _weight(part[1:] if marked else part)
        text, note = _split_feedback(rest)
        if single:
            correct = marked or (weight is not None and weight >= 100)
        else:
            correct = (weight or 0) > 0
        item = choice(convert(text), is_correct=correct, position=len(choices))
        if convert(note):
            item["feedback"] = convert(note)
            if correct and single:
                feedback = item["feedback"]
        choices.append(item)
    if single and sum(c["is_correct"] for c in choices) > 1:
        return "several answers marked fully right (any one of them counts) cannot be played as single choice"
    return {"type": "single" if single else "multiple", "choices": choices, "_feedback": feedback}


def _matching(answer: str, convert: Any) -> dict[str, Any] | str:
    choices: list[dict[str, Any]] = []
    for part in _parts(answer, "="):
        if "->" not in part:
            raise _Invalid(f"the matching pair {_restore(part)!r} has no '->'")
        left, right = part.split("->", 1)
        if not convert(left):
            return "matching with extra right-hand answers (a pair with no left item) cannot be played"
        choices.append(choice(convert(left), position=len(choices), match_text=convert(right)))
    return {"type": "matching", "choices": choices}


def _true_false(answer: str, convert: Any) -> dict[str, Any]:
    head, _, notes = answer.partition("#")
    value = TRUE_FALSE[head.strip().upper()]
    wrong, _, right = notes.partition("#")
    choices = true_false_choices(value)
    for item in choices:
        note = convert(right if item["is_correct"] else wrong)
        if note:
            item["feedback"] = note
    return {"type": "truefalse", "choices": choices, "_feedback": convert(right)}


def _short_answer(answer: str, convert: Any) -> dict[str, Any]:
    """Answers with full marks are accepted; partial-credit answers have no place in a typed question."""
    accepted, feedback = [], ""
    for part in _parts(answer, "="):
        weight, rest = _weight(part)
        if weight is not None and weight < 100:
            continue
        text, note = _split_feedback(rest)
        if convert(text):
            accepted.append(convert(text))
            feedback = feedback or convert(note)
    if not accepted:
        raise _Invalid("no answer gets full marks")
    return {"type": "typed", "accepted_answers": accepted, "_feedback": feedback}


def _numerical(body: str, convert: Any) -> dict[str, Any]:
    """A number is played as a typed answer: the number as written (and in its plainest form) is accepted;
    tolerances are dropped and a range min..max accepts its middle, as Moodle stores it."""
    body = body.strip()
    parts = _parts(body, "=") if "=" in body else [body]
    accepted: list[str] = []
    feedback = ""
    for part in parts:
        weight, rest = _weight(part)
        text, note = _split_feedback(rest)
        value = _restore(text).strip()
        if ".." in value:
            low, _, high = value.partition("..")
            middle = (_number(low) + _number(high)) / 2
            forms = [_plain(middle)]
        else:
            written = value.split(":", 1)[0].strip()
            forms = [written, _plain(_number(written))]
        if weight is None or weight >= 100:
            accepted += [f for f in forms if f not in accepted]
            feedback = feedback or convert(note)
    if not accepted:
        raise _Invalid("no number gets full marks")
    return {"type": "typed", "accepted_answers": accepted, "_feedback": feedback}


def _number(text: str) -> Decimal:
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        raise _Invalid(f"{text.strip()!r} is not a number") from None
    if not number.is_finite():
        raise _Invalid(f"{text.strip()!r} is not a number")
    return number


def _plain(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "0") else text


class _TextOnly(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "tr", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def strip_html(text: str) -> str:
    """The readable text of an HTML fragment: tags, scripts and styles dropped, entities decoded, one space
    between words and one newline between blocks. Never markup, so nothing from the file renders as HTML."""
    parser = _TextOnly()
    parser.feed(text)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


# ---- writing ----


def escape(text: str) -> str:
    """GIFT's control characters escaped, newlines as \\n (as Moodle writes them)."""
    out = []
    for char in text:
        if char in ESCAPABLE:
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        else:
            out.append(char)
    return "".join(out)


def _answer(mark: str, text: str, *, weight: str = "", feedback: str = "") -> str:
    # A text that itself starts like a weight ("%50%…") gets an explicit weight so it is read back as text.
    if not weight and WEIGHT.match(text):
        weight = "%100%" if mark == "=" else "%0%"
    note = f"#{escape(feedback)}" if feedback else ""
    return f"\t{mark}{weight}{escape(text)}{note}"


def _format_weight(value: float) -> str:
    return "%" + (f"{value:.5f}".rstrip("0").rstrip(".")) + "%"


def unsupported(record: dict[str, Any]) -> str | None:
    """Why a record cannot be written as GIFT, or None."""
    if record["type"] == "ordering":
        return "GIFT has no ordering questions"
    if record["type"] == "matching" and any("->" in c["text"] for c in record["choices"]):
        return "a matching item contains '->', which GIFT cannot escape"
    if record["type"] == "typed" and any("->" in a for a in record["accepted_answers"]):
        return "an accepted answer contains '->', which GIFT would read as a matching pair"
    return None


def question_text(record: dict[str, Any]) -> str:
    """One record as a GIFT question (the record must be supported)."""
    qtype, choices = record["type"], record["choices"]
    lines: list[str] = []
    if qtype == "truefalse":
        value = next(c["is_correct"] for c in choices if c["text"] == TRUE)
        right = next(c for c in choices if c["is_correct"])
        wrong = next(c for c in choices if not c["is_correct"])
        notes = ""
        if wrong.get("feedback") or right.get("feedback"):
            notes = f"#{escape(wrong.get('feedback', ''))}#{escape(right.get('feedback', ''))}"
        lines.append(f"\t{'TRUE' if value else 'FALSE'}{notes}")
    elif qtype == "single":
        for c in choices:
            lines.append(_answer("=" if c["is_correct"] else "~", c["text"], feedback=c.get("feedback", "")))
    elif qtype == "multiple":
        right_count = sum(1 for c in choices if c["is_correct"])
        for c in choices:
            weight = _format_weight(100 / right_count if c["is_correct"] else -100)
            lines.append(_answer("~", c["text"], weight=weight, feedback=c.get("feedback", "")))
    elif qtype == "typed":
        lines += [_answer("=", a) for a in record["accepted_answers"]]
    elif qtype == "matching":
        lines += [f"\t={escape(c['text'])} -> {escape(c['match_text'])}" for c in choices]
    if record["explanation"]:
        lines.append(f"\t####{escape(record['explanation'])}")
    title = f"::{escape(record['title'])}::" if record.get("title") else ""
    stem = record["stem"]
    marker = "[plain]" if FORMAT_MARK.match(stem) or stem.startswith("//") else ""
    return f"{title}{marker}{escape(stem)} {{\n" + "\n".join(lines) + "\n}"


def write(bank: BankData, *, file: str = "questions.gift") -> ExportResult:
    records, skipped = exportable(bank, file=file, unsupported=unsupported)
    blocks = [f"// {' '.join(bank.title.split())} (exported from quizgame)"]
    blocks += [question_text(record) for record in records]
    content = "\n\n".join(blocks) + "\n"
    return ExportResult(content=content.encode("utf-8"), exported=len(records), skipped=skipped)
