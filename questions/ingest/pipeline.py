"""`ingest`: uploaded bytes → `IngestedDocument` (clean text, blocks with spans), or `IngestError`."""
from __future__ import annotations

from pathlib import PurePath

from . import readers
from .boilerplate import remove_boilerplate
from .document import IngestedDocument, IngestError, RawLine
from .segment import deduplicate, draft_blocks, render

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
SUPPORTED = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html",
             ".htm": "html", ".pdf": "pdf", ".docx": "docx"}


def ingest(data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> IngestedDocument:
    """Turn one upload into a document; raises IngestError(code, message) with a reason people can act on.

    Codes: unsupported_type, too_large, empty, corrupt, zip_bomb.
    """
    suffix = PurePath(filename).suffix.lower()
    kind = SUPPORTED.get(suffix)
    if kind is None:
        allowed = ", ".join(sorted(SUPPORTED))
        raise IngestError("unsupported_type", f"Files of type '{suffix or filename}' are not supported ({allowed}).")
    if len(data) > max_bytes:
        raise IngestError("too_large", f"The file is {len(data)} bytes; the limit is {max_bytes} bytes.")
    if not data.strip():
        raise IngestError("empty", "The file is empty.")
    title, lines = read_lines(data, kind, max_bytes=max_bytes)
    lines = remove_boilerplate(lines)
    title, lines = mark_title(title, lines)
    text, blocks = render(deduplicate(draft_blocks(lines, title=title)))
    if not text.strip():
        raise IngestError("empty", "No readable text was found in the file.")
    return IngestedDocument(name=filename, title=title or PurePath(filename).stem, text=text, blocks=blocks)


def read_lines(data: bytes, kind: str, *, max_bytes: int) -> tuple[str, list[RawLine]]:
    if kind == "html":
        return readers.html_lines(data)
    if kind == "pdf":
        return readers.pdf_lines(data)
    if kind == "docx":
        return readers.docx_lines(data, max_uncompressed=max(max_bytes * 10, 50 * 1024 * 1024))
    lines = readers.text_lines(readers.decode(data), markdown=kind == "markdown")
    return "", list(readers.rejoin_markdown(lines) if kind == "markdown" else readers.rejoin_wrapped(lines))


def mark_title(title: str, lines: list[RawLine]) -> tuple[str, list[RawLine]]:
    """The first content line is the title when it reads like one; it becomes a level-1 heading."""
    for index, line in enumerate(lines):
        if line.hint == "blank":
            continue
        text = line.text
        looks_like_title = (line.hint == "heading" and line.level <= 1) or (
            line.hint == "" and len(text.split()) <= 16 and not text.endswith((".", ",", ";", ":"))
        )
        if looks_like_title:
            lines = [*lines[:index], RawLine(text, "heading", level=1), *lines[index + 1 :]]
            return text, lines
        break
    return title, lines
