"""A 300-step SOP (as the importer makes them) opens in the editor, takes one change and saves from the browser."""

from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from sop.content import ItemInput, LangkahInput, PelaksanaInput, SopContent
from sop.models import Sop
from sop.services import sop_create
from tests.sakip.factories import OpdFactory, UserFactory

pytestmark = pytest.mark.e2e
STEPS = 300
CHANGED = "Memeriksa kelengkapan berkas langkah 150 (diubah di peramban)"


def long_sop(opd, author) -> Sop:
    steps = [
        LangkahInput(
            uraian=f"Kegiatan langkah {n}",
            pelaksana_kunci="a" if n % 2 else "b",
            simbol="terminator" if n in (1, STEPS) else "proses",
            kelengkapan="Berkas",
            waktu_nilai=Decimal(5),
            output=f"Hasil {n}",
        )
        for n in range(1, STEPS + 1)
    ]
    content = SopContent(
        identity={"judul": "SOP Tiga Ratus Langkah", "nomor": "300/2026"},
        pelaksana=[PelaksanaInput(kunci="a", nama="Staf Pelaksana"), PelaksanaInput(kunci="b", nama="Kepala Seksi")],
        langkah=steps,
        items={"dasar_hukum": [ItemInput(teks="Peraturan Presiden Nomor 29 Tahun 2014")]},
    )
    return sop_create(opd=opd, content=content, created_by=author)


def test_a_300_step_sop_saves_from_the_browser(live_server, transactional_db, page, login):
    opd = OpdFactory()
    author = UserFactory(username="penyusun", roles=[(opd, "penyusun")])
    sop = long_sop(opd, author)

    login(page, "penyusun")
    # 300 rows of forms are a big page: on a machine busy with other work its first load has taken over 30 s
    page.goto(f"{live_server.url}{reverse('sop:sop-update', args=[sop.pk])}", timeout=120_000)
    expect(page.get_by_role("heading", name="Ubah SOP")).to_be_visible()
    rows = page.locator("[data-step]").filter(visible=True)
    expect(rows).to_have_count(STEPS)
    rows.nth(149).locator('textarea[name$="-uraian"]').fill(CHANGED)
    page.get_by_role("button", name="Simpan").click()

    expect(page.get_by_role("alert").filter(has_text="Perubahan SOP tersimpan")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("region", name="Diagram alir")).to_contain_text(CHANGED)
    sop.refresh_from_db()
    steps = list(sop.langkah.order_by("urutan").values_list("uraian", flat=True))
    assert len(steps) == STEPS and sop.lock_version == 1
    assert steps[149] == CHANGED
    assert steps[:149] + steps[150:] == [f"Kegiatan langkah {n}" for n in range(1, STEPS + 1) if n != 150]
