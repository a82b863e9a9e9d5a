"""Raw lines → blocks (headings, paragraphs, lists, tables, Q/A) → one text with spans.

Plain text carries little markup, so structure is inferred: short unpunctuated lines before content are
headings, a question line followed by its answer is a Q/A pair, and groups of short lines separated by blank
lines form a comparison chart whose rows are "label, value, value".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import Block, RawLine, Segment
from .sentences import normalise_key, split_sentences

TERMINAL = (".", "!", "?", ";", ":", ",")
VERSUS_TITLE = re.compile(r"^(?P<a>.+?)\s+(?:vs\.?|versus)\s+(?P<b>.+?)\s*(?:[:?|(–—-].*)?$", re.I)
CHART_TITLE = re.compile(r"\b(chart|table|comparison|overview|summary|differences)\b", re.I)
BETWEEN_TITLE = re.compile(r"differences?\s+between\s+(?P<a>.+?)\s+and\s+(?P<b>.+?)\s*[?:.]?$", re.I)


@dataclass
class Draft:
    """A block before rendering: list items and table cells are still plain strings."""

    kind: str
    texts: list[str] = field(default_factory=list)
    rows: list[tuple[str, ...]] = field(default_factory=list)
    header: tuple[str, ...] = ()
    level: int = 0


def word_count(text: str) -> int:
    return len(text.split())


def is_heading_like(text: str) -> bool:
    return (
        0 < word_count(text) <= 10
        and not text.endswith(TERMINAL)
        and (text[0].isupper() or text[0].isdigit())
    )


def compared_terms(title: str) -> tuple[str, str] | None:
    """The two things a "X vs Y" / "difference between X and Y" title compares."""
    for pattern in (BETWEEN_TITLE, VERSUS_TITLE):
        if match := pattern.search(title.strip()):
            a, b = match.group("a").strip(" .:"), match.group("b").strip(" .:?")
            if 0 < word_count(a) <= 4 and 0 < word_count(b) <= 4:
                return a, b
    return None


def _groups(lines: list[RawLine], start: int) -> list[tuple[int, int]]:
    """Blank-separated groups of plain lines from `start`, as (first, end) index pairs; stops at markup."""
    groups: list[tuple[int, int]] = []
    i = start
    while i < len(lines):
        if lines[i].hint == "blank":
            i += 1
            continue
        if lines[i].hint != "":
            break
        j = i
        while j < len(lines) and lines[j].hint == "":
            j += 1
        groups.append((i, j))
        i = j
    return groups


def _is_value_line(text: str) -> bool:
    return 0 < word_count(text) <= 14 and not text.endswith((".", "?", "!"))


def match_chart(lines: list[RawLine], start: int) -> tuple[list[tuple[str, ...]], int] | None:
    """Rows of a comparison chart written as blank-separated groups: optional label line, then values.

    Returns the rows as (label, value, value, …) and the index after the chart, or None.
    """
    groups = _groups(lines, start)
    if not groups or groups[0][0] != start:
        return None
    rows: list[tuple[str, ...]] = []
    width = 0
    label = ""
    end = start
    for first, stop in groups:
        texts = [lines[k].text for k in range(first, stop)]
        if (
            len(texts) == 1
            and not label
            and word_count(texts[0]) <= 6
            and not texts[0].endswith(TERMINAL)
            and not CHART_TITLE.search(texts[0])
        ):
            label = texts[0]
            continue
        if 2 <= len(texts) <= 4 and all(_is_value_line(t) for t in texts) and width in (0, len(texts)):
            width = len(texts)
            rows.append((label, *texts))
            label = ""
            end = stop
            continue
        break
    if len(rows) < 3:
        return None
    return rows, end


def _question_answer(lines: list[RawLine], i: int) -> tuple[str, str, int] | None:
    text = lines[i].text
    if not text.endswith("?") or word_count(text) > 30 or lines[i].hint not in {"", "heading"}:
        return None
    j = i + 1
    while j < len(lines) and lines[j].hint == "blank":
        j += 1
    if j >= len(lines) or lines[j].hint != "" or lines[j].text.endswith("?"):
        return None
    return text, lines[j].text, j + 1


def _next_content(lines: list[RawLine], i: int) -> RawLine | None:
    return next((line for line in lines[i:] if line.hint != "blank"), None)


def draft_blocks(lines: list[RawLine], *, title: str = "") -> list[Draft]:
    """Group raw lines into draft blocks."""
    drafts: list[Draft] = []
    columns = compared_terms(title)
    i = 0
    while i < len(lines):
        line = lines[i]
        hint = line.hint
        if hint == "blank":
            i += 1
            continue
        if hint in {"row", "header_row"}:
            table = Draft("table")
            if hint == "header_row":
                table.header = line.cells
                i += 1
            while i < len(lines) and lines[i].hint == "row":
                table.rows.append(lines[i].cells)
                i += 1
            if not table.header and table.rows and columns and len(table.rows[0]) == 3:
                table.header = ("", *columns)
            if table.rows:
                drafts.append(table)
            continue
        if hint in {"bullet", "numbered"}:
            i = _draft_list(lines, i, drafts)
            continue
        qa = _question_answer(lines, i)
        if qa and not (not drafts and hint == "heading"):
            drafts.append(Draft("qa", [qa[0], qa[1]]))
            i = qa[2]
            continue
        if hint == "heading":
            drafts.append(Draft("heading", [line.text], level=line.level or 2))
            i += 1
            continue
        chart = match_chart(lines, i)
        if chart:
            rows, i = chart
            width = len(rows[0]) - 1
            header = ("", *columns) if columns and width == 2 else ("",) * (width + 1)
            drafts.append(Draft("table", rows=rows, header=header))
            continue
        if is_heading_like(line.text) and _next_content(lines, i + 1) is not None:
            drafts.append(Draft("heading", [line.text], level=2))
        else:
            drafts.append(Draft("paragraph", [line.text]))
        i += 1
    return drafts


def _draft_list(lines: list[RawLine], i: int, drafts: list[Draft]) -> int:
    """Consecutive list items; an item like "Name:" followed by items becomes a sub-heading."""
    hint = lines[i].hint
    current = Draft("bullet_list" if hint == "bullet" else "numbered_list")
    while i < len(lines):
        line = lines[i]
        if line.hint == "blank":
            nxt = _next_content(lines, i)
            if nxt is None or nxt.hint != hint:
                break
            i += 1
            continue
        if line.hint != hint:
            break
        text = line.text
        if text.endswith(":") and word_count(text) <= 6 and i + 1 < len(lines) and lines[i + 1].hint == hint:
            if current.texts:
                drafts.append(current)
            drafts.append(Draft("heading", [text.rstrip(": ")], level=3))
            current = Draft(current.kind)
        else:
            current.texts.append(text)
        i += 1
    if current.texts:
        drafts.append(current)
    return i


def _section_sizes(drafts: list[Draft]) -> list[int]:
    """For each draft, how many non-heading blocks its section holds (richer sections keep duplicates)."""
    sizes = [0] * len(drafts)
    start = 0
    for i in range(len(drafts) + 1):
        if i == len(drafts) or drafts[i].kind == "heading":
            for k in range(start, i):
                sizes[k] = i - start - (1 if drafts[start].kind == "heading" else 0)
            start = i
    return sizes


def deduplicate(drafts: list[Draft]) -> list[Draft]:
    """Drop repeated blocks (keeping the copy in the richer section), repeated sentences and items,
    then headings left without content."""
    sizes = _section_sizes(drafts)
    best: dict[str, int] = {}
    for i, draft in enumerate(drafts):
        if draft.kind == "heading":
            continue
        key = draft.kind + ":" + normalise_key(" ".join(draft.texts) + " ".join(" ".join(r) for r in draft.rows))
        if key not in best or sizes[i] > sizes[best[key]]:
            best[key] = i
    kept = [
        d
        for i, d in enumerate(drafts)
        if d.kind == "heading"
        or best[d.kind + ":" + normalise_key(" ".join(d.texts) + " ".join(" ".join(r) for r in d.rows))] == i
    ]
    seen: set[str] = set()
    result: list[Draft] = []
    for draft in kept:
        if draft.kind == "paragraph":
            sentences = split_sentences(draft.texts[0])
            fresh = [s for s in sentences if normalise_key(s) not in seen]
            seen.update(normalise_key(s) for s in sentences)
            if not fresh:
                continue
            if len(fresh) != len(sentences):
                draft = Draft("paragraph", [" ".join(fresh)])
        elif draft.kind in {"bullet_list", "numbered_list"}:
            items = [t for t in draft.texts if normalise_key(t) not in seen]
            seen.update(normalise_key(t) for t in draft.texts)
            if not items:
                continue
            draft = Draft(draft.kind, items)
        result.append(draft)
    return _drop_empty_headings(result)


def _drop_empty_headings(drafts: list[Draft]) -> list[Draft]:
    changed = True
    while changed:
        changed = False
        for i, draft in enumerate(drafts):
            if draft.kind != "heading" or i == 0:
                continue
            nxt = drafts[i + 1] if i + 1 < len(drafts) else None
            if nxt is None or (nxt.kind == "heading" and nxt.level <= draft.level):
                del drafts[i]
                changed = True
                break
    return drafts


def render(drafts: list[Draft]) -> tuple[str, tuple[Block, ...]]:
    """Lay the drafts out as one text (blocks separated by a blank line) and compute every span."""
    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    section = ""

    def emit(piece: str) -> tuple[int, int]:
        nonlocal pos
        if parts:
            parts.append("\n\n")
            pos += 2
        start = pos
        parts.append(piece)
        pos += len(piece)
        return start, pos

    for draft in drafts:
        if draft.kind == "heading":
            start, end = emit(draft.texts[0])
            blocks.append(Block("heading", start, end, level=draft.level, section=section))
            section = draft.texts[0]
        elif draft.kind == "paragraph":
            start, end = emit(draft.texts[0])
            blocks.append(Block("paragraph", start, end, section=section))
        elif draft.kind in {"bullet_list", "numbered_list"}:
            markers = [f"{n}. " if draft.kind == "numbered_list" else "- " for n in range(1, len(draft.texts) + 1)]
            body = "\n".join(m + t for m, t in zip(markers, draft.texts, strict=True))
            start, end = emit(body)
            items, cursor = [], start
            for marker, text in zip(markers, draft.texts, strict=True):
                item_start = cursor + len(marker)
                items.append(Segment(text, item_start, item_start + len(text)))
                cursor = item_start + len(text) + 1
            blocks.append(Block(draft.kind, start, end, items=tuple(items), section=section))  # type: ignore[arg-type]
        elif draft.kind == "qa":
            question, answer = draft.texts
            start, end = emit(f"{question}\n{answer}")
            items = (Segment(question, start, start + len(question)), Segment(answer, end - len(answer), end))
            blocks.append(Block("qa", start, end, items=items, section=section))
        elif draft.kind == "table":
            lines: list[str] = []
            if draft.header and any(draft.header):
                lines.append(" | ".join(draft.header))
            header_len = sum(len(x) + 1 for x in lines)
            rendered_rows = [" | ".join(row[1:]) if not row[0] else " | ".join(row) for row in draft.rows]
            start, end = emit("\n".join(lines + rendered_rows))
            rows: list[tuple[Segment, ...]] = []
            cursor = start + header_len
            for row, text in zip(draft.rows, rendered_rows, strict=True):
                cells: list[Segment] = []
                inner = cursor
                for k, cell in enumerate(row):
                    if not cell and k == 0:
                        cells.append(Segment("", inner, inner))
                        continue
                    cells.append(Segment(cell, inner, inner + len(cell)))
                    inner += len(cell) + 3
                rows.append(tuple(cells))
                cursor += len(text) + 1
            blocks.append(Block("table", start, end, rows=tuple(rows), header=draft.header, section=section))
    return "".join(parts), tuple(blocks)
