from models.clean import clean_document, date_from_filename, find_date, strip_markdown, take_credits
from models.ingest import RawDocument, read_path
from tests.conftest import SEED


def clean_text(text, fmt="txt", **kw):
    return clean_document(RawDocument(id="d", text=text, fmt=fmt, origin="d.txt", **kw))


def test_clean_seed_has_content_paragraphs_without_furniture():
    (raw,), _ = read_path(SEED)
    doc, paragraphs = clean_document(raw)
    assert len(paragraphs) >= 15
    for p in paragraphs:
        assert not p.lower().startswith("see also")
        assert "Apple Store" not in p and "Play Store" not in p
        assert "BERNAMA" not in p and "reported Xinhua" not in p
    assert doc.title == "Xi, Putin agree to deepen strategic partnership for new era"
    assert doc.place == "MOSCOW"
    assert set(doc.source.split(", ")) == {"Bernama", "Xinhua"}
    assert paragraphs[0].startswith("Chinese President Xi Jinping on Tuesday held talks")


def test_clean_seed_date_comes_from_file_name():
    (raw,), _ = read_path(SEED)
    assert clean_document(raw)[0].date == "2023-03"


def test_clean_drops_teasers_and_app_footers_it_has_not_seen():
    text = (
        "Ministers meet in Rome\n\nITALY: The ministers met on Friday.\n\n"
        "Read also: Floods hit the north of the country\n\nThey agreed to talk again.\n\n"
        "Download on the App Store or Google Play.\n\nFollow us on Telegram for more news"
    )
    doc, paragraphs = clean_text(text)
    assert paragraphs == ["The ministers met on Friday.", "They agreed to talk again."]
    assert doc.place == "ITALY"


def test_clean_markdown_furniture_is_removed():
    text = (
        "**FOR IMMEDIATE RELEASE**  \n01/24/25\n\n**<u>Members of the Delegation:</u>**\n\n"
        "The **President** met the *Prime Minister* and discussed the 80<sup>th</sup>\n"
        "anniversary of the [alliance](https://example.org/a).\n\n\\###\n"
    )
    doc, paragraphs = clean_text(text, fmt="md", title="Delegation")
    assert doc.date == "2025-01-24"
    assert paragraphs == [
        "Members of the Delegation:",
        "The President met the Prime Minister and discussed the 80th anniversary of the alliance.",
    ]


def test_clean_joins_hard_wrapped_lines_and_splits_bullets():
    text = (
        "The leaders committed to a long-\nterm partnership and welcomed progress\n"
        "on energy.\n\n-   First item that wraps\n    onto a second line.\n-   Second item.\n"
    )
    _, paragraphs = clean_text(text, fmt="md", title="x")
    assert paragraphs == [
        "The leaders committed to a long-term partnership and welcomed progress on energy.",
        "First item that wraps onto a second line.",
        "Second item.",
    ]


def test_clean_single_newline_paragraphs_with_ocr_slips():
    text = (
        "We are at a time fraught with challenges. The coronavirus disease\n"
        "(COVID-19) keeps resurfacing.\nBut we are also at a time full of hope.\n"
        "Peace and development remain the trend of our\ntimes.\n"
    )
    _, paragraphs = clean_text(text, fmt="md", title="Speech")
    assert paragraphs == [
        "We are at a time fraught with challenges. The coronavirus disease (COVID-19) keeps"
        " resurfacing.",
        "But we are also at a time full of hope.",
        "Peace and development remain the trend of our times.",
    ]


def test_clean_credits_become_the_source():
    assert take_credits("They met. – AFP") == ("They met.", ["Afp"])
    assert take_credits("The talks ended, reported TASS.") == ("The talks ended.", ["TASS"])
    assert take_credits("He spoke, reported Tuesday.")[1] == []
    doc, paragraphs = clean_text(
        "BEIJING, March 21 (Xinhua) -- Talks were held.\n\nMore text here."
    )
    assert (doc.place, doc.date, doc.source) == ("BEIJING", None, "Xinhua")
    assert paragraphs[0] == "Talks were held."


def test_clean_record_date_is_normalized_and_kept():
    doc, _ = clean_text("Body text.", fmt="md", title="T", date="2022")
    assert doc.date == "2022"


def test_clean_finds_dates_in_text_and_file_names():
    assert find_date("Moscow, 21 March 2023") == "2023-03-21"
    assert find_date("on March 21, 2023 the") == "2023-03-21"
    assert date_from_filename("talks-2023-03-21.txt") == "2023-03-21"
    assert date_from_filename("notes.txt") is None


def test_clean_text_html_is_left_as_text_outside_markdown():
    _, paragraphs = clean_text("Title\n\nA paragraph with <script>alert(1)</script> in it.")
    assert paragraphs == ["A paragraph with <script>alert(1)</script> in it."]
    assert strip_markdown("a <u>b</u> c") == "a b c"
    assert strip_markdown("see [the text](https://x.org/a_(b)) here") == "see the text here"
