"""Each real seed document, imported from its text export, gives exactly the SOP transcribed in fixtures/."""

import pytest

from sakip.models import Opd, User
from sop.importing import SopImportError, read_document
from sop.importing.services import sop_import
from sop.models import Sop, SopStatusLog
from tests.sakip.factories import OpdFactory
from tests.sop.importing.compare import assert_same_content, step_pelaksana
from tests.sop.importing.conftest import SEED_FILES, seed_bytes

NO_MARK = "tidak ada tanda di kolom pelaksana"


def _import(pk: int, *, opd=None, user=None):
    document = read_document(data=seed_bytes(pk), filename=SEED_FILES[pk])
    sop = sop_import(document=document, opd=opd if opd is not None else OpdFactory(), user=user)
    return sop, [str(note) for note in document.warnings]


@pytest.mark.parametrize("pk", [1, 2, 3])
def test_seed_imports_as_its_fixture_and_warns_for_every_step_without_a_mark(seeded, pk):
    expected = Sop.objects.get(pk=pk)
    sop, warnings = _import(pk)
    assert_same_content(sop, expected)
    assert sop.status == Sop.Status.DRAFT
    assert sop.versi == 1
    # The Word export lost the flowchart symbols: no step can know its pelaksana.
    assert step_pelaksana(sop) == [None] * expected.langkah.count()
    for number in range(1, expected.langkah.count() + 1):
        assert sum(f"Langkah {number}: {NO_MARK}" in warning for warning in warnings) == 1


def test_seed_004_takes_the_first_ya_tidak_mark_of_rows_7_to_9(seeded):
    expected = Sop.objects.get(pk=4)
    sop, warnings = _import(4)
    assert_same_content(sop, expected)
    got, want = step_pelaksana(sop), step_pelaksana(expected)
    assert got[6:9] == want[6:9] == ["Kepala Bidang", "Kepala Bidang", "Sekretaris"]
    assert got[:6] == [None] * 6
    assert [w for w in warnings if NO_MARK in w] == [
        f"baris {30 + n}: Langkah {n + 1}: {NO_MARK}; pilih pelaksananya di editor." for n in range(6)
    ]
    # Row 7 carries "Ya" under Kepala Bidang and "tidak" under Staf: the first one wins, and the import says so.
    assert any("Langkah 7: ada tanda di 2 kolom pelaksana" in w and "Kepala Bidang" in w for w in warnings)


def test_seed_import_links_the_signer_pegawai_of_the_same_opd(seeded):
    sop, _warnings = _import(1, opd=Opd.objects.get(pk=1), user=User.objects.get(username="superadmin"))
    assert sop.pengesah.nama == "MOH. RAMLI TONGKO, S.Sos, ST., M.Si"


def test_reimporting_a_signed_nomor_makes_the_next_version_never_a_duplicate(seeded, admin_banggai):
    signed = Sop.objects.get(pk=1)
    revision, warnings = _import(1, opd=signed.opd, user=admin_banggai)
    assert (revision.seri, revision.versi, revision.revisi_dari_id) == (signed.seri, 2, signed.pk)
    assert revision.status == Sop.Status.DRAFT
    assert revision.tanggal_revisi is not None  # the document has none: the day of the revision, as sop_revise does
    assert any("versi 2" in w for w in warnings)
    assert_same_content(revision, signed, skip=("tanggal_revisi",))
    signed.refresh_from_db()
    assert signed.status == Sop.Status.DISAHKAN
    assert SopStatusLog.objects.filter(sop=revision).count() == 1

    # Importing the same document again replaces the open draft revision instead of starting version 3.
    again, warnings = _import(1, opd=signed.opd, user=admin_banggai)
    assert again.pk == revision.pk
    assert again.versi == 2
    assert Sop.objects.filter(seri=signed.seri).count() == 2
    assert any("isi draf itu diganti" in w for w in warnings)


def test_reimport_is_refused_while_the_nomor_is_waiting_for_approval(seeded, admin_banggai):
    Sop.objects.filter(pk=1).update(status=Sop.Status.DIAJUKAN)
    with pytest.raises(SopImportError, match="diajukan"):
        _import(1, opd=Opd.objects.get(pk=1), user=admin_banggai)
    assert Sop.objects.filter(opd_id=1).count() == 1


def test_opd_is_read_from_the_kop_and_matched_case_insensitively(seeded):
    superadmin = User.objects.get(username="superadmin")
    document = read_document(data=seed_bytes(3), filename=SEED_FILES[3])
    sop = sop_import(document=document, opd=None, user=superadmin)
    assert sop.opd_id == 3  # "SEKRETARIAT DPRD" under "PEMERINTAH KABUPATEN BALANGAN" is Setwan, pk 3
    assert sop.versi == 2  # its nomor is the signed seed 003


def test_missing_pemda_and_opd_are_created_from_the_kop_with_a_warning(db):
    document = read_document(data=seed_bytes(1), filename=SEED_FILES[1])
    sop = sop_import(document=document, opd=None, user=None)
    assert sop.opd.pemda.nama == "Kabupaten Banggai"
    assert sop.opd.nama == "BADAN PERENCANAAN PEMBANGUNAN, PENELITIAN DAN PENGEMBANGAN DAERAH KAB. BANGGAI"
    warnings = [str(note) for note in document.warnings]
    assert any("Pemda “Kabupaten Banggai” belum terdaftar dan dibuat" in w for w in warnings)
    assert any("belum terdaftar di Kabupaten Banggai dan dibuat" in w for w in warnings)
    # The next document of the same office finds both.
    other = read_document(data=seed_bytes(1).replace(b"208/050/01", b"208/051/01"), filename="lain.txt")
    assert sop_import(document=other, opd=None, user=None).opd_id == sop.opd_id


def test_an_admin_cannot_create_an_opd_from_the_kop(seeded, admin_banggai):
    document = read_document(data=seed_bytes(1).replace(b"KABUPATEN BANGGAI", b"KABUPATEN LUWUK"), filename="x.txt")
    with pytest.raises(SopImportError, match="hanya superadmin"):
        sop_import(document=document, opd=None, user=admin_banggai)
    assert not Opd.objects.filter(pemda__nama__iexact="Kabupaten Luwuk").exists()
