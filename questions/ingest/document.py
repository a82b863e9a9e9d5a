"""Plain data produced by ingestion: a cleaned text and the blocks that index into it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "bullet_list", "numbered_list", "table", "qa"]


class IngestError(Exception):
    """An upload that cannot become a document; `code` is stable for the UI, `message` is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Segment:
    """A piece of a block (list item, table cell, question, answer) with its span in the document text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Block:
    """One structural unit of the document; `start`/`end` index into `IngestedDocument.text`.

    - lists: `items` holds the entries without their markers;
    - tables: `rows` holds body rows as cells aligned with `header` (header cells may be "" when unknown);
    - qa: `items` is (question, answer).
    """

    kind: BlockKind
    start: int
    end: int
    level: int = 0
    items: tuple[Segment, ...] = ()
    rows: tuple[tuple[Segment, ...], ...] = ()
    header: tuple[str, ...] = ()
    section: str = ""


@dataclass(frozen=True)
class IngestedDocument:
    """The stored form of an upload: `text` is what gets saved; every span points into it."""

    name: str
    title: str
    text: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class RawLine:
    """A line as a reader saw it, before boilerplate removal and segmentation.

    `hint` is what the format told us: "" (plain), "blank", "heading", "bullet", "numbered", "row",
    "header_row"; rows carry their `cells`.
    """

    text: str
    hint: str = ""
    level: int = 0
    cells: tuple[str, ...] = ()
