"""Site stage: output files written atomically, and only when their bytes change.

A page rewritten with the same bytes would still get a new modification time, and a
deploy by modification time (``rsync -a``, most static hosts' uploaders) would send the
whole archive every day.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["replace_if_changed"]


def replace_if_changed(path: Path, data: bytes) -> bool:
    """Make ``path`` hold ``data``: untouched if it already does, else replaced atomically.

    No fsync: the output is rebuilt from ``content/`` at will, so a power cut costs a
    rebuild, while an fsync per page would cost minutes on a large archive.
    """
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a published page is not
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
