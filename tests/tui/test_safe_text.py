"""Library text made safe to draw: bodies keep their length, one-line fields lose controls and bidi overrides."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from briefing.tui.safe_text import PLACEHOLDER, body_text, line_text

UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def test_body_escape_sequences_become_a_placeholder_and_spaces():
    body = "Lyon \x1b]0;pwned\x07 mayor \x1b[2J said"
    clean = body_text(body)
    assert clean == f"Lyon {PLACEHOLDER}{' ' * 9} mayor {PLACEHOLDER}{' ' * 3} said"
    assert clean.index("mayor") == body.index("mayor")


def test_body_keeps_newlines_and_turns_tabs_into_spaces():
    assert body_text("a\tb\nc\x00d\x85e") == f"a b\nc{PLACEHOLDER}d{PLACEHOLDER}e"


def test_clean_text_is_returned_as_it_is():
    text = "Zelensky said: “We need more air defence.”\nNext paragraph."
    assert body_text(text) is text


@given(st.text(alphabet=st.sampled_from("ab \n\t\x1b[]0;m\x07\x9b\x9d\x9c\\P\x00\x7f"), max_size=80))
def test_body_keeps_every_offset_and_no_control(body):
    clean = body_text(body)
    assert len(clean) == len(body)
    assert not UNSAFE.search(clean.replace("\n", ""))
    assert [i for i, c in enumerate(clean) if c == "\n"] == [i for i, c in enumerate(body) if c == "\n"]


def test_one_line_fields_lose_escapes_controls_and_bidi_overrides():
    assert line_text("Raw \x1b]2;owned\x07 \u202eevil\u202c\ttitle\nhere") == "Raw evil title here"
    assert line_text("Wire\x1b[31m red") == "Wire red"
    assert line_text(None) == ""


def test_body_bidi_overrides_become_placeholders_in_place():
    body = "Olaf Scholz \u202ein Berlin\u202c said \u2066x\u2069."
    clean = body_text(body)
    assert len(clean) == len(body) and clean.index("Berlin") == body.index("Berlin")
    assert clean == f"Olaf Scholz {PLACEHOLDER}in Berlin{PLACEHOLDER} said {PLACEHOLDER}x{PLACEHOLDER}."
