"""Ingestion: uploaded bytes → a clean structured document (no ORM; plain data in and out)."""
from .document import Block, IngestedDocument, IngestError, Segment
from .pipeline import DEFAULT_MAX_BYTES, SUPPORTED, ingest

__all__ = ["DEFAULT_MAX_BYTES", "SUPPORTED", "Block", "IngestError", "IngestedDocument", "Segment", "ingest"]
