"""Import a question file (GIFT, Aiken, Kahoot spreadsheet, CSV or quizgame JSON) as a new bank."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from questions.formats import FORMATS, detect_format
from questions.formats.records import Collector, decode_text
from questions.transfer import bank_import, import_summary


class Command(BaseCommand):
    help = "Import a question file as a new bank and report what was imported, skipped and why."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", choices=["auto", *FORMATS], default="auto",
                            help="the file's format (default: from the extension; .txt is Aiken or GIFT by content)")
        parser.add_argument("--title", default="", help="the bank's title (default: the file's own, or its name)")
        parser.add_argument("--description", default="")
        parser.add_argument("--owner", default="", help="username of the bank's owner (default: a shared bank)")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}") from None
        format_ = options["format"] if options["format"] != "auto" else detect_format(path.name, data)
        if format_ is None:
            raise CommandError(f"Cannot tell the format of {path.name}; give --format ({', '.join(FORMATS)}).")
        owner = None
        if options["owner"]:
            owner = get_user_model().objects.filter(username=options["owner"]).first()
            if owner is None:
                raise CommandError(f"No user named {options['owner']!r}.")
        outcome = bank_import(
            data=data, filename=path.name, format=format_, owner=owner, title=options["title"],
            description=options["description"], document_text=lambda name: _beside(path, name),
        )
        result = outcome.result
        if outcome.bank is not None:
            self.stdout.write(f"Bank {outcome.bank.pk} “{outcome.bank.title}”: {import_summary(result)}")
            for qtype, count in result.counts().items():
                self.stdout.write(f"  {qtype}: {count}")
        if result.skipped:
            self.stdout.write(f"Skipped {len(result.skipped)} question{'s' if len(result.skipped) != 1 else ''}:")
            for issue in result.skipped:
                self.stdout.write(f"  {issue}")
        if result.errors:
            self.stdout.write(f"{len(result.errors)} error{'s' if len(result.errors) != 1 else ''}:")
            for issue in result.errors:
                self.stdout.write(f"  {issue}")
        if outcome.bank is None:
            raise CommandError(f"No question in {path.name} could be imported; no bank was created.")


def _beside(path: Path, name: str) -> str | None:
    """The text of a document a bank JSON names, read from the same folder (and only from there)."""
    candidate = path.parent / Path(name).name
    if not candidate.is_file():
        return None
    return decode_text(candidate.read_bytes(), Collector(candidate.name))
