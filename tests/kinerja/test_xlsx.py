"""XLSX: the template an office fills, read back all-or-nothing with cell addresses; the document's figures."""

import io
import shutil
import subprocess
from decimal import Decimal as D

import pytest
from openpyxl import Workbook, load_workbook

from sakip.kinerja.models import FormPengukuran, Indikator, Realisasi, Target
from sakip.kinerja.report import laporan
from sakip.kinerja.xlsx.importer import import_sheet
from sakip.kinerja.xlsx.reader import read
from sakip.kinerja.xlsx.writer import document_bytes, template_bytes
from sakip.models import Keanggotaan
from tests.kinerja.conftest import TAHUN
from tests.sakip.factories import UserFactory

pytestmark = pytest.mark.django_db

OFFICE_HEADERS = [
    "No", "SASARAN STRATEGIS", "Indikator  Kinerja", "Satuan", "Polaritas", "Cara Perhitungan", "Target",
    "Target Triwulan 1", "Target TW 2", "target tw-3", "Target TW IV",
    "Realisasi Triwulan I", "Realisasi TW 2", "Realisasi TW III", "Realisasi TW 4", "Unit Kerja",
]  # fmt: skip


def sheet(rows, headers=OFFICE_HEADERS, title=True) -> bytes:
    book = Workbook()
    ws = book.active
    if title:
        ws.append(["PERJANJIAN KINERJA TAHUN 2026"])
        ws.append([])
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def admin(opd):
    return UserFactory(username="admin_opd", roles=[(opd, Keanggotaan.Peran.ADMIN_OPD)])


GOOD = [
    [1, "Meningkatnya kualitas perencanaan", "Dokumen perencanaan tepat waktu", "dokumen", "positif", "kumulatif",
     8, 2, 2, 2, 2, 2, "1", None, None, "Bidang Perencanaan Umum"],
    [2, "Meningkatnya kualitas perencanaan", "Indeks kepuasan layanan", "indeks", "Positif", "Nilai Akhir",
     "80,5", "75,25", 76, 78, "80,5", 78.25, None, None, None, ""],
    [3, "Menurunnya angka kemiskinan", "Angka kemiskinan", "%", "negatif", "nilai akhir",
     "12,5", 13, "12,8", None, None, "12.9", None, None, None, "bidang perencanaan umum"],
    [4, "Meningkatnya akuntabilitas", "Opini BPK", "opini", "positif", "nilai akhir",
     "WTP", None, None, None, None, None, None, None, "WTP", None],
]  # fmt: skip


def test_good_sheet_with_office_headers_imports_every_row(opd, bidang, admin):
    result = read(sheet(GOOD))
    assert result.ok, result.errors
    summary = import_sheet(opd=opd, tahun=TAHUN, hasil=result, user=admin, default_unit=bidang)
    assert summary.ok and (summary.sasaran_baru, summary.indikator_baru, summary.realisasi) == (3, 4, 5)
    index = Indikator.objects.get(nama="Indeks kepuasan layanan")
    assert index.cara_perhitungan == "nilai_akhir" and index.unit == bidang
    target = Target.objects.get(indikator=index)
    assert (target.tahunan, target.tw1) == (D("80.5"), D("75.25"))
    assert Realisasi.objects.get(indikator=index, triwulan=1).nilai == D("78.25")
    opinion = Target.objects.get(indikator__nama="Opini BPK")
    assert (opinion.tahunan, opinion.teks) == (None, "WTP")
    assert Realisasi.objects.get(indikator__nama="Opini BPK", triwulan=4).teks == "WTP"
    assert Indikator.objects.get(nama="Angka kemiskinan").polaritas == "negatif"
    # A second import of the same sheet changes nothing but the values.
    again = import_sheet(opd=opd, tahun=TAHUN, hasil=read(sheet(GOOD)), user=admin, default_unit=bidang)
    assert (again.indikator_baru, again.sasaran_baru) == (0, 0) and Indikator.objects.count() == 4


def test_bad_sheet_names_every_bad_cell_and_imports_nothing(opd, bidang, admin):
    bad = [list(r) for r in GOOD]
    bad[0][6] = ""  # target missing (G4)
    bad[1][8] = "tujuh"  # not a number (I5)
    bad[2][4] = "menurun"  # polaritas (E6)
    bad[3][2] = ""  # indikator missing (C7)
    result = read(sheet(bad))
    assert result.errors == [
        "Sel G4 (Target Tahunan): wajib diisi (angka, atau teks seperti WTP).",
        "Sel I5 (Target TW II): “tujuh” bukan angka. Tulis seperti 1.234,56 atau 1234.56.",
        "Sel E6 (Polaritas): “menurun” tidak dikenal; tulis positif atau negatif.",
        "Sel C7 (Indikator Kinerja): wajib diisi.",
    ]
    summary = import_sheet(opd=opd, tahun=TAHUN, hasil=result, user=admin, default_unit=bidang)
    assert not summary.ok and Indikator.objects.count() == 0 and Target.objects.count() == 0


def test_database_checks_are_all_or_nothing_too(opd, bidang, admin, outsider):
    rows = [list(r) for r in GOOD]
    rows[3][15] = "Bidang Entah"
    summary = import_sheet(opd=opd, tahun=TAHUN, hasil=read(sheet(rows)), user=admin, default_unit=bidang)
    assert summary.errors == [
        "Baris 7: unit kerja “Bidang Entah” tidak ada di " + str(opd) + "; isi kolom Unit Kerja atau pilih unit bawaan."
    ]
    assert Indikator.objects.count() == 0
    refused = import_sheet(opd=opd, tahun=TAHUN, hasil=read(sheet(GOOD)), user=outsider, default_unit=bidang)
    assert not refused.ok and Indikator.objects.count() == 0


def test_a_measured_indikator_keeps_how_it_is_measured(opd, bidang, admin):
    import_sheet(opd=opd, tahun=TAHUN, hasil=read(sheet(GOOD)), user=admin, default_unit=bidang)
    assert Realisasi.objects.filter(indikator__nama="Dokumen perencanaan tepat waktu").exists()
    rows = [list(r) for r in GOOD]
    rows[0][4], rows[1][4] = "negatif", "negatif"  # the first has realisasi, the second too (78,25 in TW I)
    rows[2][3] = "persen"  # the third has realisasi in TW I
    summary = import_sheet(opd=opd, tahun=TAHUN, hasil=read(sheet(rows)), user=admin, default_unit=bidang)
    assert [e.split(":")[0] for e in summary.errors] == ["Baris 4", "Baris 5", "Baris 6"]
    assert "sudah punya realisasi" in summary.errors[0] and "(dokumen, positif, kumulatif)" in summary.errors[0]
    assert set(Indikator.objects.values_list("polaritas", flat=True)) == {"positif", "negatif"}
    assert Indikator.objects.get(nama="Angka kemiskinan").satuan == "%"


def test_a_locked_form_refuses_the_whole_import(opd, bidang, admin):
    FormPengukuran.objects.create(opd=opd, unit=bidang, tahun=TAHUN, triwulan=1, status="divalidasi")
    summary = import_sheet(opd=opd, tahun=TAHUN, hasil=read(sheet(GOOD)), user=admin, default_unit=bidang)
    assert any("Form TW 1 " in e and "divalidasi" in e for e in summary.errors)
    assert Indikator.objects.count() == 0


def test_dry_run_keeps_nothing(opd, bidang, admin):
    summary = import_sheet(opd=opd, tahun=TAHUN, hasil=read(sheet(GOOD)), user=admin, default_unit=bidang, dry_run=True)
    assert summary.ok and summary.indikator_baru == 4
    assert Indikator.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"not a zip", "bukan XLSX"),
        (sheet([["a", "b"]], headers=["Nama", "Nilai"]), "Baris judul kolom tidak ditemukan"),
        (sheet([["s", "i"]], headers=["Sasaran Strategis", "Indikator Kinerja"]), "Kolom wajib tidak ada"),
        (sheet([]), "Tidak ada baris indikator"),
    ],
)
def test_unreadable_sheets_say_what_is_wrong(content, words):
    assert words in " ".join(read(content).errors)


def test_template_round_trips(opd, bidang, admin):
    import_sheet(opd=opd, tahun=TAHUN, hasil=read(sheet(GOOD)), user=admin, default_unit=bidang)
    template = template_bytes(laporan(opd, TAHUN, "tahunan"))
    again = read(template)
    assert again.ok and [r.indikator for r in again.baris] == [r[2] for r in GOOD]
    assert again.baris[1].target == D("80.5") and again.baris[1].realisasi[1] == (D("78.25"), "")


def test_document_xlsx_holds_the_computed_numbers(opd, bidang, admin):
    import_sheet(opd=opd, tahun=TAHUN, hasil=read(sheet(GOOD)), user=admin, default_unit=bidang)
    report = laporan(opd, TAHUN, "s1")
    content = document_bytes(report)
    ws = load_workbook(io.BytesIO(content), data_only=True).active
    header = [c.value for c in ws[4]]
    column = header.index("Capaian (%)")
    by_name = {r[2].value: r for r in ws.iter_rows(min_row=5, max_row=4 + len(report.baris))}
    for row in report.baris:
        cell = by_name[row.indikator.nama][column]
        assert (D(str(cell.value)) if cell.value is not None else None) == row.capaian.nilai
    assert any(r.capaian.nilai is not None for r in report.baris)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (libreoffice-calc-nogui) is not installed")
def test_document_xlsx_opens_in_libreoffice(opd, bidang, admin, tmp_path):
    import_sheet(opd=opd, tahun=TAHUN, hasil=read(sheet(GOOD)), user=admin, default_unit=bidang)
    report = laporan(opd, TAHUN, "tw1")
    source = tmp_path / "dokumen.xlsx"
    source.write_bytes(document_bytes(report))
    profile = f"-env:UserInstallation=file://{tmp_path}/lo"
    utf8_csv = "csv:Text - txt - csv (StarCalc):44,34,76"
    command = ["soffice", "--headless", profile, "--convert-to", utf8_csv, "--outdir", str(tmp_path), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    text = (tmp_path / "dokumen.csv").read_text()
    assert "Dokumen perencanaan tepat waktu" in text
    assert "100" in text.split("Dokumen perencanaan tepat waktu")[1].splitlines()[0]
