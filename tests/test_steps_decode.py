"""decode: bytes -> str. In/out tables; undecodable input is a clear DecodeError."""

from __future__ import annotations

import codecs

import pytest

import cleanse
from cleanse.errors import DecodeError
from cleanse.steps.decode import declared_charset, decode


def page(body: str, *, head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head>{head}<title>A page</title></head>"
        f"<body><article><p>{body}</p><p>{body}</p></article></body></html>"
    )


# -- byte-order marks -----------------------------------------------------------------

BOM_CASES = [
    ("utf-8", codecs.BOM_UTF8 + "café “x”".encode()),
    ("utf-16-le", codecs.BOM_UTF16_LE + "café “x”".encode("utf-16-le")),
    ("utf-16-be", codecs.BOM_UTF16_BE + "café “x”".encode("utf-16-be")),
    ("utf-32-le", codecs.BOM_UTF32_LE + "café “x”".encode("utf-32-le")),
    ("utf-32-be", codecs.BOM_UTF32_BE + "café “x”".encode("utf-32-be")),
]


@pytest.mark.parametrize(("label", "raw"), BOM_CASES, ids=[c[0] for c in BOM_CASES])
def test_bom_decides_and_is_dropped(label: str, raw: bytes) -> None:
    assert decode(raw) == "café “x”"


def test_bom_beats_a_contradicting_declaration() -> None:
    raw = codecs.BOM_UTF8 + page("café", head='<meta charset="shift_jis">').encode()
    assert "café" in decode(raw)


# -- declared charsets ----------------------------------------------------------------

DECLARED = [
    ("windows-1252", "“Smart” quotes – and naïve café"),
    ("cp1252", "Œuvre … €5"),
    ("iso-8859-1", "Café naïve, señor"),
    ("latin-1", "Ærøskøbing"),
    ("iso-8859-15", "Prix: 5 €"),
    ("windows-1251", "Москва — столица"),
    ("koi8-r", "Привет, мир"),
    ("shift_jis", "日本語のテキストです。東京都。"),
    ("euc-jp", "日本語のテキストです。"),
    ("gb2312", "这是中文文本。北京市。"),
    ("gbk", "这是中文文本。北京市。"),
    ("big5", "這是中文。臺北市。"),
    ("euc-kr", "한국어 텍스트입니다."),
]


@pytest.mark.parametrize(("charset", "body"), DECLARED, ids=[c[0] for c in DECLARED])
@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="{}">',
        "<meta charset={}>",
        '<meta http-equiv="Content-Type" content="text/html; charset={}">',
    ],
    ids=["meta-charset", "unquoted", "http-equiv"],
)
def test_declared_charset_is_used(charset: str, body: str, meta: str) -> None:
    html = page(body, head=meta.format(charset))
    assert decode(html.encode(charset)) == html


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<meta charset="UTF-8">', "utf-8"),
        (b"<META CHARSET='Windows-1252'>", "cp1252"),
        (
            b'<meta http-equiv="content-type" content="text/html;charset=ISO-8859-1">',
            "cp1252",
        ),  # WHATWG: the label means windows-1252
        (b'<meta charset="no-such-charset">', None),
        (b"<p>charset=utf-8 in running text</p>", None),
        (b"", None),
    ],
)
def test_declared_charset_parsing(head: bytes, expected: str | None) -> None:
    assert declared_charset(head) == expected


def test_a_declaration_the_bytes_contradict_is_ignored() -> None:
    html = page("café 日本", head='<meta charset="us-ascii">')
    assert decode(html.encode("utf-8")) == html


@pytest.mark.parametrize("charset", ["shift_jis", "gb2312", "windows-1251"])
def test_declared_page_through_the_pipeline(charset: str) -> None:
    body = dict(DECLARED)[charset]
    html = page(body, head=f'<meta charset="{charset}">')
    article = cleanse.clean(html.encode(charset))
    assert article.text == f"{body}\n\n{body}"


def test_utf8_page_that_declares_latin1_is_read_as_utf8() -> None:
    # Valid UTF-8 with non-ASCII bytes outweighs a (stale) single-byte declaration.
    html = page("The café was full.", head='<meta charset="iso-8859-1">')
    article = cleanse.clean(html.encode("utf-8"))
    assert article.text == "The café was full.\n\nThe café was full."
    assert not [e for e in article.edits if e.step == "repair"]


def test_latin1_label_means_windows_1252() -> None:
    html = page("\x93Café\x94 opens", head='<meta charset="iso-8859-1">')
    raw = html.replace("\x93", "“").replace("\x94", "”").encode("cp1252")
    assert "“Café” opens" in decode(raw)


# -- no declaration: UTF-8, then detection -------------------------------------------

UNDECLARED = [
    ("ascii", "Plain ASCII text.", "ascii"),
    ("utf-8", "Zürich, 東京, Москва — “quoted”", "utf-8"),
    ("windows-1251", "Москва является столицей России. " * 4, "windows-1251"),
    ("shift_jis", "日本語のテキストです。東京都の人口は多いです。" * 4, "shift_jis"),
    ("gb2312", "这是中文文本。北京市是中国的首都。" * 4, "gb2312"),
]


@pytest.mark.parametrize(("label", "text", "charset"), UNDECLARED, ids=[c[0] for c in UNDECLARED])
def test_undeclared_text_is_detected(label: str, text: str, charset: str) -> None:
    assert decode(text.encode(charset)) == text


def test_undeclared_cp1252_prose_is_detected() -> None:
    text = (
        "The café on the corner served crème brûlée and “naïve” desserts; the owner’s "
        "résumé listed years in Zürich and São Paulo.\n"
    )
    assert decode(text.encode("cp1252")) == text


class _Answer:
    """A charset-normalizer match that names ``encoding``."""

    def __init__(self, raw: bytes, encoding: str) -> None:
        self.raw, self.encoding, self.chaos = raw, encoding, 0.0

    def __str__(self) -> str:
        return self.raw.decode(self.encoding)


@pytest.mark.parametrize("answer", ["latin_1", "iso8859_1"])
def test_a_detected_latin1_label_means_windows_1252(
    answer: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # WHATWG, as for declared labels: 0x80-0x9F are cp1252's characters, not C1 controls;
    # the five bytes cp1252 leaves undefined keep their code points (as in latin-1).
    monkeypatch.setattr("cleanse.steps.decode.from_bytes", lambda data: [_Answer(data, answer)])
    raw = b"\x93Caf\xe9\x94 opens \x96 it\x92s \x80" + b"5, \x81\x9d"
    assert decode(raw) == "“Café” opens – it’s €5, \x81\x9d"


def test_empty_bytes_decode_to_empty_text() -> None:
    assert decode(b"") == ""


# -- binary and undecodable input -----------------------------------------------------

BINARY = [
    ("all-bytes", bytes(range(256)) * 4),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(64)),
    ("gzip", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(range(200))),
    ("nul-padded", b"text\x00\x00\x00\x00\x00\x00 more\x00\x00\x00"),
]


@pytest.mark.parametrize(("label", "raw"), BINARY, ids=[c[0] for c in BINARY])
def test_binary_bytes_raise_a_clear_decode_error(label: str, raw: bytes) -> None:
    with pytest.raises(DecodeError, match=r"page\.bin: looks like binary data"):
        decode(raw, name="page.bin")


def test_a_lying_bom_raises_decode_error_naming_the_input() -> None:
    with pytest.raises(DecodeError, match=r"x\.txt: has a utf-8-sig byte-order mark"):
        decode(codecs.BOM_UTF8 + b"\xff\xfe\xfd ok", name="x.txt")


@pytest.mark.parametrize(("label", "raw"), BINARY, ids=[c[0] for c in BINARY])
def test_binary_through_the_api_is_a_cleanse_error(label: str, raw: bytes) -> None:
    with pytest.raises(cleanse.CleanseError, match="binary"):
        cleanse.clean(raw)


def test_utf8_with_a_stray_cp1252_byte_stays_utf8() -> None:
    raw = "It’s a “big” day in the city, officials said. ".encode() + b"Caf\xe9 prices rose."
    assert decode(raw) == "It’s a “big” day in the city, officials said. Café prices rose."


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Café crème brûlée à la carte, naïve façade, déjà vu, résumé.", "cp1252"),
        ("Привет мир, как дела? Всё хорошо, спасибо большое.", "cp1251"),
        ("日本語のテキストです。東京は晴れ。", "shift_jis"),
    ],
)
def test_a_legacy_charset_is_not_taken_for_utf8_with_stray_bytes(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding)) == text
