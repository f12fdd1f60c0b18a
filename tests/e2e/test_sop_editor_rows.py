"""Editing an existing draft: remove a step, rename a pelaksana column, save."""

import pytest
from playwright.sync_api import expect

from tests.sakip.factories import OpdFactory, UserFactory
from tests.sop.factories import build_sop

pytestmark = pytest.mark.e2e

RENAMED = "Kepala Seksi Pelayanan"


def step_rows(page):
    return page.locator("[data-step]").filter(visible=True)


def test_penyusun_removes_step_and_renames_pelaksana_in_existing_draft(live_server, transactional_db, page, login):
    opd = OpdFactory()
    UserFactory(username="penyusun", roles=[(opd, "penyusun")])
    sop = build_sop(opd=opd, steps=3, columns=2)
    uraian = [step.uraian for step in sop.steps]
    assert [c.nama for c in sop.pelaksana.all()] == ["Kolom 1", "Kolom 2"]

    login(page, "penyusun")
    page.get_by_role("navigation").get_by_role("link", name="Daftar SOP").click()
    page.get_by_role("link", name=sop.judul).click()
    page.get_by_role("link", name="Ubah").click()
    expect(page.get_by_role("heading", name="Ubah SOP")).to_be_visible()

    rows = step_rows(page)
    expect(rows).to_have_count(3)
    rows.nth(1).get_by_role("button", name="Hapus langkah").click()
    expect(rows).to_have_count(2)
    for index, text in enumerate([uraian[0], uraian[2]]):
        expect(rows.nth(index).locator("[data-number]")).to_have_text(str(index + 1))
        expect(rows.nth(index).locator('textarea[name$="-uraian"]')).to_have_value(text)

    names = page.locator("[data-pelaksana-nama]")
    expect(names.nth(1)).to_have_value("Kolom 2")
    names.nth(1).fill(RENAMED)
    selects = page.locator("[data-pelaksana-select]").filter(visible=True)
    expect(selects).to_have_count(2)
    for index in range(2):
        expect(selects.nth(index).locator("option")).to_have_text(["—", "Kolom 1", RENAMED])
    expect(selects.nth(0).locator("option:checked")).to_have_text("Kolom 1")
    selects.nth(1).select_option(label=RENAMED)

    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("alert").filter(has_text="Perubahan SOP tersimpan")).to_be_visible()
    flow = page.get_by_role("region", name="Diagram alir")
    expect(flow.get_by_role("columnheader", name=RENAMED, exact=True)).to_be_visible()
    expect(flow.get_by_role("columnheader", name="Kolom 2")).to_have_count(0)
    sheet_rows = flow.locator("tbody tr")
    expect(sheet_rows).to_have_count(2)
    for index, text in enumerate([uraian[0], uraian[2]]):
        expect(sheet_rows.nth(index).locator("td").first).to_have_text(f"{index + 1}.")
        expect(sheet_rows.nth(index)).to_contain_text(text)
    expect(flow).not_to_contain_text(uraian[1])
    # Step 2's symbol now sits in the renamed (second) column.
    expect(sheet_rows.nth(1).locator("td.col-pelaksana").nth(1).locator(".symbol")).to_have_count(1)
