"""decode: bytes to str.

Order of evidence: a byte-order mark; for HTML, the charset the page declares
(``<meta charset>`` / ``http-equiv``) when the bytes really decode with it;
strict UTF-8; then charset-normalizer's detection. Bytes that look like
binary data, or that nothing decodes, raise ``DecodeError``.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from cleanse.errors import DecodeError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.-]{1,40})""", re.IGNORECASE
)
# Control bytes that never occur in text (NUL included); many of them mean binary.
_BINARY = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_SNIFF = 4096


# WHATWG Encoding Standard: these labels mean the Windows code page (browsers decode
# them so, and pages are written for browsers). Python's names after codecs.lookup.
_WHATWG_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254"}
# Legacy web text is windows-1252 far more often than any near-tied detection result.
_PREFERRED = "cp1252"
_CHAOS_TIE = 0.15
# WHATWG windows-1252 decodes bytes 0x80-0x9F to cp1252's characters; the five it leaves
# undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) stay C1 controls, as in latin-1. As a str table:
# the same map turns C1 controls left in text (latin-1 read of cp1252 or UTF-8) into them.
C1_TO_CP1252: dict[int, str] = {
    b: c for b in range(0x80, 0xA0) if (c := bytes([b]).decode("cp1252", "replace")) != "\ufffd"
}


# The C1 control characters: in text, bytes 0x80-0x9F of some charset read as latin-1.
C1_CONTROLS = re.compile("[\x80-\x9f]")


def decode_windows_1252(raw: bytes) -> str:
    """WHATWG windows-1252: cp1252 that never fails (undefined bytes keep their code point)."""
    return raw.decode("latin-1").translate(C1_TO_CP1252)


# A well-formed UTF-8 sequence of two to four bytes.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_STRAY_AS_CP1252 = "cleanse-stray-cp1252"


def _stray_as_cp1252(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return decode_windows_1252(exc.object[exc.start : exc.end]), exc.end


codecs.register_error(_STRAY_AS_CP1252, _stray_as_cp1252)


def _mostly_utf8(raw: bytes) -> bool:
    """Whether bytes that are not valid UTF-8 are UTF-8 but for a few stray bytes: at
    least three well-formed multi-byte sequences, and at most one stray byte per two.
    (Text in a legacy charset rarely forms one: "café" in cp1252 is a stray é.)"""
    valid = _UTF8_SEQUENCE.findall(raw)
    if len(valid) < 3:
        return False
    stray = len(_NON_ASCII.findall(raw)) - sum(len(v) for v in valid)
    return stray * 2 <= len(valid)


def declared_charset(head: bytes) -> str | None:
    m = _META_CHARSET.search(head)
    if m is None:
        return None
    name = m.group(1).decode("ascii").lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return _WHATWG_ALIASES.get(codec, codec)


def _detect(raw: bytes) -> str | None:
    matches = list(from_bytes(raw))
    if not matches:
        return None
    best = matches[0]
    for match in matches:
        if match.encoding == _PREFERRED and match.chaos <= best.chaos + _CHAOS_TIE:
            return str(match)
    try:
        codec = codecs.lookup(best.encoding).name
    except LookupError:
        return str(best)
    if _WHATWG_ALIASES.get(codec) == "cp1252":
        # A latin-1 answer leaves 0x80-0x9F as C1 controls, which the parser and the
        # repair step cannot read; a browser would decode those bytes as windows-1252.
        return decode_windows_1252(raw)
    return str(best)


def decode(raw: bytes, *, name: str = "<input>") -> str:
    """Decode ``raw`` or raise ``DecodeError`` naming ``name`` and the reason."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"{name}: has a {encoding} byte-order mark but {exc}") from exc
    head = raw[:_SNIFF]
    if len(_BINARY.findall(head)) > max(2, len(head) // 100):
        raise DecodeError(f"{name}: looks like binary data, not text")
    declared = declared_charset(head)
    if declared not in (None, "utf-8") and not raw.isascii():
        # Valid UTF-8 with non-ASCII bytes is almost never an accident of another charset:
        # the declaration is stale (a template's), the bytes are right.
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
    if declared is not None:
        try:
            return raw.decode(declared)
        except UnicodeDecodeError:
            pass  # the declaration lies; fall through to detection
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(raw):
        # UTF-8 with a stray byte of another charset (text pasted from a cp1252 source):
        # detection would read it all in some charset ("Itâ€™s"); the stray byte is cp1252.
        return raw.decode("utf-8", errors=_STRAY_AS_CP1252)
    detected = _detect(raw)
    if detected is None:
        raise DecodeError(f"{name}: could not identify the text encoding")
    return detected
