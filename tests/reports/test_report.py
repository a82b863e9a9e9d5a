"""The report of a real game: numbers per question and per player, item analysis, the page and downloads."""
import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook

from questions.models import Choice
from quizgame.reports.selectors import game_report
from quizgame.rooms.models import Game, Player
from quizgame.rooms.selectors import _presentation

pytestmark = pytest.mark.django_db


def test_each_question_counts_right_answers_spread_and_time(played):
    report = game_report(game=played.state)
    single, multiple, truefalse, typed = report.questions
    assert [(q.players, q.answered, q.correct) for q in report.questions] == [(3, 3, 1), (3, 3, 3), (3, 2, 0),
                                                                              (3, 3, 1)]
    assert [(o.text, o.is_correct, o.count) for o in single.options] == [
        ("Ossification", True, 1), ("Calcification", False, 2), ("Erosion", False, 0), ("Filtration", False, 0)]
    assert [o.count for o in multiple.options] == [3, 0, 3, 0]
    assert [(o.text, o.count) for o in truefalse.options] == [("True", 2), ("False", 0)]
    assert truefalse.unanswered == 1
    assert [(o.text, o.is_correct, o.count) for o in typed.options] == [("Osteoclasts", False, 2),
                                                                        ("osteoblasts", True, 1)]
    assert [q.average_seconds for q in report.questions] == [4.0, 2.0, 4.0, 6.0]
    assert round(single.correct_rate, 3) == 0.333


def test_players_are_ranked_by_score_with_their_right_answers(played):
    report = game_report(game=played.state)
    scores = dict(Player.objects.values_list("nickname", "score"))
    assert [(p.nickname, p.score, p.correct, p.answered) for p in report.players] == [
        ("Ana", scores["Ana"], 3, 4), ("Ben", scores["Ben"], 1, 4), ("Cy", scores["Cy"], 1, 3)]
    # Ben answered the second question a second faster than Cy.
    assert scores["Ana"] > scores["Ben"] > scores["Cy"] and [p.rank for p in report.players] == [1, 2, 3]


def test_item_analysis_flags_what_deserves_a_second_look(played):
    report = game_report(game=played.state)
    assert [[f.code for f in q.flags] for q in report.questions] == [["distractor"], ["easy"], ["distractor", "hard"],
                                                                    ["distractor"]]
    assert "“Calcification” was chosen more often (2) than the right answer (1)" in report.questions[0].flags[0].message
    ids = played.state.question_ids
    assert report.most_missed == [ids[2], ids[0], ids[3]]


def test_every_answer_is_listed_in_words(played):
    rows = {(a.nickname, a.number): a for a in game_report(game=played.state).answers}
    assert rows["Ben", 1].answer == "Calcification" and not rows["Ben", 1].is_correct
    assert rows["Ana", 2].answer == "Dystrophic; Metastatic" and rows["Ana", 2].is_correct
    assert rows["Cy", 4].answer == "osteoclasts" and rows["Cy", 4].seconds == 7.0
    assert ("Cy", 3) not in rows


def test_the_host_sees_the_report_with_links_to_fix_flagged_questions(client, played, host_user):
    client.force_login(host_user)
    response = client.get(reverse("reports:game", args=[played.game.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ana" in page and "Calcification" in page and "was chosen more often" in page
    bank_id, first = played.game.bank_id, played.game.question_ids[0]
    assert reverse("question-edit", args=[bank_id, first]) in page
    assert reverse("reports:game-xlsx", args=[played.game.pk]) in page
    # PLACEHOLDER(practice): the most-missed questions are handed to the page for a practice link.
    assert response.context["practice_question_ids"] == game_report(game=played.state).most_missed


def test_only_the_host_and_staff_see_a_report(client, played, other_user):
    url = reverse("reports:game", args=[played.game.pk])
    assert client.get(url).status_code == 302
    client.force_login(other_user)
    assert client.get(url).status_code == 403
    assert client.get(reverse("reports:game-xlsx", args=[played.game.pk])).status_code == 403
    assert client.get(reverse("reports:game-csv", args=[played.game.pk, "players"])).status_code == 403
    staff = get_user_model().objects.create_user(username="staff", password="pw-staff-123", is_staff=True)
    client.force_login(staff)
    assert client.get(url).status_code == 200


def test_csv_downloads_of_questions_players_and_answers(client, played, host_user):
    client.force_login(host_user)

    def table(name):
        response = client.get(reverse("reports:game-csv", args=[played.game.pk, name]))
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
        assert f"-{name}.csv" in response["Content-Disposition"]
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

    questions = table("questions")
    assert questions[0][:7] == ["#", "Question", "Type", "Players", "Answered", "Correct", "Correct %"]
    assert questions[1][:7] == ["1", "Which process builds new bone tissue?", "single", "3", "3", "1", "33"]
    assert questions[1][9] == "Ossification ✓ 1; Calcification 2; Erosion 0; Filtration 0"
    assert [row[1] for row in table("players")[1:]] == ["Ana", "Ben", "Cy"]
    assert len(table("answers")) == 1 + 11
    assert client.get(reverse("reports:game-csv", args=[played.game.pk, "secrets"])).status_code == 404


def test_xlsx_download_has_every_table(client, played, host_user):
    client.force_login(host_user)
    response = client.get(reverse("reports:game-xlsx", args=[played.game.pk]))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Summary", "Questions", "Players", "Answers"]
    assert [c.value for c in book["Players"][2]][:3] == [1, "Ana", Player.objects.get(nickname="Ana").score]
    assert book["Questions"]["G2"].value == 33


def test_nicknames_that_look_like_formulas_stay_text_in_downloads(client, play, host_user):
    play.join("=HYPERLINK(1)", "Bo")
    play.start()
    play.choose("=HYPERLINK(1)", 0, 1, "Ossification")
    play.choose("Bo", 0, 1, "Erosion")
    client.force_login(host_user)
    players = client.get(reverse("reports:game-csv", args=[play.game.pk, "players"])).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in players
    book = load_workbook(io.BytesIO(client.get(reverse("reports:game-xlsx", args=[play.game.pk])).content))
    cell = book["Players"]["B2"]
    assert cell.value == "=HYPERLINK(1)" and cell.data_type == "s"


def test_a_running_game_reports_the_closed_questions_only(play):
    play.join("Ana", "Ben")
    assert game_report(game=play.state).questions == []
    play.start()
    play.choose("Ana", 0, 1, "Ossification")
    assert game_report(game=play.state).questions == []
    play.choose("Ben", 0, 1, "Erosion")
    play.next(2)
    assert play.state.phase == Game.Phase.QUESTION
    (first,) = game_report(game=play.state).questions
    assert (first.answered, first.correct) == (2, 1)


def test_a_late_joiner_is_not_counted_for_questions_before_they_came(play):
    play.join("Ana")
    play.start()
    play.choose("Ana", 0, 1, "Ossification")
    play.next(2)
    play.join("Late")
    play.choose("Ana", 1, 1, "Dystrophic", "Metastatic")
    play.next()
    first, second = game_report(game=play.state).questions
    assert (first.players, second.players) == (1, 2)
    assert second.unanswered == 1


def test_a_question_edited_after_the_game_does_not_break_the_report(played, host_user):
    Choice.objects.filter(question_id=played.game.question_ids[0], text="Calcification").delete()
    Choice.objects.filter(question_id=played.game.question_ids[0], text="Filtration").delete()
    _presentation.cache_clear()  # another process, or a later request, sees the edited question
    report = game_report(game=played.state)
    assert report.questions[0].answered == 3
    assert [o.text for o in report.questions[0].options] == ["Ossification", "Erosion"]
    given = {a.answer for a in report.answers if a.number == 1}
    assert given <= {"Ossification", "Erosion", "(the question has changed since the game)"}
