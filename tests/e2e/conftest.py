"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's live_server.

No browser is ever downloaded: the tests use /usr/bin/chromium (`apt-get install chromium`). Without it
they are skipped with a reason; any other launch failure fails them.
"""

import os

# Playwright's sync API runs an event loop in the test thread; Django would then refuse the ORM calls
# of the factories and of live_server's database setup in that same thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

PASSWORD = "rahasia123"  # tests.sakip.factories.UserFactory
RESULTS_DIR = Path(__file__).resolve().parents[2] / "test-results"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
E2E_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    """Every test under tests/e2e carries the e2e mark (also when a new module forgets its pytestmark), and they run
    last: Playwright's sync API keeps its event loop registered in the test thread while the session-wide browser
    lives, and a later test calling asyncio.run() (pyHanko's validation does) would meet it."""
    browser_tests = []
    for item in items:
        if E2E_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)
            browser_tests.append(item)
    items[:] = [item for item in items if item not in browser_tests] + browser_tests


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Chromium tidak ditemukan di PATH (apt-get install chromium); tes e2e dilewati.")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


# Every page of every test runs under the real Content-Security-Policy: whatever it refuses (an inline script, handler
# or style attribute, a stylesheet htmx would inject) fails the test, with what was refused and where.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolation([event.violatedDirective, event.blockedURI, event.sourceFile, event.lineNumber, event.sample]
    .filter((part) => part !== "" && part !== 0).join(" "));
});
"""


def csp_message(message) -> bool:
    return message.type in ("error", "warning") and "Content Security Policy" in message.text


@pytest.fixture
def page(browser):
    """A fresh context per test: an office laptop screen, Indonesian locale, WITA clock.

    Reduced motion turns Bootstrap's transitions off (its CSS honours the setting): a collapse opens at once, so a click
    never lands on a form that is still growing under the pointer.
    """
    context = browser.new_context(
        viewport={"width": 1366, "height": 768}, locale="id-ID", timezone_id="Asia/Makassar", reduced_motion="reduce"
    )
    context.set_default_timeout(30_000)  # generous: a loaded CI machine renders an import preview slowly
    violations = []
    context.expose_binding("__cspViolation", lambda source, text: violations.append((source["page"].url, text)))
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    js_errors = []
    page.on("pageerror", lambda error: js_errors.append(str(error)))
    page.on(
        "console",
        lambda message: violations.append((page.url, message.text)) if csp_message(message) else None,
    )
    yield page
    context.close()
    assert not js_errors, f"JavaScript error on the page: {js_errors}"
    refused = "\n".join(f"{url}: {text}" for url, text in violations)
    assert not violations, f"Content-Security-Policy violation: {refused}"


@pytest.fixture
def screenshot_dir() -> Path:
    RESULTS_DIR.mkdir(exist_ok=True)
    return RESULTS_DIR


@pytest.fixture
def login(live_server):
    """login(page, "alice"): sign in through the real /masuk/ page, as a person would."""

    def _login(page, username: str, password: str = PASSWORD):
        page.goto(f"{live_server.url}/masuk/")
        page.locator("input[name=username]").fill(username)
        page.locator("input[name=password]").fill(password)
        page.get_by_role("button", name="Masuk").click()
        expect(page).not_to_have_url(re.compile(r"/masuk/"))
        expect(page.get_by_role("button", name="Keluar")).to_be_visible()

    return _login
