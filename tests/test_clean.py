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


def test_photo_credits_standing_alone_go_captions_stay() -> None:
    # Real credit lines from the bench's pages (The Independent, Business Insider,
    # TechCrunch, Kommersant, Taipei Times).
    credits = (
        "GETTY IMAGES", "Getty", "Paul Morigi/Getty Images", "Oli Scarff | Getty Images",
        "2011 Getty Images", "STR/AFP via Getty Images", "Image Credits: Strava",
        "Фото: Дмитрий Азаров, Коммерсантъ", "Photo: AFP",
    )  # fmt: skip
    caption = "<p>Marissa Mayer at the Yahoo headquarters in Sunnyvale in 2015.</p>"
    signoff = "<p>(AP)</p><p>Reuters</p>"
    body, _ = clean_body(TEXT + "".join(f"<p>{c}</p>" for c in credits) + caption + signoff)
    for credit in credits:
        assert credit not in body
    # A caption, a bare agency signing the article off, and prose naming an agency stay.
    assert "Marissa Mayer" in body and "(AP)" in body and "Reuters" in body
    prose = "<p>Getty Images said on Monday that it would license the archive.</p>"
    assert "license the archive" in clean_body(TEXT + prose)[0]


def test_an_embeds_placeholder_and_skip_links_go() -> None:
    notices = (
        "<p>Externer Inhalt nicht verfügbar</p>"
        "<p>Deine Privatsphäre-Einstellungen verhindern das Laden und Anzeigen aller externen"
        " Inhalte (z.B. Grafiken, Tabellen, Abo-Angebote).</p>"
        "<p>Zur Anzeige aktiviere bitte die Einstellungen in den Privatsphäre-Einstellungen.</p>"
        "<p>Ein Klick für den Datenschutz</p>"
        '<p><a href="#embed-2-after">Následuje obsah vložený z jiného webu.</a></p>'
        '<p><a href="https://en.wikipedia.org#mw-head">Jump to navigation</a></p>'
    )
    body, _ = clean_body(TEXT + notices)
    for gone in ("Externer", "Privatsphäre", "Datenschutz", "Následuje", "Jump to"):
        assert gone not in body
    assert "budget" in body
    # A heading that links to itself (its permalink), a footnote, a table of contents
    # and prose about privacy settings stay.
    kept = (
        '<h2><a href="#detecting-anomalies">Detecting Anomalies</a></h2>'
        '<p>As shown before<a href="#cite_note-1">[1]</a>.</p>'
        '<ul><li><a href="#one">How deep is your content</a></li>'
        '<li><a href="#two">Rewrite it with depth in mind</a></li></ul>'
        "<p>The regulator said cookie settings must be as easy to refuse as to accept.</p>"
    )
    body, _ = clean_body(TEXT + kept)
    for stays in ("Detecting Anomalies", "[1]", "How deep", "cookie settings"):
        assert stays in body


def test_labels_and_reading_times_standing_alone_go() -> None:
    labels = ("Advertisement", "Anzeige", "Oct 5, 2019 · 7 min read", "5 Minuten Lesezeit",
              "Loading comments...")  # fmt: skip
    body, _ = clean_body(TEXT + "".join(f"<p>{label}</p>" for label in labels))
    assert "budget" in body
    for label in labels:
        assert label not in body
    prose = "<p>Advertisement revenue fell by a tenth, the company said on Monday.</p>"
    assert "revenue fell" in clean_body(TEXT + prose)[0]


def test_related_blocks_under_headings_in_the_neighbours_languages() -> None:
    for heading in ("Auch interessant", "À lire aussi", "Lee también", "Czytaj także", "Read next"):
        html = (
            TEXT + f"<h4>{heading}</h4>"
            '<p><a href="https://x.de/a">Hamburg bekommt eine neue U-Bahn-Linie</a></p>'
            '<p><a href="https://x.de/b">So teuer wird das Parken in der Innenstadt</a></p>'
        )
        body, related = clean_body(html)
        assert heading not in body and "U-Bahn" not in body and "budget" in body
        assert [r.url for r in related] == ["https://x.de/a", "https://x.de/b"], heading
