"""Scraped-page chrome never reaches the stored text (examples written for these tests)."""
from __future__ import annotations

from questions.ingest import ingest
from questions.ingest.boilerplate import drop_forum_profiles, is_single_boilerplate, strip_markers
from questions.ingest.document import RawLine


def text_of(source: str) -> str:
    return ingest(source.encode(), "page.txt").text


def test_forum_profile_panel_with_name_and_rank_is_dropped():
    page = ("snowfan42\nGold Member\n- Joined\n- Mar 3, 2021\n- Messages\n- 1,204\n- Reputation\n- 88\n"
            "Sleet is rain that freezes into ice pellets before it reaches the ground.\n")
    text = text_of(page)
    assert text == "Sleet is rain that freezes into ice pellets before it reaches the ground."


def test_profile_filter_needs_several_profile_keys():
    lines = [RawLine("Posts"), RawLine("The posts of a fence hold the rails.")]
    assert drop_forum_profiles(lines) == lines


def test_byline_author_box_bio_and_site_name_are_dropped():
    page = (
        "Weather Wiki\n\nSleet vs. Hail: What's the Difference?\n\n"
        "Edited by Tom Baker || By Sara Lund || Published on March 2, 2023\n"
        "Sleet is made of small ice pellets, while hail forms in thunderstorm updrafts.\n"
        "About Author\nWritten by\nSara Lund\n"
        "Sara Lund has written for Weather Wiki for ten years and holds a degree in meteorology.\n"
        "Edited by\nTom Baker\nTom Baker, a keen editor and cyclist, checks every article on Weather Wiki.\n"
    )
    text = text_of(page)
    for junk in ("Weather Wiki", "Sara", "Tom", "Published", "About Author", "Written by", "Edited by"):
        assert junk not in text, junk
    assert "hail forms in thunderstorm updrafts" in text


def test_related_link_lists_and_more_links_are_dropped():
    page = (
        "Hail forms when updrafts carry raindrops high into freezing air.\n"
        "Trending Comparisons\n- Rain vs Drizzle\n- Fog vs Mist\n- Sleet vs Hail\n- Cloud vs Fog\n"
        "Read more about Hail: History, Records\n"
        "Other articles related to \"hail\":\n"
        "Hail Storms - Damage\n... roofs and cars can be dented by large stones ...\n"
        "Not Available\n"
    )
    text = text_of(page)
    assert text == "Hail forms when updrafts carry raindrops high into freezing air."


def test_emoji_and_navigation_phrases_are_stripped():
    line = strip_markers(RawLine("⛅ Skip to the chart ⛅The wettest month is usually November."))
    assert line.text == "The wettest month is usually November."


def test_single_line_patterns():
    for junk in ("Not Available", "Share this", "Published on May 1, 2020", "... some snippet ...", "Jun 4, 2022"):
        assert is_single_boilerplate(junk), junk
    assert not is_single_boilerplate("Related rain gauges measure rainfall.")
