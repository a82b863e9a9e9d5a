"""Export a bank as GIFT, Aiken, a Kahoot spreadsheet, CSV or quizgame JSON."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from questions.formats import FORMATS
from questions.models import QuestionBank
from questions.transfer import bank_export


class Command(BaseCommand):
    help = "Export a bank to a file (or standard output); questions the format cannot hold are listed with why."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("bank_id", type=int)
        parser.add_argument("--format", choices=list(FORMATS), required=True)
        parser.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        bank = QuestionBank.objects.filter(pk=options["bank_id"]).first()
        if bank is None:
            raise CommandError(f"No bank with id {options['bank_id']}.")
        format_ = options["format"]
        output: Path | None = options["output"]
        if output is None and FORMATS[format_].binary:
            raise CommandError(f"{FORMATS[format_].label} is a binary {FORMATS[format_].extension} file; give -o FILE.")
        download = bank_export(bank=bank, format=format_)
        if output is None:
            self.stdout.write(download.content.decode("utf-8-sig"), ending="")
        else:
            output.write_bytes(download.content)
        result = download.result
        where = output or "standard output"
        self.stderr.write(f"Exported {result.exported} of {bank.questions.count()} questions to {where}.")
        for issue in result.skipped:
            self.stderr.write(f"  skipped {issue}")
