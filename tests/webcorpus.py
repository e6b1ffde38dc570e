"""One store for the web tests: an example corpus, an invented article full of markup that
must stay inert, and inputs the build skips or rejects. Built once per test session."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from conftest import EXAMPLES

HERE = Path(__file__).resolve().parent
BAD = HERE / "fixtures" / "bad"
PAYLOADS = ("<script>alert('s1')</script>", "<img src=x onerror=alert('i1')>", "</textarea><script>alert('t1')</script>",
            "<a href=\"javascript:alert('a1')\">more</a>", "\"><svg onload=alert('v1')>")
FILLER = ("The mystery drama became one of the most watched series of its year, and fans have waited a long "
          "time for any word about what comes next for the lighthouse keepers and their secrets.\n\n")


def hostile_records() -> list[dict]:
    """Invented articles whose text, title and URL carry script payloads."""
    s, img, ta, link, svg = PAYLOADS
    text = (f"Glass River season 2 is coming {s}\n\nPublished 2024-03-01\n\n" + FILLER +
            f"Netflix confirmed that Glass River will return for a second season in 2025 {img}. "
            f"The drama stars Kim Min-ji and Han Yu-ri {ta}, and Park Solomon joins the new season as the "
            f"villain Baek Joon {svg}.\n\nRead the interview {link} for more about the new episodes of Glass River, "
            "which the cast has been filming since January.\n")
    return [
        {"id": "glass-river-hostile", "title": f"Glass River season 2 {s}", "url": "javascript:alert('u1')",
         "published": "2024-03-01", "text": text},
        {"id": "glass-river-linked", "title": "Glass River cast grows", "url": "https://news.example.org/glass-river",
         "published": "2024-04-01",
         "text": "Glass River season 2 cast grows\n\n" + FILLER + "The drama has added Lomon to the second season "
                 "of Glass River, and Kim Min-ji returns as Ha-eun. Netflix says the new season arrives in 2025.\n"},
    ]


_built: dict[str, Path] = {}


def web_store(tmp_path_factory) -> Path:
    if "db" not in _built:
        from whatweknow.cli import app

        root = tmp_path_factory.mktemp("web")
        feed = root / "glass-river.jsonl"
        feed.write_text("".join(json.dumps(r) + "\n" for r in hostile_records()), encoding="utf-8")
        db = root / "web.db"
        inputs = [str(EXAMPLES / "moonlit-academy"), str(feed),
                  *(str(BAD / name) for name in ("empty.txt", "french.txt", "not_about_a_release.txt"))]
        result = CliRunner().invoke(app, ["build", "-q", "--db", str(db), *inputs])
        assert result.exit_code == 0, result.output
        _built["db"] = db
    return _built["db"]
