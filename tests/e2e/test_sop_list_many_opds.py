"""Someone who writes SOPs for many OPDs (a province's team) chooses the new SOP's OPD from a list, not a long menu."""

import pytest
from playwright.sync_api import expect

from sakip.models import Keanggotaan
from tests.sakip.factories import OpdFactory, UserFactory

pytestmark = pytest.mark.e2e


def test_a_writer_of_many_opds_picks_the_opd_of_a_new_sop(page, live_server, login, screenshot_dir):
    opds = [OpdFactory(nama=f"Dinas Contoh {n:02d}") for n in range(20)]
    UserFactory(username="tim.provinsi", roles=[(opd, Keanggotaan.Peran.PENYUSUN) for opd in opds])
    login(page, "tim.provinsi")

    page.goto(f"{live_server.url}/sop/")
    picker = page.get_by_label("OPD SOP baru")
    expect(picker.locator("option")).to_have_count(20)
    picker.select_option(label="Dinas Contoh 17")
    page.screenshot(path=str(screenshot_dir / "sop-list-many-opds.png"))
    page.get_by_role("button", name="Susun SOP baru").click()

    expect(page.get_by_role("heading", name="Susun SOP baru")).to_contain_text("Dinas Contoh 17")
    assert f"opd={opds[17].pk}" in page.url
