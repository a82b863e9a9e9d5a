"""Small documents written for these tests (never copied from the seeds)."""
from __future__ import annotations

from questions.ingest import IngestedDocument, ingest

GLACIERS = """Glaciers vs. Ice Sheets: How They Differ

A moraine is a ridge of rock debris left behind by a retreating glacier.
A cirque is a bowl-shaped hollow carved at the head of a mountain valley.
An erratic is a large boulder carried far from its origin by moving ice.
A drumlin is an elongated hill shaped by ice flowing over loose sediment.
Plucking is the process of ice tearing loose blocks of bedrock from a valley floor.
Abrasion is the process of rock being scraped smooth by debris frozen into the ice.

A glacier flows down a valley under its own weight, whereas an ice sheet spreads outward across a whole continent.
Valley glaciers usually carve U-shaped valleys. Ice sheets can bury entire mountain ranges.
Surging is due to meltwater building up beneath the glacier.
Calving is caused by the ice front cracking where it meets the sea.
Ablation is due to melting and evaporation at the surface.
Crevassing is caused by the ice stretching as it flows over a steep slope.

There are three main types of glaciers: cirque, valley and piedmont.
There are two main types of moraine: lateral and terminal.
There are two main types of ice flow: basal and internal.
"""

STEPS = """How a glacier forms

Fresh snow collects in a sheltered hollow.

1. Snow falls and settles in a hollow
2. The snow is buried and squeezed into granular firn
3. Air is pushed out and the firn turns into dense glacial ice
4. The ice starts to flow downhill under its own weight
"""

SEQUENCE = (
    "Making a snow pit\n\n"
    "First, dig a hole down to the ground. Then, smooth one wall with a shovel. "
    "Finally, measure each snow layer with a ruler.\n"
)

FAQ = """Glacier questions

Can glaciers move uphill?
Yes, over short distances where the ice is pushed from behind.

Is glacial ice always white?
Not always; dense old ice can look blue.

Are ice sheets found in Greenland?
Yes, one of the two largest ice sheets covers Greenland.
"""

TABLE = """Glaciers vs. Ice Sheets

Feature | Glacier | Ice sheet
---|---|---
Size | Covers a single valley or mountain side | Covers a large part of a continent
Flow | Moves downhill along a valley | Spreads outward from a central dome
Examples | Found in the Alps and the Rockies | Found in Antarctica and Greenland
"""

KEYTERMS = """Glacier words

Ice moves forward by sliding over a thin film of water called meltwater.
The area where snow builds up each year is known as the accumulation zone.
"""


def make(text: str, name: str = "sample.txt") -> IngestedDocument:
    return ingest(text.encode(), name)
