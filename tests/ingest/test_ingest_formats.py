"""Each supported format becomes clean text and blocks; bad uploads are refused with a reason."""
from __future__ import annotations

import io

import pytest
from ingest_samples import minimal_pdf, small_docx, zip_bomb

from questions.ingest import IngestError, ingest
from questions.ingest.readers import check_zip


def kinds(document) -> list[str]:
    return [b.kind for b in document.blocks]


def test_plain_text_keeps_title_and_paragraphs():
    document = ingest(b"Tide basics\n\nA tide is the regular rise and fall of the sea.\n", "notes.txt")
    assert document.title == "Tide basics"
    assert kinds(document) == ["heading", "paragraph"]
    assert document.name == "notes.txt"


def test_markdown_headings_lists_and_tables():
    text = (
        "# Tides\n\nSome **bold** words and a [link](http://example.org).\n\n## Steps\n\n1. Check the moon\n"
        "2. Read the table\n\n- spring tide\n- neap tide\n\n| Tide | Range |\n|---|---|\n| Spring | Large |\n"
        "| Neap | Small |\n"
    )
    document = ingest(text.encode(), "tides.md")
    assert kinds(document) == ["heading", "paragraph", "heading", "numbered_list", "bullet_list", "table"]
    assert "Some bold words and a link." in document.text
    table = document.blocks[-1]
    assert table.header == ("Tide", "Range")
    assert [[c.text for c in row] for row in table.rows] == [["Spring", "Large"], ["Neap", "Small"]]


HTML = b"""<html><head><title>Tides | Sea Site</title><style>p { color: red }</style>
<script>var secret = "never show this";</script></head>
<body><nav><a href="/">Home</a><a href="/about">About us</a></nav>
<header class="site-header">Sea Site</header>
<main><h1>Tides</h1><p>A tide is the regular rise and fall of the sea.</p>
<div class="share-buttons"><a>Share on social media</a></div>
<ul><li>Spring tides have a large range.</li><li>Neap tides have a small range.</li></ul>
<table><tr><th>Tide</th><th>Range</th></tr><tr><td>Spring</td><td>Large</td></tr></table>
<script>document.write("injected text")</script>
<div class="author-bio">Written by a sailor who loves boats.</div>
<form class="comment-form"><label>Leave a comment</label><textarea></textarea></form>
<aside class="related"><ul><li>Moon vs Sun</li><li>Waves vs Tides</li><li>Ebb vs Flow</li></ul></aside>
</main><footer>Copyright the sea site</footer></body></html>"""


def test_html_keeps_main_content_only_and_never_script_text():
    document = ingest(HTML, "tides.html")
    assert "A tide is the regular rise and fall of the sea." in document.text
    assert "- Spring tides have a large range." in document.text
    for junk in ("never show this", "injected", "color: red", "About us", "Share on", "sailor", "Leave a comment",
                 "Moon vs Sun", "Copyright"):
        assert junk not in document.text, junk
    assert kinds(document) == ["heading", "paragraph", "bullet_list", "table"]


def test_html_without_main_uses_body_and_drops_scripts():
    data = (b"<html><body><p>Waves carry energy.</p><script>alert('x')</script>"
            b"<noscript>enable js</noscript></body></html>")
    document = ingest(data, "page.htm")
    assert document.text == "Waves carry energy."


def test_pdf_text_is_extracted():
    data = minimal_pdf(["Tides of the ocean", "A tide is the regular rise and fall of the sea."])
    document = ingest(data, "tides.pdf")
    assert "A tide is the regular rise and fall of the sea." in document.text
    assert document.title == "Tides of the ocean"


def test_docx_paragraphs_lists_and_tables():
    document = ingest(small_docx(), "tides.docx")
    assert kinds(document) == ["heading", "paragraph", "heading", "bullet_list", "numbered_list", "table"]
    table = document.blocks[-1]
    assert table.header == ("Feature", "Spring tide", "Neap tide")
    assert table.rows[1][2].text == "Quarter moon"


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"%PDF-1.4\nthis is not really a pdf", "broken.pdf", "corrupt"),
        (b"just some text pretending", "fake.pdf", "corrupt"),
        (b"PK\x03\x04 not a real archive", "broken.docx", "corrupt"),
        (b"hello", "program.exe", "unsupported_type"),
        (b"hello", "noextension", "unsupported_type"),
        (b"   \n\n  ", "blank.txt", "empty"),
        (b"", "nothing.md", "empty"),
        (b"\x00\x01\x02" * 100, "binary.txt", "corrupt"),
    ],
)
def test_bad_uploads_are_refused_with_a_reason(data: bytes, name: str, code: str):
    with pytest.raises(IngestError) as caught:
        ingest(data, name)
    assert caught.value.code == code
    assert caught.value.message


def test_docx_without_document_part_is_corrupt():
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    with pytest.raises(IngestError) as caught:
        ingest(buffer.getvalue(), "empty.docx")
    assert caught.value.code == "corrupt"


def test_oversize_upload_is_refused():
    with pytest.raises(IngestError) as caught:
        ingest(b"word " * 1000, "big.txt", max_bytes=1000)
    assert caught.value.code == "too_large"


def test_zip_bomb_docx_is_refused_before_opening():
    with pytest.raises(IngestError) as caught:
        ingest(zip_bomb(), "bomb.docx")
    assert caught.value.code == "zip_bomb"


def test_zip_size_limit_counts_declared_sizes():
    with pytest.raises(IngestError) as caught:
        check_zip(zip_bomb(200_000), max_uncompressed=100_000)
    assert caught.value.code == "zip_bomb"
    check_zip(zip_bomb(50_000), max_uncompressed=100_000)
