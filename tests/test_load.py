"""Tests of `compare.load`: files, bytes and URLs → `Article`.

Every fixture is written into `tmp_path`; URL tests talk only to an
`http.server` on 127.0.0.1 started by the `server` fixture below.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import http.server
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

import compare
import compare.load.read as read_module
from compare import __version__
from compare.errors import ArticleError, ConfigError
from compare.load import DEFAULT_MAX_BYTES, fetch_url, load_article, load_bytes
from compare.load.formats import INPUT_FORMATS
from compare.model import Article


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    """Write `data` to `tmp_path`/`name` and return the path."""
    path = tmp_path / name
    path.write_bytes(data)
    return path


def assert_offsets(article: Article) -> None:
    """Every block's offsets select exactly its text, in order, without overlap."""
    assert article.blocks, "an article has at least one block"
    previous_end = 0
    for block in article.blocks:
        assert article.text[block.start : block.end] == block.text
        assert block.text == block.text.strip() and block.text
        assert block.start >= previous_end
        previous_end = block.end


def error_of(source: str | Path, **kwargs: object) -> ArticleError:
    """Load `source`, expecting an `ArticleError`, and check the message is one line naming `source`."""
    with pytest.raises(ArticleError) as info:
        load_article(source, **kwargs)  # type: ignore[arg-type]
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{source}: ")
    assert info.value.source == str(source)
    return info.value


# -- plain text and decoding --------------------------------------------------------


def test_text_normalises_crlf_and_lone_cr(tmp_path: Path) -> None:
    data = b"Headline here\r\n\r\nFirst line\rsecond line\r\n \t \r\n\r\nLast para.  \r\n\r\n"
    path = write(tmp_path, "story.txt", data)
    article = load_article(path)
    assert article.text == "Headline here\n\nFirst line\nsecond line\n \t \n\nLast para."
    assert [b.text for b in article.blocks] == ["Headline here", "First line\nsecond line", "Last para."]
    assert {b.kind for b in article.blocks} == {"paragraph"}
    assert article.format == "text"
    assert article.encoding == "utf-8"
    assert article.notes == ()
    assert article.meta.title == "Headline here"
    assert article.source == str(path)
    assert article.sha256 == hashlib.sha256(data).hexdigest()
    assert_offsets(article)


def test_text_blocks_trim_indentation_and_keep_inner_newlines() -> None:
    article = load_bytes(
        "  Title line\n  second title line \n\n\u3000\n\tBody one\nbody two\n".encode(), source="a.txt"
    )
    assert [b.text for b in article.blocks] == ["Title line\n  second title line", "Body one\nbody two"]
    assert article.blocks[0].start == 2
    assert article.meta.title == "Title line"
    assert_offsets(article)


def test_text_is_nfc_normalised() -> None:
    article = load_bytes("Cafe\u0301 au lait".encode(), source="a.txt")
    assert article.text == "Caf\u00e9 au lait"


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.txt", codecs.BOM_UTF8 + "Café\r\n\r\nDeux".encode())
    article = load_article(path)
    assert article.text == "Café\n\nDeux"
    assert article.encoding == "utf-8"
    assert article.notes == ()


def test_cp1252_curly_quotes_and_em_dash(tmp_path: Path) -> None:
    text = "\u201cWe will not back down,\u201d the minister said \u2014 twice.\n\nIt\u2019s over, she said."
    path = write(tmp_path, "export.txt", text.encode("cp1252"))
    article = load_article(path)
    assert article.text == text
    assert article.encoding == "cp1252"
    assert article.notes == ("decoded as cp1252 (not valid UTF-8)",)
    assert_offsets(article)


def test_cp1252_beats_cp1250_when_they_disagree() -> None:
    # ï is 0xEF in cp1252 but ď in cp1250; charset-normalizer alone ties them.
    text = "The minister said \u201cwe will not back down\u201d. It\u2019s a na\u00efve r\u00e9sum\u00e9.\n"
    text *= 3
    article = load_bytes(text.encode("cp1252"), source="a.txt")
    assert article.text == text.rstrip()


def test_latin1_file(tmp_path: Path) -> None:
    text = "Café crème à Genève, naïve façade.\n\nMünchen, Straße, £5 ¿qué?"
    path = write(tmp_path, "latin1.txt", text.encode("latin-1"))
    article = load_article(path)
    assert article.text == text
    # Windows-1252 reads every printable Latin-1 byte the same; it is reported.
    assert article.encoding == "cp1252"
    assert article.notes == ("decoded as cp1252 (not valid UTF-8)",)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path: Path, codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    text = "Zürich — “quoted”\r\n\r\nSecond paragraph."
    article = load_article(write(tmp_path, "u16.txt", bom + text.encode(codec)))
    assert article.text == "Zürich — “quoted”\n\nSecond paragraph."
    assert article.encoding == codec
    assert article.notes == (f"decoded as {codec} (byte-order mark)",)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path: Path, codec: str) -> None:
    text = "A plain English article, saved as UTF-16 by a word processor.\n\nCafé ends it."
    article = load_article(write(tmp_path, "u16.txt", text.encode(codec)))
    assert article.text == text
    assert article.encoding == codec
    assert article.notes and "no byte-order mark" in article.notes[0]


def test_explicit_encoding_wins(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Café".encode())
    article = load_article(path, encoding="latin-1")
    assert article.text == "CafÃ©"
    assert article.encoding == "iso8859-1"
    assert load_article(path, encoding="UTF8").encoding == "utf-8"


@pytest.mark.parametrize("name", ["no-such-codec", "base64"])
def test_unknown_encoding_is_a_config_error(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, "a.txt", b"text")
    with pytest.raises(ConfigError, match=name):
        load_article(path, encoding=name)


def test_explicit_encoding_that_does_not_fit(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "“quoted”".encode("cp1252"))
    error = error_of(path, encoding="utf-8")
    assert "cannot be decoded as utf-8" in str(error)
    assert "--encoding" in str(error)


# -- binary, empty and unreadable inputs --------------------------------------------


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(40), "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF document"),
        (b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "GIF image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG image"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "ZIP archive"),
        (random.Random(0).randbytes(4096), "NUL bytes"),
        (bytes(range(1, 32)) * 40, "control characters"),
    ],
    ids=["png", "pdf", "gif", "jpeg", "zip", "random", "controls"],
)
def test_binary_input_is_refused(tmp_path: Path, data: bytes, what: str) -> None:
    path = write(tmp_path, "article.txt", data)
    error = error_of(path)
    assert "looks like a binary file" in str(error)
    assert what in str(error)
    assert "give a .txt, .md or .html file or a URL" in str(error)


@pytest.mark.parametrize("name", ["story.json", "story.txt", "story.html"])
def test_json_data_is_refused_as_no_article_but_a_bracketed_line_is_text(tmp_path: Path, name: str) -> None:
    data = b'{\n  "headline": "Council approves budget",\n  "body": ["The council voted 7-2."]\n}\n'
    assert "looks like JSON data, not an article" in str(error_of(write(tmp_path, name, data)))
    assert "looks like JSON data" in str(error_of(write(tmp_path, "list.txt", b'[1, 2, "three"]')))
    article = load_article(write(tmp_path, "bracketed.txt", b"[Updated] The council voted [on Monday] 7-2.\n"))
    assert article.blocks[0].text == "[Updated] The council voted [on Monday] 7-2."


def test_binary_is_refused_whatever_the_format(tmp_path: Path) -> None:
    path = write(tmp_path, "page.html", b"\x89PNG\r\n\x1a\n" + bytes(64))
    assert "PNG image" in str(error_of(path, format="html"))


@pytest.mark.parametrize("name", ["empty.txt", "empty.md", "empty.html"])
@pytest.mark.parametrize("data", [b"", b"  \r\n\t\n \xc2\xa0 \n"], ids=["empty", "whitespace"])
def test_empty_input_is_refused(tmp_path: Path, name: str, data: bytes) -> None:
    error = error_of(write(tmp_path, name, data))
    assert "is empty: there is no article text to compare" in str(error)


def test_markdown_with_only_front_matter_is_empty(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", b"---\ntitle: Nothing here\n---\n\n")
    assert "is empty" in str(error_of(path))


def test_directory_is_refused(tmp_path: Path) -> None:
    assert "is a directory, not an article" in str(error_of(tmp_path))


def test_missing_file_is_refused(tmp_path: Path) -> None:
    assert "no such file; check the path" in str(error_of(tmp_path / "nope.txt"))
    assert "no such file" in str(error_of(tmp_path / "nope.txt" / "below.txt"))


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.txt", b"text")
    path.chmod(0)
    try:
        assert "cannot be read: permission denied" in str(error_of(path))
    finally:
        path.chmod(0o600)


def test_permission_error_while_opening(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The same path as above, reached without chmod so that it runs as root too.
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(read_module, "open", refuse, raising=False)
    path = write(tmp_path, "secret.txt", b"text")
    assert "cannot be read: permission denied" in str(error_of(path))


def test_file_over_max_bytes_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def must_not_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened although stat showed it too large")

    path = write(tmp_path, "big.txt", b"word " * 400)
    monkeypatch.setattr(read_module, "open", must_not_open, raising=False)
    error = error_of(path, max_bytes=1000)
    assert "larger than the 1000 bytes limit" in str(error)
    assert "--max-bytes" in str(error)


def test_default_limit_is_named_in_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(DEFAULT_MAX_BYTES + 1)  # sparse: costs no disk
    assert "larger than the 5.0 MB limit" in str(error_of(path))


def test_file_at_max_bytes_loads(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"x" * 1000)
    assert len(load_article(path, max_bytes=1000).text) == 1000


@pytest.mark.parametrize(
    ("kwargs", "word"), [({"max_bytes": 0}, "max_bytes"), ({"timeout": 0}, "timeout"), ({"format": "pdf"}, "format")]
)
def test_bad_arguments_are_config_errors(tmp_path: Path, kwargs: dict[str, object], word: str) -> None:
    path = write(tmp_path, "a.txt", b"text")
    with pytest.raises(ConfigError, match=word):
        load_article(path, **kwargs)  # type: ignore[arg-type]


# -- formats ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.txt", "text"),
        ("a.TEXT", "text"),
        ("README", "text"),
        ("a.rst", "text"),
        ("a.md", "markdown"),
        ("a.markdown", "markdown"),
        ("a.html", "html"),
        ("a.HTM", "html"),
        ("https://example.org/a.txt", "html"),
    ],
)
def test_format_from_extension(name: str, expected: str) -> None:
    data = b"<p>Some words of an article.</p>" if expected == "html" else b"Some words of an article."
    assert load_bytes(data, source=name).format == expected


def test_format_argument_overrides_extension(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"# Heading\n\nBody *text*.")
    article = load_article(path, format="markdown")
    assert article.format == "markdown"
    assert [(b.kind, b.text) for b in article.blocks] == [("heading", "Heading"), ("paragraph", "Body text.")]


REGISTERED_EXTENSIONS = [(extension, fmt.name) for fmt in INPUT_FORMATS for extension in fmt.extensions]


@pytest.mark.parametrize(("extension", "name"), REGISTERED_EXTENSIONS)
def test_registry_drives_the_extension_map(tmp_path: Path, extension: str, name: str) -> None:
    # Markup every registered reader finds words in: a new format's entry is tested here for free.
    data = b"<p>Some words of an article.</p>"
    assert load_article(write(tmp_path, f"story{extension}", data)).format == name
    assert load_bytes(data, source=f"story{extension.upper()}").format == name
    assert load_bytes(data, source="story.txt", format=name).format == name


@pytest.mark.parametrize("name", ["story.rst", "story.docx", "story", "story.md.bak"])
def test_unregistered_extension_falls_back_to_text(name: str) -> None:
    assert name.rsplit(".", 1)[-1] not in {extension.lstrip(".") for extension, _ in REGISTERED_EXTENSIONS}
    assert load_bytes(b"# Some words of an article.", source=name).format == "text"


def test_messages_name_the_registered_formats(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_bytes(b"words", source="a.txt", format="docx")
    assert str(info.value) == "unknown format 'docx'; use text, markdown or html"
    assert str(error_of(write(tmp_path, "a.txt", b"%PDF-1.7"))).endswith("; give a .txt, .md or .html file or a URL")


def test_json_schema_lists_the_registered_formats() -> None:
    # The schema is a published contract, so it is written by hand: a new input format must be added there too.
    schema = json.loads((Path(compare.__file__).parent / "schema" / "comparison.schema.json").read_text())
    enums = [node["format"]["enum"] for node in _walk_json(schema) if isinstance(node.get("format"), dict)]
    assert enums == [[fmt.name for fmt in INPUT_FORMATS]]


def _walk_json(node: object) -> Iterator[dict[str, Any]]:
    """Every JSON object in `node`, depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk_json(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk_json(value)


def test_path_like_source_and_colon_in_file_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "notes:v2.txt", b"A file whose name looks like a URL scheme.")
    assert load_article("notes:v2.txt").source == "notes:v2.txt"
    article = load_article(Path("notes:v2.txt"))
    assert article.source == "notes:v2.txt"
    assert article.text.startswith("A file")


MARKDOWN = """\
---
title: "The council votes on the bridge"
outlet: Riverside Gazette
date: 2024-05-01
author: Ana Writer
tags:
  - local
---
# Council backs bridge

The council voted **seven to two** on Tuesday, said AT&amp;T's Jo Smith &mdash; at last.

<script>document.title = "INJECTED SCRIPT";</script>

## Reaction

> "It is a good day," said the mayor.
> She smiled.
>
> Second quoted paragraph.

- Construction starts in 2026.
- It costs 120 million.
    - Half from grants.

Closing paragraph with `a<b` code.
"""


def test_markdown_blocks_and_front_matter(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "story.md", MARKDOWN.encode()))
    assert article.format == "markdown"
    assert [(b.kind, b.text) for b in article.blocks] == [
        ("heading", "Council backs bridge"),
        ("paragraph", "The council voted seven to two on Tuesday, said AT&T's Jo Smith — at last."),
        ("heading", "Reaction"),
        ("quote", '"It is a good day," said the mayor. She smiled.'),
        ("quote", "Second quoted paragraph."),
        ("item", "Construction starts in 2026."),
        ("item", "It costs 120 million."),
        ("item", "Half from grants."),
        ("paragraph", "Closing paragraph with a<b code."),
    ]
    assert article.meta.title == "The council votes on the bridge"
    assert article.meta.outlet == "Riverside Gazette"
    assert article.meta.author == "Ana Writer"
    assert article.meta.published == "2024-05-01"
    assert article.meta.url is None
    assert article.text == "\n\n".join(b.text for b in article.blocks)
    assert "INJECTED" not in article.text
    assert_offsets(article)


def test_markdown_title_from_h1_and_raw_html_text() -> None:
    source = (
        "Intro before the heading.\n\n# The Real Title\n\n---\n\n"
        "<div>\n<p>Raw <em>one</em></p>\n<p>Raw two &eacute;</p>\n<style>p { color: red }</style>\n</div>\n"
    )
    article = load_bytes(source.encode(), source="a.md")
    assert article.meta.title == "The Real Title"
    assert [b.text for b in article.blocks] == ["Intro before the heading.", "The Real Title", "Raw one", "Raw two é"]
    assert_offsets(article)


def test_an_inline_script_or_style_in_markdown_leaves_no_text() -> None:
    source = (
        "# Title\n\nAbout 300 people protested. <script>alert(5)</script> They left at noon.\n\n"
        "* A park is planned. <style type='text/css'>p { color: red }</style>\n"
        "* Closing </script> tags alone hide nothing.\n"
    )
    article = load_bytes(source.encode(), source="a.md")
    assert [b.text for b in article.blocks] == [
        "Title",
        "About 300 people protested. They left at noon.",
        "A park is planned.",
        "Closing tags alone hide nothing.",
    ]
    assert_offsets(article)


def test_markdown_rule_is_not_front_matter() -> None:
    article = load_bytes(b"---\nJust prose between rules.\n---\n\nMore prose.", source="a.md")
    assert article.meta.title is None
    assert [b.text for b in article.blocks][-1] == "More prose."
    assert "Just prose between rules." in article.text


# -- HTML ---------------------------------------------------------------------------

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Mayor unveils new bridge plan | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="og:title" content="Mayor unveils new bridge plan">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://news.example.org/2024/bridge">
<script>var secret = "SCRIPT IN HEAD";</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">NAVIGATION LINK</a></li></ul></nav>
<article>
<h1>Mayor unveils new bridge plan</h1>
<p>The mayor on Tuesday unveiled a plan to build a new bridge across the river, saying it would cut
commuting times for thousands of residents.</p>
<p>The project, estimated to cost 120 million dollars, would be funded partly by a regional grant and
partly by bonds issued by the city council.</p>
<h2>Opposition from residents</h2>
<p>Some residents of the riverside district said they feared years of noise and traffic.</p>
<blockquote><p>"We were never asked what we wanted," said one resident of forty years.</p></blockquote>
<ul><li>Construction would start in 2026 if approved.</li><li>The bridge would carry a cycle path.</li></ul>
<p>The council is expected to vote on the proposal next month after a public consultation.</p>
</article>
<footer><p>FOOTER NOTICE Copyright 2024. All rights reserved.</p></footer>
<script>document.write("SCRIPT IN BODY");</script>
</body></html>
"""


def test_html_article(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "saved.html", ARTICLE_HTML.encode()))
    assert article.format == "html"
    assert article.meta.title == "Mayor unveils new bridge plan"
    assert article.meta.outlet == "The Daily Example"
    assert article.meta.author == "Jane Reporter"
    assert article.meta.published == "2024-03-05"
    assert article.meta.url == "https://news.example.org/2024/bridge"
    kinds = [b.kind for b in article.blocks]
    assert kinds[0] == "heading"  # the h1 is the title: no "title" block is added
    assert "title" not in kinds
    assert {"heading", "paragraph", "quote", "item"} <= set(kinds)
    assert article.blocks[1].text.startswith("The mayor on Tuesday unveiled a plan")
    assert "commuting times" in article.blocks[1].text  # the line break became a space
    for unwanted in ("NAVIGATION", "FOOTER NOTICE", "SCRIPT IN", "secret"):
        assert all(unwanted not in b.text for b in article.blocks), unwanted
    assert article.text == "\n\n".join(b.text for b in article.blocks)
    assert_offsets(article)


def test_html_title_block_when_text_lacks_the_title() -> None:
    page = (
        "<html><head><title>Storm closes schools</title></head><body><div>"
        "<p>Heavy snow forced the closure of more than two hundred schools across the region on Monday.</p>"
        "<p>Road crews worked through the night but several highways remained closed, police said.</p>"
        "</div></body></html>"
    )
    article = load_bytes(page.encode(), source="storm.html")
    assert (article.blocks[0].kind, article.blocks[0].text) == ("title", "Storm closes schools")
    assert [b.kind for b in article.blocks[1:]] == ["paragraph", "paragraph"]
    assert_offsets(article)


def test_html_falls_back_to_visible_text(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "extract", lambda *args, **kwargs: None)
    page = "<html><head><title>Fallback</title></head><body><p>First visible line.</p><p>Second one.</p></body></html>"
    article = load_bytes(page.encode(), source="f.html")
    assert [b.text for b in article.blocks] == ["Fallback", "First visible line.", "Second one."]
    assert article.notes == ("no main article text found in the page; used all of its visible text",)
    assert_offsets(article)


def test_html_fragment_without_html_and_body_tags() -> None:
    # trafilatura alone finds nothing in a bare fragment; load wraps it first.
    article = load_bytes(b"<p>First paragraph of a body.</p>\n<p>Second paragraph.</p>", source="body.html")
    assert [(b.kind, b.text) for b in article.blocks] == [
        ("paragraph", "First paragraph of a body."),
        ("paragraph", "Second paragraph."),
    ]


def test_html_without_text_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "blank.html", b"<html><body><script>var x = 1;</script></body></html>")
    assert "no article text found" in str(error_of(path))


def test_html_meta_charset_is_used_when_not_utf8() -> None:
    page = '<html><head><meta charset="iso-8859-1"></head>'
    page += "<body><p>\u201cQuoted\u201d words in a paragraph.</p>"
    article = load_bytes(page.encode("cp1252"), source="p.html")
    assert article.blocks[0].text == "\u201cQuoted\u201d words in a paragraph."
    assert article.encoding == "cp1252"
    assert article.notes == ("decoded as cp1252 (charset declared in the page)",)


def test_trafilatura_is_not_imported_for_text() -> None:
    code = (
        "import sys; from compare.load import load_bytes; "
        "load_bytes(b'Plain text.', source='a.txt'); load_bytes(b'# Markdown', source='a.md'); "
        "print('trafilatura' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# -- URLs ---------------------------------------------------------------------------

SLOW_CHUNK_PAUSE = 0.05
SERVER_WORK_LIMIT = 2.5  # seconds any handler may keep a connection busy
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")


PLAIN_STORY = "Harbour wall holds\n\nThe wall held through the night.\n\nCrews cleared the slipway by noon.\n"
TRUNCATED_PAGE = b"<html><body><p>The first half of a story, and then the connection drops.</p>"


class Handler(http.server.BaseHTTPRequestHandler):
    """The test server's pages; each handler ends within SERVER_WORK_LIMIT seconds."""

    seen_agents: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep pytest's output clean

    def send_body(self, body: bytes, content_type: str, *, length: bool = True) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        Handler.seen_agents.append(self.headers.get("User-Agent", ""))
        # The client giving up is what the timeout tests want.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.route()

    def route(self) -> None:
        if self.path == "/article":
            self.send_body(ARTICLE_HTML.encode(), "text/html; charset=utf-8")
        elif self.path == "/cp1252":
            page = "<html><body><p>\u201cQuoted\u201d words from a server that says so.</p></body></html>"
            self.send_body(page.encode("cp1252"), "text/html; charset=windows-1252")
        elif self.path == "/missing":
            self.send_error(404)
        elif self.path == "/big":
            self.send_body(b"<p>" + b"x" * 10_000 + b"</p>", "text/html")
        elif self.path == "/big-unannounced":
            self.send_body(b"<p>" + b"x" * 10_000 + b"</p>", "text/html", length=False)
        elif self.path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            stop = time.monotonic() + SERVER_WORK_LIMIT
            while time.monotonic() < stop:
                self.wfile.write(b"<p>more</p>\n")
                self.wfile.flush()
                time.sleep(SLOW_CHUNK_PAUSE)
        elif self.path == "/sleepy":
            time.sleep(1.0)
            self.send_body(b"<p>too late</p>", "text/html")
        elif self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
        elif self.path == "/story.txt":
            self.send_body(PLAIN_STORY.encode(), "text/plain; charset=utf-8")
        elif self.path == "/story.md":
            self.send_body(PLAIN_STORY.replace("Harbour", "# Harbour", 1).encode(), "text/markdown")
        elif self.path == "/untyped":
            self.send_response(200)
            self.send_header("Content-Length", str(len(ARTICLE_HTML.encode())))
            self.end_headers()
            self.wfile.write(ARTICLE_HTML.encode())
        elif self.path == "/truncated":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "5000")
            self.end_headers()
            self.wfile.write(TRUNCATED_PAGE)
            self.close_connection = True
        elif self.path == "/redirect-broken":
            self.send_response(302)
            self.send_header("Location", "http://[::1/story")
            self.end_headers()
        elif self.path == "/redirect-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/file.txt")
            self.end_headers()
        else:
            self.send_error(500)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The base URL of a threaded HTTP server on 127.0.0.1, without proxies in the way."""
    with pytest.MonkeyPatch.context() as patch:
        for name in PROXY_VARIABLES:
            patch.delenv(name, raising=False)
        patch.setenv("no_proxy", "*")
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        httpd.daemon_threads = True
        thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{httpd.server_address[1]}"
        finally:
            httpd.shutdown()
            httpd.server_close()
            thread.join(timeout=5)


def url_error(url: str, **kwargs: object) -> ArticleError:
    """Load `url` expecting an `ArticleError`; check it is one line that names `url`."""
    kwargs.setdefault("timeout", 0.5)
    return error_of(url, **kwargs)


def test_url_article(server: str) -> None:
    url = f"{server}/article"
    article = load_article(url, timeout=2)
    assert article.format == "html"
    assert article.source == url
    assert article.meta.url == url
    assert article.meta.title == "Mayor unveils new bridge plan"
    assert article.blocks[1].text.startswith("The mayor on Tuesday")
    assert article.sha256 == hashlib.sha256(ARTICLE_HTML.encode()).hexdigest()
    assert Handler.seen_agents[-1] == f"article-compare/{__version__}"
    assert_offsets(article)


def test_fetch_url_returns_body_and_charset(server: str) -> None:
    body, charset = fetch_url(f"{server}/cp1252", max_bytes=10_000, timeout=2)
    assert charset == "windows-1252"
    assert body.startswith(b"<html>")
    article = load_article(f"{server}/cp1252", timeout=2)
    assert article.blocks[0].text == "\u201cQuoted\u201d words from a server that says so."
    assert article.notes == ("decoded as cp1252 (charset named by the server)",)


def test_url_redirect_is_followed(server: str) -> None:
    assert load_article(f"{server}/redirect", timeout=2).meta.title == "Mayor unveils new bridge plan"


def test_url_redirect_to_ftp_is_refused(server: str) -> None:
    error = url_error(f"{server}/redirect-ftp")
    assert "ftp://127.0.0.1/file.txt" in str(error)


def test_a_page_the_server_calls_plain_text_or_markdown_is_read_as_such(server: str) -> None:
    for path, fmt in (("/story.txt", "text"), ("/story.md", "markdown")):
        article = load_article(f"{server}{path}", timeout=2)
        assert article.format == fmt
        assert [b.text for b in article.blocks] == [
            "Harbour wall holds",
            "The wall held through the night.",
            "Crews cleared the slipway by noon.",
        ]
        assert article.meta.title == "Harbour wall holds"
    # A page whose server names no type is read as HTML, as before.
    assert load_article(f"{server}/untyped", timeout=2).meta.title == "Mayor unveils new bridge plan"
    # A format given by the caller wins over the server's.
    assert load_article(f"{server}/story.txt", timeout=2, format="html").format == "html"


def test_a_page_cut_short_of_its_content_length_is_refused_not_compared(server: str) -> None:
    error = url_error(f"{server}/truncated")
    got = len(TRUNCATED_PAGE)
    assert f"the connection closed after {got} of 5000 bytes; the page is incomplete, try again" in str(error)


def test_malformed_urls_and_redirects_get_an_article_error(server: str) -> None:
    assert "the URL is malformed" in str(url_error("http://[::1/story"))
    assert "redirects to 'http://[::1/story', which is not a URL" in str(url_error(f"{server}/redirect-broken"))


def test_url_http_error(server: str) -> None:
    assert "HTTP 404 Not Found" in str(url_error(f"{server}/missing"))


@pytest.mark.parametrize("path", ["/big", "/big-unannounced"])
def test_url_larger_than_cap(server: str, path: str) -> None:
    error = url_error(f"{server}{path}", max_bytes=2000)
    assert "larger than the 2.0 KB limit" in str(error)


def test_url_endless_slow_body_is_cut_off(server: str) -> None:
    started = time.monotonic()
    error = url_error(f"{server}/endless", max_bytes=1_000_000)
    elapsed = time.monotonic() - started
    assert "took longer than 0.5 s" in str(error)
    assert elapsed < 1.0  # the timeout, plus a little


def test_url_server_slower_than_timeout(server: str) -> None:
    started = time.monotonic()
    error = url_error(f"{server}/sleepy")
    assert "timed out after 0.5 s" in str(error)
    assert time.monotonic() - started < 1.0


def test_url_connection_refused() -> None:
    with socket.socket() as sock:  # a port nothing listens on once closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert "connection refused" in str(url_error(f"http://127.0.0.1:{port}/story"))


def test_url_dns_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_such_host(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    # Stands in for the resolver: nothing leaves the machine.
    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    assert "host not found" in str(url_error("http://no-such-host.invalid/story"))


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://127.0.0.1/story.txt", "javascript:alert(1)", "data:text/html,<p>hi</p>"]
)
def test_other_url_schemes_are_refused(url: str) -> None:
    error = url_error(url)
    assert "unsupported URL scheme" in str(error)
    assert "http:// or https://" in str(error)


def test_a_utf8_file_with_one_stray_windows_byte_stays_utf8_and_says_so():
    text = "Ferry cut\n\n“We are sorry,” said Priyá Nair, the harbour’s manager, at the café. Fares rise in März."
    data = text.replace("café", "caf\x00").encode("utf-8").replace(b"\x00", b"\xe9")
    article = load_bytes(data, source="strays.txt")
    assert article.text == text  # every curly quote and accent as written, the stray byte read as cp1252
    assert article.encoding == "utf-8"
    assert article.notes == ("UTF-8 with 1 stray byte read as cp1252",)
    # A file of single bytes throughout is still read as the code page it is in.
    latin = load_bytes("Ferry cut\n\nThe café and the crème shop close.".encode("cp1252"), source="cp.txt")
    assert latin.encoding == "cp1252" and "crème" in latin.text


def _page_notes(title: str, body: str) -> tuple[str, ...]:
    """The notes of an HTML page with `title` and `body` markup, once segmented."""
    from compare.segment import segment_article

    page = f"<!doctype html><html><head><title>{title}</title></head><body>{body}</body></html>"
    return segment_article(load_bytes(page.encode(), source="page.html"), "a", "page").article.notes


def test_a_page_of_menus_and_notices_is_said_to_be_perhaps_not_the_article() -> None:
    menu = _page_notes(
        "The Coast Herald",
        '<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>'
        '</ul></nav><div><a href="/login">Log in</a> <a href="/subscribe">Subscribe</a></div>'
        "<footer><p>&copy; 2026 The Coast Herald. All rights reserved.</p></footer>",
    )
    assert any("may be a menu, a log-in or consent page" in note for note in menu), menu
    story = _page_notes(
        "Harbour wall repaired",
        "<article><h1>Harbour wall repaired</h1><p>Crews finished repairing the harbour wall in Carrow on Friday, a "
        "week after a storm tore a hole in it.</p><p>The council said the repairs cost about 400,000 pounds and "
        "were paid from its emergency fund.</p></article>",
    )
    assert not any("consent page" in note for note in story), story
