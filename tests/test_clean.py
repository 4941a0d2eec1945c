"""clean_body: teaser blocks out of the extracted text, into related links."""

from __future__ import annotations

from newsarchive.importer.clean import clean_body
from newsarchive.importer.model import Related

TEXT = "<p>The council voted on the new budget after a long debate on Monday.</p>"


def test_list_of_other_headlines_becomes_related_links() -> None:
    # t-online and Funke papers put "more on this" lists, with no heading, inside the text.
    html = TEXT + (
        '<ul><li><strong>US-Politik:</strong> <a href="https://t.de/a">Alle Entwicklungen'
        ' im Newsblog</a></li><li><a href="https://t.de/b">Europäer reagieren auf Trumps'
        " Drohung</a></li></ul>"
    )
    body, related = clean_body(html)
    assert "Newsblog" not in body and "budget" in body
    assert related == (
        Related("Alle Entwicklungen im Newsblog", "https://t.de/a"),
        Related("Europäer reagieren auf Trumps Drohung", "https://t.de/b"),
    )


def test_content_lists_of_links_stay() -> None:
    toc = '<ul><li><a href="#one">How deep is your content</a></li><li><a href="#two">Rewrite it with depth in mind</a></li></ul>'
    terms = '<ul><li><a href="https://w.org/x">Hermitian form</a></li><li><a href="https://w.org/y">Schur complement</a></li></ul>'
    described = (
        '<ul><li><a href="https://e.com/a">Evernote for Android</a> keeps notes in sync across'
        ' every device you own</li><li><a href="https://e.com/b">OneNote for Windows</a> is'
        " free and shares notebooks with the class</li></ul>"
    )
    single = '<ul><li><a href="https://t.de/a">Alle Entwicklungen im Newsblog</a></li></ul>'
    for block in (toc, terms, described, single):
        body, related = clean_body(TEXT + block)
        assert "<ul>" in body and related == (), block
