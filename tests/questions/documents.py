"""Small documents written for these tests (not the seeds), in the formats an upload accepts."""
from __future__ import annotations

import io

WATER_MD = """# The water cycle

Evaporation is the process in which liquid water turns into water vapour. Condensation is the process in which
water vapour turns back into liquid droplets. Precipitation is water that falls from clouds as rain,
snow, sleet or hail. Transpiration is the process in which plants release water vapour through their leaves.

Evaporation takes in heat from its surroundings, whereas condensation gives heat out.

The cycle runs in a fixed order:

1. The sun warms the water in oceans and lakes.
2. Water vapour rises into the air and cools.
3. Droplets gather into clouds.
4. Rain or snow falls back to the ground.
"""

ROCKS_HTML = """<html><head><title>Rocks</title></head><body><nav>Home | About</nav><main>
<h1>Three kinds of rock</h1>
<p>Igneous rock is rock that forms when molten magma cools and hardens. Sedimentary rock is rock that forms from
layers of sand, mud and shells pressed together over a long time. Metamorphic rock is rock that has been changed by
great heat and pressure deep underground.</p>
<p>Granite is an igneous rock, whereas limestone is a sedimentary rock. Marble, which forms from limestone, is a
metamorphic rock.</p>
</main><footer>Share this page</footer></body></html>
"""

# Angle brackets in a plain-text document must reach the review page escaped.
TIDES_TXT = """Tides

A tide is the regular rise and fall of the sea. A spring tide is a tide with a very large range, whereas a neap
tide is a tide with a small range. The pull of the Moon is the main cause of tides. Sailors write <high> and <low>
on their charts.
"""

BROKEN_PDF = b"%PDF-1.4\nthis is not really a PDF at all\n"


def docx_bytes(*paragraphs: str) -> bytes:
    """A real Word document made on the spot with python-docx."""
    import docx

    document = docx.Document()
    document.add_heading(paragraphs[0], level=1)
    for text in paragraphs[1:]:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
