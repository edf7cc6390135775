"""Readers: every format, detection by content, and hostile input (one clear error, no crash)."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from io import BytesIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsevents.model import Document, DocumentError
from newsevents.read import read_bytes, read_paths
from newsevents.read.detect import detect_format
from newsevents.read.files import MAX_BYTES, gunzip_limited
from newsevents.read.text import decode_text

ARTICLE = "Rebels seized the town of Kidal on Monday, the army said. At least 12 soldiers were killed."
PAGE = (f"<!DOCTYPE html><html><head><title>Rebels seize Kidal</title></head><body><article><h1>Rebels seize"
        f" Kidal</h1><p>{ARTICLE}</p><p>The government said it would send reinforcements to the north.</p>"
        "</article></body></html>")
RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Desk Feed</title>
<item><title>First</title><link>https://ex.example/1</link><guid>id-1</guid>
<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>Troops crossed the border on Tuesday.</p>]]></content:encoded></item>
<item><title>Second</title><link>https://ex.example/2</link><pubDate>Wed, 06 Mar 2024 10:00:00 GMT</pubDate>
<description>Talks resumed in Geneva.</description></item></channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
<entry><title>Ceasefire holds</title><id>urn:1</id><link href="https://ex.example/a"/>
<updated>2024-04-01T08:00:00Z</updated><summary type="html">&lt;p&gt;The ceasefire held overnight.&lt;/p&gt;</summary>
</entry></feed>"""


def documents(items):
    return [d for d in items if isinstance(d, Document)]


def errors(items):
    return [d for d in items if isinstance(d, DocumentError)]


def make_warc(pages: list[tuple[str, str]]) -> bytes:
    stream = BytesIO()
    writer = WARCWriter(stream, gzip=True)
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(html.encode()),
                                                      http_headers=headers))
    return stream.getvalue()


def test_formats_are_detected_from_content_not_name():
    assert detect_format(b"Just a line of news text.", "a.html") == "text"
    assert detect_format(PAGE.encode(), "page.txt") == "html"
    assert detect_format(b'{"id": 1, "text": "x"}\n', "docs.txt") == "jsonl"
    assert detect_format(b"{Update} Troops moved into the city.", "update.txt") == "text"
    assert detect_format(RSS.encode(), "feed") == "rss"
    assert detect_format(ATOM.encode(), "feed") == "rss"
    assert detect_format(make_warc([("https://a.example/", PAGE)]), "crawl") == "warc"
    assert detect_format(gzip.compress(PAGE.encode()), "page.gz") == "html"


def test_plain_text_utf8_bom_latin1_and_cyrillic():
    assert decode_text("Café in Zürich".encode()) == "Café in Zürich"
    assert decode_text(b"\xef\xbb\xbfWith a BOM") == "With a BOM"
    assert decode_text("Grüße".encode("utf-16")) == "Grüße"
    assert decode_text("Café à Paris, “quoted”.".encode("cp1252")) == "Café à Paris, “quoted”."
    russian = "Министерство обороны России заявило, что войска начали отход от границы в среду утром."
    assert decode_text(russian.encode("cp1251")) == russian


def test_latin1_file_is_read_as_text(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Les soldats ont quitté la base près de Gao.".encode("latin-1"))
    [doc] = list(read_paths([str(path)]))
    assert isinstance(doc, Document) and "quitté" in doc.text and "près" in doc.text


def test_binary_and_empty_files_give_one_clear_error_each(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 10)
    (tmp_path / "b.bin").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "c.txt").write_bytes(b"")
    (tmp_path / "d.txt").write_bytes(b"   \n\n")
    results = list(read_paths([str(tmp_path)]))
    assert len(results) == 4 and all(isinstance(r, DocumentError) for r in results)
    messages = [r.error for r in results]
    assert "PDF" in messages[0] and "binary" in messages[1]
    assert "empty" in messages[2] and "empty" in messages[3]
    assert all("\n" not in m for m in messages)


def test_missing_path_is_an_error_not_a_crash():
    [error] = list(read_paths(["/nonexistent/file.txt"]))
    assert isinstance(error, DocumentError) and "no such file" in error.error


def test_html_goes_to_document_html_and_broken_html_is_kept():
    [doc] = list(read_bytes(PAGE.encode(), "page.html"))
    assert doc.html is not None and doc.text is None and "Kidal" in doc.html
    broken = b"<html><body><p>Unclosed <b>tags <div>Troops moved into the city on Friday, officials said."
    [doc] = list(read_bytes(broken, "broken.html"))
    assert "Troops moved" in doc.html


def test_html_declared_charset_is_honoured():
    page = '<html><head><meta charset="windows-1252"></head><body><p>Zürich – “quote”</p></body></html>'
    [doc] = list(read_bytes(page.encode("cp1252"), "p.html"))
    assert "Zürich – “quote”" in doc.html


def test_jsonl_broken_line_between_good_ones():
    data = "\n".join([
        json.dumps({"id": "a", "text": "First story.", "published": "2024-01-02", "url": "https://x.example/a"}),
        '{"id": "b", "text": "unterminated',
        json.dumps({"id": "c", "html": "<p>Third story.</p>", "source": "Wire"}),
        json.dumps({"id": "d"}),
        json.dumps(["not", "an", "object"]),
    ]).encode()
    results = list(read_bytes(data, "docs.jsonl"))
    assert [type(r).__name__ for r in results] == ["Document", "DocumentError", "Document", "DocumentError",
                                                  "DocumentError"]
    assert results[0].id == "a" and results[0].published == "2024-01-02" and results[0].url == "https://x.example/a"
    assert results[1].id == "docs.jsonl:2" and "broken JSON" in results[1].error
    assert results[2].html == "<p>Third story.</p>" and results[2].source == "Wire"
    assert results[3].id == "d"


def test_warc_response_records_become_documents(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(make_warc([("https://a.example/1", PAGE), ("https://a.example/2", PAGE.replace("Kidal", "Gao"))]))
    docs = list(read_paths([str(path)]))
    assert [d.url for d in docs] == ["https://a.example/1", "https://a.example/2"]
    assert "Gao" in docs[1].html


def test_truncated_warc_gives_an_error_after_the_good_records(tmp_path):
    good = make_warc([("https://a.example/1", PAGE)])
    data = good + make_warc([("https://a.example/2", PAGE * 20)])
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(good) + (len(data) - len(good)) // 2])
    results = list(read_paths([str(path)]))
    assert isinstance(results[0], Document) and results[0].url == "https://a.example/1"
    assert len(errors(results)) == 1 and "WARC" in errors(results)[0].error


def test_rss_and_atom_entries(tmp_path):
    docs = list(read_bytes(RSS.encode(), "feed.xml"))
    assert [d.id for d in docs] == ["id-1", "https://ex.example/2"]
    first, second = docs
    assert first.html and "Troops crossed" in first.html and first.published == "2024-03-05"
    assert first.url == "https://ex.example/1" and first.source == "Desk Feed" and first.title == "First"
    assert second.text == "Talks resumed in Geneva." or "Talks resumed" in (second.html or "")
    [atom] = list(read_bytes(ATOM.encode(), "atom.xml"))
    assert atom.published == "2024-04-01" and atom.url == "https://ex.example/a" and atom.source == "Atom Desk"
    assert "ceasefire held" in (atom.html or atom.text)


def _jsonl_lines(count: int) -> bytes:
    return b"".join(json.dumps({"id": f"doc-{i}", "text": f"Story number {i}."}).encode() + b"\n"
                    for i in range(count))


def test_jsonl_file_is_streamed_past_the_file_limit_and_a_long_line_is_refused_alone(tmp_path):
    # The limit holds per line, not per file: a corpus dump larger than NEWSEVENTS_MAX_BYTES is read
    # whole, in a child process so that the small limit is the one the reader imports.
    corpus = tmp_path / "corpus.jsonl"
    long_line = json.dumps({"id": "long", "text": "word " * 400}).encode() + b"\n"
    after = json.dumps({"id": "after", "text": "The story after the long line."}).encode() + b"\n"
    corpus.write_bytes(_jsonl_lines(30) + long_line + after)
    assert corpus.stat().st_size > 1000
    script = ("import sys; from newsevents.read import read_paths\n"
              "for d in read_paths([sys.argv[1]]): print(d.id, getattr(d, 'error', ''))")
    proc = subprocess.run([sys.executable, "-c", script, str(corpus)], capture_output=True, text=True,
                          env=dict(os.environ, NEWSEVENTS_MAX_BYTES="1000"), timeout=60)
    lines = proc.stdout.splitlines()
    assert proc.returncode == 0, proc.stderr
    assert [line.split()[0] for line in lines[:30]] == [f"doc-{i}" for i in range(30)]
    assert lines[30].startswith(f"{corpus}:31 line over the 1,000-byte limit")
    assert lines[31].split()[0] == "after" and len(lines) == 32


def test_jsonl_on_stdin_is_streamed_plain_or_gzipped():
    script = ("from newsevents.read import read_paths\n"
              "print(sum(1 for d in read_paths(['-']) if not hasattr(d, 'error')))")
    env = dict(os.environ, NEWSEVENTS_MAX_BYTES="1000")  # the whole input is far over it; no line is
    for data in (_jsonl_lines(300), gzip.compress(_jsonl_lines(300))):
        proc = subprocess.run([sys.executable, "-c", script], input=data, capture_output=True, env=env, timeout=60)
        assert proc.returncode == 0 and proc.stdout.decode().strip() == "300", proc.stderr


def test_gzipped_jsonl_is_streamed_and_a_truncated_one_keeps_its_good_lines(tmp_path):
    packed = gzip.compress(_jsonl_lines(200))
    (tmp_path / "a.jsonl.gz").write_bytes(packed)
    (tmp_path / "b.jsonl.gz").write_bytes(packed[: len(packed) // 2])
    items = list(read_paths([str(tmp_path)]))
    whole, cut = items[:200], items[200:]
    assert [d.id for d in whole] == [f"doc-{i}" for i in range(200)] and whole[199].text == "Story number 199."
    assert 0 < len(documents(cut)) < 200 and documents(cut)[0].id == "doc-0"
    [broken] = errors(cut)
    assert broken is cut[-1] and broken.id.startswith(str(tmp_path / "b.jsonl.gz") + ":")


def test_feed_without_entries_is_an_error():
    [error] = list(read_bytes(b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
                              "empty.xml"))
    assert isinstance(error, DocumentError) and "no entries" in error.error


def test_gzipped_text_and_gzip_bomb(tmp_path):
    (tmp_path / "story.txt.gz").write_bytes(gzip.compress(ARTICLE.encode()))
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"A" * (MAX_BYTES + 1000), compresslevel=1))
    bomb, story = list(read_paths([str(tmp_path)]))
    assert isinstance(bomb, DocumentError) and "over" in bomb.error
    assert story.text == ARTICLE
    assert gunzip_limited(gzip.compress(b"x" * 100), limit=100) == b"x" * 100


def test_forced_format_and_folder_walk_skips_scripts(tmp_path):
    (tmp_path / "page.html").write_text(PAGE)
    (tmp_path / "make_corpus.py").write_text("print('not an article')\n")
    [doc] = list(read_paths([str(tmp_path)], input_format="text"))
    assert doc.text is not None and doc.text.startswith("<!DOCTYPE")
    [error] = list(read_bytes(b"hello", "x", input_format="pdf"))
    assert "unknown input format" in error.error
