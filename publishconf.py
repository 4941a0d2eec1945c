"""Publish settings: pelicanconf.py plus the keys that differ when deploying."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("NEWSARCHIVE_SITEURL", SITEURL)  # noqa: F405
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True
