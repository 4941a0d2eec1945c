"""``python -m newsarchive``: the same as the ``newsarchive`` command."""

from newsarchive.cli import cli

cli(prog_name="newsarchive")
