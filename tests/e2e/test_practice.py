"""Solo practice and assigned challenges in a real browser: a learner on a phone plays a round, reads the feedback,
sees the summary and practises the questions they missed; a teacher assigns the bank and reads the report.

Rounds pick and shuffle questions at random, so the test knows every sample question's answer by its wording
(from the sample file setup_demo loads) and picks tiles by their visible text.
"""
from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from .conftest import ROOT
from .steps import PHONE, SAMPLE_BANK, sign_in, tile

pytestmark = pytest.mark.e2e

SAMPLE = json.loads((ROOT / "questions" / "samples" / "calcification-and-ossification.json").read_text())
BY_STEM: dict[str, dict[str, Any]] = {q["stem"]: q for q in SAMPLE["questions"]}
QUESTION_URL = re.compile(r"/practice/round/\d+/question$")
# What a question may never carry before it is answered, anywhere in its JSON.
SECRET_KEYS = {"is_correct", "solution", "accepted", "accepted_answers", "position", "match_text", "explanation",
               "excerpt", "correct"}


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def _is_question(response: Any) -> bool:
    return bool(QUESTION_URL.search(response.url)) and response.request.method == "GET"


def _checked_question(response: Any) -> dict[str, Any]:
    """The question JSON as served, after checking it gives nothing away."""
    assert response.status == 200, response.status
    raw = response.text()
    for word in ("is_correct", "solution", "accepted"):
        assert word not in raw, (word, raw)
    body = json.loads(raw)
    assert body["finished"] is False, body
    assert not _keys(body) & SECRET_KEYS, (sorted(_keys(body) & SECRET_KEYS), raw)
    known = BY_STEM[body["question"]["stem"]]
    for accepted in known.get("accepted_answers", []):
        assert accepted.lower() not in raw.lower(), (accepted, raw)
    return body


def _submit(page: Page) -> None:
    page.locator("#stage").get_by_role("button", name="Submit").click()


def answer(page: Page, question: dict[str, Any], *, right: bool) -> None:
    """Answer the question on screen, rightly or wrongly, by what the learner sees."""
    known = BY_STEM[question["stem"]]
    kind = known["type"]
    assert question["type"] == kind, (question["type"], kind)
    if kind in ("single", "truefalse"):
        text = next(c["text"] for c in known["choices"] if c["is_correct"] is right)
        tile(page, text).click()
    elif kind == "multiple":
        good = [c["text"] for c in known["choices"] if c["is_correct"]]
        bad = [c["text"] for c in known["choices"] if not c["is_correct"]]
        for text in good if right else [good[0], bad[0]]:
            tile(page, text).click()
            expect(tile(page, text)).to_have_attribute("aria-pressed", "true")
        _submit(page)
    elif kind == "typed":
        page.get_by_label("Your answer").fill(known["accepted_answers"][0] if right else "chondroblasts")
        _submit(page)
    elif kind == "ordering":
        wanted = [c["text"] for c in sorted(known["choices"], key=lambda c: c["position"])]
        items = page.locator("#stage ol.ordering li > span")
        for place, text in enumerate(wanted):
            for _ in range(items.all_inner_texts().index(text) - place):
                page.get_by_role("button", name=f"Move {text} up").click()
        expect(items).to_have_text(wanted)
        if not right:
            page.get_by_role("button", name=f"Move {wanted[0]} down").click()
        _submit(page)
    elif kind == "matching":
        pairs = [(c["text"], c["match_text"]) for c in known["choices"]]
        targets = [m for _, m in pairs]
        if not right:
            targets = targets[1:] + targets[:1]
        for (text, _), target in zip(pairs, targets, strict=True):
            page.get_by_label(f"Match for {text}", exact=True).select_option(label=target)
        _submit(page)
    else:  # pragma: no cover - a new type in the sample file
        raise AssertionError(f"no answer for a {kind} question")


def expect_feedback(page: Page, question: dict[str, Any], *, right: bool) -> None:
    known = BY_STEM[question["stem"]]
    feedback = page.locator("#stage .feedback")
    expect(feedback.locator(".verdict")).to_have_text("Correct!" if right else "Not this time")
    expect(feedback.locator(".stem-small")).to_have_text(known["stem"])
    expect(feedback.locator(".answer")).to_contain_text("Answer: " if right else "Correct answer: ")
    if right:
        expect(feedback.locator(".points")).to_have_text(re.compile(r"^\+\d+ points$"))
    else:
        expect(feedback.locator(".points")).to_have_count(0)
    expect(feedback.locator(".explanation")).to_have_text(known["explanation"])
    expect(feedback.locator("blockquote.excerpt")).to_contain_text(known["excerpt"])
    expect(feedback.locator("blockquote.excerpt cite")).to_have_text(re.compile(r"\w"))  # the source's title


def play(page: Page, first: Any, plan: list[bool], browsing: Any = None, name: str = "") -> tuple[list, list]:
    """Play a whole round from its first question response; `plan` says which answers are right.

    Returns the stems in the order asked and the ones answered wrongly. Screenshots the first two questions and
    their feedback when `browsing` is given.
    """
    asked, missed = [], []
    response = first
    for number, right in enumerate(plan, start=1):
        body = _checked_question(response)
        assert body["index"] == number - 1 and body["total"] == len(plan), body
        assert body["time_limit"] is None and body["remaining_ms"] is None, body  # untimed
        question = body["question"]
        asked.append(question["stem"])
        expect(page.locator("#stage .q-head")).to_contain_text(f"Question {number} of {len(plan)}")
        expect(page.locator("#stage .stem")).to_have_text(question["stem"])
        if browsing and number <= 2:
            browsing.shot(page, f"{name}-q{number}")
        answer(page, question, right=right)
        expect_feedback(page, question, right=right)
        if browsing and number <= 2:
            browsing.shot(page, f"{name}-q{number}-feedback", full_page=True)
        if not right:
            missed.append(question["stem"])
        if number < len(plan):
            with page.expect_response(_is_question) as next_question:
                page.get_by_role("button", name="Next question").click()
            response = next_question.value
        else:
            page.get_by_role("link", name="See your results").click()
            expect(page).to_have_url(re.compile(r"/practice/round/\d+/summary/$"))
    return asked, missed


def practice_url(host: Page) -> str:
    """The sample bank's practice page, from the signed-in teacher's dashboard."""
    row = host.locator("form.bank-row").filter(has_text=SAMPLE_BANK)
    href = row.get_by_role("link", name="practice page").get_attribute("href")
    assert href and re.fullmatch(r"/practice/bank/\d+/", href), href
    return href


def test_a_learner_practises_a_round_on_a_phone_then_their_mistakes(browsing):
    browsing.prefix = "practice"
    host = browsing.page("teacher")
    sign_in(host)
    url = practice_url(host)

    phone = browsing.page("learner", viewport=PHONE, is_mobile=True, has_touch=True)
    phone.goto(url)
    expect(phone.get_by_role("heading", name=f"Practise: {SAMPLE_BANK}")).to_be_visible()
    expect(phone.get_by_text(f"{len(BY_STEM)} questions to practise")).to_be_visible()
    expect(phone.get_by_role("link", name="Assign this bank as a challenge")).to_have_count(0)  # anonymous
    phone.get_by_role("radio", name="5", exact=True).check()
    phone.get_by_label("Time each question").set_checked(False)
    phone.get_by_label("Nickname for the leaderboard").fill("Robin")
    browsing.shot(phone, "start")
    with phone.expect_response(_is_question) as first:
        phone.get_by_role("button", name="Start practising").click()
    expect(phone).to_have_url(re.compile(r"/practice/round/\d+/$"))
    expect(phone.locator(".player-bar")).to_contain_text(f"{SAMPLE_BANK} · Robin")

    plan = [False, True, True, False, True]
    asked, missed = play(phone, first.value, plan, browsing, "round")
    assert len(set(asked)) == 5 and len(missed) == 2, (asked, missed)

    expect(phone.get_by_role("heading", name="Round done")).to_be_visible()
    score = int(phone.locator(".summary dd.score").inner_text())
    assert score > 0
    expect(phone.locator(".summary .stats")).to_contain_text("60% (3 of 5)")
    expect(phone.locator(".summary .stats dt")).to_have_text(["Score", "Accuracy", "Time"])
    review = phone.locator("ol.review > li")
    expect(review).to_have_count(5)
    expect(phone.locator("ol.review > li.correct")).to_have_count(3)
    for stem in missed:
        item = review.filter(has_text=stem)
        expect(item.locator(".verdict")).to_contain_text("✗ Wrong")
        expect(item).to_contain_text("Correct answer:")
        expect(item.locator("blockquote.excerpt")).to_contain_text(BY_STEM[stem]["excerpt"])
    browsing.shot(phone, "summary", full_page=True)

    with phone.expect_response(_is_question) as first:
        phone.get_by_role("button", name="Practise my mistakes (2)").click()
    expect(phone).to_have_url(re.compile(r"/practice/round/\d+/$"))
    # A fresh round (score back to 0) of exactly the missed questions; play() checks its total is 2.
    expect(phone.locator("#me-score")).to_have_text("0 pts")
    again, _ = play(phone, first.value, [True] * len(missed), browsing, "mistakes")
    assert sorted(again) == sorted(missed), (again, missed)
    expect(phone.get_by_role("heading", name="Mistakes round done")).to_be_visible()
    expect(phone.locator(".summary .stats")).to_contain_text("100% (2 of 2)")
    expect(phone.get_by_role("button", name=re.compile("Practise my mistakes"))).to_have_count(0)
    browsing.shot(phone, "mistakes-summary", full_page=True)

    # Back on the bank page: the learner's bests and their place on the leaderboard.
    phone.get_by_role("link", name=f"Practise {SAMPLE_BANK} again").click()
    expect(phone.get_by_role("heading", name="Your bests")).to_be_visible()
    expect(phone.get_by_label("Nickname for the leaderboard")).to_have_value("Robin")
    expect(phone.get_by_role("table", name="Practice leaderboard")).to_contain_text("Robin")
    assert phone.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    browsing.shot(phone, "bank-after", full_page=True)


def test_a_teacher_assigns_a_challenge_and_reads_how_a_student_did(browsing):
    browsing.prefix = "challenge"
    host = browsing.page("teacher")
    sign_in(host)
    host.goto(practice_url(host))
    host.get_by_role("link", name="Assign this bank as a challenge").click()
    expect(host).to_have_url(re.compile(r"/practice/bank/\d+/challenge/new/$"))
    host.get_by_label("Title").fill("Bones homework")
    host.get_by_label("Open until").fill((datetime.now() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"))
    host.get_by_label("Time each question").set_checked(False)
    browsing.shot(host, "new")
    host.get_by_role("button", name="Create the challenge link").click()
    expect(host).to_have_url(re.compile(r"/practice/c/[\w-]+/report/$"))
    expect(host.get_by_text("Challenge created. Share its link with your students.")).to_be_visible()
    expect(host.get_by_role("heading", name="Bones homework")).to_be_visible()
    link = host.get_by_label("Link for your students").input_value()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/practice/c/[\w-]+/", link), link

    student = browsing.page("student", viewport=PHONE, is_mobile=True, has_touch=True)
    student.goto(link)
    expect(student.get_by_role("heading", name="Bones homework")).to_be_visible()
    expect(student.get_by_text(f"{len(BY_STEM)} questions · set by teacher")).to_be_visible()
    student.get_by_label("Your nickname").fill("Kim")
    browsing.shot(student, "student-start")
    with student.expect_response(_is_question) as first:
        student.get_by_role("button", name="Start the challenge").click()
    plan = [True] * len(BY_STEM)
    plan[2] = False
    play(student, first.value, plan)
    expect(student.get_by_role("heading", name="Bones homework: your result")).to_be_visible()
    expect(student.locator(".summary .stats")).to_contain_text(f"({len(BY_STEM) - 1} of {len(BY_STEM)})")
    browsing.shot(student, "student-result")
    student.get_by_role("link", name="Challenge leaderboard").click()
    expect(student.get_by_text("You played as Kim")).to_be_visible()
    expect(student.get_by_role("button", name="Start the challenge")).to_have_count(0)  # one attempt
    expect(student.get_by_role("table", name="Challenge leaderboard")).to_contain_text("Kim")

    host.reload()
    expect(host.get_by_text("1 started, 1 finished")).to_be_visible()
    expect(host.get_by_role("table", name="Players by score")).to_contain_text("Kim")
    questions = host.get_by_role("table", name="Correct answers per question").locator("tbody tr")
    expect(questions).to_have_count(len(BY_STEM))
    percents = sorted(questions.locator(".pct").all_inner_texts())
    assert percents == ["0%"] + ["100%"] * (len(BY_STEM) - 1), percents
    browsing.shot(host, "report", full_page=True)
