"""Library text made safe to draw: no control characters or escape sequences reach the terminal.

`briefing ingest` cleans what it stores, but a library can be written by other means (a script,
direct SQL, an older version). The reader draws nothing from it as it is:

- `body_text`: an article body keeps its length, so every stored span still lines up: each escape
  sequence becomes a placeholder followed by spaces, each other control character (C0, DEL, C1)
  and each bidi override, embedding or isolate a placeholder, a tab a space; newlines stay.
- `line_text`: a one-line field (title, source, name, role, quote): escape sequences and control
  characters go, line breaks and tabs become spaces, and bidi overrides, embeddings and isolates
  (which can reorder what follows them on screen) are removed.
"""

from __future__ import annotations

import re

PLACEHOLDER = "\ufffd"
"""Shown where the body held a control character (one cell, like the character it replaces)."""

_ESCAPE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x1b[\]PX^_][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS, SOS, PM, APC ... terminator (one line)
    r"|\x1b[ -/]*[0-~]"  # two-character and nF escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"  # 8-bit DCS, SOS, OSC, PM, APC
)
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # C0 but the newline, DEL, C1
_SPACING = frozenset("\t\r\x0b\x0c\x1c\x1d\x1e\x1f\x85")  # controls that separate words
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_BODY_UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # all but the newline
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def body_text(text: str) -> str:
    """The body with every control character, escape sequence and bidi override replaced, character
    for character."""
    if not _BODY_UNSAFE.search(text):
        return text
    text = _ESCAPE.sub(lambda m: PLACEHOLDER + " " * (len(m.group()) - 1), text)
    return _BODY_UNSAFE.sub(lambda m: " " if m.group() == "\t" else PLACEHOLDER, text)


def line_text(text: str | None) -> str:
    """A one-line field without controls, escape sequences or bidi overrides; runs of whitespace as one space."""
    if not text:
        return ""
    if _UNSAFE.search(text):
        text = _BIDI.sub("", _CONTROL.sub(lambda m: " " if m.group() in _SPACING else "", _ESCAPE.sub("", text)))
    return " ".join(text.split())
