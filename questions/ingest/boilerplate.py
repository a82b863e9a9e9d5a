"""Boilerplate removal for scraped pages: site chrome, bylines, author bios, forum profiles, link lists.

Each filter takes and returns raw lines so it can be tested alone; `remove_boilerplate` runs them in order.
Nothing here may decide content is boilerplate just because it is short: content headings stay.
"""
from __future__ import annotations

import re

from .document import RawLine

EMOJI = re.compile(
    "[\U0001f000-\U0001faff\U00002600-\U000027bf\U0001f1e6-\U0001f1ff\u2b00-\u2bff\ufe0f\u200d\u20e3]+"
)
NAV_SEGMENT = re.compile(r"^\s*(go|jump|skip|back|scroll|return) to\b.{0,40}$", re.I)
MONTHS = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE = re.compile(
    rf"^(on\s+)?({MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{MONTHS},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|"
    rf"\d{{1,2}}/\d{{1,2}}/\d{{2,4}})$",
    re.I,
)
COUNT = re.compile(r"^[\d.,]+\s*[kKmM]?$")
PROFILE_KEY = re.compile(
    r"^(joined|posts|messages|reputation|reaction score|points|likes|trophies|threads|location|"
    r"member since|karma|rank|badges)\s*:?\s*(.*)$",
    re.I,
)
WHOLE_LINE = re.compile(
    r"^(not available|advertisement|sponsored|share|share this|tweet|pin it|print|email|comments?|"
    r"\d+\s+comments?|leave a (comment|reply)|reply|quote|report|like|sign up|log ?in|register|subscribe|"
    r"click here|back to top|table of contents|skip to (main )?content|cite this( article)?|"
    r"(see|read) (also|more)|all rights reserved|privacy policy|terms of (use|service)|cookie policy|"
    r"(trending|popular|new|related|similar|recent|latest|more) (comparisons|articles|posts|stories|topics)|"
    r"you may also like|recommended( for you)?|related|advertisement)\W*$",
    re.I,
)
LINE_PREFIX = re.compile(
    r"^(read more( about)?\b|other articles related to\b|see also\b|related:|tags?:|categor(y|ies):|"
    r"source:|image (credit|source)|photo( credit)?:|©|copyright\b|"
    r"(last )?(updated|published|posted)( on)?\s+\w+\s+\d)",
    re.I,
)
AUTHOR_START = re.compile(
    r"^(about (the )?(author|editor|writer)s?|written by|edited by|reviewed by|fact[- ]checked by|"
    r"meet the author)\b",
    re.I,
)
BYLINE_NAME = re.compile(r"\b(?:[Bb]y)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})")
BIO_WORDS = re.compile(
    r"\b(degree|writer|blogger|editor|journalis[tm]|enthusiast|graduated?|bachelor'?s?|master'?s?|"
    r"ph\.?d|her work|his work|she has|he has|she is|he is|passion for|her time|his time|loves?|"
    r"contributor|author of)\b",
    re.I,
)
SITE_WORDS = re.compile(r"(\bwiki\b|\.com\b|\.org\b|\.net\b|\bblog\b|\bforums?\b|\bonline\b|\bhub\b)", re.I)
LINK_ITEM = re.compile(r"\b(vs\.?|versus)\b", re.I)
SNIPPET = re.compile(r"^(\.\.\.|…)|(\.\.\.|…)$")
TERMINAL = (".", "!", "?", ";", ":", ",")


def words(text: str) -> list[str]:
    return text.split()


def strip_markers(line: RawLine) -> RawLine:
    """Remove emoji and navigation phrases that emoji often delimit (e.g. a "go to the table" link)."""
    if not line.text:
        return line
    segments = [s for s in EMOJI.split(line.text) if not NAV_SEGMENT.match(s)]
    text = " ".join(" ".join(s.split()) for s in segments if s.strip())
    if text == line.text:
        return line
    cells = tuple(" ".join(EMOJI.sub(" ", c).split()) for c in line.cells)
    return RawLine(text, line.hint if text else "blank", line.level, cells)


GLUED_SENTENCE = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")
GLUED_COLON = re.compile(r"(?<=[A-Za-z]:)(?=[A-Z][a-z])")


def tidy(line: RawLine) -> RawLine:
    """Restore spaces that scraping lost between sentences ("end.Next") and after labels ("Label:Text")."""
    text = GLUED_COLON.sub(" ", GLUED_SENTENCE.sub(" ", line.text))
    if text == line.text:
        return line
    return RawLine(text, line.hint, line.level, line.cells)


def is_single_boilerplate(text: str) -> bool:
    """Lines that are chrome wherever they appear."""
    stripped = text.strip(" -–—|•*")
    return bool(
        WHOLE_LINE.match(stripped)
        or LINE_PREFIX.match(stripped)
        or DATE.match(stripped)
        or SNIPPET.search(stripped)
        or "||" in stripped
    )


def drop_forum_profiles(lines: list[RawLine]) -> list[RawLine]:
    """Drop forum member panels: Joined/Posts/Reputation runs with their dates, counts, name and rank."""
    drop: set[int] = set()
    content = [i for i, line in enumerate(lines) if line.text]
    index = 0
    while index < len(content):
        run: list[int] = []
        keys = 0
        j = index
        while j < len(content):
            text = lines[content[j]].text.strip()
            if PROFILE_KEY.match(text):
                keys += 1
            elif not (DATE.match(text) or COUNT.match(text)):
                break
            run.append(content[j])
            j += 1
        if keys >= 2:
            drop.update(run)
            k = index - 1
            while k >= 0 and index - k <= 3:
                text = lines[content[k]].text
                if len(words(text)) > 3 or text.endswith(TERMINAL) or content[k] in drop:
                    break
                drop.add(content[k])
                k -= 1
            index = j
        else:
            index += 1
    return [line for i, line in enumerate(lines) if i not in drop]


def author_names(lines: list[RawLine]) -> set[str]:
    """Names of people credited in bylines or author boxes."""
    names: set[str] = set()
    for i, line in enumerate(lines):
        if "||" in line.text or AUTHOR_START.match(line.text) or line.text.lower().startswith("by "):
            names.update(BYLINE_NAME.findall(line.text))
            if AUTHOR_START.match(line.text) and len(words(line.text)) <= 3:
                following = next((n for n in lines[i + 1 :] if n.text), None)
                if following and 2 <= len(words(following.text)) <= 3 and following.text.istitle():
                    names.add(following.text.strip())
    return {n for n in names if len(n) > 2}


def site_names(lines: list[RawLine], people: set[str]) -> set[str]:
    """Site names: short leading lines that look like a brand, or brands a bio says the author writes for."""
    sites: set[str] = set()
    bio_text = " ".join(line.text for line in lines if any(p in line.text for p in people))
    for match in re.finditer(r"\b(?:for|to|at|on|with)\s+((?:[A-Z][\w.]*\s?){1,3})", bio_text):
        candidate = match.group(1).strip()
        if candidate not in people and not any(candidate in p or p in candidate for p in people):
            sites.add(candidate)
    leading = [line for line in lines if line.text][:2]
    for line in leading[:1]:
        if len(words(line.text)) <= 4 and not line.text.endswith(TERMINAL) and SITE_WORDS.search(line.text):
            sites.add(line.text.strip())
    return {s for s in sites if len(s) > 3 and s.lower() not in {"the", "this"}}


def drop_author_zones(lines: list[RawLine]) -> list[RawLine]:
    """Drop bylines, author boxes and biographies, and the site name they mention."""
    people = author_names(lines)
    sites = site_names(lines, people)
    out: list[RawLine] = []
    in_zone = False
    for line in lines:
        text = line.text.strip()
        if not text:
            out.append(line)
            continue
        mentions_person = any(p in text for p in people)
        if AUTHOR_START.match(text):
            in_zone = True
            continue
        if in_zone and (mentions_person or len(words(text)) <= 4 or BIO_WORDS.search(text)):
            continue
        in_zone = False
        if mentions_person or text in sites or "||" in text:
            continue
        if text.lower().startswith("by ") and len(words(text)) <= 6:
            continue
        out.append(line)
    return out


def drop_link_lists(lines: list[RawLine]) -> list[RawLine]:
    """Drop runs of ≥3 short "X vs Y" style lines: related/trending link lists, not content."""
    content = [i for i, line in enumerate(lines) if line.text]
    drop: set[int] = set()
    start = 0
    while start < len(content):
        end = start
        while end < len(content):
            text = lines[content[end]].text
            if len(words(text)) > 10 or text.endswith(".") or lines[content[end]].hint == "row":
                break
            end += 1
        run = content[start:end]
        linky = [i for i in run if LINK_ITEM.search(lines[i].text)]
        if len(run) >= 3 and len(linky) >= max(3, int(0.6 * len(run))):
            first = min(linky)
            drop.update(i for i in run if i >= first)
            start = end
        else:
            start = max(end, start + 1)
    return [line for i, line in enumerate(lines) if i not in drop]


def drop_related_snippets(lines: list[RawLine]) -> list[RawLine]:
    """Drop "other articles" sections: search-result titles followed by "… snippet …" lines."""
    out: list[RawLine] = []
    related = False
    for index, line in enumerate(lines):
        text = line.text.strip()
        if not text:
            out.append(line)
            continue
        if re.match(r"^(other articles related to|related articles|more on this topic)\b", text, re.I):
            related = True
            continue
        following = next((n.text.strip() for n in lines[index + 1 :] if n.text.strip()), "")
        is_title = len(words(text)) <= 20 and not text.endswith((".", "!", "?"))
        if SNIPPET.search(text) or (is_title and SNIPPET.search(following)):
            continue
        if related and (is_title or len(words(text)) < 12):
            continue
        related = False
        out.append(line)
    return out


def remove_boilerplate(lines: list[RawLine]) -> list[RawLine]:
    """All filters, in an order where earlier ones expose what later ones need."""
    lines = [tidy(strip_markers(line)) for line in lines]
    lines = drop_forum_profiles(lines)
    lines = drop_author_zones(lines)
    lines = drop_related_snippets(lines)
    lines = drop_link_lists(lines)
    return [line for line in lines if not line.text or not is_single_boilerplate(line.text)]
