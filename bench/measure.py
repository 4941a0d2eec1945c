"""Bench helper: run a piece of code in a process of its own and measure it.

``run_measured(code, body, *args)`` runs ``body`` (Python source that defines ``run()``
from ``sys.argv[1:]``) with the ``src/`` of the tree ``code`` on the path, and returns
its wall seconds, its peak resident memory above the process's start (Linux:
``/proc/self/clear_refs`` resets the peak) and the peak of its anonymous memory alone,
sampled every 10 ms: resident memory also counts the pages of files the step maps,
which the kernel can drop at will. ``run()`` may return a dict of numbers to report too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

_PRELUDE = r"""
import json, sys, threading, time

def rss(key):
    with open("/proc/self/status") as fh:
        return int(fh.read().split(key + ":")[1].split()[0]) / 1024

anon = [0.0]
def sample():  # the kernel keeps no peak of anonymous memory alone: sample it
    while True:
        anon[0] = max(anon[0], rss("RssAnon"))
        time.sleep(0.01)
"""

_MEASURE = r"""
start_rss, start_anon = rss("VmRSS"), rss("RssAnon")
with open("/proc/self/clear_refs", "w") as fh:
    fh.write("5")
threading.Thread(target=sample, daemon=True).start()
start = time.perf_counter()
extra = run()
seconds = time.perf_counter() - start
anon[0] = max(anon[0], rss("RssAnon"))
print(json.dumps({"seconds": seconds, "peak_mb": rss("VmHWM") - start_rss,
                  "anon_peak_mb": anon[0] - start_anon,
                  **(extra if isinstance(extra, dict) else {})}))
"""


def run_measured(code: Path, body: str, *args: str) -> dict[str, float]:
    """Measure ``body``'s ``run()`` with the code of the tree ``code``, in a new process."""
    env = {**os.environ, "PYTHONPATH": str(code / "src")}
    out = subprocess.run(
        [sys.executable, "-c", _PRELUDE + body + _MEASURE, *args],
        env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return {k: round(v, 2) for k, v in json.loads(out.splitlines()[-1]).items()}
