"""Each input format becomes a document whose stored text the evidence offsets index."""
from __future__ import annotations

import json
from pathlib import Path

from whatweknow.ingest import iter_paths, load

ARTICLE = ("Glass River season 2 is coming\n\nNetflix confirmed that Glass River will return for a second season "
           "in 2025. The drama stars Kim Min-ji as Ha-eun.\n")
HTML = """<!doctype html><html><head><title>Glass River season 2 is coming</title>
<meta property="article:published_time" content="2024-05-02T10:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/tv">TV</a></nav>
<article><h1>Glass River season 2 is coming</h1>
<p>Netflix confirmed that Glass River will return for a second season in 2025. The drama stars Kim Min-ji as Ha-eun,
and the streamer says filming begins in the spring after a long development period.</p>
<p>The first season premiered in January 2023 and quickly became one of the most-watched Korean series of the year.</p>
</article><footer>© 2019 Some Site. All rights reserved.</footer></body></html>"""


def test_text_and_markdown_are_stored_exactly_with_the_file_stem_as_id(tmp_path: Path):
    for name in ("glass.txt", "glass.md"):
        path = tmp_path / name
        path.write_text(ARTICLE, encoding="utf-8")
        [doc] = load(path)
        assert (doc.id, doc.text, doc.status) == ("glass", ARTICLE, "ok")


def test_html_gives_main_text_title_and_a_date_from_markup_only(tmp_path: Path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    [doc] = load(path)
    assert doc.status == "ok" and doc.title == "Glass River season 2 is coming"
    assert "Netflix confirmed that Glass River" in doc.text and "Home" not in doc.text
    assert doc.published_hint == "2024-05-02"
    undated = tmp_path / "undated.html"
    undated.write_text(HTML.replace('<meta property="article:published_time" content="2024-05-02T10:00:00Z">', ""))
    assert load(undated)[0].published_hint is None  # not the footer's copyright year


def test_jsonl_records_keep_their_ids_and_metadata(tmp_path: Path):
    path = tmp_path / "feed.jsonl"
    records = [{"id": "r1", "url": "https://example.org/a", "title": "A", "published": "2024-05-02", "text": ARTICLE},
               {"id": "r2", "html": HTML}]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    docs = load(path)
    assert [(d.id, d.status) for d in docs] == [("r1", "ok"), ("r2", "ok")]
    assert (docs[0].url, docs[0].published_hint, docs[0].text) == ("https://example.org/a", "2024-05-02", ARTICLE)
    assert docs[1].published_hint == "2024-05-02"


def test_folders_are_walked_recursively_in_a_stable_order(tmp_path: Path):
    (tmp_path / "b" / "c").mkdir(parents=True)
    for rel in ("z.txt", "b/a.md", "b/c/m.html", "b/notes.json", ".hidden.txt"):
        (tmp_path / rel).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p, _ in iter_paths([tmp_path])]
    assert found == ["b/a.md", "b/c/m.html", "z.txt"]


def test_the_same_content_has_the_same_hash_whatever_the_whitespace(tmp_path: Path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ARTICLE)
    b.write_text(ARTICLE.replace(" ", "  ").replace("\n", "\r\n"))
    assert load(a)[0].content_hash == load(b)[0].content_hash
