import json
import os
import subprocess
import sys

import pytest
import yaml

from models.clean import clean_document, date_from_filename, find_date, strip_markdown, take_credits
from models.dates import dayfirst_convention
from models.errors import ReadoutError
from models.furniture import load_furniture
from models.ingest import RawDocument, read_path
from tests.conftest import ROOT, SEED


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
    assert doc.place == "Moscow"
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
    assert doc.place == "Italy"


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
    assert take_credits("They met. – AFP") == ("They met.", ["AFP"])
    assert take_credits("The talks ended, reported TASS.") == ("The talks ended.", ["TASS"])
    assert take_credits("He spoke, reported Tuesday.")[1] == []
    doc, paragraphs = clean_text(
        "BEIJING, March 21 (Xinhua) -- Talks were held.\n\nMore text here."
    )
    assert (doc.place, doc.date, doc.source) == ("Beijing", None, "Xinhua")
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


PAGES = ROOT / "tests" / "fixtures" / "pages"
EXPECTED = yaml.safe_load((PAGES / "expected.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_clean_saved_pages_lose_furniture_and_keep_content(name):
    expected = EXPECTED[name]
    (raw,), _ = read_path(PAGES / name)
    doc, paragraphs = clean_document(raw)
    assert (doc.title, doc.date, doc.place, doc.source) == (
        expected["title"],
        expected["date"],
        expected["place"],
        expected["source"],
    )
    assert len(paragraphs) == len(expected["kept"])
    for paragraph, start in zip(paragraphs, expected["kept"], strict=True):
        assert " ".join(start.split()) in paragraph[: len(start) + 60]
    lines = [" ".join(x.split()) for x in raw.text.split("\n") if x.strip()]
    for i, line in enumerate(lines):
        if line == doc.title or any(k in line for k in expected["kept"]):
            continue
        if len(line.split()) >= 4:
            assert not any(line in p for p in paragraphs), line
            continue
        # a short furniture line ('US', 'min') may be part of a word: it must not be a
        # paragraph of its own nor be joined to the line before or after it
        joined = [f"{x} {line}" for x in lines[max(i - 1, 0) : i]]
        joined += [f"{line} {x}" for x in lines[i + 1 : i + 2]]
        assert line not in paragraphs, line
        assert not any(j in p for j in joined for p in paragraphs), line


FURNITURE_LINES = [
    "Must Read",
    "Latest News",
    "Most Viewed",
    "Trending",
    "Top Stories:",
    "By John Smith",
    "By Staff Reporter",
    "Written by Jane Doe",
    "Edited by: AB",
    "(AB/CD)",
    "ab/rt (AFP, Reuters)",
    "-- ABC",
    "ED: XYZ",
    "Updated: 21 Mar 2023, 10:05 AM IST",
    "Published on March 21, 2023",
    "2 hours ago",
    "March 21, 2023 | 11:45",
    "Last Updated: 2023-03-21 09:00 GMT",
    "Share this article",
    "Share",
    "Comments",
    "Comments (12)",
    "Thank you for sharing your thoughts. Your comment will be reviewed before it appears.",
    "Disclaimer: Comments posted by readers do not reflect the views of this website.",
    "Leave a comment",
    "Post a comment",
    "1,234 views",
    "5 min read",
    "(With inputs from agencies)",
    "LIVE: Follow all the updates from the summit here",
    "Foreign Desk",
    "BY NEWS DESK",
    "Our Correspondent",
    "Columns",
    "ePaper",
    "Get Alerts",
    "Connect with us",
    "View settings",
    "Font size:",
    "Site colours:",
    "Images",
    "Settings",
    "High contrast",
    "Version for the visually impaired",
    "Official website of the Ministry of Foreign Affairs",
    "The official portal of the Government of Ruritania",
    "News   /",
    "Home / World / Europe",
    "Foreign ministers walk to the talks in Geneva . Image Credit: Reuters",
    "The two delegations at the table | Photo: AFP",
    "Delegates in the hall before the vote Photo credit: Jane Roe",
    "Jane Roe (left) greets John Doe (2nd R) at the airport on Monday.",
    "×",
    "✕",
    "X",
    "Похожие статьи",
    "Добавить комментарий",
    "关于我们",
    "Die Regierung lehnt das Abkommen mit den Nachbarn ab",
    "Le président a reçu son homologue à Paris",
    # short lines in another language or script on an English page
    "Baca juga: Menteri luar negeri bertemu di Jakarta",
    "Presiden bertemu dengan menteri di istana",
    "اقرأ أيضا",
    "عربي | English",
    "Фото: example.kz",
    # template leftovers, masthead, outlet and links to the page itself
    "None",
    "Go to Contents",
    "Return to top",
    "Since 1975",
    "The Example Times",
    "Short Url:",
    "Direct link: example.org/d/12345",
    "• Facebook",
    "Instagram",
    # bylines, credits, counters and print sign-offs
    "reporter@example.co.kr",
    "Reuters | Published",
    "2 min",
    "High views",
    "Published in The Daily Example, April 2nd, 2021",
    # captions marked for editors or ending with a file picture's credit
    "The ministers shake hands before the talks in Seoul. (PHOTO NOT FOR SALE) (Yonhap)",
    "Delegates arrive for the talks in Geneva. File picture: Jane Roe, Pool via Reuters",
    # an official site's chrome
    "Text version",
    "Transcripts   /",
    "Published in sections: News, Transcripts",
    "Publication date: March 21, 2023, 13:00",
    "Geography: Ruritania",
    "International News",
    # a template's field names left without their values
    "ID :",
    "Category :",
    "Published:",
]

CONTENT_LINES = [
    "MOSCOW, March 21 (Xinhua) -- Chinese President Xi Jinping held talks with Putin.",
    "“We will never accept this,” Putin said.",
    "He said the talks were useful.",
    "The two sides agreed to meet again in 2024.",
    "Xi arrived in Moscow on March 20, 2023.",
    "By 2030 the two countries aim to double trade.",
    "By contrast, the United States called for restraint.",
    "Share prices rose after the talks, the ministry said.",
    "Comments by the minister drew criticism in Kyiv.",
    "The talks lasted two hours.",
    "Le Drian and Blinken discussed the Sahel.",
    "The leaders discussed trade, energy and security.",
    "Images of the meeting were released by the ministry.",
    "The official website of the summit lists the agreements.",
    "Font size matters, the designers said.",
    "The desk officers in Geneva prepared the talks.",
    "U.S./EU trade talks resumed on Friday.",
    "Health ministers will meet in June / July.",
    # a transcript's speaker label stays whole, with its '(retranslated)'
    "President of Ruritania Jane Doe (retranslated): Mr President, welcome to our capital.",
    "John Roe (retranslated): Thank you very much.",
    "President of Ruritania Jane Doe:",
    "Since 1975 the two countries have traded grain.",
    "None of the ministers spoke to reporters.",
    "Topics discussed included trade and energy.",
    "The Times reported the talks on Friday.",
    "Jakarta and Moscow agreed to expand trade.",
    "The President of Kazakhstan met the delegation in Astana.",
]


def page_of(*lines):
    return "\n".join(["Leaders meet in Moscow", *lines, "The meeting ended on Tuesday."])


@pytest.mark.parametrize("line", FURNITURE_LINES)
def test_clean_general_furniture_rules_drop_the_line(line):
    _, paragraphs = clean_text(page_of("The leaders met for talks on trade.", line))
    assert paragraphs == ["The leaders met for talks on trade.", "The meeting ended on Tuesday."]


@pytest.mark.parametrize("line", CONTENT_LINES)
def test_clean_typical_content_lines_survive(line):
    _, paragraphs = clean_text(page_of("The leaders met for talks on trade.", line))
    kept = paragraphs[1] if not line.startswith("MOSCOW") else "MOSCOW, " + paragraphs[1]
    assert kept.endswith(line[-30:])
    assert len(paragraphs) == 3


def test_clean_teaser_list_under_a_label_is_dropped_until_a_sentence():
    _, paragraphs = clean_text(
        page_of(
            "The leaders met for talks on trade.",
            "Most Viewed",
            "Floods hit the north of the country",
            "3 hours ago",
            "Minister resigns over budget row",
        )
    )
    assert paragraphs == ["The leaders met for talks on trade.", "The meeting ended on Tuesday."]


def test_clean_headline_repeated_as_first_line_is_dropped():
    doc, paragraphs = clean_text(
        "Xi meets Putin in Moscow\nXi meets Putin in Moscow\nThe talks were held on Tuesday."
    )
    assert doc.title == "Xi meets Putin in Moscow"
    assert paragraphs == ["The talks were held on Tuesday."]
    _, paragraphs = clean_text(
        "Xi meets Putin\n\nXi meets Putin\n\nThey met.", title="Xi meets Putin"
    )
    assert paragraphs == ["They met."]


def test_clean_header_lines_under_a_headline_are_not_joined_to_it():
    doc, paragraphs = clean_text(
        "Ministers meet in Geneva\n\n"
        "Ministers meet in Geneva\nForeign Desk\n9:40 AM | March 14, 2019\nNational\n\n"
        "Reuters | Geneva | Updated: 14-03-2019 08:15 CET | Created: 14-03-2019 08:10 CET\n"
        "Ministers walk to the hall . Image Credit: Reuters\n"
        "The foreign ministers met on Thursday to discuss the water treaty.\n\n"
        "They agreed to meet again in May."
    )
    assert (doc.title, doc.date, doc.source) == (
        "Ministers meet in Geneva",
        "2019-03-14",
        "Reuters",
    )
    assert paragraphs == [
        "The foreign ministers met on Thursday to discuss the water treaty.",
        "They agreed to meet again in May.",
    ]


def test_clean_byline_timestamp_line_is_not_joined_to_the_lead():
    doc, paragraphs = clean_text(
        "Ministers meet in Geneva\n\nBy Example News   March 14, 2019 | 09:40 am PT\n"
        "The foreign ministers met on Thursday.\n\nThey agreed to meet again."
    )
    assert doc.date == "2019-03-14"
    assert paragraphs == ["The foreign ministers met on Thursday.", "They agreed to meet again."]


def test_clean_desk_and_section_breadcrumb_leading_the_first_paragraph_is_cut():
    for lead in ("Web Desk/World/Geneva/ ", "FOREIGN DESK: ", "Foreign Desk - "):
        _, paragraphs = clean_text(f"Talks\n\n{lead}The ministers met on Friday.\n\nThey talked.")
        assert paragraphs == ["The ministers met on Friday.", "They talked."], lead
    _, paragraphs = clean_text("Talks\n\nU.S./EU/UK talks resumed on Friday.\n\nThey talked.")
    assert paragraphs[0] == "U.S./EU/UK talks resumed on Friday."


def test_clean_site_chrome_of_an_official_site_is_dropped():
    doc, paragraphs = clean_text(
        "View settings\n\nFont size:\nSite colours:\nImages\n\nSettings\n\n"
        "Official website of the Prime Minister of Ruritania\n\nNews   /\n\n"
        "Talks with the President of Freedonia\n\n"
        "Prime Minister: Mr President,\n\nColleagues,\n\nWelcome to our capital."
    )
    assert doc.title == "Talks with the President of Freedonia"
    assert paragraphs == ["Prime Minister: Mr President,", "Colleagues,", "Welcome to our capital."]


def test_clean_headline_before_the_tag_list_after_the_content_is_dropped():
    body = "The ministers met on Friday.\n\nThey agreed to meet again in May.\n\n"
    _, paragraphs = clean_text(
        f"Talks\n\n{body}Floods close schools across the northern provinces\n\n"
        "Tags:\n\nGeneva\n\nDiplomacy"
    )
    assert paragraphs == ["The ministers met on Friday.", "They agreed to meet again in May."]
    # the same lines with no label after them: a list that ends a statement stays
    _, paragraphs = clean_text(f"Talks\n\n{body}Clean energy\n\nSafe water")
    assert paragraphs[-2:] == ["Clean energy", "Safe water"]


def test_clean_caption_printed_twice_is_dropped():
    caption = "The two ministers pose for a photo before the talks in Geneva."
    _, paragraphs = clean_text(
        f"Talks in Geneva\n\n{caption}\n{caption}\n\nThe ministers met on Friday."
    )
    assert paragraphs == ["The ministers met on Friday."]
    _, paragraphs = clean_text("Talks\n\nPresident\nPresident\n\nThe ministers met on Friday.")
    assert paragraphs[0] == "President President"  # a signature table's two columns


def test_clean_with_inputs_from_agencies_is_cut_from_a_paragraph_end():
    _, paragraphs = clean_text(
        page_of("The leaders met for talks on trade. (With inputs from agencies)")
    )
    assert paragraphs[0] == "The leaders met for talks on trade."


def test_clean_dates_in_common_formats_and_their_ambiguity():
    assert find_date("Updated: 21 Mar 2023, 10:05 AM IST") == "2023-03-21"
    assert find_date("March 21, 2023 | 11:45") == "2023-03-21"
    assert find_date("on 2023-03-21") == "2023-03-21"
    assert find_date("21/03/2023") == "2023-03-21"  # 21 cannot be a month
    assert find_date("03/04/2023") == "2023-03-04"  # ambiguous slashes: month first
    assert find_date("03/04/2023", dayfirst=True) == "2023-04-03"  # the page's convention
    assert find_date("09-07-2024 02:23 IST") == "2024-07-09"  # dashes: day first
    assert find_date("(Sputnik - 18th November, 2019)") == "2019-11-18"
    assert find_date("Wednesday 22nd of May 2019") == "2019-05-22"
    assert find_date("Updated: Feb 9,2018 7:18 AM") == "2018-02-09"
    doc, _ = clean_text("Talks\n\n21/03/2023\n\nThey met on 02/03/2023.")
    assert doc.date == "2023-03-21"
    assert dayfirst_convention("21/03/2023 and 02/03/2023") is True


def test_clean_dateline_gives_place_date_and_agency():
    doc, paragraphs = clean_text(
        "Talks in Moscow\n\nMOSCOW, March 21, 2023 (Xinhua) -- Xi and Putin held talks."
    )
    assert (doc.place, doc.date, doc.source) == ("Moscow", "2023-03-21", "Xinhua")
    assert paragraphs == ["Xi and Putin held talks."]
    doc, paragraphs = clean_text("Talks\n\nST. PETERSBURG, June 17. /TASS/. Talks were held.")
    assert (doc.place, doc.source, paragraphs) == ("St. Petersburg", "TASS", ["Talks were held."])
    doc, paragraphs = clean_text("Talks\n\nWashington DC [US], October 22 (ANI): Trump spoke.")
    assert (doc.place, doc.source, paragraphs) == ("Washington DC", "ANI", ["Trump spoke."])


def test_clean_outlet_leading_the_first_paragraph_and_reported_credits():
    doc, paragraphs = clean_text("Talks\n\nShafaq News/ Blinken met Wang Yi.\n\nThey talked.")
    assert (doc.source, paragraphs[0]) == ("Shafaq News", "Blinken met Wang Yi.")
    doc, _ = clean_text("Talks\n\nXi met Putin in Shanghai, Xinhua reported.\n\nThey talked.")
    assert doc.source == "Xinhua"
    doc, _ = clean_text("Talks\n\nSource: VOV5\n\nThey talked.")
    assert doc.source == "VOV5"


def test_clean_bad_furniture_regex_names_file_and_entry(tmp_path):
    spec = yaml.safe_load((ROOT / "data" / "furniture.yaml").read_text(encoding="utf-8"))
    spec["lines"]["bylines"].append("^by (unclosed")
    path = tmp_path / "furniture.yaml"
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    with pytest.raises(ReadoutError) as err:
        load_furniture(path)
    message = str(err.value)
    assert "furniture.yaml: lines.bylines[" in message and "bad regular expression" in message
    assert "\n" not in message
    spec["labels"] = "not a list"
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    load_furniture.cache_clear()
    with pytest.raises(ReadoutError, match=r"furniture\.yaml: labels: "):
        load_furniture(path)
    load_furniture.cache_clear()


def test_clean_place_reaches_the_analyze_json(tmp_path):
    page = tmp_path / "talks.txt"
    page.write_text(
        "Xi and Putin hold talks\nUpdated: 21 Mar 2023, 10:05 AM IST\n"
        "MOSCOW, March 21 (Xinhua) -- Chinese President Xi Jinping held talks with Russian "
        "President Vladimir Putin on Tuesday.\nThe two sides agreed to deepen cooperation.\n"
        "Thank you for sharing your thoughts.\n",
        encoding="utf-8",
    )
    env = {**os.environ, "READOUT_EMBEDDER": "fake", "READOUT_STORE": str(tmp_path / "s.db")}
    done = subprocess.run(
        [sys.executable, "-m", "models", "analyze", str(page), "--json", "-"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(done.stdout)
    (document,) = data["documents"]
    assert (document["place"], document["date"], document["source"]) == (
        "Moscow",
        "2023-03-21",
        "Xinhua",
    )
    texts = [p["text"] for p in data["paragraphs"]]
    assert not any("Thank you" in t or "Updated" in t for t in texts)


def test_clean_section_labels_after_the_report_head_teasers_and_tags():
    body = "The ministers met on Friday.\n\nThey agreed to meet again in May.\n\n"
    _, paragraphs = clean_text(
        f"Talks in Geneva\n\n{body}Opinion\n\nEditorial\n\nFloods and budgets\n\n"
        "Updated 02 Apr, 2025\n\nFloods and budgets\n\nThe rains show what planning is for.\n\n"
        "Harvest worries\n\n02 Apr, 2025\n\nHarvest worries"
    )
    assert paragraphs == ["The ministers met on Friday.", "They agreed to meet again in May."]
    _, paragraphs = clean_text(f"Talks in Geneva\n\n{body}AFP\n\nWorld News\n\nUS\n\nGeneva")
    assert paragraphs == ["The ministers met on Friday.", "They agreed to meet again in May."]
    # a section label over the headline heads nothing; content after a list resumes
    doc, paragraphs = clean_text(
        "World News\n\nTalks in Geneva\n\nThe ministers met on Friday.\n\nRelated Stories\n\n"
        "Floods hit the north\n\nThe talks went well, he said. Both sides agreed.\n\nTrade deal"
    )
    assert doc.title == "Talks in Geneva"
    assert paragraphs == [
        "The ministers met on Friday.",
        "The talks went well, he said. Both sides agreed.",
        "Trade deal",
    ]


def test_clean_datelines_of_more_outlets_give_place_and_source():
    for lead, place, source in [
        ("ASTANA. KAZINFORM – ", "Astana", "Kazinform"),
        ("ASTANA. KAZINFORM ", "Astana", "Kazinform"),
        ("Jakarta, VIVA – ", "Jakarta", "VIVA"),
        ("Hanoi, VNA – ", "Hanoi", "VNA"),
        ("MOSCOW - ", "Moscow", None),
        ("KARACHI, Jun 3 (PPA):", "Karachi", "PPA"),
    ]:
        doc, paragraphs = clean_text(f"Talks\n\n{lead}The ministers met on Friday.\n\nThey talked.")
        assert (doc.place, doc.source) == (place, source)
        assert paragraphs[0] == "The ministers met on Friday."
    doc, paragraphs = clean_text("Talks\n\nWashington, D.C. – The ministers met.\n\nThey talked.")
    assert doc.source is None and paragraphs[0].startswith("Washington, D.C.")
    # a standfirst, an outlet's name, then the dateline
    doc, paragraphs = clean_text(
        "Talks in Amman\n\nThe talks covered aid and trade\n\nArab Example News\n\n"
        "RIYADH: The ministers met on Sunday.\n\nThey talked."
    )
    assert doc.place == "Riyadh"
    assert paragraphs == [
        "The talks covered aid and trade",
        "The ministers met on Sunday.",
        "They talked.",
    ]


def test_clean_title_of_a_page_without_one_is_cut_at_a_word():
    doc, _ = clean_text("Ministers of two countries met in the capital on Monday and agreed " * 3)
    assert doc.title.endswith(" …") and len(doc.title) <= 82
    assert (
        doc.title[:-2].split()[-1]
        in ("Ministers of two countries met in the capital on Monday and agreed").split()
    )


def test_clean_official_site_date_place_line_and_speaker_labels():
    doc, paragraphs = clean_text(
        "View settings\n\nOfficial website of the President of Ruritania\n\nTranscripts   /\n\n"
        "Talks with President of Freedonia\n\nJuly 16, 2018, Strelna, St Petersburg\n\n"
        "President of Ruritania Jane Doe (retranslated): Mr President, colleagues,\n\n"
        "Welcome to our capital.\n\nPublished in sections: News, Transcripts\n\n"
        "Publication date: July 16, 2018, 13:00\n\nText version"
    )
    assert (doc.title, doc.date, doc.place) == (
        "Talks with President of Freedonia",
        "2018-07-16",
        "Strelna, St Petersburg",
    )
    assert paragraphs == [
        "President of Ruritania Jane Doe (retranslated): Mr President, colleagues,",
        "Welcome to our capital.",
    ]
    doc, _ = clean_text("Talks\n\nMarch 14, 2019 PT\n\nThe ministers met.")
    assert (doc.place, doc.date) == (None, "2019-03-14")


def test_clean_search_box_glyph_lines_slugs_and_bracketed_teasers_are_furniture():
    doc, paragraphs = clean_text(
        "Ministers meet in Accra\n\nSearch\nClose this search box.\nname of the outlet\n\n"
        "BY\n\n-\n\n0\n\nghana-and-togo-sign-agreements-for-closer-cooperation\n\n"
        "The ministers met on Friday. (Also Read: Ghana Opens New Port)\n\nThey talked.\n\n"
        "Leave a Comment\n\nBe Social"
    )
    assert paragraphs[-2:] == ["The ministers met on Friday.", "They talked."]
    assert not any("search box" in p or p in ("BY", "-", "0", "Be Social") for p in paragraphs)


def test_clean_syndication_credit_script_notices_gallery_counts_and_wire_end():
    doc, paragraphs = clean_text(
        "Ministers meet in Accra\n\nJavaScript is disabled!\n\n"
        "Please enable JavaScript to read this content.\n\n12 photos\n\n"
        "Estimated read time: 2-3 minutes\n\n"
        "This archived news story is available only for your personal, non-commercial use.\n\n"
        "(MENAFN- Example News Agency (ENA)) ACCRA, Aug 13 (ENA) -- The ministers met.\n\n"
        "They talked. (end)"
    )
    assert (doc.place, doc.source) == ("Accra", "ENA")
    assert paragraphs == ["The ministers met.", "They talked."]


def test_clean_comment_labels_social_calls_and_image_file_names():
    _, paragraphs = clean_text(
        "Talks in Lima\n\nIMG_20240101_120000\n\nThe ministers met.\n\nTop Comments\n\n"
        "If you have a Twitter account, follow us and comment on our page!\n\nphoto-12.png"
    )
    assert paragraphs == ["The ministers met."]


def test_clean_ad_labels_staff_bylines_and_subscription_furniture_is_dropped():
    doc, paragraphs = clean_text(
        "Ministers meet in Lusaka\n\nStaff Reporter, example-daily.com\n\n"
        "The foreign ministers met on Monday to discuss the railway link.\n\nAdvertising\n\n"
        "They agreed to sign a transit accord in June.\n\nAdvertisement\n\n"
        "Subscribe to Example Daily on WhatsApp, YouTube, RSS!\n\n"
        "Author’s name Newsroom Team\n\n"
        "Sign-up/manage your newsletters with one tap"
    )
    assert doc.title == "Ministers meet in Lusaka"
    assert paragraphs == [
        "The foreign ministers met on Monday to discuss the railway link.",
        "They agreed to sign a transit accord in June.",
    ]
    for line in ("Our Correspondent | The Example Post", "By Editorial Staff", "Web Team"):
        assert clean_text(page_of("The leaders met for talks on trade.", line))[1] == [
            "The leaders met for talks on trade.",
            "The meeting ended on Tuesday.",
        ], line
    # the same words in an article's sentences stay
    for line in (
        "Sign up for the new visa scheme on WhatsApp, the ministry said.",
        "News staff were moved out of the building before the talks.",
        "Staff reporters, who were present, saw the signing.",
        "The advertising campaign for the summit was launched.",
    ):
        _, paragraphs = clean_text(page_of("The leaders met for talks on trade.", line))
        assert paragraphs[1] == line, line


def test_clean_comment_counts_and_closed_comments_furniture_is_dropped():
    _, paragraphs = clean_text(
        "Ministers meet in Lima\n\nThe ministers met on Friday to discuss fishing rights.\n\n"
        "They will meet again in Quito next month.\n\n"
        "2 responses to “Ministers meet in Lima”\n\nComments are closed."
    )
    assert paragraphs == [
        "The ministers met on Friday to discuss fishing rights.",
        "They will meet again in Quito next month.",
    ]
    _, paragraphs = clean_text(page_of("The leaders met.", "One reply on “Talks in Lima”"))
    assert paragraphs == ["The leaders met.", "The meeting ended on Tuesday."]
    for line in (
        "Two responses to the proposal were received by the ministry.",
        "12 comments on the draft were submitted by civic groups.",
        "Comments are closed to the public until the vote on Friday.",
    ):
        _, paragraphs = clean_text(page_of("The leaders met for talks on trade.", line))
        assert paragraphs[1] == line, line
