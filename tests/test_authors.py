"""Author names: the sources a page states them in, their cleaning, and the vote."""

from __future__ import annotations

import datetime as dt
import json

import lxml.html
import pytest
from lxml.html import HtmlElement

from conftest import FIXTURES
from newsarchive.importer.authors import choose_authors, split_authors
from newsarchive.importer.authors.dateline import name_after_day, name_before_day, names_beside
from newsarchive.importer.authors.names import clean_name, names_of
from newsarchive.importer.authors.page import byline_authors, edge_byline, meta_authors
from newsarchive.importer.authors.textbyline import text_byline
from newsarchive.importer.datelines import text_day
from newsarchive.importer.extract import extract_record
from newsarchive.importer.model import RawRecord
from newsarchive.importer.pagemeta import read_page_meta
from newsarchive.importer.sources import read_records
from newsarchive.importer.textdays import day_end


def parse(html: str) -> HtmlElement:
    return lxml.html.fromstring(html)


# --- <meta> sources ------------------------------------------------------------------


def test_meta_authors_reads_the_author_keys_in_order_of_trust() -> None:
    page = parse(
        '<meta property="article:author" content="https://example.com/by/ann-lee">'
        '<meta name="parsely-author" content="Ann Lee">'
        '<meta name="sailthru.author" content="Ann Lee">'
        '<meta name="author" content="Example Desk">'
        '<meta name="twitter:creator" content="@annlee">'
    )
    assert meta_authors(page) == (
        ("author", ("Example Desk",)),
        ("article:author", ("https://example.com/by/ann-lee",)),
        ("parsely-author", ("Ann Lee",)),
        ("sailthru:author", ("Ann Lee",)),
    )


def test_meta_value_attribute_is_read_like_content() -> None:
    # Pages saved by the Postlight/Mercury parser carry meta values in value=.
    page = parse('<meta name="author" value="Mattias Geniar">')
    assert meta_authors(page) == (("author", ("Mattias Geniar",)),)


def test_dublin_core_creators_in_family_given_order_are_turned_round() -> None:
    page = parse(
        '<meta name="dc.creator" content="You, Xiaoying">'
        '<meta name="dc.creator" content="Lenharo, Mariana">'
    )
    assert meta_authors(page) == (("dc:creator", ("Xiaoying You", "Mariana Lenharo")),)


def test_space_separated_properties_each_count() -> None:
    page = parse('<meta property="dc:creator twitter:site_name" content="Creator Name">')
    assert meta_authors(page) == (("dc:creator", ("Creator Name",)),)


def test_yoast_written_by_label_names_a_weak_source() -> None:
    page = parse(
        '<meta name="twitter:label1" content="Written by">'
        '<meta name="twitter:data1" content="Dieter Kuckelkorn">'
        '<meta name="twitter:label2" content="Est. reading time">'
        '<meta name="twitter:data2" content="3 Minuten">'
    )
    meta = meta_authors(page)
    assert meta == (("twitter:written-by", ("Dieter Kuckelkorn",)),)
    # It backs the visible byline's name against a stray one ...
    assert choose_authors(meta=meta, byline=["ku Frankfurt"], extracted="Dieter Kuckelkorn") == (
        "Dieter Kuckelkorn",
    )
    # ... but the account that posted does not outrank the byline.
    assert choose_authors(meta=meta, extracted="Duncan Bell") == ("Duncan Bell",)


# --- the visible byline --------------------------------------------------------------


def test_itemprop_author_person_name() -> None:
    page = parse(
        '<article itemscope itemtype="https://schema.org/NewsArticle"><p class="byline">'
        '<span itemprop="author" itemscope itemtype="https://schema.org/Person">By '
        '<span itemprop="name">KEVIN SACK</span></span>, <span itemprop="author" itemscope>'
        '<span itemprop="name">SHERI FINK</span></span></p></article>'
    )
    assert byline_authors(page) == ("KEVIN SACK", "SHERI FINK")


def test_itemprop_author_of_a_comment_or_image_is_not_the_articles() -> None:
    page = parse(
        '<div itemscope itemtype="https://schema.org/Comment"><span itemprop="author">'
        "Troll</span></div>"
        '<figure><span itemprop="author">(Image: Getty)</span></figure>'
        '<a rel="author" href="/by/ann">Ann Lee</a>'
    )
    assert byline_authors(page) == ("Ann Lee",)


def test_author_links_elsewhere_on_the_page_are_other_articles() -> None:
    teasers = "".join(
        f'<li><p>{"Some other story teaser text. " * 12}</p><a rel="author">Writer {i}</a></li>'
        for i in range(3)
    )
    page = parse(
        '<div class="head"><a rel="author">Ingrid Treborg</a> <a rel="author">Marlene Holm</a>'
        f"</div><p>{'Body text. ' * 40}</p><ul>{teasers}</ul>"
    )
    assert byline_authors(page) == ("Ingrid Treborg", "Marlene Holm")


def test_author_links_in_the_articles_margin_count_a_sidebars_do_not() -> None:
    # The Guardian: the byline and date in an <aside> inside the <article>.
    byline = (
        '<aside><address data-component="meta-byline"><a rel="author" href="/profile/jcw">'
        'Julia Carrie Wong</a> and <a rel="author" href="/profile/sl">Sam Levin</a></address>'
        "</aside>"
    )
    body = f"<p>{'Body text. ' * 40}</p>"
    page = parse(f"<body><main><article>{byline}{body}</article></main></body>")
    assert byline_authors(page) == ("Julia Carrie Wong", "Sam Levin")
    # A sidebar beside the article: other articles' authors.
    page = parse(f"<body><article>{body}</article>{byline}</body>")
    assert byline_authors(page) == ()


def test_byline_class_innermost_name_without_role_and_date() -> None:
    page = parse(
        '<div class="navbox authority-control">Authority control</div>'
        '<div class="byline"><span class="byline-prefix">By</span> '
        '<span class="author-name">Howard Blume <span class="author-title">Staff Writer</span>'
        "</span> <time>Dec. 16, 2016</time></div>"
    )
    assert byline_authors(page) == ("Howard Blume",)


_BODY = f"<article><h1>Bridge to reopen</h1><p>{'The council agreed. ' * 30}</p></article>"


@pytest.mark.parametrize(
    ("header", "names"),
    [
        # Kinja: made-up classes, "By" in a span of its own, the name in the author's link.
        (
            '<div class="sc-1jc3ukb-3"><span>By</span><div class="sc-1mep9y1-0">'
            '<a href="/author/miserableshitehawk">Chris Thompson</a></div></div>',
            ("Chris Thompson",),
        ),
        # Quartz: "By" as text beside the name's span; the date in the next block.
        (
            '<div class="MiiXW"><div class="_ceVT">By <span class="rlwyg">Yomi Kazeem</span>'
            '</div><div class="rpyRU">Published <time>February 24, 2020</time></div></div>',
            ("Yomi Kazeem",),
        ),
        ('<p class="x1">Von <b>Max Kolter</b> und <b>Eva Ohm</b></p>', ("Max Kolter", "Eva Ohm")),
    ],
)
def test_names_after_a_by_label_where_no_class_says_byline(
    header: str, names: tuple[str, ...]
) -> None:
    assert byline_authors(parse(f"<body>{header}{_BODY}</body>")) == names


@pytest.mark.parametrize(
    "header",
    [
        # A teaser's card: the byline of the article it links to.
        '<ul><li><a href="/news/other"><p>Taiwan tracks carrier group.</p>'
        "<h6>By Ben Blanchard and Yimou Lee</h6></a></li></ul>",
        # In the page's footer, or in running text.
        "<footer><p>By Jane Roe</p></footer>",
        "<p>By the time the council met, Jane Roe had left.</p>",
        # "By" and a name inside a long block: a paragraph, not a byline.
        f"<p>By Jane Roe. {'She writes about bridges and the council. ' * 5}</p>",
    ],
)
def test_a_by_label_that_is_not_the_articles_byline(header: str) -> None:
    assert byline_authors(parse(f"<body>{header}{_BODY}</body>")) == ()


# --- cleaning ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("By Ana Sandoiu", "Ana Sandoiu"),
        ("Von: Nadja Zinsmeister", "Nadja Zinsmeister"),
        ("Autor: Monika Bolliger", "Monika Bolliger"),
        ("Par <b>Sébastien Farcis</b>", "Sébastien Farcis"),
        ("By Laura E. Adkins December 28, 2016", "Laura E. Adkins"),
        ("Emily Kirkpatrick Updated on December 12, 2016 09:22 AM", "Emily Kirkpatrick"),
        ("Steven Shepard Link Copied", "Steven Shepard"),
        ("Oli Coleman View author archive Get author RSS feed", "Oli Coleman"),
        ("Elena Oberholzer (obe)", "Elena Oberholzer"),
        ("Bradley M. Kuhn (http://ebb.org/bkuhn/)", "Bradley M. Kuhn"),
        ("Associated Press in Valencia", "Associated Press"),
        ("배윤경 기자", "배윤경"),
        ("Ellyn Shook Ellyn Shook", "Ellyn Shook"),
        ("Comments (42)", ""),
        ("Sam Stein Senior Politics Editor", "Sam Stein"),
        ("Thabo Mokone Parliamentary editor", "Thabo Mokone"),
        ("John Editor", "John Editor"),
    ],
)
def test_clean_name(raw: str, name: str) -> None:
    assert clean_name(raw) == name


def test_names_of_splits_lists_in_several_languages() -> None:
    assert names_of("Felix Schröder und Jörg Soldwisch, dpa") == [
        "Felix Schröder", "Jörg Soldwisch", "dpa",
    ]  # fmt: skip
    assert names_of("Trine Juncher Jørgensen og Tôrtia Reimer-Johansen") == [
        "Trine Juncher Jørgensen", "Tôrtia Reimer-Johansen",
    ]  # fmt: skip
    assert names_of("Dana A. Ford, James S.A. Corey, and Tom Watkins") == [
        "Dana A. Ford", "James S.A. Corey", "Tom Watkins",
    ]  # fmt: skip
    assert names_of("Saibal Dasgupta / TNN / Updated: Oct 9, 2019") == ["Saibal Dasgupta", "TNN"]
    assert names_of("srf/hosb;kesm") == ["srf/hosb", "kesm"]


def test_names_of_keeps_suffixes_and_turns_family_given_round() -> None:
    assert names_of("Martin Luther King, Jr.") == ["Martin Luther King, Jr."]
    assert names_of("Gillman, Steve") == ["Steve Gillman"]
    assert names_of("AFP, REUTERS") == ["AFP", "REUTERS"]


@pytest.mark.parametrize(
    "raw",
    [
        "https://www.facebook.com/stern",
        "d.kuckelkorn@boersen-zeitung.de",
        "@annlee",
        "105092",
        "Dec",
        "3 Min",
        "See full bio",
        "Follow Author",
        "Ariel Pierre-Louis at MSA Models",
        "x" * 70,
    ],
)
def test_names_of_drops_what_is_not_a_name(raw: str) -> None:
    assert names_of(raw) == []


def test_names_of_skips_prose() -> None:
    assert names_of(", ".join(["Lorem Ipsum"] * 40)) == []


def test_names_of_drops_a_bare_job_title_beside_a_name() -> None:
    assert names_of(["Mathias Hagen / Journalist"]) == ["Mathias Hagen"]
    assert names_of(["Editor"]) == ["Editor"]  # alone it is all the page says


def test_names_of_drops_the_site_closing_a_byline() -> None:
    keys = {"cnn"}
    assert names_of(["By Stephen Collinson, CNN"], keys) == ["Stephen Collinson"]
    assert names_of(["CNN"], keys) == ["CNN"]


def test_one_of_each_name_mixed_case_kept() -> None:
    assert split_authors(["JEFFREY GETTLEMAN", "Jeffrey Gettleman", "Sophie-Foster"]) == (
        "Jeffrey Gettleman", "Sophie-Foster",
    )  # fmt: skip
    assert split_authors(["Sophie Foster", "Sophie-Foster"]) == ("Sophie Foster",)


def test_names_are_plain_text() -> None:
    assert split_authors(["<script>alert(1)</script>Ann <b>Lee</b>"]) == ("Ann Lee",)
    assert split_authors(["&lt;img src=x onerror=alert(1)&gt; Bo"]) == (
        "img src=x onerror=alert(1) Bo",
    )


# --- the vote ------------------------------------------------------------------------


def test_record_authors_win() -> None:
    assert choose_authors(["Ann Lee"], ld=["Bo Chen"], extracted="Bo Chen") == ("Ann Lee",)


def test_a_person_beats_the_site_or_a_newsroom() -> None:
    sites = ["stern.de"]
    assert choose_authors(ld=["STERN.de"], byline=["von Jemima Kelly"], sites=sites) == (
        "Jemima Kelly",
    )
    assert choose_authors(
        meta=[("author", ["Us Weekly Staff"])], byline=["Megan French"], sites=["Us Weekly"]
    ) == ("Megan French",)
    assert choose_authors(ld=["Redaktion"], extracted="Jasper Riemann", sites=["br.de"]) == (
        "Jasper Riemann",
    )
    # With no person stated, the site's own statement stands.
    assert choose_authors(ld=["kicker"], sites=["kicker.de"]) == ("kicker",)


def test_the_bodys_bold_name_counts_only_where_no_source_names_a_person() -> None:
    # The CMS credits the site ("VnExpress"): the bold name closing the body is the byline.
    assert choose_authors(ld=["VnExpress"], edge=["Lê Phương"], sites=["vnexpress.net"]) == (
        "Lê Phương",
    )
    assert choose_authors(meta=[("author", ["LTO"])], edge=["Max Kolter"], sites=["lto.de"]) == (
        "Max Kolter",
    )
    # A person another source names wins over it, backed or not.
    assert choose_authors(byline=["Jane Roe"], edge=["Elton John"]) == ("Jane Roe",)
    assert choose_authors(edge=["Mohloai Mpesi"]) == ("Mohloai Mpesi",)


# --- the bold name a body opens or closes with ---------------------------------------

_PROSE = "<p>The council met on Monday and agreed to rebuild the bridge by the spring.</p>"


def test_a_bold_name_closing_the_body_is_its_byline_and_leaves_it() -> None:
    names, body = edge_byline(f"{_PROSE}\n<p>\n<strong>Lê Phương</strong>\n</p>\n")
    assert names == ("Lê Phương",)
    assert "Lê Phương" not in body and "rebuild the bridge" in body


def test_a_bold_name_opening_the_body_is_its_byline() -> None:
    names, body = edge_byline(f"<p><strong>MTHOBISI SITHOLE&nbsp;</strong></p>{_PROSE}{_PROSE}")
    assert names == ("MTHOBISI SITHOLE",)
    assert "SITHOLE" not in body and body.count("rebuild the bridge") == 2


@pytest.mark.parametrize(
    "body",
    [
        # A run of bold lines (a speech's header), not a byline.
        "<p><strong>Weekly Address</strong></p><p><strong>The White House</strong></p>" + _PROSE,
        # A bold heading closing the body: not followed by running text.
        _PROSE + "<p><b>More Stories</b></p>",
        # Its words are the body's in lower case: a label, not a name.
        "<p>The constitutional literacy of voters matters, she said.</p>"
        "<p><strong>Constitutional Literacy</strong></p>",
        # A name with digits, a label opener, too many words, not all of it bold.
        _PROSE + "<p><strong>Jane Roe 2024</strong></p>",
        "<p><strong>The Big Picture</strong></p>" + _PROSE,
        _PROSE + "<p><strong>Jane Roe and John Doe Smith Brown</strong></p>",
        "<p><strong>Jane Roe</strong> reports from Kyiv.</p>" + _PROSE,
        # A body of one block has no edge.
        "<p><strong>Jane Roe</strong></p>",
        # Not bold at all.
        _PROSE + "<p>Jane Roe</p>",
    ],
)
def test_what_is_not_a_bold_byline(body: str) -> None:
    assert edge_byline(body) == ((), body)


def test_vnexpress_credits_the_site_and_closes_with_the_reporter() -> None:
    # fundus test data: the JSON-LD author and <meta name="author"> are "VnExpress"; the
    # reporter's name closes the body in bold, right-aligned.
    fixture = FIXTURES / "html" / "fundus"
    truth = json.loads((fixture / "VnExpress.json").read_text())["V1"]
    (record,) = read_records(fixture / "VnExpress_2025_10_22.html.gz")
    article = extract_record(record)
    assert article.authors == tuple(truth["authors"]) == ("Lê Phương",)
    assert "Lê Phương" not in article.body_markdown
    assert article.body_markdown.rstrip().endswith("hóa trị hoặc xạ trị.")


def test_a_backed_list_beats_an_unbacked_one() -> None:
    meta = [("author", ["Condé Nast"]), ("article:author", ["Emma Grey Ellis"])]
    assert choose_authors(meta=meta, extracted="Emma Grey Ellis") == ("Emma Grey Ellis",)
    # A list of credits with one backed name loses to the byline naming just that one.
    credits = [("author", ["Connie Wang,Sharokh Mirzai,Bethie Girmai,Paul Warren"])]
    assert choose_authors(meta=credits, byline=["Connie Wang"], extracted="Frances Solá") == (
        "Connie Wang",
    )


def test_trafilaturas_first_name_does_not_beat_the_full_list() -> None:
    ld = ["Christian Unger", "Tobias Köberlein", "Laura Wagener"]
    assert choose_authors(ld=ld, extracted="Christian Unger") == tuple(ld)
    meta = [("author", ["Howard Schneider, Lindsay Dunsmuir"])]
    assert choose_authors(meta=meta, extracted="Howard Schneider") == (
        "Howard Schneider", "Lindsay Dunsmuir",
    )  # fmt: skip


def test_author_page_urls_vote() -> None:
    meta = [
        ("article:author", ["https://www.nytimes.com/by/marc-santora",
                            "https://www.nytimes.com/by/al-baker"]),
        ("byl", ["By Marc Santora and Al Baker"]),
    ]  # fmt: skip
    assert choose_authors(meta=meta, byline=["Al Baker"]) == ("Marc Santora", "Al Baker")


def test_a_shorter_form_backs_a_name_with_a_trailing_role() -> None:
    assert choose_authors(byline=["Ben Silverman"], extracted="Ben Silverman Games Editor") == (
        "Ben Silverman",
    )
    meta = [("author", ["Vox Media"]), ("article:author", ["Alex Heath"])]
    assert choose_authors(meta=meta, extracted="Alex Heath Deputy Editor") == ("Alex Heath",)
    # trafilatura leaves the month of a byline's date behind.
    assert choose_authors(extracted="Laura June Topolsky July") == ("Laura June Topolsky",)


def test_the_site_name_after_a_name_is_cut() -> None:
    sites = ["New York Daily News"]
    assert choose_authors(byline=["By Meg Wagner NEW YORK DAILY NEWS"], sites=sites) == (
        "Meg Wagner",
    )


def test_a_desk_of_the_site_or_a_newspaper_after_a_name_is_cut() -> None:
    assert choose_authors(extracted="Kelli Miller WebMD Health", sites=["webmd.com"]) == (
        "Kelli Miller",
    )
    # Another paper's name (a syndicated story): capitals, or its last word, tell it.
    assert choose_authors(byline=["By Joe Davidson Washington Post"]) == ("Joe Davidson",)
    assert choose_authors(byline=["John Smith New York Times"]) == ("John Smith",)
    assert choose_authors(byline=["Ann Lee THE DAILY TELEGRAPH"]) == ("Ann Lee",)
    # A name of three words, and a surname a site's label spells, stay whole.
    assert choose_authors(byline=["Mary Ann Post"]) == ("Mary Ann Post",)
    assert choose_authors(byline=["Lucy Daily"], sites=["daily.co.uk"]) == ("Lucy Daily",)


def test_an_author_page_address_is_the_last_resort() -> None:
    meta = [("article:author", ["https://www.engadget.com/editors/jon-fingas"])]
    assert choose_authors(meta=meta) == ("Jon Fingas",)
    meta = [("article:author", ["https://example.com/autore/lauren-del-valle/"])]
    assert choose_authors(meta=meta) == ("Lauren del Valle",)
    # Not filed as an author's page: an article's address, or a profile handle.
    for url in ("https://example.com/2024/05/big-news-today", "https://www.facebook.com/jo.doe"):
        assert choose_authors(meta=[("article:author", [url])]) == ()
    # Any name a page states comes first.
    meta = [("article:author", ["https://www.engadget.com/editors/jon-fingas"])]
    assert choose_authors(meta=meta, extracted="Ann Lee") == ("Ann Lee",)


def test_the_visible_byline_naming_a_co_author_the_metadata_left_out() -> None:
    ld = ["Marlene Lundberg Holm"]
    byline = ["Ingrid Treborg", "Marlene Lundberg Holm"]
    assert choose_authors(ld=ld, byline=byline, extracted="Marlene Lundberg Holm") == tuple(byline)
    # A byline that names someone else beside a site is no wider list.
    sites = ["dagbladet.no"]
    assert choose_authors(ld=ld, byline=["Dagbladet", *ld], sites=sites) == tuple(ld)


def test_a_list_opening_with_the_site_is_the_publisher() -> None:
    sites = ["hessenschau.de"]
    got = choose_authors(
        ld=["Redaktion hessenschau.de"],
        meta=[("author", ["hessenschau.de, Frankfurt, Germany"])],
        extracted="hessenschau.de, Frankfurt, Germany",
        sites=sites,
    )
    assert got == ("Redaktion hessenschau.de",)


def test_a_company_is_not_an_author() -> None:
    meta = [("author", ["mediagene Inc.", "小暮ひさのり"])]
    assert choose_authors(meta=meta, extracted="小暮ひさのり") == ("小暮ひさのり",)


def test_agencies_count_as_organisations_in_the_vote() -> None:
    got = choose_authors(
        ld=["Reuters", "Thorsten Kramer"], byline=["Reuters/kra Frankfurt"],
        extracted="Reuters; Thorsten Kramer", sites=["boersen-zeitung.de"],
    )  # fmt: skip
    assert got == ("Reuters", "Thorsten Kramer")
    got = choose_authors(ld=["sportschau.de"], byline=["Quelle: sid/dpa"], sites=["sportschau.de"])
    assert got == ("sportschau.de",)


# --- JSON-LD -------------------------------------------------------------------------


def test_json_ld_author_reference_is_resolved_in_the_graph() -> None:
    page = parse(
        '<script type="application/ld+json">{"@graph": ['
        '{"@type": "NewsArticle", "headline": "H", "author": {"@id": "https://x.test/#/p/1"}},'
        '{"@type": "Person", "@id": "https://x.test/#/p/1", "name": "Chuck  Ross"}]}</script>'
    )
    assert read_page_meta(page).authors == ("Chuck Ross",)


def test_page_meta_carries_the_other_sources() -> None:
    page = parse(
        '<head><meta name="author" content="Ann Lee"></head>'
        '<body><p class="byline">By <a rel="author" href="/a">Ann Lee</a></p></body>'
    )
    meta = read_page_meta(page)
    assert meta.meta_authors == (("author", ("Ann Lee",)),)
    assert meta.byline_authors == ("Ann Lee",)


# --- bylines in flattened text (dumps) ------------------------------------------------

# A run-together dump's menus: what puts a byline past the headline's first 300 letters.
_MENU = "Home World Politics Business Technology Science Health Sport Culture Opinion " * 5


@pytest.mark.parametrize(
    ("text", "names", "rest"),
    [
        ("By Jay Peters and Alex Heath Nov 18, 2023\nText.", ("Jay Peters", "Alex Heath"), " Nov 18"),
        ("Von\nFelix Schröder und Jörg Soldwisch\nText.", ("Felix Schröder", "Jörg Soldwisch"), "\nText"),
        ("Por Steven Lee Myers, Keith Bradsher y Tariq Panja\nText.",
         ("Steven Lee Myers", "Keith Bradsher", "Tariq Panja"), "\nText"),
        # What the flattening glued to the name, and a role after a comma, are not names.
        ("By Ulrich ExnerKorrespondent\nText.", ("Ulrich Exner",), "\nText"),
        ("By\nRachel Brazil0\nText.", ("Rachel Brazil",), "\nText"),
        # The post after the names, and the employer after it, are the byline's.
        ("By Daniel Kahn Gillmor, Senior Staff Technologist\nText.", ("Daniel Kahn Gillmor",), "\nText"),
        ("By Daniel Kahn Gillmor, Senior Staff Technologist, ACLU Speech, Privacy, and Technology"
         " Project April 5, 2018", ("Daniel Kahn Gillmor",), " Privacy"),
        ("By Jane Doe, Staff Writer, and John Roe, Editor\nText.", ("Jane Doe", "John Roe"),
         " Editor"),
        # Credentials after a comma, and a desk in capitals after a name that is not.
        ("By Brenda Goodman, MA WebMD Health News Reviewed by", ("Brenda Goodman",), " Reviewed"),
        ("Hauptinhalt von David Straub, MDR THÜRINGEN Stand: 28. April 2023", ("David Straub",),
         " Stand"),
        ("Von: Bill MCCARTHY, Marisha GOLDHAMER\nText.", ("Bill MCCARTHY", "Marisha GOLDHAMER"),
         "\nText"),
        # A job title's desk before it ("Web Editor"), the name shown twice run together, and
        # "may" after the names is the text's verb ("by Juli Clover Apple may be planning").
        ("di Sabina Montevergine Web Editor Stampa Le ha scovate", ("Sabina Montevergine",),
         " Stampa"),
        ("by Andrea WongAndrea Wong December 7, 2016", ("Andrea Wong",), " December"),
        ("by Juli Clover Apple may be planning to introduce", ("Juli Clover",), " Apple"),
        # The headline's line, then a capital "By" (The Verge's dumps).
        ("what's next for ChatGPT? By Richard Lawler , a senior editor", ("Richard Lawler",), " , a senior"),
        # Anywhere in a long line, with its day right after it (blocks run together).
        (_MENU + "Bridge reopens By Matthew Cappucci April 26, 2024 at 11:24 a.m. EDT The",
         ("Matthew Cappucci",), " April 26"),
        (_MENU + "Tech Industry by Steven Musil January 18, 2017 11:00 PM PST", ("Steven Musil",),
         " January 18"),
        (_MENU + "Why Trump won't change By Stephen Collinson, CNN Updated 11:22 PM EST",
         ("Stephen Collinson",), " CNN Updated"),
        (_MENU + "Trump legt nach Von Ralf Euler -Aktualisiert am 28.04.2023-19:20", ("Ralf Euler",),
         " -Aktualisiert"),
        (_MENU + "Denis Loctier Par David Mouriquand Publié le 06/01/2026 - 14:16", ("David Mouriquand",),
         " Publié"),
        # "Von:" with its colon (Bild), and a name in capitals.
        ("Teilen Senden Von: JÖRG ZSCHOCHE 15.05.2023 - 13:52 Uhr", ("JÖRG ZSCHOCHE",), " 15.05"),
        # The page's furniture ends the names, and a capitalised word after a surname in
        # capitals is not part of it.
        ("Von: Simone Jung KommentareDrucken Ambrosia breitet sich aus", ("Simone Jung",),
         " KommentareDrucken"),
        ("Von: Bill MCCARTHY, Marisha GOLDHAMER Übersetzung und Adaptierung: AFP",
         ("Bill MCCARTHY", "Marisha GOLDHAMER"), " Übersetzung"),
        # Where the byline runs into the text's first sentence, a third capitalised word
        # is the text's; closed by punctuation or the line's end, it is the name's.
        ("Text.\nBy Gopal Sharma Fire is seen on a FlyDubai airplane", ("Gopal Sharma",), " Fire"),
        ("Text.\nvon Oliver Kring Große Aufregung am Dienstag", ("Oliver Kring",), " Große"),
        ("Text.\nvon Michelle de Oliveira Wenn dich eine Erkältung", ("Michelle de Oliveira",),
         " Wenn"),
        ("Text.\nBy Eleanor Ainge Roy (reporting)", ("Eleanor Ainge Roy",), " (reporting)"),
        ("Text.\nBy Steven Lee Myers\nText.", ("Steven Lee Myers",), "\nText"),
        # A place in capitals after the name is its dateline's (Politico).
        ("By Shawn Pogatchnik DUBLIN — She’s slammed NATO", ("Shawn Pogatchnik",), " DUBLIN"),
        # "Today" and the handle glued to the name are not part of it (The Nation).
        ("By Sarah LazareTwitter Today 5:00 am May 15, 2023 Tanner", ("Sarah Lazare",),
         " Today"),
        # "by" glued to the name (Daily News Tanzania, HabariLeo).
        ("Solar streetlights boost Lindi women’s businesses\nbySauli Giliard\nApril 24, 2019",
         ("Sauli Giliard",), "\nApril"),
    ],
)  # fmt: skip
def test_byline_in_flattened_text(text: str, names: tuple[str, ...], rest: str) -> None:
    found, _start, end = text_byline(text)
    assert found == names
    assert text[end:].startswith(rest)


@pytest.mark.parametrize(
    "text",
    [
        "The chip was made by Apple Silicon Group engineers in Cupertino last year.",
        "By Police\nText.",  # one word is not a name
        "A long first line of the article that runs on and on. " * 7 + "By Jane Doe",
        # Deep in a long line: "by" and a name in a sentence, a day after other words.
        _MENU + "The deal was struck by Joe Biden in March 2021 and signed later.",
        _MENU + "The deal was struck by Joe Biden, who met them on 4 May 2021.",
        _MENU + "By April Smith and the rest of the team, the bridge was saved.",
        # A word that only starts with "by" or "Di" is no byline.
        "Headline here\nDiCaprio stars in it\nText.",
        "Headline here\nByteDance said on Monday\nText.",
    ],
)
def test_no_byline_in_prose(text: str) -> None:
    assert text_byline(text) == ((), 0, 0)


def test_editor_credited_after_the_author_is_not_an_author() -> None:
    # Google's SRE book: "Written by Rob Ewaschuk Edited by Betsy Beyer".
    assert names_of("Written by Rob Ewaschuk Edited by Betsy Beyer") == ["Rob Ewaschuk"]


def test_a_meta_tag_naming_only_the_site_is_the_publishers() -> None:
    # Hankook Ilbo: one <meta name="author"> for the paper, one for the reporter.
    meta = [("author", ["한국일보", "신현주 기자"])]
    assert choose_authors(meta=meta, sites=["한국일보", "hankookilbo.com"]) == ("신현주",)
    # The site's tag alone is kept: the page names nobody else.
    assert choose_authors(meta=[("author", ["한국일보"])], sites=["한국일보"]) == ("한국일보",)


_TEXT = "The council met on Tuesday and voted on the plan after a long debate.\n" * 4


@pytest.mark.parametrize(
    ("dump", "expected"),
    [
        # Forms of fundus's and the readability pages' flattened bylines, no "By" in them.
        ("Headline\nJacqui Housden\nJanuary 28, 2025 11:30 am\n", ("Jacqui Housden",)),
        ("Headline\nDan Goodin - Apr 16, 2015 8:02 pm UTC\n", ("Dan Goodin",)),
        ("Headline\n9. September 2025 um 15:46 Uhr / Frank Wunderlich-Pfeiffer\n",
         ("Frank Wunderlich-Pfeiffer",)),
        ("Headline\nVon Robin Amberg, Volontär (Sport)\n06.11.2025, 21:18 Uhr\n", ("Robin Amberg",)),
        ("Headline\nAuthor of the article:\nJoseph Brean\nPublished Aug 28, 2024\n",
         ("Joseph Brean",)),
        ("Headline\nTrine Juncher Jørgensen og Tôrtia Reimer-Johansen\nPubliceret\n"
         "torsdag 06. feb 2025 17:25\n", ("Trine Juncher Jørgensen", "Tôrtia Reimer-Johansen")),
        # The page's furniture and labels beside the day are no byline.
        ("Headline\nFollow Author\nDecember 20, 2023\n", ()),
        ("Headline\nFront Page\nDecember 20, 2023\nThe front page of the paper.\n", ()),
        ("Headline\nZur Playlist\n28.04.2023\n", ()),
        ("Headline\nFoto: Mads Claus Rasmussen\n06.02.2025\n", ()),
        ("Politik\n28. Juni 2025\n", ()),
        # A photo's caption above its credit, a brand or labels run together: no names.
        ("Headline\nPublikacja:\n19.04.2026 19:05\nDonald Trump\nFoto: REUTERS/Nathan Howard\n", ()),
        ("Headline\nBy Brenda Goodman, MA\nWebMD Health News\nReviewed\nFeb. 23, 2015\n", ()),
        ("South AfricaPREMIUM\nHeadline\nNovember 10, 2025 at 06:21 pm\n", ()),
        # "et" joins two names as a whole word (its "e" is not the Italian "e").
        ("Headline\nPar Alexandre Hervaud et Jérémy Piette — 24 novembre 2017 à 18:42\n",
         ("Alexandre Hervaud", "Jérémy Piette")),
        # Names with an inner capital are names.
        ("Headline\nDeAndre McDonald\nNovember 10, 2025\n", ("DeAndre McDonald",)),
    ],
)  # fmt: skip
def test_names_beside_a_dumps_dateline(dump: str, expected: tuple[str, ...]) -> None:
    text = dump + _TEXT
    shown = text_day(text)
    assert shown is not None
    assert names_beside(text, shown[1], "Headline") == expected


@pytest.mark.parametrize(
    ("text", "day", "names", "byline"),
    [
        # Forms of the readability and fundus pages flattened the way the sample's scraper
        # saves them: a block that ends no sentence runs into the next one.
        ("Hotel bosses spill the beans on cost cutting and horrible hygiene Hazel Sheffield "
         "Friday 25 December 2015 0 comments", "25 December", ("Hazel Sheffield",), "Hazel"),
        ("Ein Gastbeitrag.\nAbdul Adhim Kamouss 17.05.2026, 19:06 Uhr 8 Min",
         "17.05", ("Abdul Adhim Kamouss",), "Abdul"),
        ("Chinas Immobilienriesen verdeutlichen Matthew Loh 20:00, 29 Jan 2024 Link kopiert!",
         "29 Jan", ("Matthew Loh",), "Matthew"),
        ("to sweeten the deal Noora Mykkanen Published November 18, 2024 9:26pm",
         "November 18", ("Noora Mykkanen",), "Noora"),
        ("Sign in Node.js profiling\nVincent Vallet Follow Oct 18, 2019 · 8 min read",
         "Oct 18", ("Vincent Vallet",), "Vincent"),
        # After "By" (its start is the byline's), past the day's labels.
        ("Copyright AP Photo By Stefan Grobe Published on 06/01/2026 - 13:55 GMT+1",
         "06/01", ("Stefan Grobe",), "By Stefan"),
        ("All rights reserved.\nVon Malek Fouda Zuerst veröffentlicht am 06/01/2026 - 14:02",
         "06/01", ("Malek Fouda",), "Von Malek"),
        ("on violent crime by Julia Carrie Wong and Sam Levin March 3, 2017",
         "March 3", ("Julia Carrie Wong", "Sam Levin"), "by Julia"),
        ("Par Alexandre Hervaud et Jérémy Piette — 24 novembre 2017 à 18:42",
         "24 novembre", ("Alexandre Hervaud", "Jérémy Piette"), "Par"),
        ("tag lists ByTravis Haney May 3, 2017", "May 3", ("Travis Haney",), "ByTravis"),
        # "von" is a "By" here, not a particle of a name; a news agency is one word.
        ("Eine Kolumne von Carla Siepmann 28.04.2024", "28.04", ("Carla Siepmann",), "von Carla"),
        ("findet deutliche Worte.\nVon DPA 5. Januar 2026 18:58 Uhr", "5. Januar", ("DPA",), "Von"),
        ("Laura E. Adkins May 2, 2017", "May 2", ("Laura E. Adkins",), "Laura"),
        # After a caption whose agency's credit the flattening glued to its full stop.
        ("la primera vuelta del GP de Qatar.AFP Miguel A. Herguedas Actualizado Lunes, 2 "
         "diciembre 2024", "2 diciembre", ("Miguel A. Herguedas",), "Miguel"),
        # Not a byline: the end of a longer run of capitalised words (a headline, a
        # caption's credit), a place, a sentence's last word, prose, one word.
        ("and Democratic donor Alexander Soros Chuck Ross April 28, 2023", "April 28", (), ""),
        ("La Moncloa. EFE/ J.J. Guillén Alberto Órfão 25 de mayo de 2025", "25 de", (), ""),
        ("speaking at Menara KWSP in Shah Alam on November 19, 2024.", "November 19", (), ""),
        ("Er ging nach der Amtszeit. Frankfurt 3. Mai 2025", "3. Mai", (), ""),
        ("President Joe Biden said on March 3, 2020 that", "March 3", (), ""),
        ("besondere Ehrung von Landesspiegel 30. Juni 2025", "30. Juni", (), ""),
        ("Front Page\nFollow Author December 20, 2023", "December 20", (), ""),
        ("their API.\nIllustration: Ruby Chen March 1, 2023 Authors", "March 1", (), ""),
    ],
)  # fmt: skip
def test_name_right_before_a_day_in_a_run_together_dump(
    text: str, day: str, names: tuple[str, ...], byline: str
) -> None:
    found, start = name_before_day(text, text.index(day))
    assert found == names
    assert text[start:].startswith(byline or day)


@pytest.mark.parametrize(
    ("text", "day", "byline"),
    [
        # After the day, up to a separator, a reading time, a credit's © or the page's
        # furniture ("Kommentare").
        ("27. Januar 2026 • Gregor Meier • 3 Minuten EU und Indien", "27. Januar", " • Gregor Meier"),
        ("9. September 2025 um 15:46 Uhr / Frank Wunderlich-Pfeiffer Kommentare News folgen",
         "9. September", " / Frank Wunderlich-Pfeiffer"),
        ("November 6, 2025 Ntombizethu Ngcobo 2 minutes read Facebook", "November 6",
         " Ntombizethu Ngcobo"),
        ("Medical Daily 9/21/2016 Lizette Borreli © Archive Photos", "9/21", " Lizette Borreli"),
        ("May 3, 2024 Jane Doe and John Roe | Share", "May 3", " Jane Doe and John Roe"),
        # A reading time between the day and the byline (WAZ, Medium).
        ("29.06.2023, 15:04 | Lesedauer: 7 Minuten Anne-Kathrin Neuberg-Vural Das Medikament",
         "29.06", " | Lesedauer: 7 Minuten Anne-Kathrin Neuberg-Vural"),
        ("May 3, 2024 · 5 min read · Jane Doe | Share", "May 3", " · 5 min read · Jane Doe"),
        # Two name words closed by the author's job title, or by an article opening the
        # text's first sentence (Sunday Times, Börsen-Zeitung).
        ("21 May 2025 - 14:19 Thabo Mokone Parliamentary editor Just R20 for the first month",
         "21 May", " Thabo Mokone Parliamentary editor"),
        ("Frankfurt, December 16, 2024, 12:30 Uhr Anna Sleegers Der 1. FC Kaiserslautern hat",
         "December 16", " Anna Sleegers"),
        # Not a byline: the text's first words (a capitalised word or a verb after the
        # name), a picture's credit or caption, a possessive, a menu's word.
        ("Frankfurt, October 23, 2024, 3:48: Uhr Dieter Kuckelkorn Die Aussichten", "October", ""),
        ("28. April 2024, 14:26 Uhr, Tobias Költzsch Samsung hat Probleme", "28. April", ""),
        ("May 3, 2024 Angela Merkel sagte am Montag", "May 3", ""),
        ("May 3, 2024 New York City The mayor said", "May 3", ""),
        ("April 15, 2019 6:18am Andrew Harnik/Shutterstock Twitter erupted", "April 15", ""),
        ("19.04.2026 19:05 Donald Trump Foto: REUTERS/Nathan Howard", "19.04", ""),
        ("May 3, 2024 Maybe Donald Trump’s 3 minutes", "May 3", ""),
        ("30. Juni 2025 Weiter Rainer de Meijer, Irene Lingg | Foto: Zvg.", "30. Juni", ""),
    ],
)  # fmt: skip
def test_name_right_after_a_day_in_a_run_together_dump(text: str, day: str, byline: str) -> None:
    end = day_end(text, text.index(day))
    found, stop = name_after_day(text, end)
    assert text[end:stop] == byline
    assert bool(found) == bool(byline)
    if found:
        assert " ".join(found) in byline.replace(" and ", " ")


def test_a_run_together_dump_gets_the_name_before_its_day_and_loses_that_byline() -> None:
    menus = "Home World Politics Business Technology Science Health Sport Culture Opinion " * 5
    sentence = "The council met on Tuesday and voted on the plan after a long debate. "
    content = (
        f"{menus}Council votes on the plan The mayor wants a new bridge and the council "
        f"agrees Hazel Sheffield Friday 25 December 2015 0 comments {sentence * 3}\n{sentence * 4}"
    )
    article = extract_record(
        RawRecord(input="d.txt", kind="text", content=content, title="Council votes on the plan")
    )
    assert article.authors == ("Hazel Sheffield",)
    assert article.date.date() == dt.date(2015, 12, 25)
    assert "Hazel Sheffield" not in article.body_markdown
    assert "25 December" not in article.body_markdown
    # The byline parted the standfirst from the text: the standfirst is its own paragraph.
    assert article.body_markdown.startswith("The mayor wants a new bridge and the council agrees\n")


def test_a_name_before_a_day_in_a_long_line_of_a_dump_with_lines() -> None:
    # One block a line, but the headline, its standfirst, the byline and the day share
    # one: the names beside the dateline are in that line.
    content = (
        "Home\nNews\nCouncil votes on the plan\nThe mayor wants a new bridge over the river and "
        "the council agrees with him at last Jen Mills Wednesday 17 Jul 2024 9:41 am\n" + _TEXT * 3
    )
    record = RawRecord(
        input="d.txt", kind="text", content=content, title="Council votes on the plan"
    )
    article = extract_record(record)
    assert article.authors == ("Jen Mills",)
    assert "Jen Mills" not in article.body_markdown


def test_no_names_beside_a_day_in_a_caption() -> None:
    # The day of a caption's long line is no dateline: "NEW YORK, NY" is a place.
    text = (
        "Headline\nNEW YORK, NY - OCTOBER 22: A man walks near the offices of Google on "
        f"October 22, 2020 in New York City, where the company has many staff.\n{_TEXT}"
    )
    assert names_beside(text, text.index("October 22"), "Headline") == ()


def test_a_dump_without_by_gets_its_dateline_byline() -> None:
    content = f"Home\nNews\nCouncil votes on the plan\nMike Conley\nDecember 18, 2020\n{_TEXT * 3}"
    record = RawRecord(input="d.txt", kind="text", content=content,
                       title="Council votes on the plan")  # fmt: skip
    article = extract_record(record)
    assert article.authors == ("Mike Conley",)
    assert "Mike Conley" not in article.body_markdown


def test_a_by_byline_under_a_headline_that_menus_pushed_down() -> None:
    # Long menus push the headline and its "By" / name / caption / day far into the dump,
    # past the byline zone; the byline between the headline and its day still counts.
    menus = "\n".join(f"Section {i}" for i in range(400))
    headline = "Council votes on the plan"
    content = (
        f"{menus}\n{headline}\nBy\nSerafina Kenny\nThe hall where the council met.\n"
        f"Emma Roma Jayne\n2025-03-29T11:36:01Z\n{_TEXT * 3}"
    )
    article = extract_record(RawRecord(input="d.txt", kind="text", content=content, title=headline))
    assert article.authors == ("Serafina Kenny",)
    assert article.date.date() == dt.date(2025, 3, 29)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Thabo Mokone Parliamentary editor", "Thabo Mokone"),  # TimesLive
        ("Daniel Großert Redakteur", "Daniel Großert"),  # Ruhr Nachrichten
        ("Tania Broughton Journalist", "Tania Broughton"),
    ],
)
def test_a_name_beside_its_dateline_with_its_job_title_after_it(line: str, name: str) -> None:
    text = f"Tax agency will hire more debt collectors\n21 May 2025 - 14:19\n{line}\n{_TEXT}"
    assert names_beside(text, text.index("21 May")) == (name,)
    # A job title alone, or one the name runs into, is no name.
    text = f"Headline\n21 May 2025 - 14:19\nParliamentary editor\n{_TEXT}"
    assert names_beside(text, text.index("21 May")) == ()


def test_a_by_byline_ends_at_its_job_title() -> None:
    # The Citizen run together: "By Enkosi Selane Journalist 4 minute read 28 November …".
    text = (
        "Severe storms escalate By Enkosi Selane Journalist 4 minute read 28 November 2025 03:26 pm"
    )
    assert text_byline(text)[0] == ("Enkosi Selane",)
    assert text_byline("By Jane Doe Senior Staff Writer\nThe text.")[0] == ("Jane Doe",)
    # A job title where the name should be is no name.
    assert text_byline("By Staff Reporter\nThe text.")[0] == ()
