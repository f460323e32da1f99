"""Text cleaning, done once at ingest: everything downstream (offsets, reader, search) trusts it.

Article text comes from strangers. Terminal escape sequences are removed whole (so no stray
`[31m` is left behind), every other C0/C1 control character except newline and tab goes, and
line endings become `\\n`. Nothing else is rewritten, so the offsets of a plain file still line up.
"""

from __future__ import annotations

import re

# ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC
# (ESC P/X/^/_ ... ST), and two-character escapes (ESC + one char).
_ESCAPES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]                       # CSI
    | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?          # OSC, terminated by BEL or ST (or cut off)
    | \x1b[PX^_][^\x1b]*(?:\x1b\\)?               # DCS, SOS, PM, APC
    | \x1b[ -/]*[0-~]                             # other escapes: ESC c, ESC 7, ESC ( B, ...
    | \x9b[0-?]*[ -/]*[@-~]                       # 8-bit CSI
    | \x9d[^\x07\x9c]*(?:\x07|\x9c)?              # 8-bit OSC
    """,
    re.VERBOSE,
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_text(text: str) -> str:
    """Line endings to `\\n`, escape sequences removed whole, other control characters dropped."""
    text = normalize_newlines(text)
    text = _ESCAPES.sub("", text)
    return _CONTROLS.sub("", text)


def clean_line(text: str) -> str:
    """For one-line fields (titles, sources): cleaned, with runs of white space folded to one space."""
    return " ".join(clean_text(text).split())
