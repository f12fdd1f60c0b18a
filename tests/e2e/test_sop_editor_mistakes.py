"""A penyusun makes several mistakes at once in the editor: hints in Indonesian while typing, every mistake listed
after one save, each link leading to its field; fixed, the SOP saves in one go."""

import datetime
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.sakip.factories import OpdFactory, UserFactory
from tests.sop.factories import SopFactory, build_sop

pytestmark = pytest.mark.e2e

TAKEN = "045/003/SOP-BAPPEDA/2024"


def step_rows(page):
    return page.locator("[data-step]").filter(visible=True)


def field(row, name_suffix: str, tag: str = "input"):
    return row.locator(f'{tag}[name$="-{name_suffix}"]')


def hint(page, locator) -> str:
    """The text the page shows under a field as its browser-side hint."""
    name = locator.get_attribute("name")
    return page.locator(f'[data-hint-for="{name}"]').inner_text()


def test_penyusun_sees_every_mistake_in_one_save_fixes_them_and_saves(
    live_server, transactional_db, page, login, screenshot_dir
):
    opd = OpdFactory()
    UserFactory(username="penyusun", roles=[(opd, "penyusun")])
    SopFactory(opd=opd, nomor=TAKEN, judul="Pengelolaan Arsip Dinamis")
    sop = build_sop(opd=opd, steps=3, columns=2)

    login(page, "penyusun")
    page.goto(f"{live_server.url}{sop.get_absolute_url()}")
    page.get_by_role("link", name="Ubah").click()
    expect(page.get_by_role("heading", name="Ubah SOP")).to_be_visible()
    expect(page.get_by_label("Tanggal pembuatan")).to_have_value("05/01/2026")
    expect(page.get_by_text("Total waktu baku:")).to_have_text("Total waktu baku: 45 menit")
    rows = step_rows(page)

    # Five mistakes of five kinds; the browser-side hints speak Indonesian, whatever the browser's language.
    page.get_by_label("Nomor SOP").fill(TAKEN)
    tanggal = page.get_by_label("Tanggal pembuatan")
    tanggal.fill("5 Januari")
    tanggal.blur()
    assert hint(page, tanggal) == "Tulis tanggal sebagai hari/bulan/tahun, mis. 05/01/2026."
    uraian = field(rows.nth(0), "uraian", "textarea")
    uraian.fill("")
    uraian.blur()
    assert hint(page, uraian) == "Isian ini wajib diisi."
    assert uraian.evaluate("el => el.validationMessage") == "Isian ini wajib diisi."
    waktu = field(rows.nth(1), "waktu_nilai")
    waktu.fill("-5")
    waktu.blur()
    assert hint(page, waktu) == "Isi dengan angka, mis. 15 atau 1,5."
    # The live total leaves the invalid waktu out and says so.
    expect(page.get_by_text("Total waktu baku:")).to_have_text(
        "Total waktu baku: 30 menit (tanpa langkah 2: waktunya belum benar)"
    )
    field(rows.nth(2), "simbol", "select").select_option("keputusan")
    field(rows.nth(2), "ya_ke").fill("9")
    field(rows.nth(2), "tidak_ke").fill("2")

    page.get_by_role("button", name="Simpan").click()

    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("5 isian perlu diperbaiki")
    links = summary.get_by_role("link")
    expect(links).to_have_count(5)
    expect(links.nth(0)).to_contain_text(f"Nomor SOP “{TAKEN}” sudah dipakai “Pengelolaan Arsip Dinamis”")
    expect(links.nth(1)).to_contain_text("Tanggal tidak dikenali")
    expect(links.nth(2)).to_have_text("Langkah 1: Uraian kegiatan belum diisi.")
    expect(links.nth(3)).to_contain_text("Langkah 2")
    expect(links.nth(4)).to_contain_text("Langkah 3: tujuan jika Ya (langkah 9) tidak ada")
    # Everything typed is still there.
    expect(page.get_by_label("Nomor SOP")).to_have_value(TAKEN)
    expect(field(step_rows(page).nth(1), "waktu_nilai")).to_have_value("-5")
    expect(field(step_rows(page).nth(2), "ya_ke")).to_have_value("9")
    page.screenshot(path=screenshot_dir / "sop_editor_mistakes_1366.png")

    # A link of the list brings its field into view, with the cursor in it.
    links.nth(4).click()
    ya = field(step_rows(page).nth(2), "ya_ke")
    expect(ya).to_be_focused()
    expect(ya).to_be_in_viewport()
    ya.fill("1")
    links.nth(2).click()
    uraian = field(step_rows(page).nth(0), "uraian", "textarea")
    expect(uraian).to_be_focused()
    uraian.fill("Menerima berkas permohonan")
    field(step_rows(page).nth(1), "waktu_nilai").fill("1,5")
    field(step_rows(page).nth(1), "waktu_satuan", "select").select_option("jam")
    expect(page.get_by_text("Total waktu baku:")).to_have_text("Total waktu baku: 2 jam")
    page.get_by_label("Nomor SOP").fill("045/004/SOP-BAPPEDA/2024")
    page.get_by_label("Tanggal pembuatan").fill("07/02/2026")

    page.get_by_role("button", name="Simpan").click()

    expect(page.get_by_role("alert").filter(has_text="Perubahan SOP tersimpan")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"{sop.get_absolute_url()}$"))
    sop.refresh_from_db()
    steps = list(sop.langkah.all())
    assert (sop.nomor, sop.tanggal_pembuatan) == ("045/004/SOP-BAPPEDA/2024", datetime.date(2026, 2, 7))
    assert steps[0].uraian == "Menerima berkas permohonan"
    assert (steps[1].waktu_nilai, steps[1].waktu_satuan) == (Decimal("1.5"), "jam")
    assert (steps[2].simbol, steps[2].ya_ke, steps[2].tidak_ke) == ("keputusan", 1, 2)
