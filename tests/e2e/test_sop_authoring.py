"""A penyusun writes a new SOP in the editor, trips over a validation error, fixes it and finds the SOP again."""

import re

import pytest
from playwright.sync_api import expect

from sop.models import Sop
from tests.sakip.factories import OpdFactory, UserFactory
from tests.sop.factories import SopFactory

pytestmark = pytest.mark.e2e

NOMOR = "800/012/SOP-BAPPEDA/2025"
JUDUL = "Pelayanan Permintaan Data Kinerja Perangkat Daerah"
DASAR_HUKUM = "Peraturan Menteri PANRB Nomor 35 Tahun 2012"
PELAKSANA = ["Pengadministrasi Umum", "Kepala Subbagian Perencanaan", "Kepala Bidang"]
STEPS = [
    {
        "uraian": "Menerima surat permohonan data kinerja dari pemohon",
        "pelaksana": "Pengadministrasi Umum",
        "simbol": "terminator",
        "waktu": "15",
        "satuan": "menit",
    },
    {
        "uraian": "Menyiapkan draf jawaban beserta data capaian kinerja",
        "pelaksana": "Kepala Subbagian Perencanaan",
        "simbol": "proses",
        "waktu": "2",
        "satuan": "jam",
    },
    {
        "uraian": "Memeriksa kebenaran data dalam draf jawaban",
        "pelaksana": "Kepala Bidang",
        "simbol": "keputusan",
        "waktu": "30",
        "satuan": "menit",
    },
    {
        "uraian": "Menandatangani surat jawaban",
        "pelaksana": "Kepala Bidang",
        "simbol": "proses",
        "waktu": "10",
        "satuan": "menit",
    },
    {
        "uraian": "Mengirim surat jawaban dan mengarsipkan salinannya",
        "pelaksana": "Pengadministrasi Umum",
        "simbol": "terminator",
        "waktu": "1",
        "satuan": "hari",
    },
]
KEPUTUSAN = 2  # index of step 3
MISTAKE = 3  # index of step 4, whose waktu is first left at 0


def step_rows(page):
    """The step cards the user sees, top to bottom (removed ones are only hidden)."""
    return page.locator("[data-step]").filter(visible=True)


def field(row, name_suffix: str, tag: str = "input"):
    return row.locator(f'{tag}[name$="-{name_suffix}"]')


def expect_step_values(page):
    """Everything typed into the steps is on the page, in the intended order."""
    rows = step_rows(page)
    expect(rows).to_have_count(len(STEPS))
    for index, step in enumerate(STEPS):
        row = rows.nth(index)
        expect(row.locator("[data-number]")).to_have_text(str(index + 1))
        expect(field(row, "uraian", "textarea")).to_have_value(step["uraian"])
        expect(row.locator("[data-pelaksana-select] option:checked")).to_have_text(step["pelaksana"])
        expect(field(row, "simbol", "select")).to_have_value(step["simbol"])
        expect(field(row, "waktu_satuan", "select")).to_have_value(step["satuan"])
    decision = rows.nth(KEPUTUSAN)
    expect(field(decision, "ya_ke")).to_be_visible()
    expect(field(decision, "ya_ke")).to_have_value("4")
    expect(field(decision, "tidak_ke")).to_have_value("2")


def test_penyusun_writes_sop_with_keputusan_meets_error_fixes_it_and_finds_it_in_list(
    live_server, transactional_db, page, login, screenshot_dir
):
    opd = OpdFactory()
    UserFactory(username="penyusun", roles=[(opd, "penyusun")])
    SopFactory(opd=opd, nomor="045/003/SOP-BAPPEDA/2024", judul="Pengelolaan Arsip Dinamis")

    login(page, "penyusun")
    expect(page.get_by_role("heading", name="Beranda")).to_be_visible()
    page.get_by_role("navigation").get_by_role("link", name="Daftar SOP").click()
    expect(page.get_by_role("heading", name="Daftar SOP")).to_be_visible()
    page.get_by_role("link", name="Susun SOP baru").click()
    expect(page.get_by_role("heading", name="Susun SOP baru")).to_be_visible()

    # 1. Identitas
    page.get_by_label("Nomor SOP").fill(NOMOR)
    page.get_by_label("Judul SOP").fill(JUDUL)
    page.get_by_label("Tanggal pembuatan").fill("10/03/2025")

    # 2. Pelaksana: the editor starts with one empty row
    names = page.locator("[data-pelaksana-nama]")
    expect(names).to_have_count(1)
    expect(names.first).to_have_value("")
    for index, nama in enumerate(PELAKSANA):
        if index:
            page.get_by_role("button", name="Tambah pelaksana").click()
        expect(names).to_have_count(index + 1)
        names.nth(index).fill(nama)

    # 3. Langkah: the editor starts with one empty step
    rows = step_rows(page)
    expect(rows).to_have_count(1)
    while rows.count() < len(STEPS):
        count = rows.count()
        page.get_by_role("button", name="Tambah langkah").click()
        expect(rows).to_have_count(count + 1)
    for index, step in enumerate(STEPS):
        row = rows.nth(index)
        expect(row.locator("[data-number]")).to_have_text(str(index + 1))
        field(row, "uraian", "textarea").fill(step["uraian"])
        row.locator("[data-pelaksana-select]").select_option(label=step["pelaksana"])
        field(row, "waktu_nilai").fill("0" if index == MISTAKE else step["waktu"])
        field(row, "waktu_satuan", "select").select_option(step["satuan"])
        ya, tidak = field(row, "ya_ke"), field(row, "tidak_ke")
        expect(ya).to_be_hidden()
        expect(tidak).to_be_hidden()
        field(row, "simbol", "select").select_option(step["simbol"])
        if index == KEPUTUSAN:
            expect(ya).to_be_visible()
            expect(tidak).to_be_visible()
            ya.fill("4")
            tidak.fill("2")
        else:
            expect(ya).to_be_hidden()
    # 15 menit + 2 jam + 30 menit + 1 hari (7,5 jam); the 0 of step 4 is not a waktu and is named, not counted.
    expect(page.get_by_text("Total waktu baku:")).to_have_text(
        "Total waktu baku: 1 hari 2 jam 45 menit (tanpa langkah 4: waktunya belum benar)"
    )

    # 4. Dasar Hukum
    dasar_hukum = page.locator(".border.rounded").filter(has=page.get_by_text("Dasar Hukum", exact=True))
    dasar_hukum.get_by_role("button", name="Tambah butir").click()
    dasar_hukum.get_by_role("textbox", name="Isi butir").fill(DASAR_HUKUM)

    # The mistake: step 4 still takes 0 minutes.
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("alert").filter(has_text="SOP belum tersimpan")).to_be_visible()
    rows = step_rows(page)
    expect(rows).to_have_count(len(STEPS))
    row_error = rows.nth(MISTAKE).get_by_role("alert")
    expect(row_error).to_contain_text("Langkah 4")
    expect(row_error).to_contain_text("waktu harus lebih dari 0")
    expect(rows.nth(MISTAKE).locator("[data-number]")).to_have_text("4")
    # Nothing typed is lost.
    expect(page.get_by_label("Nomor SOP")).to_have_value(NOMOR)
    expect(page.get_by_label("Judul SOP")).to_have_value(JUDUL)
    expect(page.get_by_label("Tanggal pembuatan")).to_have_value("10/03/2025")
    for index, nama in enumerate(PELAKSANA):
        expect(names.nth(index)).to_have_value(nama)
    expect_step_values(page)
    expect(field(rows.nth(MISTAKE), "waktu_nilai")).to_have_value("0")
    expect(dasar_hukum.get_by_role("textbox", name="Isi butir")).to_have_value(DASAR_HUKUM)
    page.screenshot(path=screenshot_dir / "sop_editor_validation_error.png", full_page=True)

    # Fix it.
    field(rows.nth(MISTAKE), "waktu_nilai").fill("10")
    expect(page.get_by_text("Total waktu baku:")).to_have_text("Total waktu baku: 1 hari 2 jam 55 menit")

    # Move step 2 down and back up: numbers follow, and the keputusan keeps pointing at the same steps.
    rows.nth(1).get_by_role("button", name="Turunkan langkah").click()
    expect(field(rows.nth(2), "uraian", "textarea")).to_have_value(STEPS[1]["uraian"])
    expect(rows.nth(2).locator("[data-number]")).to_have_text("3")
    expect(field(rows.nth(1), "uraian", "textarea")).to_have_value(STEPS[KEPUTUSAN]["uraian"])
    expect(rows.nth(1).locator("[data-number]")).to_have_text("2")
    expect(field(rows.nth(1), "ya_ke")).to_have_value("4")
    expect(field(rows.nth(1), "tidak_ke")).to_have_value("3")
    rows.nth(2).get_by_role("button", name="Naikkan langkah").click()
    expect_step_values(page)

    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("alert").filter(has_text="tersimpan sebagai draf")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(JUDUL)
    identity = page.get_by_role("region", name="Identitas SOP")
    expect(identity).to_contain_text(NOMOR)
    expect(identity).to_contain_text(DASAR_HUKUM)
    flow = page.get_by_role("region", name="Diagram alir")
    for nama in PELAKSANA:
        expect(flow.get_by_role("columnheader", name=nama, exact=True)).to_be_visible()
    sheet_rows = flow.locator("tbody tr")
    expect(sheet_rows).to_have_count(len(STEPS))
    for index, step in enumerate(STEPS):
        expect(sheet_rows.nth(index).locator("td").first).to_have_text(f"{index + 1}.")
        expect(sheet_rows.nth(index)).to_contain_text(step["uraian"])
    expect(sheet_rows.nth(KEPUTUSAN)).to_contain_text("Ya → 4 · Tidak → 2")
    expect(flow).to_contain_text("1 hari 2 jam 55 menit")
    page.screenshot(path=screenshot_dir / "sop_sheet_saved.png", full_page=True)

    # Find it again in the list.
    page.get_by_role("navigation").filter(has=page.get_by_role("button", name="Keluar")).get_by_role(
        "link", name="Daftar SOP"
    ).click()
    other = page.get_by_role("link", name="Pengelolaan Arsip Dinamis")
    ours = page.get_by_role("link", name=JUDUL)
    expect(other).to_be_visible()
    expect(ours).to_be_visible()
    search = page.get_by_label("Cari judul atau nomor")
    search.press_sequentially("permintaan data", delay=50)
    expect(other).to_have_count(0)  # filtered live by htmx, no page load
    expect(ours).to_be_visible()
    expect(page).to_have_url(re.compile(r"q=permintaan"))
    # Enter submits the form as an ordinary GET: a full page load, still filtered.
    with page.expect_response(lambda r: r.request.is_navigation_request() and "q=permintaan" in r.url):
        search.press("Enter")
    page.wait_for_load_state()
    expect(search).to_have_value("permintaan data")
    expect(other).to_have_count(0)
    ours.click()

    sop = Sop.objects.get(judul=JUDUL)
    expect(page).to_have_url(f"{live_server.url}{sop.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text(JUDUL)
    assert sop.status == Sop.Status.DRAFT
    assert [s.uraian for s in sop.steps] == [s["uraian"] for s in STEPS]
