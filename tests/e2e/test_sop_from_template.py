"""A penyusun drafts an SOP from a template: picks it, sees it in the OPD's words, maps the roles, saves the draft."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from sakip.models import Keanggotaan
from sop.models import Sop
from tests.sakip.factories import OpdFactory, PegawaiFactory, PemdaFactory, UserFactory
from tests.workflow.factories import RoleHolderFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def dinsos(transactional_db):
    call_command("loaddata", "sop_templates", verbosity=0)
    opd = OpdFactory(
        pemda=PemdaFactory(nama="Kabupaten Banyumas"),
        nama="Dinas Sosial dan Pemberdayaan Masyarakat dan Desa",
        singkatan="Dinsospermasdes",
    )
    kepala = UserFactory(username="kepala.dinsos", roles=[(opd, Keanggotaan.Peran.KEPALA)])
    PegawaiFactory(opd=opd, user=kepala, nama="Ir. WIDARSO, M.M", jabatan=f"Kepala {opd.nama} Kabupaten Banyumas")
    penyusun = UserFactory(username="penyusun.dinsos", first_name="Dwi", last_name="Lestari",
                           roles=[(opd, Keanggotaan.Peran.PENYUSUN)])  # fmt: skip
    RoleHolderFactory(opd=opd, pelaksana="Tim SAKIP", user=penyusun)
    return opd


def test_penyusun_creates_an_sop_from_a_template_maps_the_roles_and_saves(
    live_server, dinsos, page, login, screenshot_dir
):
    login(page, "penyusun.dinsos")
    page.goto(f"{live_server.url}/sop/")
    page.get_by_role("link", name="Buat dari templat").click()
    expect(page.get_by_role("heading", name="Buat SOP dari templat")).to_be_visible()
    page.get_by_role("link", name="Pakai templat Pengukuran Kinerja (pengukuran-kinerja)").click()

    # The template in this OPD's words, before anything is saved.
    expect(page.get_by_role("heading", name="Pengukuran Kinerja", exact=True)).to_be_visible()
    expect(page.get_by_label("Jabatan Kepala — {kepala}")).to_have_value("Kepala Dinsospermasdes")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(14)
    expect(rows.nth(0)).to_contain_text("Memerintahkan penyusunan pengukuran Kinerja Dinsospermasdes")
    expect(rows.nth(9)).to_contain_text("Kepada Kepala Dinsospermasdes untuk meminta persetujuan.")
    expect(page.get_by_test_id("known-roles")).to_contain_text("Tim SAKIP (Dwi Lestari)")

    # Both Tim Sakip roles go to the OPD's own "Tim SAKIP" column.
    page.get_by_label("Peran templat: Sek. Tim Sakip").fill("Tim SAKIP")
    page.get_by_label("Peran templat: Anggota Tim Sakip").fill("Tim SAKIP")
    page.get_by_role("button", name="Perbarui pratinjau").click()
    expect(rows.nth(1)).to_contain_text("Tim SAKIP")
    expect(rows.nth(6)).to_contain_text("Tim SAKIP")
    page.screenshot(path=screenshot_dir / "sop_from_template.png", full_page=True)
    assert not Sop.objects.exists()

    page.get_by_role("button", name="Buat draf SOP").click()
    expect(page.get_by_text("dibuat dari templat pengukuran-kinerja versi 1")).to_be_visible()
    expect(page.get_by_label("Judul SOP")).to_have_value("Pengukuran Kinerja")
    page.get_by_label("Nomor SOP").fill("061.1/400")
    page.get_by_role("button", name="Simpan").click()

    expect(page.get_by_text("Perubahan SOP tersimpan.")).to_be_visible()
    expect(page.get_by_test_id("template-notice")).to_contain_text("Disusun dari templat Pengukuran Kinerja")
    sop = Sop.objects.get()
    assert (sop.nomor, sop.opd, sop.status) == ("061.1/400", dinsos, Sop.Status.DRAFT)
    assert list(sop.pelaksana.values_list("nama", flat=True)) == ["Kepala Dinsospermasdes", "Sekretaris", "Tim SAKIP"]
    assert sop.langkah.count() == 14
