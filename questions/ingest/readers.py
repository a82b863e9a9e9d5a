"""Format readers: bytes of one file type → raw lines with structural hints.

Readers only extract; deciding what is boilerplate and what forms a block happens later, identically for
every format.
"""
from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator

from .document import IngestError, RawLine

BULLET = re.compile(r"^(\s*)[-*•▪●◦‣+]\s+(.*)$")
NUMBERED = re.compile(r"^(\s*)(\d{1,2})[.)]\s+(.*)$")
MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
MD_EMPHASIS = re.compile(r"(\*\*|__|`)(.+?)\1")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise_text(text: str) -> str:
    """NFC, unified newlines and spaces, no control characters."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return CONTROL.sub("", text)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252; NUL-heavy data is not text."""
    if data.count(b"\x00") > max(8, len(data) // 100):
        raise IngestError("corrupt", "The file looks binary, not text.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def split_cells(line: str, separator: str) -> tuple[str, ...]:
    cells = [c.strip() for c in line.strip().strip("|" if separator == "|" else "").split(separator)]
    return tuple(cells)


def text_lines(text: str, *, markdown: bool = False) -> list[RawLine]:
    """Plain text or Markdown → raw lines; list markers, headings and table rows become hints."""
    lines: list[RawLine] = []
    for raw in normalise_text(text).split("\n"):
        line = raw.rstrip()
        if markdown:
            line = MD_EMPHASIS.sub(r"\2", MD_LINK.sub(r"\1", line))
        if not line.strip():
            lines.append(RawLine("", "blank"))
            continue
        if TABLE_RULE.match(line) and ("|" in line or line.strip().startswith("-")):
            if lines and lines[-1].hint == "row":
                last = lines[-1]
                lines[-1] = RawLine(last.text, "header_row", cells=last.cells)
            elif not lines or lines[-1].hint != "header_row":
                lines.append(RawLine("", "blank"))
            continue
        if markdown and (m := MD_HEADING.match(line)):
            lines.append(RawLine(m.group(2).strip(), "heading", level=len(m.group(1))))
            continue
        if "|" in line and len([c for c in split_cells(line, "|") if c]) >= 2:
            cells = split_cells(line, "|")
            lines.append(RawLine(" | ".join(cells), "row", cells=cells))
            continue
        if "\t" in line.strip() and len([c for c in line.split("\t") if c.strip()]) >= 2:
            cells = tuple(c.strip() for c in line.strip().split("\t"))
            lines.append(RawLine(" | ".join(cells), "row", cells=cells))
            continue
        if m := NUMBERED.match(line):
            lines.append(RawLine(m.group(3).strip(), "numbered", level=len(m.group(1)) // 2))
            continue
        if m := BULLET.match(line):
            lines.append(RawLine(m.group(2).strip(), "bullet", level=len(m.group(1)) // 2))
            continue
        lines.append(RawLine(" ".join(line.split())))
    return lines


# --- HTML -------------------------------------------------------------------------------------------

DROP_TAGS = {
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "nav",
    "footer", "header", "aside", "form", "button", "select", "input", "textarea", "label", "menu",
    "dialog", "head", "figure", "picture", "video", "audio",
}
BOILERPLATE_ATTR = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|breadcrumbs?|share|sharing|social|comments?|respond|reply|related|trending|"
    r"popular|recommended|author|bio|byline|sidebar|widget|advert|ads?|promo|cookie|newsletter|subscribe|"
    r"footer|header|masthead|banner|signup|login|pagination|pager|tags|meta|toc)([\s_-]|$)",
    re.I,
)
BLOCK_TAGS = {"p", "div", "section", "article", "main", "blockquote", "pre", "dd", "dt", "caption", "address"}
HEADING_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


_CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32), 127])


def html_lines(data: bytes) -> tuple[str, list[RawLine]]:
    """HTML → (title, raw lines) from the main content only; scripts and styles never reach the text."""
    import lxml.html
    from lxml import etree

    # Control characters (other than tab and line breaks) are not text, and lxml refuses to move a text holding
    # one when it drops an element such as a script.
    data = data.translate(None, _CONTROL_BYTES)
    try:
        root = lxml.html.document_fromstring(data)
    except (etree.ParserError, ValueError) as exc:
        raise IngestError("corrupt", "The HTML could not be parsed.") from exc
    title = " ".join((root.findtext(".//title") or "").split())
    for element in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        attrs = " ".join(filter(None, [element.get("class"), element.get("id"), element.get("role")]))
        hidden = element.get("hidden") is not None or element.get("aria-hidden") == "true"
        boiler = bool(attrs and BOILERPLATE_ATTR.search(attrs)) and tag not in {"body", "html", "main", "article"}
        if (tag in DROP_TAGS or hidden or boiler) and element.getparent() is not None:
            element.drop_tree()
    main = root.find(".//main")
    if main is None:
        articles = root.findall(".//article")
        main = max(articles, key=lambda a: len(a.text_content())) if articles else root.find(".//body")
    if main is None:
        main = root
    lines: list[RawLine] = []
    _walk_html(main, lines)
    if not title:
        title = next((line.text for line in lines if line.hint == "heading"), "")
    return title, lines


def _inline_text(element: object) -> str:
    import lxml.html

    assert isinstance(element, lxml.html.HtmlElement)
    return " ".join(element.text_content().split())


def _walk_html(element: object, out: list[RawLine]) -> None:
    import lxml.html

    assert isinstance(element, lxml.html.HtmlElement)
    buffer: list[str] = []

    def flush() -> None:
        text = " ".join(" ".join(buffer).split())
        buffer.clear()
        if text:
            out.append(RawLine(text))

    if element.text:
        buffer.append(element.text)
    for child in element:
        if not isinstance(child.tag, str):
            if child.tail:
                buffer.append(child.tail)
            continue
        tag = child.tag.lower()
        if tag in HEADING_TAGS:
            flush()
            text = _inline_text(child)
            if text:
                out.append(RawLine(text, "heading", level=HEADING_TAGS[tag]))
        elif tag in {"ul", "ol"}:
            flush()
            hint = "numbered" if tag == "ol" else "bullet"
            for item in child.iterfind("li"):
                nested = [n for n in item if isinstance(n.tag, str) and n.tag.lower() in {"ul", "ol"}]
                for n in nested:
                    n.drop_tree()
                text = _inline_text(item)
                if text:
                    out.append(RawLine(text, hint))
                for n in nested:
                    for sub in n.iterfind("li"):
                        if sub_text := _inline_text(sub):
                            out.append(RawLine(sub_text, hint, level=1))
            out.append(RawLine("", "blank"))
        elif tag == "table":
            flush()
            for index, tr in enumerate(child.iter("tr")):
                cells = tuple(_inline_text(c) for c in tr if isinstance(c.tag, str) and c.tag in {"td", "th"})
                if len([c for c in cells if c]) < 2:
                    continue
                is_header = index == 0 and all(c.tag == "th" for c in tr if isinstance(c.tag, str))
                out.append(RawLine(" | ".join(cells), "header_row" if is_header else "row", cells=cells))
            out.append(RawLine("", "blank"))
        elif tag == "br":
            flush()
        elif tag in BLOCK_TAGS or tag in {"li", "dl", "table"}:
            flush()
            _walk_html(child, out)
            out.append(RawLine("", "blank"))
        else:
            buffer.append(child.text_content())
        if child.tail:
            buffer.append(child.tail)
    flush()


# --- PDF --------------------------------------------------------------------------------------------

HYPHEN_BREAK = re.compile(r"(\w)-\n(\w)")


def pdf_lines(data: bytes) -> tuple[str, list[RawLine]]:
    """PDF → (title, raw lines); wrapped lines are re-joined into paragraphs."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise IngestError("corrupt", "The file does not start like a PDF.")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise IngestError("corrupt", "The PDF is encrypted.")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = str((reader.metadata or {}).get("/Title") or "")
    except IngestError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        raise IngestError("corrupt", f"The PDF could not be read ({type(exc).__name__}).") from exc
    text = HYPHEN_BREAK.sub(r"\1\2", normalise_text("\n\n".join(pages)))
    return title.strip(), list(rejoin_wrapped(text_lines(text)))


def rejoin_wrapped(lines: list[RawLine]) -> Iterator[RawLine]:
    """Text wrapped at a page or editor width (PDF, hard-wrapped .txt): a plain line continuing in lower case
    belongs to the one before."""
    pending: RawLine | None = None
    for line in lines:
        if (
            pending is not None
            and line.hint == ""
            and pending.hint in {"", "bullet", "numbered"}
            and line.text[:1].islower()
            and not pending.text.endswith((".", "?", "!", ":"))
        ):
            pending = RawLine(f"{pending.text} {line.text}", pending.hint, pending.level)
            continue
        if pending is not None:
            yield pending
        pending = line
    if pending is not None:
        yield pending


def rejoin_markdown(lines: list[RawLine]) -> Iterator[RawLine]:
    """Markdown paragraphs and list items may be wrapped over several lines: a plain line right after a plain,
    bullet or numbered line continues it (as CommonMark reads it), whatever its case."""
    pending: RawLine | None = None
    for line in lines:
        if pending is not None and line.hint == "" and pending.hint in {"", "bullet", "numbered"} and pending.text:
            pending = RawLine(f"{pending.text} {line.text}", pending.hint, pending.level)
            continue
        if pending is not None:
            yield pending
        pending = line
    if pending is not None:
        yield pending


# --- DOCX -------------------------------------------------------------------------------------------


def check_zip(data: bytes, *, max_uncompressed: int, max_ratio: int = 100, max_entries: int = 2000) -> None:
    """Refuse archives whose declared sizes would explode when opened (zip bombs)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise IngestError("corrupt", "The file is not a valid Word document (bad zip).") from exc
    if len(infos) > max_entries:
        raise IngestError("zip_bomb", f"The document holds {len(infos)} parts; at most {max_entries} allowed.")
    total = sum(info.file_size for info in infos)
    compressed = sum(info.compress_size for info in infos) or 1
    if total > max_uncompressed:
        raise IngestError("zip_bomb", f"The document would unpack to {total} bytes (limit {max_uncompressed}).")
    if total > 1_000_000 and total / compressed > max_ratio:
        raise IngestError("zip_bomb", f"The document compresses {total // compressed}:1, which is suspicious.")


def docx_lines(data: bytes, *, max_uncompressed: int) -> tuple[str, list[RawLine]]:
    """DOCX → (title, raw lines) in body order: paragraphs by style, tables as rows."""
    check_zip(data, max_uncompressed=max_uncompressed)
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise IngestError("corrupt", "The Word document could not be opened.") from exc
    except Exception as exc:  # lxml raises XMLSyntaxError subclasses of several bases
        raise IngestError("corrupt", f"The Word document is damaged ({type(exc).__name__}).") from exc
    lines: list[RawLine] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = " ".join(item.text.split())
            style = (item.style.name if item.style is not None else "") or ""
            if not text:
                lines.append(RawLine("", "blank"))
            elif style == "Title" or style.startswith("Heading"):
                level = int(style.split()[-1]) if style.split()[-1].isdigit() else 1
                lines.append(RawLine(text, "heading", level=level))
            elif "List Number" in style:
                lines.append(RawLine(text, "numbered"))
            elif "List" in style or item._p.pPr is not None and item._p.pPr.numPr is not None:
                lines.append(RawLine(text, "bullet"))
            else:
                lines.append(RawLine(text))
        elif isinstance(item, Table):
            lines.append(RawLine("", "blank"))
            for index, row in enumerate(item.rows):
                cells = tuple(" ".join(cell.text.split()) for cell in row.cells)
                if len([c for c in cells if c]) >= 2:
                    lines.append(RawLine(" | ".join(cells), "header_row" if index == 0 else "row", cells=cells))
            lines.append(RawLine("", "blank"))
    title = (document.core_properties.title or "").strip()
    return title, lines
