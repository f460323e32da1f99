"""Bytes to text: UTF-8 when it is, else the detected encoding; binary refused with a reason."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes


class SourceError(Exception):
    """An input that cannot become an article; the message is the reason a person reads."""


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def looks_binary(data: bytes) -> bool:
    """NUL bytes or a high share of non-text control bytes in the first 8 KiB mean binary."""
    head = data[:8192]
    if not head:
        return False
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(head) > 0.10


def decode_bytes(data: bytes) -> str:
    """Decode text without replacement characters; raises SourceError for binary or undecodable data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    if looks_binary(data):
        raise SourceError("binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged
    best = from_bytes(data).best()
    if best is None:
        raise SourceError("cannot tell the text encoding (not UTF-8, no other encoding fits)")
    return str(best)


def _damaged_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few broken bytes, decoded with U+FFFD for each, or None if it is not UTF-8.

    A guessed 8-bit encoding would turn every "ü" of otherwise good UTF-8 into mojibake, so
    when the valid multi-byte characters outnumber the broken bytes, UTF-8 it is.
    """
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - data.count("\ufffd".encode())
    valid_multibyte = sum(1 for c in text if ord(c) > 127 and c != "\ufffd")
    return text if 0 < broken <= valid_multibyte else None
