"""HTML to plain text: the main content only, blocks separated by blank lines.

trafilatura (maintained boilerplate removal) finds the main text; the tag-based reader below
is the fallback when it finds nothing.
"""

from __future__ import annotations

import logging

from bs4 import BeautifulSoup

_DROP = [
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "template",
    "figure",
]
_BLOCKS = ["p", "li", "h1", "h2", "h3", "h4", "blockquote", "pre", "td", "dd"]
_DATE_META = [
    "article:published_time",
    "date",
    "dc.date",
    "pubdate",
    "publish-date",
    "og:published_time",
]


def _meta_date(soup: BeautifulSoup) -> str | None:
    for key in _DATE_META:
        tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
        if tag and tag.get("content"):
            return str(tag["content"])[:10]
    time = soup.find("time", attrs={"datetime": True})
    return str(time["datetime"])[:10] if time else None


def html_to_document(html: str) -> tuple[str | None, str | None, str]:
    """Return (title, date, text) of an HTML page's main content."""
    found = trafilatura_document(html)
    if found and found[2].strip():
        return found
    return soup_document(html)


def trafilatura_document(html: str) -> tuple[str | None, str | None, str] | None:
    """(title, date, text) by trafilatura, comments left out; None when it finds no text."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            deduplicate=True,
            favor_precision=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, AttributeError):
        return None
    if doc is None or not (doc.text or "").strip():
        return None
    lines = [" ".join(line.split()) for line in doc.text.split("\n") if line.strip()]
    date = str(doc.date)[:10] if doc.date else None
    return doc.title or None, date, "\n\n".join(lines)


def soup_document(html: str) -> tuple[str | None, str | None, str]:
    """(title, date, text) from the page's article or main element, by its block tags."""
    soup = BeautifulSoup(html, "lxml")
    title_tag = soup.find("title")
    h1 = soup.find("h1")
    title = (h1 or title_tag).get_text(" ", strip=True) if (h1 or title_tag) else None
    date = _meta_date(soup)
    for tag in soup.find_all(_DROP):
        tag.decompose()
    root = (
        soup.find("article")
        or soup.find("main")
        or soup.find(attrs={"role": "main"})
        or soup.body
        or soup
    )
    blocks = []
    for tag in root.find_all(_BLOCKS):
        if tag.find(_BLOCKS):  # a container of other blocks: its children are taken instead
            continue
        text = " ".join(tag.get_text(" ", strip=True).split())
        if text and not (title and text == title):
            blocks.append(text)
    if not blocks:
        blocks = [
            " ".join(line.split()) for line in root.get_text("\n").split("\n") if line.strip()
        ]
    return title, date, "\n\n".join(blocks)
