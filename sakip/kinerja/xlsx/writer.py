"""XLSX out: the template to fill (with what the year already holds) and the Dokumen Pengukuran Kinerja.

Capaian are stored as numbers (values, not formulas), so a reader of the file sees the same figure as the PDF.
"""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from sakip.kinerja.capaian import ROMAWI
from sakip.kinerja.report import Laporan
from sakip.kinerja.xlsx.columns import COLUMNS

HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")
BOLD = Font(bold=True)
NUMBER_FORMAT = "#,##0.####"
PERCENT_FORMAT = "0.00"
POLARITAS_TEXT = {"positif": "positif", "negatif": "negatif"}
CARA_TEXT = {"kumulatif": "kumulatif", "nilai_akhir": "nilai akhir", "rata_rata": "rata-rata"}


def _bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _header(sheet, row: int, titles: list[str]) -> None:
    for column, title in enumerate(titles, start=1):
        cell = sheet.cell(row=row, column=column, value=title)
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def template_bytes(report: Laporan) -> bytes:
    """The template: one row per indikator with its current targets and realisasi, ready to fill and import."""
    book = Workbook()
    sheet = book.active
    sheet.title = f"PK {report.tahun}"
    _header(sheet, 1, [header for _key, header in COLUMNS])
    for index, row in enumerate(report.baris, start=2):
        ind = row.indikator
        target = _in_force_target(row)
        values = [
            ind.sasaran.nama, ind.nama, ind.satuan, POLARITAS_TEXT[ind.polaritas], CARA_TEXT[ind.cara_perhitungan],
            (target.tahunan if target.tahunan is not None else target.teks or None) if target else None,
            *[(target.triwulan(n) if target else None) for n in (1, 2, 3, 4)],
            *[_realisasi_value(row.sel[n]) for n in (1, 2, 3, 4)],
            ind.unit.nama,
        ]  # fmt: skip
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=index, column=column, value=value)
            if column >= 6 and column <= 14:
                cell.number_format = NUMBER_FORMAT
    for column, width in enumerate((40, 45, 12, 10, 16, 14, 11, 11, 11, 11, 13, 13, 13, 13, 28), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "C2"
    return _bytes(book)


def _in_force_target(row):
    targets = sorted(row.indikator.target.all(), key=lambda t: t.pk_versi.versi)
    return targets[-1] if targets else None


def _realisasi_value(cell):
    source = cell.realisasi_row
    if source is None:
        return None
    return source.nilai if source.nilai is not None else (source.teks or None)


def _document_titles(report: Laporan) -> list[str]:
    titles = ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan"]
    for n in report.triwulan if len(report.triwulan) > 1 else ():
        titles += [f"Target TW {ROMAWI[n]}", f"Realisasi TW {ROMAWI[n]}", f"Capaian TW {ROMAWI[n]} (%)"]
    return [*titles, "Target", "Realisasi", "Capaian (%)", "Predikat", "Keterangan", "Catatan/Permasalahan"]


def _document_row(report: Laporan, row) -> list:
    values = [row.no, row.sasaran.nama, row.indikator.nama, row.indikator.satuan]
    for n in report.triwulan if len(report.triwulan) > 1 else ():
        cell = row.sel[n]
        values += [cell.target if cell.target is not None else cell.target_tampil or None,
                   cell.realisasi if cell.realisasi is not None else cell.realisasi_tampil or None,
                   cell.capaian.nilai]  # fmt: skip
    return [
        *values, row.target, row.realisasi, row.capaian.nilai, row.predikat.nama if row.predikat else None,
        row.capaian.alasan or None, "\n".join(row.catatan) or None,
    ]  # fmt: skip


def document_bytes(report: Laporan) -> bytes:
    """The Dokumen Pengukuran Kinerja as a workbook: the table, the formula and settings under it."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Pengukuran Kinerja"
    sheet.cell(row=1, column=1, value=f"PENGUKURAN KINERJA {report.opd.nama.upper()}").font = Font(bold=True, size=13)
    sheet.cell(row=2, column=1, value=f"Periode: {report.periode_tampil}")
    titles = _document_titles(report)
    _header(sheet, 4, titles)
    percent_columns = {i for i, t in enumerate(titles, start=1) if t.startswith("Capaian")}
    for index, row in enumerate(report.baris, start=5):
        for column, value in enumerate(_document_row(report, row), start=1):
            cell = sheet.cell(row=index, column=column, value=value)
            if column in percent_columns:
                cell.number_format = PERCENT_FORMAT
            elif column > 4 and not isinstance(value, str):
                cell.number_format = NUMBER_FORMAT
    note_row = 6 + len(report.baris)
    sheet.cell(row=note_row, column=1, value="Rumus dan pengaturan:").font = BOLD
    for offset, note in enumerate(report.rumus, start=1):
        sheet.cell(row=note_row + offset, column=1, value=note)
    widths = [5, 36, 40, 10] + [12] * (len(titles) - 6) + [30, 30]
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    return _bytes(book)
