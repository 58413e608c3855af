"""The careers-page chat in a real browser (Debian's Chromium driven by Playwright) against the real servers:
Rasa and the action server (tests/servers.py) behind the page server, as `make run` serves them.

Screenshots are saved under var/browser/ as test artefacts; axe-core (installed there by `make browser`) is
run in the page for WCAG 2.x A/AA.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator, List

import pytest

from actions.vacancy_db.__main__ import main as vacancy_db
from tests.conftest import LOOSE_DOCUMENT_QUESTIONS, NOTICES, POSTGRES_ADMIN_URL, ROOT
from tests.servers import Assistant, free_port, reachable, start_assistant

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed (make venv)")
expect = playwright_api.expect

pytestmark = [pytest.mark.timeout(600), pytest.mark.needs_model]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
AXE = ROOT / "var" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOTS = ROOT / "var" / "browser"
REPLY_TIMEOUT_MS = 30_000
MARKUP = "<img src=x onerror=alert(1)>"
# Records how many turns the role="log" region holds at the moment it is added to the document.
LOG_INSERTION_WATCH = """
new MutationObserver((mutations, observer) => {
  for (const mutation of mutations) for (const node of mutation.addedNodes) {
    const log = node.querySelector && (node.matches('[role=log]') ? node : node.querySelector('[role=log]'));
    if (log) { window.turnsInLogWhenInserted = log.querySelectorAll('.aachat-turn').length; observer.disconnect(); }
  }
}).observe(document, {childList: true, subtree: true});
"""

if not CHROMIUM.exists():
    pytest.skip(f"Chromium is not installed at {CHROMIUM} (`make browser` installs it with apt-get when run as root), "
                "so the browser test cannot run here", allow_module_level=True)


@dataclass
class Servers:
    assistant: Assistant
    page_url: str
    embedding_site: str  # another origin, allowed in CHAT_ALLOWED_ORIGINS, whose page embeds the widget
    other_site: str  # another origin, not allowed


def serve_embedding_page(port: int, page_url: str) -> ThreadingHTTPServer:
    """A careers site on another origin whose page embeds the widget with the one documented tag."""
    html = (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Careers elsewhere</title>'
            f'<script type="module" src="{page_url}/widget.js"></script></head>'
            f'<body><main><h1>Careers elsewhere</h1></main></body></html>').encode("utf-8")

    class EmbeddingPage(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(html)))
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), EmbeddingPage)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def servers(tmp_path_factory) -> Iterator[Servers]:
    """The page server in front of a real assistant, on free ports."""
    workdir: Path = tmp_path_factory.mktemp("browser")
    database_url = f"sqlite:///{workdir / 'vacancies.sqlite3'}"
    assert vacancy_db(["import", *map(str, NOTICES), "--database-url", database_url]) == 0
    assistant = start_assistant(database_url, "2026-11-23T10:00:00+00:00", workdir / "logs")
    port, embedding_port, other_port = free_port(), free_port(), free_port()
    page_url = f"http://127.0.0.1:{port}"
    page_server = subprocess.Popen(
        [sys.executable, "-m", "web.page_server", "--host", "127.0.0.1", "--port", str(port), "--rasa-url", assistant.url],
        cwd=ROOT, env={**os.environ, "VACANCY_DATABASE_URL": database_url, "PYTHONPATH": str(ROOT),
                       "CHAT_ALLOWED_ORIGINS": f"http://127.0.0.1:{embedding_port}"},
        stdout=open(workdir / "logs" / "page_server.log", "w"), stderr=subprocess.STDOUT,
    )
    sites = [serve_embedding_page(embedding_port, page_url), serve_embedding_page(other_port, page_url)]
    try:
        deadline = time.monotonic() + 30
        while not reachable("127.0.0.1", port):
            assert page_server.poll() is None and time.monotonic() < deadline, "the page server did not start"
            time.sleep(0.2)
        yield Servers(assistant, page_url, f"http://127.0.0.1:{embedding_port}", f"http://127.0.0.1:{other_port}")
    finally:
        for site in sites:
            site.shutdown()
        page_server.terminate()
        page_server.wait(timeout=10)
        assistant.stop()
        if assistant.tracker_database:
            from sqlalchemy import create_engine, text

            admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", future=True)
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{assistant.tracker_database}" WITH (FORCE)'))


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def new_page(browser, servers):
    """Open a page of the chat in a fresh browser context; the page's console errors must stay empty."""
    contexts, errors = [], []

    def open_page(path: str = "/", *, site: str = "", failing_requests: bool = False, width: int = 1280, height: int = 800, locale: str = "en-GB",
                  bypass_csp: bool = False, reduced_motion: str = "no-preference"):
        context = browser.new_context(viewport={"width": width, "height": height}, locale=locale,
                                      bypass_csp=bypass_csp, reduced_motion=reduced_motion)
        contexts.append(context)
        page = context.new_page()
        if not failing_requests:  # a page whose requests are meant to fail logs that as errors
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((site or servers.page_url) + path)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert [e for e in errors if "net::ERR_CONNECTION_REFUSED" not in e] == []  # logged for the aborted request


def ask(page, question: str, *, scope: str = "body"):
    """Type a question, press Enter, and return the assistant's reply once it is on the page."""
    chat = page.locator(scope)
    replies = chat.locator(".aachat-bot")
    before = replies.count()
    chat.get_by_label("Your question").fill(question)
    chat.get_by_label("Your question").press("Enter")
    expect(replies).to_have_count(before + 1, timeout=REPLY_TIMEOUT_MS)
    return replies.nth(before)


def citations(reply) -> List[str]:
    return reply.locator("figure.aachat-source cite").all_inner_texts()


def run_axe(page, name: str) -> None:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run the tests through `make test` (its `browser` step installs it)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / f"axe-{name}.json").write_text(json.dumps(result["violations"], indent=2))
    summary = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]
    assert summary == [], f"axe-core found WCAG A/AA violations on {name}"
    assert len(result["passes"]) > 10  # axe really ran its rules


def screenshot(page, name: str, *, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def test_three_questions_get_answers_with_their_sources_set_apart(new_page):
    page = new_page(bypass_csp=True)  # axe is injected as an inline script, which the page's CSP forbids
    stipend = ask(page, "how much is the stipend for the knowledge management internship?")
    assert "€1,286.09 (EUR) per month" in stipend.inner_text()
    assert "A monthly grant of €1,286.09" in stipend.locator("blockquote").first.inner_text()
    assert any(c.startswith("vacancy 250775 (International Military Staff, Executive Coordinator")
               and c.endswith('section “What do we offer?”') for c in citations(stipend))
    deadline = ask(page, "when is the deadline for 250775?")
    assert "22 June 2025" in deadline.inner_text() and citations(deadline)
    telework = ask(page, "can I telework in the KM internship?")
    assert "Teleworking" in telework.locator("blockquote").first.inner_text() and citations(telework)
    for reply in (stipend, deadline, telework):  # the text reply's "Source:" lines are not repeated
        assert not [p for p in reply.locator(".aachat-bubble > p").all_inner_texts() if "Source:" in p]
    log = page.get_by_role("log")  # one live region for the transcript, announcing what is added
    expect(log).to_have_count(1)
    assert (log.get_attribute("aria-live"), log.get_attribute("aria-relevant")) == ("polite", "additions")
    screenshot(page, "full-page")
    run_axe(page, "full-page")


def test_a_follow_up_answers_for_the_vacancy_in_focus(new_page):
    page = new_page()
    ask(page, "is the KM internship remote?")
    reply = ask(page, "and how much does it pay?")
    assert "€1,286.09" in reply.inner_text()
    assert all(c.startswith("vacancy 250775") for c in citations(reply)) and citations(reply)


def test_reply_buttons_are_buttons_and_links_open_safely(new_page, servers):
    unsure = [text for text in LOOSE_DOCUMENT_QUESTIONS
              if [r["name"] for r in servers.assistant.parse(text)["intent_ranking"][:2]] == ["nlu_fallback", "ask_documents"]]
    assert unsure, "none of the loose document questions is offered back"
    page = new_page()
    offer = ask(page, unsure[0])
    assert "Did you want to know about the documents to attach?" in offer.inner_text()
    offer.get_by_role("button", name="Yes").click()
    expect(page.locator(".aachat-bot")).to_have_count(2, timeout=REPLY_TIMEOUT_MS)
    assert page.locator(".aachat-user p").last.inner_text() == "Yes"  # the title is shown, the payload sent
    assert "Proof of ongoing studies" in page.locator(".aachat-bot").last.inner_text()
    expect(offer.get_by_role("button", name="Yes")).to_be_disabled()  # an answered offer cannot be sent twice
    reply = ask(page, "what is the webinar registration link for 250775?")
    link = reply.locator("a[href^='https://']").first
    assert link.get_attribute("rel") == "noopener noreferrer" and link.get_attribute("target") == "_blank"
    assert link.get_attribute("href") in reply.inner_text()


def test_typed_markup_is_shown_as_text_and_never_run(new_page):
    page = new_page(bypass_csp=True)  # without the CSP's help: the rendering alone must keep it text
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    ask(page, MARKUP)
    assert page.locator(".aachat-user p").last.inner_text() == MARKUP
    assert page.locator(".aachat-log img").count() == 0
    page.wait_for_timeout(300)
    assert dialogs == []


def test_a_typing_indicator_shows_while_the_reply_is_on_its_way(new_page):
    page = new_page()
    held = []
    page.route("**/webhooks/rest/webhook", lambda route: held.append(route))  # waits until the test lets it go
    page.get_by_label("Your question").fill("how much is the stipend for the KM internship?")
    page.get_by_label("Your question").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("The assistant is typing")
    expect(page.get_by_role("button", name="Send")).to_be_disabled()
    for _ in range(100):  # Playwright hands the route over while it waits
        if held:
            break
        page.wait_for_timeout(50)
    held[0].continue_()
    expect(page.locator(".aachat-bot")).to_have_count(1, timeout=REPLY_TIMEOUT_MS)
    expect(page.locator(".aachat-typing")).to_be_hidden()


def test_a_reply_that_takes_too_long_shows_an_error_after_25_seconds(new_page):
    page = new_page()
    page.clock.install()
    page.reload()
    held = []
    page.route("**/webhooks/rest/webhook", lambda route: held.append(route))  # never answered
    page.get_by_label("Your question").fill("how much is the stipend for the KM internship?")
    page.get_by_label("Your question").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("The assistant is typing")
    page.clock.fast_forward("00:24")
    expect(page.locator(".aachat-error")).to_be_hidden()
    page.clock.fast_forward("00:02")
    expect(page.get_by_role("alert")).to_contain_text("took too long to answer")
    expect(page.get_by_role("button", name="Retry")).to_be_visible()
    assert page.locator(".aachat-user p").all_inner_texts() == ["how much is the stipend for the KM internship?"]


@pytest.mark.parametrize("status, body", [(200, "[]"), (200, "not json"), (200, '{"text": "x"}'), (504, '{"error": "slow"}')])
def test_an_empty_or_broken_reply_shows_an_error_not_an_empty_bubble(new_page, status, body):
    page = new_page(failing_requests=status != 200)
    page.route("**/webhooks/rest/webhook", lambda route: route.fulfill(status=status, body=body, content_type="application/json"))
    page.get_by_label("Your question").fill("hello")
    page.get_by_label("Your question").press("Enter")
    expected = "took too long" if status == 504 else "could not answer just now"
    expect(page.get_by_role("alert")).to_contain_text(expected)
    assert page.locator(".aachat-bot").count() == 0


def test_a_failed_request_shows_an_error_and_retry_keeps_the_conversation(new_page):
    page = new_page()
    ask(page, "how much is the stipend for the KM internship?")
    page.route("**/webhooks/rest/webhook", lambda route: route.abort("connectionrefused"))
    page.get_by_label("Your question").fill("when is the deadline for 250775?")
    page.get_by_label("Your question").press("Enter")
    error = page.get_by_role("alert")
    expect(error).to_contain_text("could not be reached", timeout=REPLY_TIMEOUT_MS)
    assert page.locator(".aachat-bot").count() == 1
    assert page.locator(".aachat-user").all_inner_texts()[-1].endswith("when is the deadline for 250775?")
    screenshot(page, "network-error")
    page.unroute("**/webhooks/rest/webhook")
    page.get_by_role("button", name="Retry").click()
    expect(page.locator(".aachat-bot")).to_have_count(2, timeout=REPLY_TIMEOUT_MS)
    assert "22 June 2025" in page.locator(".aachat-bot").last.inner_text()
    assert "€1,286.09" in page.locator(".aachat-bot").first.inner_text()
    expect(page.locator(".aachat-error")).to_be_hidden()


def test_keyboard_only_at_320_px_on_the_full_page(new_page):
    page = new_page(width=320, height=640, bypass_csp=True)
    page.locator("body").focus()
    page.evaluate("document.activeElement.blur()")
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id").endswith("-input"):
            break
    expect(page.get_by_label("Your question")).to_be_focused()
    outline = "(({outlineStyle, outlineWidth}) => outlineStyle + ' ' + outlineWidth)(getComputedStyle(document.activeElement))"
    assert page.evaluate(outline) == "solid 3px"  # the focus is visible
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(outline) == "solid 3px"
    page.keyboard.press("Tab")
    page.keyboard.type("how much is the stipend for the KM internship?")
    page.keyboard.press("Enter")
    expect(page.locator(".aachat-bot")).to_have_count(1, timeout=REPLY_TIMEOUT_MS)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320  # no sideways scrolling
    screenshot(page, "full-page-320px")
    run_axe(page, "full-page-320px")


def test_at_200_percent_zoom_nothing_scrolls_sideways_and_motion_can_be_reduced(new_page):
    page = new_page(width=640, height=400, reduced_motion="reduce")  # a 1280 x 800 window at 200% zoom
    ask(page, "how much is the stipend for the KM internship?")
    assert page.evaluate("document.documentElement.scrollWidth") <= 640
    expect(page.get_by_label("Your question")).to_be_in_viewport()
    expect(page.get_by_role("button", name="Send")).to_be_in_viewport()
    dots = "getComputedStyle(document.querySelector('.aachat-dots span')).animationName"
    assert page.evaluate(dots) == "none"
    assert new_page().evaluate(dots) == "aachat-bounce"


def test_the_widget_opens_and_closes_with_the_keyboard_on_the_demo_careers_page(new_page):
    page = new_page("/demo.html")
    expect(page.locator(".vacancy")).to_have_count(len(NOTICES))
    assert "250775" in page.locator(".vacancies").inner_text()
    launcher = page.get_by_role("button", name="Questions? Ask the assistant")
    for _ in range(10):
        page.keyboard.press("Tab")
        if launcher.evaluate("node => node === document.activeElement"):
            break
    expect(launcher).to_be_focused()
    box = launcher.bounding_box()
    assert box["x"] > 1280 / 2 and box["y"] > 800 / 2  # at the bottom right
    page.keyboard.press("Enter")
    expect(launcher).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_label("Your question")).to_be_focused()
    reply = ask(page, "is the KM internship remote?", scope=".aachat-panel")
    assert citations(reply)
    screenshot(page, "widget-open", full_page=False)
    page.keyboard.press("Escape")
    expect(page.locator(".aachat-panel")).to_be_hidden()
    expect(launcher).to_be_focused()
    screenshot(page, "widget-closed")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # past Send, out of the panel to the launcher: Escape still closes it
    page.keyboard.press("Tab")
    expect(launcher).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator(".aachat-panel")).to_be_hidden()
    launcher.click()
    page.get_by_role("button", name="Close the chat").click()
    expect(page.locator(".aachat-panel")).to_be_hidden()
    expect(launcher).to_be_focused()


def test_a_site_on_an_allowed_origin_embeds_the_widget_with_one_tag_and_no_other_can(new_page, servers):
    page = new_page(site=servers.embedding_site)
    page.get_by_role("button", name="Questions? Ask the assistant").click()
    reply = ask(page, "how much is the stipend for the KM internship?", scope=".aachat-panel")
    assert "€1,286.09" in reply.inner_text() and citations(reply)
    page = new_page(site=servers.other_site, failing_requests=True)
    refusals = []
    page.on("console", lambda message: refusals.append(message.text))
    page.reload()
    page.wait_for_load_state("networkidle")
    assert any("blocked by CORS policy" in text for text in refusals)
    expect(page.locator(".aachat-launcher")).to_have_count(0)  # the module is refused by CORS


def test_axe_finds_no_violation_with_the_widget_open(new_page):
    for width, name in ((1280, "widget-open"), (320, "widget-open-320px")):
        page = new_page("/demo.html", width=width, height=700, bypass_csp=True)
        expect(page.locator(".vacancy")).to_have_count(len(NOTICES))
        page.get_by_role("button", name="Questions? Ask the assistant").click()
        ask(page, "when is the deadline?", scope=".aachat-panel")
        if width == 320:
            assert page.locator(".aachat-panel").bounding_box()["width"] == 320  # the whole window
            screenshot(page, name, full_page=False)  # the panel is fixed to the window
        run_axe(page, name)


def test_a_reload_continues_the_conversation_and_new_conversation_starts_afresh(new_page):
    page = new_page()
    ask(page, "is the KM internship remote?")
    conversation = page.evaluate("sessionStorage.getItem('applicant-chat:conversation')")
    page.add_init_script(LOG_INSERTION_WATCH)
    page.reload()
    expect(page.locator(".aachat-turn")).to_have_count(2)  # the transcript is drawn again
    # ... before the live region joins the page, so that a screen reader announces none of it again
    assert page.evaluate("window.turnsInLogWhenInserted") == 2
    reply = ask(page, "and how much does it pay?")  # the server still has the vacancy in focus
    assert "€1,286.09" in reply.inner_text() and all(c.startswith("vacancy 250775") for c in citations(reply))
    assert json.loads(page.evaluate("sessionStorage.getItem('applicant-chat:conversation')"))["id"] == json.loads(conversation)["id"]
    page.get_by_role("button", name="New conversation").click()
    expect(page.locator(".aachat-turn")).to_have_count(0)
    assert json.loads(page.evaluate("sessionStorage.getItem('applicant-chat:conversation')"))["id"] != json.loads(conversation)["id"]
    reply = ask(page, "and how much does it pay?")  # a new conversation has no vacancy in focus
    assert "€1,286.09" not in reply.inner_text() or "250770" in reply.inner_text()


def test_the_page_follows_the_browser_language_and_the_switch_changes_it(new_page):
    page = new_page(locale="fr-FR", bypass_csp=True)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Questions sur nos stages")
    with page.expect_request("**/webhooks/rest/webhook") as request:
        page.get_by_label("Votre question").fill("quel est le montant de l'allocation pour 250775 ?")
        page.get_by_label("Votre question").press("Enter")
    assert request.value.post_data_json["metadata"] == {"language": "fr"}
    expect(page.locator(".aachat-bot")).to_have_count(1, timeout=REPLY_TIMEOUT_MS)
    screenshot(page, "full-page-fr")
    run_axe(page, "full-page-fr")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.reload()  # the choice is kept for the tab
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_label("Your question")).to_be_visible()
    with page.expect_request("**/webhooks/rest/webhook") as request:
        ask(page, "how much is the stipend for 250775?")
    assert request.value.post_data_json["metadata"] == {"language": "en"}
