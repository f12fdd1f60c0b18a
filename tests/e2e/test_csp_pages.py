"""The pages under the Content-Security-Policy: each one opens, works and keeps its look with nothing inline.

Every test here fails on any refused script or style (the page fixture, tests/e2e/conftest.py). These walk the pages
the other browser tests do not: the sheet and its drawing, the print preview, the lists with their filters, the
Buku SOP progress bar, the kinerja colours, and the admin site.

Data: the demo data (fixtures organisasi, demo_users, sop_seeds, sop_templates, workflow_demo, kinerja_demo).
"""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from sakip.models import User
from sop.models import BukuSop
from tests.e2e.test_workflow_run import DEMO_PASSWORD
from tests.sakip.factories import OpdFactory, PegawaiFactory, UserFactory
from tests.signing.helpers import PASSPHRASE, give_certificate, submitted_sop
from workflow.signing.models import DokumenTertandatangan

pytestmark = pytest.mark.e2e
SEED = Path(__file__).resolve().parents[2] / "fixtures" / "seeds" / "003_e6710e4ad12b4b05.txt"

# Rows and columns sized by the page's nonced rules (sop/printing/table_css.py) are as tall and wide as they say.
SIZES_APPLIED = """(table) => {
  const px = (mm) => mm * 96 / 25.4;
  const rows = Array.from(table.querySelectorAll("tr[class*='h-']"));
  const short = rows.filter((row) => {
    const mm = Number(row.className.match(/h-(\\d+)_(\\d+)/).slice(1).join("."));
    return row.getBoundingClientRect().height < px(mm) - 1;
  });
  const uraian = table.querySelector("col.c-uraian").getBoundingClientRect().width;
  return {rows: rows.length, short: short.length, uraian, width: table.getBoundingClientRect().width};
}"""


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    fixtures = ("organisasi", "demo_users", "sop_seeds", "sop_templates", "workflow_demo", "kinerja_demo")
    call_command("loaddata", *fixtures, verbosity=0)
    for user in User.objects.all():
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])


def assert_flow_table_sized(page):
    sizes = page.locator("table.flow").first.evaluate(SIZES_APPLIED)
    assert sizes["rows"] > 0 and sizes["short"] == 0, sizes
    assert sizes["uraian"] > 100 and sizes["width"] > 800, sizes  # millimetre columns, not squeezed to content


def test_sop_pages_keep_their_drawing_and_print_preview_under_the_policy(page, live_server, login, demo):
    login(page, "penyusun.banggai", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/sop/")
    page.locator("#id_q").fill("Pengukuran")
    expect(page.locator("#sop-results")).to_contain_text("Pengukuran Kinerja")  # htmx, no inline styles
    expect(page.locator("#id_status")).to_have_class(re.compile("form-select"))  # static/js/sop_list.js
    page.locator("#sop-results").get_by_role("link", name=re.compile("Pengukuran Kinerja")).first.click()
    expect(page.get_by_role("heading", name="Diagram alir")).to_be_visible()
    assert_flow_table_sized(page)
    page.reload()  # the drawing and its rules now come from the cache; the nonce is new
    assert_flow_table_sized(page)

    page.get_by_role("link", name="Pratinjau cetak").first.click()
    expect(page.get_by_text("Pratinjau cetak")).to_be_visible()
    assert_flow_table_sized(page)
    assert page.locator(".toolbar form").evaluate("(form) => getComputedStyle(form).display") == "flex"
    page.get_by_label("Kertas").select_option("F4")
    expect(page).to_have_url(re.compile(r"kertas=F4"))  # the select sends its form (static/js/page.js)
    expect(page.get_by_label("Kertas")).to_have_value("F4")

    page.goto(page.url.replace("/cetak/?kertas=F4", "/riwayat/"))
    expect(page.get_by_role("heading", name=re.compile("Riwayat perubahan"))).to_be_visible()


def test_lists_progress_and_colours_keep_their_look(page, live_server, login, demo):
    buku = BukuSop.objects.create(opd_id=1, status=BukuSop.Status.BERJALAN, jumlah_sop=4, sop_selesai=2)
    login(page, "superadmin", DEMO_PASSWORD)

    page.goto(f"{live_server.url}/sop/buku/")
    bar = page.locator(f"#buku-{buku.pk} .progress-bar")
    expect(bar).to_have_text(f"{buku.persen}%")
    ratio = bar.evaluate("(bar) => bar.getBoundingClientRect().width / bar.parentElement.getBoundingClientRect().width")
    assert abs(ratio - buku.persen / 100) < 0.02
    page.wait_for_timeout(1500)  # the card is fetched again every second
    expect(page.locator(f"#buku-{buku.pk} .progress-bar")).to_have_text(f"{buku.persen}%")

    page.goto(f"{live_server.url}/alur/pemegang-peran/")
    page.get_by_label("OPD").select_option(index=1)
    expect(page).to_have_url(re.compile(r"opd=\d+"))  # sent on change, no inline handler
    page.goto(f"{live_server.url}/sop/templat/")
    page.get_by_label("OPD tujuan").select_option(index=1)
    expect(page.get_by_role("link", name=re.compile("Pakai templat")).first).to_be_visible()
    for path in ("/", "/alur/", "/alur/tugas/", "/alur/monitoring/", "/sop/impor/", "/tidak-ada/"):
        page.goto(live_server.url + path)
        expect(page.locator("main")).to_be_visible()


def test_predikat_colours_show_also_in_cells_htmx_swaps_in(page, live_server, login, demo):
    login(page, "staf.perencanaan", DEMO_PASSWORD)
    page.get_by_test_id("nav-kinerja").click()
    page.get_by_test_id("open-form-3").click()
    page.get_by_label("Realisasi Jumlah hasil kajian dan penelitian yang dimanfaatkan", exact=True).fill("2")
    expect(page.locator("#capaian-3")).to_contain_text("100,00%")  # computed on the server, swapped in by htmx
    badges = page.locator(".badge[data-colour]")
    expect(badges.first).to_be_visible()
    for badge in badges.all():
        colour = badge.get_attribute("data-colour")
        assert badge.evaluate("(b) => getComputedStyle(b).backgroundColor") == rgb(colour)
    page.get_by_test_id("save-realisasi").click()
    expect(page.get_by_role("alert")).to_contain_text("Tersimpan")
    page.goto(f"{live_server.url}/kinerja/")
    expect(page.get_by_test_id("capaian-table")).to_be_visible()


def sent_by_script(request) -> bool:
    return request.method == "POST" and request.headers.get("hx-request") == "true"


def test_a_large_upload_shows_its_answer_under_the_page_policy(page, live_server, login, demo):
    """Large files go by XMLHttpRequest (static/js/upload_progress.js) and the answer replaces the document."""
    login(page, "admin.banggai", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/sop/impor/")
    notes = ("Catatan rapat pembahasan pengukuran kinerja triwulan pertama.\n" * 5000).encode()  # over 256 KB
    page.get_by_label("Berkas SOP").set_input_files(
        [
            {"name": SEED.name, "mimeType": "text/plain", "buffer": SEED.read_bytes()},
            {"name": "catatan-rapat.txt", "mimeType": "text/plain", "buffer": notes},
        ]
    )
    with page.expect_request(sent_by_script):
        page.get_by_role("button", name="Tampilkan pratinjau").click()
    expect(page.get_by_role("heading", name="Pratinjau impor")).to_be_visible(timeout=60_000)
    header = page.locator(".import-choices th", has_text="Pelaksana").first
    assert header.evaluate("(th) => getComputedStyle(th).minWidth") == "224px"  # .minw-14rem, from app.css


def rgb(hex_colour: str) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


def test_the_admin_site_works_under_the_policy(page, live_server, login, demo):
    login(page, "superadmin", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/admin/")
    hrefs = "(links) => links.map((a) => a.href)"
    changelists = sorted(set(page.locator("#content-main th[scope=row] a").evaluate_all(hrefs)))
    add_forms = sorted(set(page.locator("#content-main a.addlink").evaluate_all(hrefs)))
    assert len(changelists) > 10 and len(add_forms) > 5
    for url in changelists:
        page.goto(url)
        expect(page.locator("#content")).to_be_visible()
        first = page.locator("#result_list tbody tr th a").first
        if first.count():
            first.click()
            expect(page.locator("#content form, #content-main")).not_to_have_count(0)
    for url in add_forms:
        page.goto(url)
        expect(page.locator("#content form").first).to_be_visible()
    page.goto(f"{live_server.url}/admin/workflow/harilibur/add/")
    page.locator(".datetimeshortcuts a").last.click()  # the calendar the admin's JavaScript draws
    expect(page.locator(".calendarbox").first).to_be_visible()
    page.goto(f"{live_server.url}/admin/sop/sop/1/history/")
    expect(page.locator("#content")).to_be_visible()
    page.goto(f"{live_server.url}/admin/sop_library/soptemplate/")
    page.get_by_role("link", name="Unggah templat").click()
    expect(page.get_by_role("button", name="Tampilkan pratinjau")).to_be_visible()


@pytest.fixture
def signing_kepala(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    opd = OpdFactory()
    kepala = UserFactory(username="kepala", roles=[(opd, "kepala")])
    PegawaiFactory(opd=opd, user=kepala, nama="Dr. Kepala Badan, M.Si", jabatan="Kepala Badan", golongan="IV/c")
    give_certificate(kepala, opd.pemda)
    return submitted_sop(opd, kepala, nomor="")


def test_the_kepala_reviews_the_pdf_in_its_frame_signs_and_the_public_page_verifies(
    page, live_server, login, signing_kepala
):
    login(page, "kepala")
    page.goto(f"{live_server.url}/tte/sop/{signing_kepala.pk}/")
    frame = page.get_by_test_id("review-pdf")
    expect(frame).to_be_visible()  # frame-src 'self': the PDF of this origin may be framed
    assert frame.evaluate("(f) => getComputedStyle(f).height") != "150px"  # .review-pdf from app.css, not the default
    page.get_by_test_id("sign-form").locator("input[type=password]").fill(PASSPHRASE)
    page.get_by_test_id("sign-submit").click()
    expect(page.get_by_role("alert")).to_contain_text("disahkan dan ditandatangani")
    page.goto(live_server.url + DokumenTertandatangan.objects.get(sop=signing_kepala).get_absolute_url())
    expect(page.locator("main")).to_contain_text(signing_kepala.judul)
