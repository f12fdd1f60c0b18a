"""The kop as offices write it: lines in any order, the Pemda line left out, a unit under the OPD, a Kecamatan,
a UPT, a Provinsi. The OPD is never the title, and where the kop leaves it open the import asks."""

import pytest

from sakip.models import Opd, Pemda
from sop.importing import OpdNeeded, SopImportError
from sop.importing.opd import opd_of_kop
from sop.importing.services import sop_import
from tests.sakip.factories import OpdFactory, PemdaFactory
from tests.sop.importing.docs import notes, read

IDENTITY = (
    "Nomor SOP\t:\t443/12/2023",
    "Tanggal Pembuatan\t:\t03 Maret 2023",
    "Tanggal Efektif\t:\t10 Maret 2023",
    "Disahkan Oleh\t:\tKepala Dinas",
    "Judul SOP\t:\tPengelolaan Arsip Dinamis",
)


def test_title_first_then_pemda_then_opd_gives_the_opd_without_the_title(db):
    document = read(
        "STANDAR OPERASIONAL PROSEDUR (SOP)",
        "PENGELOLAAN ARSIP DINAMIS",
        "PEMERINTAH KABUPATEN SIGI",
        "DINAS PERPUSTAKAAN DAN KEARSIPAN",
        "",
        *IDENTITY,
        filename="judul-dulu.txt",
    )
    assert (document.kop.pemda, document.kop.opd) == ("PEMERINTAH KABUPATEN SIGI", "DINAS PERPUSTAKAAN DAN KEARSIPAN")
    sop = sop_import(document=document, opd=None, user=None)
    assert (sop.opd.nama, sop.opd.pemda.nama, sop.opd.pemda.jenis) == (
        "DINAS PERPUSTAKAAN DAN KEARSIPAN",
        "Kabupaten Sigi",
        "kabupaten",
    )
    assert sop.judul == "Pengelolaan Arsip Dinamis"


def test_without_the_pemda_line_a_registered_opd_of_that_name_is_found(db):
    dinkes = OpdFactory(nama="Dinas Kesehatan", pemda=PemdaFactory(nama="Kabupaten Parigi Moutong"))
    OpdFactory(nama="Dinas Sosial", pemda=dinkes.pemda)
    document = read("DINAS KESEHATAN", "", *IDENTITY, filename="tanpa-pemda.txt")
    assert (document.kop.pemda, document.kop.opd) == ("", "DINAS KESEHATAN")
    assert sop_import(document=document, opd=None, user=None).opd == dinkes


def test_without_the_pemda_line_an_opd_registered_in_two_pemda_is_asked_for(db):
    for pemda in ("Kabupaten Morowali", "Kabupaten Tojo Una-Una"):
        OpdFactory(nama="Dinas Kesehatan", pemda=PemdaFactory(nama=pemda))
    document = read("DINAS KESEHATAN", "", *IDENTITY, filename="dua-pemda.txt")
    with pytest.raises(OpdNeeded) as caught:
        sop_import(document=document, opd=None, user=None)
    assert caught.value.lines == [
        "dua-pemda.txt, baris 1: kop dokumen menyebut “DINAS KESEHATAN”; itu cocok dengan 2 OPD terdaftar "
        "(Dinas Kesehatan — Kabupaten Morowali; Dinas Kesehatan — Kabupaten Tojo Una-Una)."
    ]


def test_a_kop_without_any_pemda_or_registered_opd_is_asked_for(db):
    document = read("BADAN KESATUAN BANGSA DAN POLITIK", "", *IDENTITY, filename="kesbangpol.txt")
    with pytest.raises(OpdNeeded, match="tanpa nama Pemda"):
        sop_import(document=document, opd=None, user=None)
    assert not Opd.objects.exists()


def test_opd_and_unit_on_two_lines_keep_the_unit_out_of_the_opd_name(db):
    document = read(
        "PEMERINTAH KOTA PALU",
        "DINAS PEKERJAAN UMUM DAN PENATAAN RUANG",
        "BIDANG BINA MARGA",
        "",
        *IDENTITY,
    )
    assert document.kop.opd == "DINAS PEKERJAAN UMUM DAN PENATAAN RUANG"
    assert document.kop.unit == "BIDANG BINA MARGA"
    assert document.kop.others == []  # a bidang is never an OPD of its own: nothing to ask
    assert sop_import(document=document, opd=None, user=None).opd.nama == "DINAS PEKERJAAN UMUM DAN PENATAAN RUANG"


def test_an_opd_name_wrapped_over_two_lines_is_one_name_and_the_address_is_left_out(db):
    document = read(
        "PEMERINTAH PROVINSI SULAWESI TENGAH",
        "BADAN PENGELOLAAN KEUANGAN",
        "DAN ASET DAERAH",
        "Jl. Sam Ratulangi No. 101 Palu, Telp. (0451) 421000",
        "",
        *IDENTITY,
    )
    assert document.kop.opd == "BADAN PENGELOLAAN KEUANGAN DAN ASET DAERAH"


def test_a_provinsi_kop_creates_a_provinsi_pemda(db):
    document = read("PEMERINTAH PROVINSI SULAWESI TENGAH", "DINAS PENDIDIKAN DAN KEBUDAYAAN", "", *IDENTITY)
    sop = sop_import(document=document, opd=None, user=None)
    assert (sop.opd.pemda.nama, sop.opd.pemda.jenis) == ("Provinsi Sulawesi Tengah", Pemda.Jenis.PROVINSI)
    assert "Pemda “Provinsi Sulawesi Tengah” belum terdaftar dan dibuat" in " ".join(notes(document))


def test_a_kecamatan_is_the_opd(db):
    document = read("PEMERINTAH KABUPATEN BANGGAI", "KECAMATAN LUWUK TIMUR", "", *IDENTITY)
    assert document.kop.opd == "KECAMATAN LUWUK TIMUR"
    assert sop_import(document=document, opd=None, user=None).opd.nama == "KECAMATAN LUWUK TIMUR"


def test_a_upt_standing_alone_is_the_opd(db):
    document = read("PEMERINTAH KABUPATEN POSO", "UPTD PUSKESMAS TENTENA", "", *IDENTITY)
    assert (document.kop.opd, document.kop.others) == ("UPTD PUSKESMAS TENTENA", [])
    assert sop_import(document=document, opd=None, user=None).opd.nama == "UPTD PUSKESMAS TENTENA"


def test_a_dinas_and_its_upt_are_asked_for_unless_one_is_registered(db):
    lines = ("PEMERINTAH KABUPATEN DONGGALA", "DINAS KESEHATAN", "UPTD PUSKESMAS LABUAN", "", *IDENTITY)
    document = read(*lines, filename="upt.txt")
    assert (document.kop.opd, document.kop.unit) == ("DINAS KESEHATAN", "UPTD PUSKESMAS LABUAN")
    with pytest.raises(OpdNeeded) as caught:
        opd_of_kop(document=document)
    assert str(caught.value) == (
        "upt.txt, baris 1: kop dokumen menyebut “DINAS KESEHATAN”, “UPTD PUSKESMAS LABUAN”; tidak jelas mana "
        "OPD-nya, dan belum ada yang terdaftar di Kabupaten Donggala."
    )
    # Once the UPT is registered as an OPD of its own, the kop tells it.
    upt = OpdFactory(nama="UPTD Puskesmas Labuan", pemda=PemdaFactory(nama="Kabupaten Donggala"))
    assert opd_of_kop(document=read(*lines)) == upt


def test_a_kop_that_names_no_opd_is_asked_for(db):
    document = read("STANDAR OPERASIONAL PROSEDUR", "PEMERINTAH KABUPATEN SIGI", "", *IDENTITY, filename="x.txt")
    assert document.kop.opd == ""
    with pytest.raises(OpdNeeded, match="tidak menyebut nama OPD"):
        sop_import(document=document, opd=None, user=None)


def test_an_admin_importing_into_their_opd_is_told_when_the_kop_names_another(db):
    opd = OpdFactory(nama="Dinas Sosial")
    document = read("PEMERINTAH KABUPATEN SIGI", "DINAS PERPUSTAKAAN DAN KEARSIPAN", "", *IDENTITY)
    sop = sop_import(document=document, opd=opd, user=None)
    assert sop.opd == opd
    told = "kop dokumen menyebut “DINAS PERPUSTAKAAN DAN KEARSIPAN”; SOP diimpor ke OPD yang dipilih, Dinas Sosial."
    assert told in notes(document)


def test_an_unregistered_opd_is_refused_to_an_admin_with_the_kop_line(db, django_user_model):
    document = read("PEMERINTAH KABUPATEN SIGI", "DINAS PERPUSTAKAAN DAN KEARSIPAN", "", *IDENTITY, filename="a.txt")
    admin = django_user_model.objects.create_user("admin.sigi", password="x")
    with pytest.raises(SopImportError) as caught:
        sop_import(document=document, opd=None, user=admin)
    assert str(caught.value).startswith("a.txt, baris 1: OPD “DINAS PERPUSTAKAAN DAN KEARSIPAN” (Kabupaten Sigi)")


def test_a_title_with_the_opd_glued_to_it_is_never_the_opd(db):
    glued = "STANDAR OPERASIONAL PROSEDUR PENGELOLAAN ARSIP DINAS PERPUSTAKAAN DAN KEARSIPAN"
    alone = read(glued, "PEMERINTAH KABUPATEN SIGI", "", *IDENTITY, filename="lekat.txt")
    assert alone.kop.opd == ""
    with pytest.raises(OpdNeeded, match="tidak menyebut nama OPD"):
        sop_import(document=alone, opd=None, user=None)
    # With the OPD on a line of its own, that line is the OPD and the title stays out of it.
    beside = read(glued, "PEMERINTAH KABUPATEN SIGI", "DINAS PERPUSTAKAAN DAN KEARSIPAN", "", *IDENTITY)
    assert beside.kop.opd == "DINAS PERPUSTAKAAN DAN KEARSIPAN"
