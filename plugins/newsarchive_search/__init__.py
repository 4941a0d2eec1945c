"""Placeholder: the search plugin is being written."""


def register() -> None:
    """Connect nothing yet."""
