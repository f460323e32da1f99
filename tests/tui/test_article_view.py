"""Wrapping and span styling of the article view: pure functions over the body, no app needed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from briefing.tui.widgets.article_view import _Layer, _wrap_plain, _wrap_tokens, wrap

SEED_PARAGRAPH = ("Ukrainian President Volodymyr Zelensky echoed the alarm, confirming discussions with South "
                  "Korean President Yoon Suk Yeol.")


def _body_lines(body: str, width: int) -> list[str]:
    return [body[line.start:line.end] for line in wrap(body, width)]


def test_wrap_keeps_words_whole_and_lines_within_width():
    lines = _body_lines(SEED_PARAGRAPH, 30)
    assert all(cell_len(line.rstrip()) <= 30 for line in lines)
    assert "".join(lines) == SEED_PARAGRAPH
    assert lines[0] == "Ukrainian President Volodymyr "
    assert all(not line.startswith(" ") for line in lines)


def test_wrap_puts_a_blank_line_between_paragraphs_only():
    body = "First paragraph here.\nSecond one.\n\nThird after a blank."
    shown = _body_lines(body, 40)
    assert shown == ["First paragraph here.", "", "Second one.", "", "Third after a blank."]


def test_wrap_cuts_words_longer_than_the_line():
    body = "short " + "x" * 25 + " end"
    lines = _body_lines(body, 10)
    assert all(cell_len(line.rstrip()) <= 10 for line in lines)
    assert "".join(lines) == body


def test_wide_characters_count_as_two_cells():
    body = "東京 " * 20
    assert all(cell_len(line.rstrip()) <= 11 for line in _body_lines(body, 11))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab c\n東-"), max_size=300), st.integers(min_value=8, max_value=60))
def test_wrap_covers_the_body_in_order_within_width(body, width):
    lines = wrap(body, width)
    position = 0
    for line in lines:
        assert line.start >= position or line.start == line.end
        assert cell_len(body[line.start:line.end].rstrip()) <= width
        position = max(position, line.end)
    covered = "".join(body[line.start:line.end] for line in lines)
    assert covered.replace("\n", "") == body.replace("\n", "")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab  .x“”’—é"), min_size=1, max_size=300), st.integers(min_value=8, max_value=40),
       st.integers(min_value=0, max_value=50))
def test_plain_wrap_breaks_where_the_word_by_word_wrap_does(para, width, offset):
    """The line-at-a-time wrap for paragraphs of one-cell characters is only faster, never different."""
    fast, reference = [], []
    _wrap_plain(para, offset, width, fast)
    _wrap_tokens(para, offset, width, reference)
    assert fast == reference


def test_layer_finds_spans_overlapping_a_line():
    layer = _Layer([(50, 60), (0, 5), (8, 40), (70, 71)])
    assert list(layer.overlapping(10, 20)) == [(8, 40)]
    assert list(layer.overlapping(55, 75)) == [(50, 60), (70, 71)]
    assert list(layer.overlapping(5, 8)) == []
