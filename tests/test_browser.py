"""A real browser on `whatweknow serve`: Playwright driving Debian's Chromium (never a
downloaded browser). A reader searches for a person, opens the work, reads the answer, opens a
quote and follows it to its source; a hostile article's script never runs.

Skipped only when /usr/bin/chromium is absent outside CI; in CI (CI=true) that is a failure."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from webcorpus import web_store

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

if not CHROMIUM.exists() and os.environ.get("CI") != "true":
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)

if os.environ.get("CI") == "true":
    from playwright import sync_api  # in CI a missing package is a failure, not a skip
else:
    sync_api = pytest.importorskip("playwright.sync_api")


def _command() -> list[str]:
    script = Path(sys.executable).with_name("whatweknow")
    return [str(script)] if script.exists() else [shutil.which("whatweknow") or "whatweknow"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`whatweknow serve` on a free loopback port (port 0: the system picks; the command prints it)."""
    db = web_store(tmp_path_factory)
    log = tmp_path_factory.mktemp("serve") / "stderr.txt"
    with log.open("w") as stderr:  # a file, not a pipe: a chatty server never blocks on a full pipe
        proc = subprocess.Popen([*_command(), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", "0"],
                                stdout=subprocess.PIPE, stderr=stderr, text=True)
    try:
        line = proc.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert found, (line, proc.poll(), log.read_text())
        yield found.group(0).rstrip("/")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def tab(browser):
    """A page that records every dialog (an alert would mean a payload ran) and CSP report."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.dialogs = []
    page.console = []

    def on_dialog(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()
    page.on("dialog", on_dialog)
    page.on("console", lambda m: page.console.append(m.text))
    yield page
    context.close()


def test_a_reader_finds_the_answer_and_follows_a_quote_to_its_source(server, tab, tmp_path):
    expect = sync_api.expect
    tab.goto(server + "/")
    expect(tab.locator("h1")).to_have_text("Everything we know")
    tab.screenshot(path=tmp_path / "1-index.png")

    tab.fill("#q", "Seo Ji-hoon")
    tab.press("#q", "Enter")
    result = tab.locator("section.results a", has_text="Moonlit Academy")
    expect(result.first).to_be_visible()
    tab.screenshot(path=tmp_path / "2-search.png")

    result.first.click()
    expect(tab).to_have_url(re.compile(r"/works/moonlit-academy-s2$"))
    answer = tab.locator("#answer")
    expect(answer).to_contain_text("2026")
    expect(answer).to_contain_text("postponed from 2025")
    tab.screenshot(path=tmp_path / "3-work.png")

    receipt = tab.locator(".answer-box a", has_text="the receipts")
    fact_id = receipt.get_attribute("href").lstrip("#")
    receipt.click()
    fact = tab.locator(f"li[id='{fact_id}']")
    quote_link = fact.locator("ol.evidence blockquote a").first
    expect(quote_link).to_be_hidden()                 # closed <details>: no script needed to open it
    fact.locator("summary").click()
    expect(quote_link).to_be_visible()
    quote = fact.locator("[data-evidence-field='quote']").first.inner_text()
    anchor = quote_link.get_attribute("href").split("#")[1]
    tab.screenshot(path=tmp_path / "4-evidence.png")

    quote_link.click()
    expect(tab).to_have_url(re.compile(rf"/documents/[^#]+#{anchor}$"))
    target = tab.locator(f"[id='{anchor}']")
    expect(target).to_be_in_viewport()
    assert target.evaluate("el => el.tagName") == "MARK"
    marked = tab.locator(f"mark[data-quote~='{anchor}']")
    assert "".join(marked.all_inner_texts()) == quote
    highlight = target.evaluate("el => getComputedStyle(el).backgroundColor")
    plain = tab.locator("div.text").evaluate("el => getComputedStyle(el).backgroundColor")
    assert highlight != plain
    tab.screenshot(path=tmp_path / "5-source.png")
    assert tab.dialogs == []


def test_a_hostile_article_never_runs_its_payload(server, tab, tmp_path):
    for i, path in enumerate(["/works/glass-river-s2", "/documents/glass-river-hostile", "/?q=onerror", "/documents"]):
        tab.goto(server + path)
        if tab.locator("details summary").count():
            tab.locator("details summary").first.click()
        tab.screenshot(path=tmp_path / f"hostile-{i}.png", full_page=True)
        assert tab.dialogs == [], path
    # the payload is on the page as text a reader can see, not as markup
    tab.goto(server + "/documents/glass-river-hostile")
    sync_api.expect(tab.locator("div.text")).to_contain_text("<script>alert('s1')</script>")
    assert tab.evaluate("document.querySelectorAll('script, img, iframe, textarea').length") == 0
    assert not [m for m in tab.console if "Content Security Policy" in m]  # nothing even tried to run
