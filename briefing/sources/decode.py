"""Bytes to text: UTF-8 when it is, else the declared or detected encoding; binary refused with a reason.

Decoding is always strict: a text never gets U+FFFD replacement characters, because a reader
cannot tell them from the article. Detection (charset-normalizer) often ties between Windows
code pages on short Western text; the tie goes to cp1252, the legacy encoding of most English
news text, so "Señor" does not become "Seńor".
"""

from __future__ import annotations

import codecs


class SourceError(Exception):
    """An input that cannot become an article; the message is the reason a person reads."""


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))

# Leading bytes of common non-text files, named in the refusal so the user knows what they fed in.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"), (b"RIFF", "RIFF media file"), (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "zip archive (or docx/epub)"), (b"PK\x05\x06", "zip archive"),
    (b"\x1f\x8b", "gzip archive"), (b"BZh", "bzip2 archive"), (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"), (b"\x7fELF", "ELF executable"), (b"MZ", "Windows executable"),
    (b"\xca\xfe\xba\xbe", "Mach-O or Java class file"), (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"SQLite format 3\x00", "SQLite database"), (b"\xd0\xcf\x11\xe0", "MS Office document"),
    (b"ID3", "MP3 audio"), (b"OggS", "Ogg media"), (b"\x00\x00\x00", "binary data"),
)

# Encodings preferred when detection scores several as equally good, most preferred first.
_TIE_PREFERENCE = ("utf_8", "cp1252", "latin_1", "iso8859_15")
_TIE = 0.01


def binary_kind(data: bytes) -> str | None:
    """What kind of binary file this is ("PNG image", "binary data"), or None for text."""
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    for magic, name in _MAGIC:
        if data.startswith(magic):
            # "MZ"/"BZh"/"ID3"/"RIFF" can begin a text too: trust them only with binary bytes after.
            if len(magic) >= 4 or b"\x00" in data[:4096]:
                return name
    head = data[:8192]
    if b"\x00" in head:
        return None if _utf16_without_bom(head) else "binary data"
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return "binary data" if head and controls / len(head) > 0.10 else None


def _utf16_without_bom(head: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when NULs sit at every other byte of mostly-ASCII text, else None."""
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    for zeros, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) / len(zeros) > 0.9:
            try:
                text = head[: len(head) // 2 * 2].decode(codec)
            except UnicodeDecodeError:
                return None
            controls = sum(1 for c in text if c < " " and c not in "\t\n\r\x0c")
            return codec if controls <= len(text) // 50 else None
    return None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode text strictly (no replacement characters); SourceError for binary or undecodable data.

    `declared` is an encoding the transport named (an HTTP charset); it is used when it decodes
    the bytes cleanly and ignored otherwise.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise SourceError(f"broken {encoding.upper()} text: {exc.reason} at byte {exc.start}") from exc
    kind = binary_kind(data)
    if kind:
        raise SourceError(f"binary file ({kind}), not text")
    utf16 = _utf16_without_bom(data[:8192]) if b"\x00" in data[:8192] else None
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError as exc:
            raise SourceError(f"broken UTF-16 text: {exc.reason} at byte {exc.start}") from exc
    if declared:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        if _mostly_utf8(data):  # a guessed 8-bit encoding would turn every "ü" into mojibake
            return data.decode("utf-8", errors=_STRAY_BYTES)
    return _detect(data)


def _stray_bytes_as_cp1252(exc: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 rejects one by one as cp1252 (the usual culprit: a pasted curly quote).

    The valid UTF-8 around them is kept as it is, and nothing becomes U+FFFD; a byte cp1252 leaves
    undefined becomes its Latin-1 control character, which cleaning then removes.
    """
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start:exc.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), exc.end


_STRAY_BYTES = "briefing-stray-bytes"
codecs.register_error(_STRAY_BYTES, _stray_bytes_as_cp1252)


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few broken bytes: its valid multi-byte characters outnumber the broken bytes."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - data.count("\ufffd".encode())
    valid_multibyte = sum(1 for c in text if ord(c) > 127 and c != "\ufffd")
    return 0 < broken <= valid_multibyte


def _detect(data: bytes) -> str:
    """The most plausible decoding of non-UTF-8 bytes.

    Mostly-ASCII bytes are Latin-script text with a few accents and curly quotes: there the
    candidate whose non-ASCII characters are Latin letters and common punctuation wins, ties
    going to cp1252. Otherwise (Cyrillic, CJK, ...) charset-normalizer's verdict stands.
    """
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    best = matches[0] if matches else None
    candidates: list[str] = []
    if best is not None:
        candidates += [m.encoding for m in matches
                       if abs(m.chaos - best.chaos) <= _TIE and abs(m.coherence - best.coherence) <= _TIE]
    ascii_share = sum(1 for b in data if b < 0x80) / len(data)
    if ascii_share >= 0.7:
        candidates = [*_TIE_PREFERENCE, *candidates]
    decoded: list[tuple[int, int, str]] = []
    for rank, encoding in enumerate(dict.fromkeys(candidates)):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        mess = _latin_mess(text) if ascii_share >= 0.7 else 0
        decoded.append((mess, rank, text))
    if not decoded:
        raise SourceError("cannot tell the text encoding (not UTF-8, and no other encoding fits)")
    return min(decoded, key=lambda item: item[:2])[2]


_COMMON_MARKS = set("“”‘’‚„–—…€£¥¢°«»‹›•·©®™×÷½¼¾§¶±¡¿ ")


def _latin_mess(text: str) -> int:
    """How many non-ASCII characters are neither Latin letters nor common punctuation (mojibake)."""
    import unicodedata

    mess = 0
    for char in text:
        if char < "\x80" or char in _COMMON_MARKS:
            continue
        if not unicodedata.name(char, "").startswith("LATIN"):
            mess += 1
    return mess
