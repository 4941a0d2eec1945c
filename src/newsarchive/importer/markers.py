"""Import stage: the words scrape artefacts are recognised by, in Italian and English.

One table per artefact kind, so a new marker is one row (and one test case).
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "COMMENT_FORM_RE",
    "COMMENT_HEADER_RE",
    "CONSENT_UI_RE",
    "CONSENT_WORD_RE",
    "COPYRIGHT_RE",
    "CREDIT_ONLY_RE",
    "EMBED_NOTICE_RE",
    "EMBED_NOTICE_WORDS",
    "FOOTER_RE",
    "OPENING_WORDS",
    "PROSE_END_RE",
    "SHARE_LEAD_RE",
    "SHARE_RE",
    "TEASER_BLOCK_HEADINGS",
    "TEASER_MARKERS",
    "TEASER_RE",
    "UI_LABEL_RE",
    "credit_lead_re",
    "find_teaser",
    "tag_list_start",
    "teaser_prefix",
    "without_card_tail",
    "without_share_runs",
]

# Words that introduce a teaser for another article, run into the text or as a label.
# Italian ones a flattened page runs into the text in lower case, between the heading
# before and the teaser's headline after ("…del Cremlino approfondimento App Clubhouse,
# come funziona…"); the English ones are everyday words in lower case ("related to our
# practices", "recommended by activists", "read more about it here").
_RUN_IN_MARKERS: tuple[str, ...] = (
    "leggi anche", "leggi pure", "guarda anche", "vedi anche", "approfondimento",
    "approfondisci", "potrebbe interessarti", "ti potrebbe interessare", "per approfondire",
)  # fmt: skip
TEASER_MARKERS: tuple[str, ...] = (
    *_RUN_IN_MARKERS,
    "read more", "read also", "see also", "related", "related story", "related article",
    "related articles", "related stories", "more from", "recommended", "recommended reading",
    "also read", "you may also like", "further reading", "don't miss", "read next",
)  # fmt: skip
# Headings of whole related-story blocks.
TEASER_BLOCK_HEADINGS: tuple[str, ...] = (
    "altre notizie", "leggi anche", "potrebbe interessarti", "articoli correlati",
    "notizie correlate", "correlati", "related", "related stories", "related articles",
    "more stories", "read more", "recommended", "you may also like", "most popular",
    "più letti", "i più letti", "ultime notizie", "latest news", "see also",
    "more on this story", "more on this topic", "related coverage", "related content",
    "read next", "what to read next", "editor's picks", "top stories", "trending",
    # the neighbours' (German, French, Spanish, Portuguese, Dutch, Nordic, Polish)
    "auch interessant", "das könnte sie auch interessieren", "lesen sie auch",
    "mehr zum thema", "weitere artikel", "weitere videos", "à lire aussi", "lire aussi",
    "sur le même sujet", "te puede interesar", "también te puede interesar",
    "lee también", "leia também", "lees ook", "les også", "läs också", "czytaj także",
    "czytaj też", "zobacz także",
)  # fmt: skip

_marker_alt = "|".join(sorted((re.escape(m) for m in TEASER_MARKERS), key=len, reverse=True))
TEASER_RE = re.compile(rf"(?<![\w-])(?:{_marker_alt})(?![\w])\s*[:»>\-–—]*\s*", re.I)
_SENTENCE_END = re.compile(r"(?:^|[.!?:;…\"”’»)\]])\s*$")
# Share toolbars leave their labels behind.
SHARE_RE = re.compile(
    r"(?<![\w])(?:condividi(?: (?:su|l'articolo|questo articolo))?|share(?: this(?: article| story)?| on)?"
    r"|tweet|pin it|send by email|invia per email)\s*:\s*$",
    re.I,
)
# A share toolbar's label that a flattened page runs into the start of the next text:
# "Share this story On November 17th, …", "| Share this story Discord is …".
SHARE_LEAD_RE = re.compile(
    r"^(?:[|·•/]\s*)?(?:share this (?:story|article)|condividi(?: l'articolo| questo articolo)?)"
    r"\s*:?\s+(?=[A-Z0-9\"“«])",
    re.I,
)
# Picture agencies, whose name ends a photo credit (``credit_lead_re``).
_PHOTO_AGENCY = (
    r"(?:Getty(?: Images)?|Alamy(?: Stock Photo)?|Shutterstock|Unsplash|iStock(?:photo)?|"
    r"Corbis|Imago|NurPhoto)"
)
_NEWS_AGENCY = r"(?:AP(?: Photo)?|Reuters|AFP|EPA(?:-EFE)?|ANSA|Bloomberg|dpa|LaPresse|Xinhua)"
_AGENCY = rf"(?:{_PHOTO_AGENCY}|{_NEWS_AGENCY})"
_CREDIT_WORD = r"[A-Z][\w.'’&-]*"
_CREDITED = rf"(?:{_CREDIT_WORD}\s+){{0,4}}{_CREDIT_WORD}\s*/\s*"  # "Jessica Rinaldi/"
_CREDIT_LABEL = (
    r"(?i:photo(?:graph)?s?|photo-illustration|illustration|image|video|foto)\s*(?:by)?\s*:\s*"
)
# A line that opens with a photo credit's label ("Foto: REUTERS/Nathan Howard").
CREDIT_LINE_RE = re.compile(rf"\s*{_CREDIT_LABEL}")
# Words a sentence opens with (in English, Italian and German), that no photo credit ends
# with: after a credit without an agency the text starts at one ("Photograph: Apple The
# Apple Watch has …"); and a run of boilerplate that ends with one took the text's first
# word ("… Share on LinkedIn The immense …", ``textclean``).
OPENING_WORDS = frozenset(
    "the a an in on at for when if it its this that these those as but and after before since "
    "while with last our we i he she they there what why how il la lo le gli un una nel nella "
    "per dopo quando mentre der die das ein eine".split()
)
_OPENERS = (
    "(?:" + "|".join(sorted((w.capitalize() for w in OPENING_WORDS), key=len, reverse=True)) + ")"
)


@lru_cache(maxsize=256)
def credit_lead_re(site_names: tuple[str, ...] = ()) -> re.Pattern[str]:
    """A photo credit that a flattened page runs into the start of the text: "Photograph:
    Jessica Rinaldi/The Boston Globe/Getty Images Across the world, …", "Robert
    Taylor/Alamy Scientists have …".

    It ends with a picture agency, or with the site's own name (``site_names``: "Photo:
    Alex Washburn/WIRED"). A bare agency name opening the text is its subject
    ("Bloomberg News reported …"), unless a sentence's opening word follows it ("Getty
    If you've …"). A labelled credit without an agency ends before such a word
    ("Photograph: Apple The Apple Watch …"); otherwise where it ends cannot be told
    ("Illustration: Ross Patton John Wilkes says …"), and it stays."""
    names = "|".join(re.escape(n) for n in site_names if len(n) >= 3)
    agency = rf"(?i:{_AGENCY}|{names})" if names else rf"(?i:{_AGENCY})"
    return re.compile(
        rf"^(?:{_CREDIT_LABEL}(?:{_CREDITED})*|(?:{_CREDITED})+)"
        rf"(?:{_CREDIT_WORD}[\s;,]+){{0,3}}{agency}\b"
        # more credits after the first: "WIRED STAFF; GETTY IMAGES", "… via Getty"
        rf"(?:(?:[\s;,/&]+|\s+(?:via|for)\s+)(?:{_CREDIT_WORD}[\s;,/&]+){{0,3}}{agency}\b)*"
        r"[\s,.;:|–—-]*(?=[A-Z0-9\"“‘'«])"
        rf"|^{_CREDIT_LABEL}(?:(?:{_CREDIT_WORD}|of|and|via)[\s,;/]+){{1,5}}?(?={_OPENERS}\s)"
        # A bare agency before a sentence's opening word: "Getty If you've been …".
        rf"|^{agency}\b[\s,.;:|–—-]*(?={_OPENERS}\s)"
    )


# A block that is only a photo credit, beside or under its picture: "Getty Images",
# "Paul Morigi/Getty Images", "Oli Scarff | Getty Images", "2011 Getty Images",
# "STR/AFP", "Image Credits: Strava", "Фото: Дмитрий Азаров, Коммерсантъ". Without a
# label it ends with a picture agency, or a news agency after a slash or "via" (a bare
# "AP" or "Reuters" may sign the article off).
_PICTURE_AGENCY = (
    rf"(?:{_PHOTO_AGENCY}|REX(?:/Shutterstock)?|Barcroft\s+Media|PA\s+(?:Images|Wire)|"
    r"AP\s+Photo|Keystone|SIPA|picture\s+alliance)"
)
_CREDIT_NAME = r"[^\W\d_][\w.'’&-]*"
_CREDIT_SEP = r"(?:\s*[/|;,&]\s*|\s+(?:via|for|and)\s+|\s+)"
CREDIT_ONLY_RE = re.compile(
    rf"\(?(?:\d{{4}}\s+)?(?:{_CREDIT_NAME}{_CREDIT_SEP}){{0,5}}(?i:{_PICTURE_AGENCY})\)?\s*"
    rf"|\(?(?:{_CREDIT_NAME}{_CREDIT_SEP}){{0,4}}{_CREDIT_NAME}(?:\s*/\s*|\s+via\s+)"
    rf"(?i:{_AGENCY})\)?\s*"
    r"|(?i:image\s+credits?|photo\s+credits?|credits?|photos?|foto|bild|фото)\s*:\s*"
    rf"(?:{_CREDIT_NAME}[\s/|;,&]*){{1,6}}"
)
# A block that is only a page's label or status, not text: an ad's label, a reading
# time (with the day before it: "Oct 5, 2019 · 7 min read"), a loading notice.
UI_LABEL_RE = re.compile(
    r"(?i:advertisement|anzeige|werbung|pubblicità|publicité|publicidad|"
    r"(?:[\w.,]+\s+){0,3}[·|•–-]?\s*\d+\s*(?:min(?:ute)?s?|minuten|minuti)\.?\s+"
    r"(?:read|lesezeit|lesedauer|di\s+lettura|de\s+lecture|de\s+lectura)|"
    r"(?:lesezeit|lesedauer|reading\s+time|tempo\s+di\s+lettura)\s*:?\s*\d+\s*"
    r"(?:min(?:ute)?s?|minuten|minuti)\.?|"
    r"(?:loading(?:\s+comments)?|please\s+wait|caricamento(?:\s+in\s+corso)?|"
    r"wird\s+geladen)\s*(?:\.\.\.|…)?)"
)


# What a page shows in place of an embed it did not load (a chart, a video, a post):
# "Externer Inhalt nicht verfügbar", "Deine Privatsphäre-Einstellungen verhindern das
# Laden …", "Zur Anzeige aktiviere bitte die Einstellungen …", "Ein Klick für den
# Datenschutz", "Please enable cookies to view this content".
EMBED_NOTICE_RE = re.compile(
    r"(?i:externe[rn]?\s+inhalte?\s+(?:nicht\s+verfügbar|laden|anzeigen)|"
    r"(?:this\s+)?external\s+content\s+(?:is\s+)?(?:not\s+available|blocked)|"
    r"ein\s+klick\s+für\s+den\s+datenschutz|empfohlener\s+redaktioneller\s+inhalt|"
    r"contenuto\s+(?:esterno\s+)?non\s+disponibile|contenu\s+externe\s+(?:non\s+disponible|bloqué)|"
    r"(?:(?:deine|ihre|your)\s+)?(?:privatsphäre|datenschutz|privacy|cookie)[- ]?"
    r"(?:einstellungen|settings|preferences)\s+(?:verhindern|prevent|block)|"
    r"zur\s+anzeige\s+(?:aktiviere|aktivieren\s+sie)|"
    r"(?:please\s+)?(?:enable|accept|allow)\s+(?:\w+\s+){0,2}cookies\s+to\s+(?:view|see|display|load|watch))"
)
EMBED_NOTICE_WORDS = 40


# A cookie-consent dialog (OneTrust, CookieYes, …) that a scraper saved with the page:
# its buttons and the names of its categories. One of them may stand in an article
# about cookie rules; a dialog shows several (``dump.tails._without_consent``).
CONSENT_UI_RE = re.compile(
    r"(?i:\b(?:always\s+(?:active|enabled)|accept\s+all|allow\s+all|reject\s+all|"
    r"cookie\s+(?:settings|preferences|policy)|manage\s+(?:consent|preferences|cookies)|"
    r"confirm\s+my\s+choices|privacy\s+(?:overview|preference\s+center)|"
    r"(?:strictly\s+necessary|necessary|functional|performance|targeting|analytics|"
    r"advertising|marketing)\s+cookies|alle\s+(?:akzeptieren|ablehnen)|"
    r"cookie-einstellungen|accetta\s+tutti|rifiuta\s+tutti|tout\s+(?:accepter|refuser)|"
    r"(?:aceptar|rechazar)\s+todas?)\b)"
)
# The words every paragraph of such a dialog has.
CONSENT_WORD_RE = re.compile(
    r"(?i:cookie|consent|privacy|personal\s+(?:data|information)|opt[- ]out|third[- ]part|"
    r"einwilligung|datenschutz|zustimm|consenso|consentement|consentimiento)"
)


# The fine print of a comment form (WordPress's, and the like in German, Italian,
# French and Spanish): where a page's comments start, never article prose.
COMMENT_FORM_RE = re.compile(
    r"(?i:your\s+e-?mail\s+(?:address\s+)?will\s+not\s+be\s+published|"
    r"required\s+fields\s+are\s+marked|"
    r"\(?wird\s+nicht\s+veröffentlicht|(?:mit\s+\*\s+markierte\s+)?pflichtfelder\s+sind|"
    r"il\s+tuo\s+indirizzo\s+(?:e-?mail\s+)?non\s+sarà\s+pubblicato|"
    r"i\s+campi\s+obbligatori\s+sono\s+contrassegnati|"
    r"votre\s+adresse\s+(?:e-?mail|de\s+messagerie)\s+ne\s+sera\s+pas\s+publiée|"
    r"tu\s+dirección\s+de\s+correo\s+electrónico\s+no\s+será\s+publicada)"
)
# The heading such a form stands under.
COMMENT_HEADER_RE = re.compile(
    r"(?i:leave\s+a\s+(?:reply|comment)|post\s+a\s+comment|add\s+a\s+comment|"
    r"kommentar\s+(?:verfassen|schreiben|abgeben)|lascia\s+un\s+commento|"
    r"laisser\s+un\s+commentaire|deja\s+un\s+comentario)\b|"
    # a label, capitalised: "3 Comments", "Kommentare" (not "declined to comment")
    r"(?:\d+\s+)?(?:Comments?|COMMENTS?|Kommentare?|Commenti|Commentaires|Comentarios)\b"
)


# A share toolbar run into the text: "Facebook X Email Save Story", "Share on Facebook
# Share on Twitter Share on Flipboard". Three items or more, two of them networks.
_NETWORK = (
    r"(?:Facebook|Twitter|X|E-?mail|LinkedIn|WhatsApp|Pinterest|Reddit|Flipboard|Telegram|"
    r"Tumblr|Messenger|Threads|Bluesky)"
)
_SHARE_ITEM = (
    rf"(?:(?:Share|Condividi)\s+(?:on|via|su|to)\s+{_NETWORK}|{_NETWORK}|Save\s+Story|"
    r"Copy\s+Link|Print|Comments?)"
)
_SHARE_RUN_RE = re.compile(rf"(?<!\S)(?:{_SHARE_ITEM}\s+){{2,}}{_SHARE_ITEM}(?!\S)")
_NETWORK_RE = re.compile(rf"(?<!\S){_NETWORK}(?!\S)")


def without_share_runs(text: str) -> str:
    """``text`` without the share toolbars run into it."""
    out = _SHARE_RUN_RE.sub(
        lambda m: " " if len(_NETWORK_RE.findall(m.group())) >= 2 else m.group(), text
    )
    return " ".join(out.split()) if out != text else text


FOOTER_RE = re.compile(
    r"^\s*(?:©\s*)?(?:riproduzione riservata|tutti i diritti riservati|all rights reserved)"
    r"(?:\s*©)?\.?\s*$",
    re.I,
)

# A copyright notice or photo credit: the page's footer or a caption, not article text.
# It starts with the sign (a credit inside a caption run into the text does not count)
# or reserves the rights.
COPYRIGHT_RE = re.compile(
    r"^\W*(?:©|\(c\)\s?\d{4}|copyright\b)|all rights reserved|diritti (?:sono )?riservati"
    r"|riproduzione riservata|alle rechte vorbehalten|derechos reservados"
    r"|droits réservés|direitos reservados",
    re.I,
)


# A page's tag list, run into the end of a flattened page's text: "… If you want them
# to be.” Topics artificial intelligence Music Deepfakes Angela Watercutter …" (WIRED:
# its tags, then the names of the authors of the stories it recommends). The label is
# capitalised as a label, and what follows it to the end is a list, not a sentence.
# Not German "Tag" or "Themen": there they are everyday nouns.
_TAG_LABELS: tuple[str, ...] = (
    "Topics", "TOPICS", "Related Topics", "Explore more on these topics", "Tags", "TAGS",
    "Tagged", "Tagged with", "Keywords", "Argomenti", "ARGOMENTI", "Parole chiave",
    "Etichette", "Schlagwörter", "Schlagworte",
)  # fmt: skip
_tag_alt = "|".join(sorted((re.escape(m) for m in _TAG_LABELS), key=len, reverse=True))
_TAG_LIST_RE = re.compile(rf"(?<!\S)(?:{_tag_alt})\s*:?\s+(?=\S)")
# A sentence ends after a word ("… to be. Next", "… agresiva".") or at a paragraph's
# closing colon, not after an initial ("U.S. politics"); in Hindi at a danda, in Chinese
# and Japanese at their full stops.
PROSE_END_RE = re.compile(r"\w\w[\"”’»)\]]*[.!?…؟]+[\"”’»)\]]*(?:\s|$)|\w[\"”’»)\]]*:$|[।。！？]")
MAX_TAG_LIST_WORDS = 80
# What the author's card leaves before the tag list: the role and the card's close
# button ("Senior Writer X", "Editor at Large X"), or close buttons alone ("X X").
_CARD_TAIL_RE = re.compile(
    r"(?:\s+(?:[A-Z][\w-]*\s+){0,3}(?:Writer|Editor|Contributor|Reporter|Correspondent|"
    r"Columnist|Producer|Critic)(?:\s+at\s+Large)?)?(?:\s+X)+\s*$"
)


def tag_list_start(text: str) -> int | None:
    """Where the page's tag list starts at the end of ``text`` (one flattened paragraph),
    or None: a tag label followed, to the end, by at most ``MAX_TAG_LIST_WORDS`` words
    and no sentence."""
    for match in _TAG_LIST_RE.finditer(text):
        rest = text[match.end() :]
        if len(rest.split()) <= MAX_TAG_LIST_WORDS and not PROSE_END_RE.search(rest):
            return match.start()
    return None


def without_card_tail(text: str) -> str:
    """``text`` without the author card's role and close buttons at its end."""
    return _CARD_TAIL_RE.sub("", text).rstrip()


def find_teaser(text: str) -> re.Match[str] | None:
    """The first teaser marker in a run of flattened text, or None.

    A marker counts where a label stands: at the start, after a sentence, or written as
    a label ("Related Stories", "READ MORE"), and always before a capitalised headline.
    In lower case inside a sentence, only an Italian marker or one ending in a colon
    counts; "work-related" never does.
    """
    for match in TEASER_RE.finditer(text):
        after = text[match.end() :].lstrip("\"'“«‘[(")
        if not (after[:1].isupper() or after[:1].isdigit()):
            continue  # no headline after it: prose ("Related capital investments")
        marker = " ".join(match.group(0).split()).strip(" :»>-–—")
        if _SENTENCE_END.search(text[: match.start()]) or marker[:1].isupper():
            return match
        if marker.lower() in _RUN_IN_MARKERS or re.search("[:»>]", match.group(0)):
            return match
    return None


def teaser_prefix(text: str) -> str | None:
    """The marker a block of text starts with (``Leggi anche: ...``), if any."""
    match = TEASER_RE.match(text.strip())
    return match.group(0) if match else None
