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


def declared_charset(head: bytes) -> str | None:
    m = _META_CHARSET.search(head)
    if m is None:
        return None
    name = m.group(1).decode("ascii").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


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
    if declared is not None:
        try:
            return raw.decode(declared)
        except UnicodeDecodeError:
            pass  # the declaration lies; fall through to detection
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw).best()
    if best is None or best.encoding is None:
        raise DecodeError(f"{name}: could not identify the text encoding")
    return str(best)
