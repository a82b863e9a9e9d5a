"""Generate a question bank from documents on disk: into the database, or (--dry-run) as JSON on stdout."""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from questions import services
from questions.bankgen import FileOutcome, SourceFile, bank_data, ingest_files
from questions.generation import QUESTION_TYPES, generate
from questions.models import QuestionBank
from questions.selectors import UploadLimits, upload_limits


def command_limits() -> UploadLimits:
    """The per-file size limit of uploads; the command has no limit on files or words (no request to keep short)."""
    return UploadLimits(max_bytes=upload_limits().max_bytes, max_files=sys.maxsize, max_words=sys.maxsize)


class Command(BaseCommand):
    help = (
        "Make a question bank from documents (.txt, .md, .html, .pdf, .docx). Prints counts per type and each "
        "refused file. With --dry-run nothing is written to the database; --json prints the bank in the "
        "quizgame-bank JSON format on stdout (the summary then goes to stderr)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument("--title", default="", help="bank title (default: the first document's title)")
        parser.add_argument("--description", default="")
        parser.add_argument("--owner", default="", help="username of the bank's owner (default: no owner, shared)")
        parser.add_argument("--bank", type=int, help="add to the bank with this id instead of making a new one")
        parser.add_argument("--auto-approve", action="store_true",
                            help="approve the top-ranked questions at once (QUIZGAME['AUTO_APPROVE_TOP'])")
        parser.add_argument("--max-questions", type=int, default=None)
        parser.add_argument("--dry-run", action="store_true", help="generate only; never touch the database")
        parser.add_argument("--json", action="store_true", help="print the bank as JSON on stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["json"] and not options["dry_run"]:
            raise CommandError("--json goes with --dry-run (a stored bank is exported with the bank JSON export).")
        files = [self._read(path) for path in options["files"]]
        report = self.stderr if options["json"] else self.stdout
        if options["dry_run"]:
            self._dry_run(files, options, report)
            return
        self._create(files, options, report)

    @staticmethod
    def _read(path: Path) -> SourceFile:
        try:
            return SourceFile(name=path.name, data=path.read_bytes())
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror or error}") from error

    def _dry_run(self, files: list[SourceFile], options: dict[str, Any], report: Any) -> None:
        # Only the pure pipelines run here: a dry run never reads or writes the database.
        batch = ingest_files(files, max_bytes=command_limits().max_bytes, max_words=command_limits().max_words)
        self._refusals(batch.outcomes, report)
        if not batch.documents:
            raise CommandError("No file could be used.")
        questions = generate(batch.documents, max_questions=options["max_questions"])
        for question in questions:
            next(o for o in batch.outcomes if o.ok and o.name == question.document).questions += 1
        title = options["title"] or batch.documents[0].title
        self._summary(title, batch.outcomes, Counter(q.type for q in questions), report, dry_run=True)
        if options["json"]:
            data = bank_data(title=title, description=options["description"], documents=batch.documents,
                             questions=questions)
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))

    def _create(self, files: list[SourceFile], options: dict[str, Any], report: Any) -> None:

        owner = None
        if options["owner"]:
            owner = get_user_model().objects.filter(username=options["owner"]).first()
            if owner is None:
                raise CommandError(f"No user named {options['owner']!r}.")
        bank = None
        if options["bank"] is not None:
            bank = QuestionBank.objects.filter(pk=options["bank"]).first()
            if bank is None:
                raise CommandError(f"No bank with id {options['bank']}.")
        result = services.bank_generate(
            files=files, owner=owner, title=options["title"], description=options["description"], bank=bank,
            auto_approve=options["auto_approve"], max_questions=options["max_questions"], limits=command_limits(),
        )
        self._refusals(result.outcomes, report)
        if result.bank is None:
            raise CommandError("No file could be used; no bank was made.")
        self._summary(result.bank.title, result.outcomes, result.per_type, report, dry_run=False)
        approved = sum(q.review_status == "approved" for q in result.added)
        report.write(f"Bank {result.bank.pk}: {len(result.added)} questions added, {approved} approved.")

    @staticmethod
    def _refusals(outcomes: list[FileOutcome], report: Any) -> None:
        for outcome in outcomes:
            if not outcome.ok:
                report.write(f"{outcome.name}: not used ({outcome.code}): {outcome.message}")

    @staticmethod
    def _summary(title: str, outcomes: list[FileOutcome], per_type: Counter[str], report: Any, *,
                 dry_run: bool) -> None:
        total = sum(per_type.values())
        report.write(f"{'Would make' if dry_run else 'Made'} {total} questions for “{title}”:")
        for qtype in QUESTION_TYPES:
            report.write(f"  {qtype}: {per_type.get(qtype, 0)}")
        for outcome in outcomes:
            if outcome.ok:
                report.write(f"  {outcome.name}: {outcome.questions} questions from {outcome.words} words")
