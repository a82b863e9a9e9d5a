"""Segmentation: headings, lists, tables (pipe, tab, alternating-line charts), Q/A pairs, de-duplication,
and spans that always index the stored text."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from questions.ingest import IngestedDocument, ingest
from questions.ingest.segment import compared_terms


def doc(text: str, name: str = "notes.txt") -> IngestedDocument:
    return ingest(text.encode(), name)


def blocks_of(document: IngestedDocument, kind: str):
    return [b for b in document.blocks if b.kind == kind]


def assert_spans_consistent(document: IngestedDocument) -> None:
    for block in document.blocks:
        assert 0 <= block.start <= block.end <= len(document.text)
        for item in block.items:
            assert document.text[item.start : item.end] == item.text
        for row in block.rows:
            for cell in row:
                assert document.text[cell.start : cell.end] == cell.text


CHART = """Rain vs. Snow: A Comparison

Comparison Chart


Liquid drops of water
Frozen ice crystals


Falls when air is above freezing
Falls when air is below freezing

Effect on Roads

Makes surfaces slick with water
Can pile up and block roads

Measured With

Rain gauge
Snow board and ruler
"""


def test_alternating_line_chart_becomes_a_table_with_inferred_columns():
    document = doc(CHART)
    [table] = blocks_of(document, "table")
    assert table.header == ("", "Rain", "Snow")
    assert [[c.text for c in row] for row in table.rows] == [
        ["", "Liquid drops of water", "Frozen ice crystals"],
        ["", "Falls when air is above freezing", "Falls when air is below freezing"],
        ["Effect on Roads", "Makes surfaces slick with water", "Can pile up and block roads"],
        ["Measured With", "Rain gauge", "Snow board and ruler"],
    ]
    assert any(document.text[b.start : b.end] == "Comparison Chart" for b in blocks_of(document, "heading"))
    assert_spans_consistent(document)


def test_compared_terms_from_titles():
    assert compared_terms("Rain vs. Snow: What's the Difference?") == ("Rain", "Snow")
    assert compared_terms("What is the Difference Between Hail and Sleet?") == ("Hail", "Sleet")
    assert compared_terms("Weather notes") is None


def test_question_lines_followed_by_answers_are_qa_pairs():
    document = doc("Weather questions\n\nWhat is drizzle?\n\nVery light rain made of fine drops.\n\n"
                   "Does snow melt on warm roads?\nYes, within a few minutes.\n")
    pairs = blocks_of(document, "qa")
    assert [[i.text for i in b.items] for b in pairs] == [
        ["What is drizzle?", "Very light rain made of fine drops."],
        ["Does snow melt on warm roads?", "Yes, within a few minutes."],
    ]
    assert_spans_consistent(document)


def test_pipe_and_tab_separated_tables():
    piped = doc("Clouds\n\nName | Height\n---|---\nCirrus | High\nStratus | Low\n")
    [table] = blocks_of(piped, "table")
    assert table.header == ("Name", "Height")
    tabbed = doc("Clouds\n\nCirrus\tHigh\tWispy\nStratus\tLow\tFlat\n")
    [table] = blocks_of(tabbed, "table")
    assert [[c.text for c in row] for row in table.rows] == [["Cirrus", "High", "Wispy"], ["Stratus", "Low", "Flat"]]
    assert_spans_consistent(tabbed)


def test_lists_and_label_items_become_sub_headings():
    document = doc("Storms\n\n- Thunder:\n- Loud sound after lightning.\n- Travels slower than light.\n"
                   "- Hail:\n- Balls of ice.\n\n1. Watch the sky\n2. Count the seconds\n")
    kinds = [b.kind for b in document.blocks]
    assert kinds == ["heading", "heading", "bullet_list", "heading", "bullet_list", "numbered_list"]
    assert [i.text for i in document.blocks[2].items] == ["Loud sound after lightning.", "Travels slower than light."]
    assert document.blocks[2].section == "Thunder"
    assert_spans_consistent(document)


def test_short_unpunctuated_lines_before_content_are_headings():
    document = doc("Kinds of rain\n\nDrizzle\nVery fine drops that fall slowly.\nShowers\nShort bursts of rain.\n")
    assert [b.kind for b in document.blocks] == ["heading", "heading", "paragraph", "heading", "paragraph"]
    assert document.blocks[2].section == "Drizzle"


def test_repeated_paragraphs_and_sentences_are_removed():
    text = ("Fog notes\n\nFog is a cloud at ground level. It forms on calm nights.\n"
            "Fog lifts when the sun warms the ground.\n"
            "Fog is a cloud at ground level. It forms on calm nights. Sea fog can last for days.\n")
    document = doc(text)
    assert document.text.count("Fog is a cloud at ground level.") == 1
    assert "Sea fog can last for days." in document.text


def test_duplicated_section_keeps_the_richer_copy_and_drops_empty_headings():
    text = ("Frost\nFrost forms when surfaces cool below freezing.\n"
            "Rime\nRime is ice built from freezing fog.\nHoar\nHoar is feathery frost from vapour.\n"
            "Rime\nRime is ice built from freezing fog.\n- Grows on the windward side.\n- Looks like white feathers.\n")
    document = doc(text)
    assert document.text.count("Rime is ice built from freezing fog.") == 1
    rime = [b for b in document.blocks if document.text[b.start : b.end] == "Rime"]
    assert len(rime) == 1
    following = document.blocks[document.blocks.index(rime[0]) + 2]
    assert following.kind == "bullet_list"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60),
    st.sampled_from(["", "- item one", "1. first", "a | b | c", "Why is it?", "Heading Line", "x\ty"]),
), min_size=1, max_size=30))
def test_any_text_gives_consistent_spans(lines):
    data = "\n".join(lines).encode()
    try:
        document = ingest(data, "random.txt")
    except Exception as exc:  # only a clean refusal is allowed
        assert type(exc).__name__ == "IngestError"
        return
    assert_spans_consistent(document)
    assert document.text == document.text.strip()
