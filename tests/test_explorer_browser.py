"""The explorer in a real headless Chromium (Debian's, driven by Playwright) against a real `kg serve`.

Every page is checked for script errors (console errors and uncaught exceptions) and for requests that
leave 127.0.0.1. Screenshots go to $KG_SCREENSHOTS (default: a temporary folder);
docs/screenshots/update.sh copies a fresh set into docs/screenshots/.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import sync_playwright  # a dev dependency: missing, the module fails to load

from bench.servers import kg_serve
from tests.conftest import run_kg

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-quic", "--disable-gpu", "--disable-dev-shm-usage"]
PERSON = "/id/person/无锡/杜小刚"
POLICY = "/id/policy/高质量发展"

if not Path(CHROMIUM).exists() or not shutil.which("chromium"):
    if os.environ.get("CI") == "true":  # CI installs it (.ci/run): its absence there is a failure, not a skip
        raise RuntimeError("chromium is missing: .ci/run should have installed it (apt-get install chromium)")
    pytest.skip("no chromium on this machine (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, seeds: Path) -> Iterator[str]:
    store = tmp_path_factory.mktemp("explorer") / "store"
    done = run_kg("ingest", str(seeds), "--store", str(store))
    assert done.returncode == 0, done.stderr
    with kg_serve(store) as url:
        yield url


@pytest.fixture(scope="module")
def shots() -> Path:
    folder = Path(os.environ.get("KG_SCREENSHOTS") or tempfile.mkdtemp(prefix="kg-screens-"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Watched:
    """A browser page that records script errors and every URL it requests."""

    def __init__(self, context, base: str) -> None:
        self.page = context.new_page()
        self.base, self.errors, self.requests = base, [], []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def open(self, path: str) -> object:
        self.page.goto(self.base + path)
        return self.page

    def check(self) -> None:
        assert not self.errors, f"script errors: {self.errors}"
        outside = [u for u in self.requests if urlsplit(u).scheme not in ("data", "blob")
                   and urlsplit(u).hostname != "127.0.0.1"]
        assert not outside, f"requests leaving 127.0.0.1: {outside}"


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, headless=True, args=ARGS,
            viewport={"width": 1280, "height": 900}, locale="zh-CN")
        yield context
        context.close()


@pytest.fixture
def browser(browser_context, server: str) -> Iterator[Watched]:
    watched = Watched(browser_context, server)
    yield watched
    watched.page.close()


def test_landing_search_finds_the_person_and_opens_his_page(browser: Watched, shots: Path) -> None:
    page = browser.open("/")
    page.wait_for_selector("ol li a")  # the busiest officials
    page.screenshot(path=shots / "landing.png", full_page=True)
    page.fill("form.hero input[name=q]", "杜小剛")  # Traditional 剛: folded to 刚 by the server
    page.press("form.hero input[name=q]", "Enter")
    hit = page.wait_for_selector("ul.results a:text-is('杜小刚')")
    hit.click()
    page.wait_for_selector("h1:has-text('杜小刚')")
    assert page.url.endswith(quote(PERSON)) or page.url.endswith(PERSON)
    browser.check()


def test_person_page_draws_the_network_and_the_timeline(browser: Watched, shots: Path) -> None:
    page = browser.open(PERSON)
    page.wait_for_selector("#network canvas")
    page.wait_for_function("document.querySelector('#network').dataset.nodes > 1")
    nodes = int(page.get_attribute("#network", "data-nodes"))
    assert nodes >= 5  # he and his co-attendees at five events
    assert page.locator("svg.timeline .mark").count() >= 4  # his dated events
    assert page.locator(".career li").count() >= 1
    assert page.locator("#stressed li a").first.text_content()
    page.wait_for_timeout(500)  # the layout's animation
    page.screenshot(path=shots / "person.png", full_page=True)
    box = page.locator("#network").bounding_box()
    x, y, label = page.evaluate("""() => { const n = window.explorerNetwork.nodes(':not(.me)')[0];
                                         const p = n.renderedPosition(); return [p.x, p.y, n.data('label')]; }""")
    page.mouse.click(box["x"] + x, box["y"] + y)  # a co-attendee's node opens his or her page
    page.wait_for_selector(f"h1:has-text('{label}')")
    browser.check()


def test_a_shared_query_link_shows_its_results(browser: Watched, shots: Path) -> None:
    query = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
             "SELECT ?person WHERE { ?person rdfs:label \"杜小刚\" }")
    page = browser.open("/query?query=" + quote(query))
    cell = page.wait_for_selector(".yasr table a:has-text('杜小刚')")
    assert cell
    page.screenshot(path=shots / "query.png", full_page=True)
    for button, media in (("CSV", "text/csv"), ("JSON", "application/sparql-results+json")):
        with page.expect_download() as download:
            page.click(f".downloads button:text-is('{button}')")
        saved = Path(download.value.path()).read_text(encoding="utf-8")
        assert "person/无锡/杜小刚" in saved, (media, saved[:200])
    cell.click()
    page.wait_for_selector("h1:has-text('杜小刚')")  # results link into the explorer
    browser.check()


def test_the_editor_highlights_and_completes_the_ontologys_terms(browser: Watched) -> None:
    page = browser.open("/query")
    page.wait_for_selector(".CodeMirror")
    page.evaluate("""() => { const editor = window.explorerEditor;
        editor.setValue('PREFIX zw: <https://w3id.org/zhengwu/ontology#>\\nSELECT * WHERE {\\n  ?s a zw:Mee');
        editor.focus(); editor.setCursor(editor.lineCount(), 0); }""")
    page.keyboard.type("t")
    page.wait_for_selector(".CodeMirror-hints li")
    hints = page.locator(".CodeMirror-hints li").all_text_contents()
    assert "zw:Meeting" in hints  # from /ontology, not from an outside vocabulary service
    assert page.locator(".CodeMirror .cm-keyword").count() >= 2  # PREFIX, SELECT, WHERE highlighted
    gallery = page.locator(".gallery li a")
    assert gallery.count() >= 7
    gallery.nth(5).click()  # policy attention by month: opens with its query and runs it
    page.wait_for_selector(".yasr table tbody tr")
    browser.check()


def test_policy_page_draws_its_chart(browser: Watched, shots: Path) -> None:
    page = browser.open(POLICY)
    page.wait_for_selector("svg.chart rect.bar")
    heights = [float(h) for h in page.eval_on_selector_all("svg.chart rect.bar", "bars => bars.map(b => b.getAttribute('height'))")]
    assert max(heights) > 0 and sum(1 for h in heights if h > 0) >= 2  # events in at least two months
    assert page.locator("ol.events li").count() >= 2
    page.screenshot(path=shots / "policy.png", full_page=True)
    browser.check()


def test_event_and_article_pages_show_evidence(browser: Watched, shots: Path, server: str) -> None:
    page = browser.open(PERSON)
    event = page.wait_for_selector("ol.events li > a")
    event.click()
    page.wait_for_selector("section .role li a")
    page.screenshot(path=shots / "event.png", full_page=True)
    page.click("dl.facts dd a[href*='/id/article/']")
    page.wait_for_selector(".article-text a.span")
    assert page.locator(".article-text a.span").count() >= 3
    page.screenshot(path=shots / "article.png", full_page=True)
    browser.check()


@pytest.mark.parametrize("path, ready", [("/docs", ".swagger-ui .opblock"), ("/redoc", "redoc h1, [role=navigation]")])
def test_api_docs_render_offline(browser: Watched, shots: Path, path: str, ready: str) -> None:
    page = browser.open(path)
    page.wait_for_selector(ready, timeout=20_000)
    page.screenshot(path=shots / f"{path.strip('/')}.png")
    browser.check()
