"""Cleaning and decoding: what strangers' bytes become before anything downstream sees them."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.sources import Failure, read_bytes
from briefing.sources.clean import clean_line, clean_text
from briefing.sources.decode import SourceError, decode_bytes

MB = 5 << 20


def one(data: bytes, name: str = "in.txt", suffix: str = ".txt"):
    results = list(read_bytes(data, name, MB, fetch=False, suffix=suffix))
    assert len(results) == 1, results
    return results[0]


@pytest.mark.parametrize("raw, clean", [
    ("red \x1b[31mALERT\x1b[0m end", "red ALERT end"),                      # SGR colour
    ("a\x1b[2J\x1b[H\x1b[3Jb", "ab"),                                       # clear screen, cursor home
    ("x\x1b]0;pwned window title\x07y", "xy"),                              # OSC window title, BEL
    ("x\x1b]2;title\x1b\\y", "xy"),                                         # OSC ended by ST
    ("copy\x1b]52;c;cm0gLXJmIH4v\x07 me", "copy me"),                       # OSC 52 clipboard write
    ("link \x1b]8;;https://evil.example\x1b\\here\x1b]8;;\x1b\\", "link here"),  # OSC 8 hyperlink
    ("a\x1b[?25lb\x1b[?1049hc", "abc"),                                     # private CSI modes
    ("a\x1bcb", "ab"),                                                      # RIS full reset
    ("a\x1b(Bb\x1b7c", "abc"),                                              # charset select, save cursor
    ("a\x1bP1$qm\x1b\\b", "ab"),                                            # DCS
    ("a\x9b31mb\x9d0;t\x9cc", "abc"),                                       # 8-bit CSI and OSC
    ("bell\x07 back\x08space\x00nul\x7fdel\x85nel", "bell backspacenuldelnel"),  # C0/C1 controls
    ("tab\tand\nnewline stay", "tab\tand\nnewline stay"),
    ("dos\r\nline\rold mac\n", "dos\nline\nold mac\n"),
    ("[bold]not markup[/bold] and [@click=app.quit]", "[bold]not markup[/bold] and [@click=app.quit]"),
])
def test_clean_text(raw: str, clean: str):
    assert clean_text(raw) == clean


def test_clean_line_folds_white_space():
    assert clean_line("  Talks\tresume \x1b[1min\x1b[0m\n Geneva ") == "Talks resume in Geneva"


def test_escape_sequences_are_gone_from_a_stored_article():
    data = (b"Title: \x1b]0;owned\x07Summit \x1b[1mends\x1b[0m\r\nDate: 2024-05-02\r\n\r\n"
            b"Leaders left Reykjavik\x1b]52;c;ZXZpbA==\x07 on Friday.\x1b[2J\r\nTalks will go on.\r\n")
    article = one(data)
    assert article.title == "Summit ends"
    assert article.body == "Leaders left Reykjavik on Friday.\nTalks will go on."


@pytest.mark.parametrize("text, encoding", [
    ("Title: Café talks\n\nThe minister’s “résumé” was read in Zürich — twice. Señor Núñez paid €5.\n", "cp1252"),
    ("Title: Genève\n\nLe président a parlé à Genève avec des élèves. Ça coûte très cher.\n", "latin-1"),
    ("He said “no”.\n", "cp1252"),
    ("Die Regierung hat am Montag in Berlin über die Maßnahmen beraten, sagte Müller.\n", "latin-1"),
    ("Tytuł: Warszawa\n\nPrezydent powiedział w poniedziałek, że rozmowy w Łodzi będą kontynuowane.\n", "cp1250"),
    ("Заголовок: Москва\n\nПрезидент выступил в понедельник в Москве с новым заявлением о переговорах.\n", "cp1251"),
    ("東京\n\n首相は月曜日に東京で記者会見を開き、新しい経済対策を発表した。\n", "shift_jis"),
    ("外交部发言人周一在北京表示，双方将继续谈判。\n", "gb18030"),
    ("Title: Kyiv\n\nZelensky met Yoon – “urgent”.\n", "utf-16"),          # with BOM
    ("Title: Kyiv\n\nZelensky met Yoon in Kyiv.\n", "utf-16-le"),          # without BOM
    ("Title: Kyiv\n\nZelensky met Yoon – “urgent”.\n", "utf-8-sig"),
])
def test_encodings_are_detected_without_replacement_characters(text: str, encoding: str):
    decoded = decode_bytes(text.encode(encoding))
    assert decoded == text
    assert "\ufffd" not in decoded


def test_a_cp1252_file_becomes_an_article():
    article = one("Title: Señor Núñez resigns\n\nHe said “enough”.\n".encode("cp1252"))
    assert article.title == "Señor Núñez resigns"
    assert article.body == "He said “enough”."


def test_an_http_charset_is_used_when_it_fits():
    assert decode_bytes("Genève".encode("latin-1"), declared="iso-8859-1") == "Genève"
    assert decode_bytes("Genève".encode("utf-8"), declared="ascii") == "Genève"  # wrong label ignored


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", "Talks resume in Geneva. " * 40)
    return buffer.getvalue()


@pytest.mark.parametrize("data, kind", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "PNG image"),
    (b"\x7fELF\x02\x01\x01\x00" + bytes(56) + b"\x00\x01" * 100, "ELF executable"),
    (_zip(), "zip archive"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nstream\n\x00\x01\x02", "PDF document"),
    (b"Talks resume\x00\x00 in Geneva" * 20, "binary data"),
    (bytes(range(1, 32)) * 20, "binary data"),
], ids=["png", "elf", "zip", "pdf", "nul", "controls"])
def test_binary_files_are_refused_with_their_kind(data: bytes, kind: str):
    with pytest.raises(SourceError, match=kind):
        decode_bytes(data)
    failure = one(data, "thing.txt")
    assert isinstance(failure, Failure)
    assert failure.path == "thing.txt"
    assert failure.reason.startswith("binary file") and kind in failure.reason


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"  \n\n\t \r\n", "empty file (nothing but white space)"),
    (b"\x1b[2J\x1b[H\n\x07\n", "empty file (nothing but control characters and white space)"),
])
def test_empty_files_are_refused(data: bytes, reason: str):
    failure = one(data)
    assert isinstance(failure, Failure) and failure.reason == reason


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=("Cs",)), max_size=200))
def test_cleaned_text_holds_no_controls_and_cleaning_twice_changes_nothing(text: str):
    cleaned = clean_text(text)
    assert not any(c < " " and c not in "\n\t" or "\x7f" <= c <= "\x9f" for c in cleaned)
    assert clean_text(cleaned) == cleaned


@given(st.lists(st.sampled_from(["Talks ", "résumé ", "“quoted” ", "\x1b[31m", "\x1b]0;title\x07", "\x1b[0m",
                                  "\r\n", "\t", "\x07", "\x9b1m", "Zürich ", "\x1b]52;c;AAAA\x07"]), max_size=30))
def test_escape_sequences_never_leave_fragments(parts: list[str]):
    cleaned = clean_text("".join(parts))
    expected = "".join(p for p in parts if p[0] not in "\x1b\x07\x9b").replace("\r\n", "\n")
    assert cleaned == expected
