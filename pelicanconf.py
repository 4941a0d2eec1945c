"""Site settings: Pelican's own keys, then one dict per newsarchive feature."""

# No AUTHOR: Pelican would credit it with every article that has no byline.
SITENAME = "Tech news archive"
# The site's description (feeds' <description> and <subtitle>, the page footer). Unset:
# the interface's own note, "An archive of tech news articles." (feeds: in DEFAULT_LANG).
# SITESUBTITLE = "An archive of tech news articles."
# Absolute URLs appear only where formats require them (feeds, sitemap); pages link
# relatively (RELATIVE_URLS), so the site also works from file:// and from a sub-path.
# This default matches `newsarchive serve`; publishconf.py sets the real address.
SITEURL = "http://127.0.0.1:8000"
# Language of the site's own pages (home, archives, search). Articles keep their own.
DEFAULT_LANG = "en"
TIMEZONE = "UTC"

PATH = "content"
OUTPUT_PATH = "output"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS: list[str] = []
THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["newsarchive_site", "newsarchive_search"]

# Article URLs by date; the importer guarantees unique slugs within a month.
ARTICLE_URL = ARTICLE_LANG_URL = "{date:%Y}/{date:%m}/{slug}.html"
ARTICLE_SAVE_AS = ARTICLE_LANG_SAVE_AS = "{date:%Y}/{date:%m}/{slug}.html"
# Articles in Italian and English are separate articles, never "translations".
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None
PAGE_URL = PAGE_SAVE_AS = PAGE_LANG_URL = PAGE_LANG_SAVE_AS = "pages/{slug}.html"
TAG_URL = TAG_SAVE_AS = "tag/{slug}.html"
TAGS_URL = TAGS_SAVE_AS = "tags.html"
# The category of an article is its source site: category pages are the source archive.
CATEGORY_URL = CATEGORY_SAVE_AS = "source/{slug}.html"
CATEGORIES_URL = CATEGORIES_SAVE_AS = "sources.html"
AUTHOR_URL = AUTHOR_SAVE_AS = "author/{slug}.html"
AUTHORS_URL = AUTHORS_SAVE_AS = "authors.html"
ARCHIVES_URL = ARCHIVES_SAVE_AS = "archives.html"
YEAR_ARCHIVE_URL = YEAR_ARCHIVE_SAVE_AS = "{date:%Y}/index.html"
MONTH_ARCHIVE_URL = MONTH_ARCHIVE_SAVE_AS = "{date:%Y}/{date:%m}/index.html"
DIRECT_TEMPLATES = ["index", "tags", "categories", "authors", "archives", "search", "404"]
DEFAULT_PAGINATION = 20
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/index.html", "{base_name}/page/{number}/index.html"),
)
DEFAULT_DATE_FORMAT = "%Y-%m-%d"
SUMMARY_MAX_LENGTH = 60

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/source/{slug}.atom.xml"
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = "feeds/tag/{slug}.atom.xml"
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
FEED_MAX_ITEMS = 50
RSS_FEED_SUMMARY_ONLY = True

# Scraped text is hostile: autoescape everything; templates mark sanitized HTML |safe.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

# Deterministic output: no wall-clock dates, stable ordering. A rebuild keeps output/
# (it writes only what changed and removes what no build makes) and reads only the
# Markdown files whose bytes changed; `newsarchive build` empties the cache when a
# setting or Pelican's or Markdown's version changes.
DELETE_OUTPUT_DIRECTORY = False
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
CHECK_MODIFIED_METHOD = "sha256"
GZIP_CACHE = False  # 3x the disk, half the time to load (927 articles: 0.9 s -> 0.4 s)
CACHE_PATH = ".newsarchive/pelican-cache"
RELATIVE_URLS = True

# newsarchive features (see src/newsarchive/settings.py for every key).
ARCHIVE_IMPORT = {"articles_dir": "articles"}
ARCHIVE_ENRICH = {"max_tags": 8, "max_related": 5}
ARCHIVE_SEARCH = {"whoosh_dir": ".newsarchive/whoosh", "static_dir": "search"}
