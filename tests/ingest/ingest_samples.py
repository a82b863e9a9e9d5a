"""Builders for tiny test files in every supported format (content written for these tests)."""
from __future__ import annotations

import io
import zipfile

import docx


def minimal_pdf(lines: list[str]) -> bytes:
    """A valid one-page PDF whose content stream draws `lines` with a standard font."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = "BT /F1 12 Tf 72 720 Td 16 TL " + " ".join(f"({escape(line)}) Tj T*" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def small_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Tides of the ocean", level=1)
    document.add_paragraph("A spring tide is a tide with an unusually large range between high and low water.")
    document.add_heading("Causes", level=2)
    document.add_paragraph("The pull of the moon", style="List Bullet")
    document.add_paragraph("The pull of the sun", style="List Bullet")
    document.add_paragraph("Find a tide table", style="List Number")
    document.add_paragraph("Read the time of high water", style="List Number")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([("Feature", "Spring tide", "Neap tide"), ("Range", "Largest", "Smallest"),
                             ("Moon phase", "New or full moon", "Quarter moon")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bomb(size: int = 8 * 1024 * 1024) -> bytes:
    """A .docx-shaped zip whose one part inflates to `size` bytes of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * size)
    return buffer.getvalue()
