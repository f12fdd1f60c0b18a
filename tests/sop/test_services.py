"""Services and selectors called directly, without the pages."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sop.content import ItemInput, LangkahInput, PelaksanaInput, SopContent
from sop.history import sop_changes_since, sop_history
from sop.models import Sop
from sop.selectors import sop_list
from sop.services import EditConflict, content_of, sop_create, sop_update
from tests.sakip.factories import PegawaiFactory, UserFactory
from tests.sop.factories import SopFactory, build_sop

pytestmark = pytest.mark.django_db


def content(**identity) -> SopContent:
    return SopContent(
        identity={"judul": "Rapat Koordinasi", "nomor": "1/2026", **identity},
        pelaksana=[PelaksanaInput(kunci="a", nama="Kepala"), PelaksanaInput(kunci="b", nama="Staf")],
        langkah=[
            LangkahInput(uraian="Mengundang", pelaksana_kunci="b", simbol="terminator", waktu_nilai=Decimal(30)),
            LangkahInput(uraian="Memimpin rapat", pelaksana_kunci="a", waktu_nilai=Decimal(2), waktu_satuan="jam"),
        ],
        items={"dasar_hukum": [ItemInput(teks="Perpres 29/2014"), ItemInput(teks="  ")]},
    )


def test_sop_create_writes_every_row_and_skips_blank_list_items(opd, penyusun):
    sop = sop_create(opd=opd, content=content(), created_by=penyusun)

    assert (sop.judul, sop.status, sop.lock_version) == ("Rapat Koordinasi", "draft", 0)
    assert [s.pelaksana.nama for s in sop.langkah.select_related("pelaksana")] == ["Staf", "Kepala"]
    assert [i.teks for i in sop.items.all()] == ["Perpres 29/2014"]
    assert sop.total_waktu_menit == Decimal(150)


def test_sop_create_checks_structure_itself_so_no_caller_can_skip_it(opd, penyusun):
    bad = content()
    bad.langkah[1].pelaksana_kunci = "hilang"

    with pytest.raises(ValidationError) as caught:
        sop_create(opd=opd, content=bad, created_by=penyusun)

    assert "Langkah 2: pelaksananya tidak ada" in str(caught.value)
    assert not Sop.objects.exists()


def test_pengesah_from_another_opd_and_links_to_foreign_sops_are_refused(opd, other_opd, penyusun):
    foreign_signer = PegawaiFactory(opd=other_opd)
    foreign_sop = SopFactory(opd=other_opd)
    bad = content(pengesah=foreign_signer)
    bad.items["keterkaitan"] = [ItemInput(teks="", sop_terkait_id=foreign_sop.pk)]

    with pytest.raises(ValidationError) as caught:
        sop_create(opd=opd, content=bad, created_by=penyusun)

    assert caught.value.message_dict["pengesah"] == [
        f"Pejabat pengesah harus Kepala OPD ini atau Plt./Plh. Kepala yang sedang berlaku: {foreign_signer.nama} "
        "bukan keduanya."
    ]
    assert "Keterkaitan hanya boleh menautkan SOP dari OPD yang sama." in caught.value.message_dict["__all__"]


def test_sop_update_refuses_a_stale_version_and_keeps_the_newer_save(opd, penyusun):
    sop = sop_create(opd=opd, content=content(), created_by=penyusun)
    sop_update(sop=sop, content=content(judul="Versi Bob"), expected_version=0, updated_by=penyusun)

    with pytest.raises(EditConflict) as caught:
        sop_update(sop=sop, content=content(judul="Versi Alice"), expected_version=0, updated_by=penyusun)

    sop.refresh_from_db()
    assert sop.judul == "Versi Bob"
    changes = sop_changes_since(sop=caught.value.sop, version=0)
    assert any(c.new == "Versi Bob" for entry in changes for c in entry.changes)


def test_content_of_round_trips_through_sop_update_without_history_noise(opd, penyusun):
    sop = build_sop(opd=opd, steps=4)
    before = sop.langkah.model.history.count()

    sop_update(sop=sop, content=content_of(sop), expected_version=0, updated_by=penyusun)

    assert sop.langkah.model.history.count() == before


def test_sop_list_hides_superseded_versions_and_other_opds(opd, other_opd, penyusun):
    current = SopFactory(opd=opd, status=Sop.Status.DISAHKAN)
    old = SopFactory(opd=opd, status=Sop.Status.DIGANTI)
    SopFactory(opd=other_opd)

    assert list(sop_list(user=penyusun)) == [current]
    assert list(sop_list(user=penyusun, status="diganti")) == [old]
    assert sop_list(user=UserFactory(is_superuser=True)).count() == 2  # every OPD, still without the old version


def test_history_lists_creation_of_rows_with_the_author(opd, penyusun):
    sop = sop_create(opd=opd, content=content(), created_by=penyusun)

    entries = sop_history(sop=sop)

    assert {e.what for e in entries} >= {"Identitas SOP", "Langkah 1", "Langkah 2", "Pelaksana “Kepala”"}
    assert all(e.action == "dibuat" for e in entries)
