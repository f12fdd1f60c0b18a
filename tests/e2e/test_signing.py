"""The Kepala signs a submitted SOP in the browser: Beranda, review page, a wrong passphrase, the right one, the signed
download, its QR code, and the public verification page with uploads; and five wrong passphrases lock signing."""

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from weasyprint import HTML

from sop.models import Sop
from tests.signing.helpers import PASSPHRASE, give_certificate, pdfsig, qr_codes, submitted_sop, validate

pytestmark = pytest.mark.e2e

WRONG = "bukan-passphrase-ini"


@pytest.fixture
def ready(transactional_db, settings, tmp_path, opd, kepala):
    settings.MEDIA_ROOT = tmp_path / "media"
    give_certificate(kepala, opd.pemda)
    return submitted_sop(opd, kepala, nomor="")


def open_review(page, live_server, login, sop):
    login(page, "kepala")
    page.goto(f"{live_server.url}/")
    waiting = page.get_by_test_id("beranda-signing")
    expect(waiting).to_contain_text(sop.judul)
    waiting.get_by_role("link", name="Periksa & tanda tangani").first.click()
    expect(page).to_have_url(re.compile(rf"/tte/sop/{sop.pk}/$"))


def test_kepala_signs_and_anyone_verifies(page, browser, live_server, login, ready, opd, screenshot_dir, tmp_path):
    open_review(page, live_server, login, ready)
    frame = page.get_by_test_id("review-pdf")
    expect(frame).to_be_visible()
    src = frame.get_attribute("src")
    assert src.startswith("/"), src  # same origin
    answer = page.request.get(live_server.url + src)
    assert answer.ok and answer.headers["content-type"] == "application/pdf" and answer.body().startswith(b"%PDF")
    expect(page.get_by_test_id("review-checks")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "signing-review.png"), full_page=True)

    page.locator("input[name=passphrase]").fill(WRONG)
    page.get_by_test_id("sign-submit").click()
    expect(page.get_by_test_id("sign-error")).to_contain_text("Passphrase TTE salah")
    expect(page.locator("body")).to_contain_text("Sisa percobaan: 4")
    ready.refresh_from_db()
    assert ready.status == Sop.Status.DIAJUKAN and ready.nomor == ""

    page.locator("input[name=passphrase]").fill(PASSPHRASE)
    page.get_by_test_id("sign-submit").click()
    expect(page).to_have_url(re.compile(rf"/sop/{ready.pk}/$"))
    expect(page.locator("body")).to_contain_text("disahkan dan ditandatangani secara elektronik")
    ready.refresh_from_db()
    assert ready.status == Sop.Status.DISAHKAN and ready.nomor.startswith("001/SOP/")
    expect(page.locator("body")).to_contain_text(ready.nomor)

    with page.expect_download() as info:
        page.locator(f'a[href^="{reverse("sop:sop-pdf", args=[ready.pk])}?kertas="]').first.click()
    signed = info.value.path().read_bytes()
    pemda = opd.pemda
    assert pemda.otoritas_sertifikat.sertifikat_pem  # read here: the check below runs in another thread
    with ThreadPoolExecutor(1) as pool:  # pyHanko runs its own event loop; Playwright's is running in this thread
        status = pool.submit(validate, signed, pemda).result()
    assert status.intact and status.valid and status.trusted
    assert "Signature is Valid" in pdfsig(signed)
    codes = qr_codes(signed)
    assert len(codes) == 1 and "/v/" in codes[0]

    anonymous = browser.new_context(viewport={"width": 1366, "height": 768}, locale="id-ID")
    visitor = anonymous.new_page()
    try:
        url = re.sub(r"^https?://[^/]+", live_server.url, codes[0])
        visitor.goto(url)
        expect(visitor.get_by_test_id("verdict")).to_contain_text("Tanda tangan elektronik sah")
        visitor.screenshot(path=str(screenshot_dir / "signing-verify.png"), full_page=True)
        held = tmp_path / "dari-kepala.pdf"
        held.write_bytes(signed)
        visitor.locator("input[type=file]").set_input_files(str(held))
        visitor.locator("input[type=file]").locator("xpath=ancestor::form").locator("button").first.click()
        expect(visitor.get_by_test_id("upload-result")).to_contain_text("sama persis")
        other = tmp_path / "lain.pdf"
        other.write_bytes(HTML(string="<h1>SOP lain</h1>").write_pdf())
        visitor.locator("input[type=file]").set_input_files(str(other))
        visitor.locator("input[type=file]").locator("xpath=ancestor::form").locator("button").first.click()
        expect(visitor.get_by_test_id("upload-result")).to_contain_text("tidak sama")
    finally:
        anonymous.close()


def test_five_wrong_passphrases_lock_signing(page, live_server, login, ready, settings):
    open_review(page, live_server, login, ready)
    for _ in range(settings.SIGNING_MAX_TRIES):
        page.locator("input[name=passphrase]").fill(WRONG)
        page.get_by_test_id("sign-submit").click()
        expect(page.get_by_test_id("sign-error").or_(page.get_by_test_id("sign-locked")).first).to_be_visible()
    page.goto(f"{live_server.url}/tte/sop/{ready.pk}/")
    expect(page.get_by_test_id("sign-locked")).to_be_visible()
    expect(page.get_by_test_id("sign-form")).to_have_count(0)
    ready.refresh_from_db()
    assert ready.status == Sop.Status.DIAJUKAN
