"""A revision compared with the version it replaces: fields, pelaksana, steps added/removed/changed, lists."""

import pytest
from django.urls import reverse

from sakip.dates import tanggal_indonesia
from sop.compare import sop_compare
from sop.content import LangkahInput
from sop.models import Sop
from sop.selectors import sop_get
from sop.services import content_of, sop_update
from sop.transitions import sop_revise
from tests.sop.factories import build_sop

pytestmark = pytest.mark.django_db


@pytest.fixture
def revised(opd, penyusun):
    old = build_sop(opd=opd, status=Sop.Status.DISAHKAN, steps=5, columns=2)
    new = sop_revise(sop=old, actor=penyusun)
    content = content_of(new)
    content.identity["judul"] = "Pengukuran Kinerja (revisi)"
    content.langkah[2].waktu_nilai = 45
    del content.langkah[3]
    content.langkah.insert(
        1, LangkahInput(uraian="Memeriksa kelengkapan berkas", pelaksana_kunci=content.pelaksana[0].kunci)
    )
    content.items["dasar_hukum"][0].teks = "Perpres 29/2014 tentang SAKIP"
    sop_update(sop=new, content=content, expected_version=new.lock_version, updated_by=penyusun)
    return old, new


def test_changes_are_found_field_by_field_and_steps_by_their_words(revised, penyusun):
    old, new = (sop_get(user=penyusun, pk=v.pk) for v in revised)

    comparison = sop_compare(old=old, new=new)

    assert [(c.label, c.new) for c in comparison.identity] == [
        ("Judul SOP", "Pengukuran Kinerja (revisi)"),
        ("Tanggal revisi", tanggal_indonesia(new.tanggal_revisi)),
    ]
    kinds = [(s.kind, s.old_number, s.new_number) for s in comparison.steps]
    assert kinds == [("ditambah", None, 2), ("diubah", 3, 4), ("dihapus", 4, None)]
    changed = comparison.steps[1].changes
    assert [(c.label, c.old, c.new) for c in changed] == [("Waktu", "15", "45")]
    assert comparison.lists == [("Dasar Hukum", ["Perpres 29/2014 tentang SAKIP"], ["Butir 1"])]


def test_either_version_links_to_the_comparison_and_outsiders_get_404(client, revised, penyusun, outsider):
    old, new = revised
    client.force_login(penyusun)

    for version in (old, new):
        page = client.get(version.get_absolute_url()).content.decode()
        assert reverse("sop:sop-compare", args=[version.pk]) in page
        compared = client.get(reverse("sop:sop-compare", args=[version.pk])).content.decode()
        assert "Perubahan dari versi 1 ke versi 2" in compared
        assert "Memeriksa kelengkapan berkas" in compared

    client.force_login(outsider)
    assert client.get(reverse("sop:sop-compare", args=[new.pk])).status_code == 404
    assert client.get(reverse("sop:sop-compare", args=[new.pk]), {"dengan": "abc"}).status_code == 404
