"""Reading the template back: every cell checked, every error named with its cell, nothing kept on any error.

The header row may sit anywhere in the first rows (offices put a title above it) and be spelt the way offices
spell it ("Target Triwulan 1", "TW I", "target tw-1"); numbers may be written with a comma or a dot.
"""

import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from sakip.kinerja.xlsx.columns import CARA, COLUMNS, POLARITAS, REQUIRED, choice, match_headers
from sakip.numbers import to_decimal

HEADER_SEARCH_ROWS = 15
MAX_ROWS = 2000
MAX_TEXT = 500
LABELS = dict(COLUMNS)


@dataclass
class Baris:
    nomor: int  # the sheet's row number
    sasaran: str
    indikator: str
    satuan: str
    polaritas: str
    cara: str
    target: Decimal | None
    target_teks: str
    targets: dict[int, Decimal | None]
    realisasi: dict[int, tuple[Decimal | None, str]]
    unit: str = ""


@dataclass
class Hasil:
    baris: list[Baris] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    headers: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def _address(column: int, row: int) -> str:
    return f"{get_column_letter(column + 1)}{row}"


def _open(content: bytes):
    try:
        return load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        return None


def _find_header(rows: list[tuple]) -> tuple[int, dict[str, int]] | None:
    for index, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = match_headers(cells)
        if all(key in found for key in ("sasaran", "indikator")):
            return index, found
    return None


class _Row:
    """One data row being read: each getter records its error with the cell's address."""

    def __init__(self, cells: tuple, number: int, headers: dict[str, int], errors: list[str]):
        self.cells, self.line, self.headers, self.errors = cells, number, headers, errors

    def raw(self, key: str):
        index = self.headers.get(key)
        return self.cells[index] if index is not None and index < len(self.cells) else None

    def error(self, key: str, message: str) -> None:
        where = _address(self.headers[key], self.line) if key in self.headers else f"baris {self.line}"
        self.errors.append(f"Sel {where} ({LABELS[key]}): {message}")

    def text(self, key: str, required: bool = False) -> str:
        value = self.raw(key)
        text = " ".join(str(value).split()) if value is not None else ""
        if required and not text:
            self.error(key, "wajib diisi.")
        if len(text) > MAX_TEXT:
            self.error(key, f"terlalu panjang ({len(text)} huruf; paling banyak {MAX_TEXT}).")
        return text[:MAX_TEXT]

    def number(self, key: str, allow_text: bool = False) -> tuple[Decimal | None, str]:
        value = self.raw(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None, ""
        try:
            number = to_decimal(value)
        except ValueError:
            if allow_text and isinstance(value, str) and len(value.strip()) <= 60:
                return None, value.strip()
            self.error(key, f"“{value}” bukan angka. Tulis seperti 1.234,56 atau 1234.56.")
            return None, ""
        if number is not None and (abs(number) >= Decimal(10) ** 14 or number.as_tuple().exponent < -4):
            self.error(key, f"“{value}” terlalu besar atau lebih dari 4 angka di belakang koma.")
            return None, ""
        return number, ""


def _read_row(row: _Row) -> Baris:
    polaritas = choice(row.raw("polaritas"), POLARITAS, "positif")
    if polaritas is None:
        row.error("polaritas", f"“{row.raw('polaritas')}” tidak dikenal; tulis positif atau negatif.")
    cara = choice(row.raw("cara"), CARA, "kumulatif")
    if cara is None:
        row.error("cara", f"“{row.raw('cara')}” tidak dikenal; tulis kumulatif, nilai akhir atau rata-rata.")
    target, target_teks = row.number("target", allow_text=True)
    if target is None and not target_teks:
        row.error("target", "wajib diisi (angka, atau teks seperti WTP).")
    targets = {n: row.number(f"t{n}")[0] for n in (1, 2, 3, 4)}
    realisasi = {n: row.number(f"r{n}", allow_text=bool(target_teks)) for n in (1, 2, 3, 4)}
    return Baris(
        nomor=row.line,
        sasaran=row.text("sasaran", required=True),
        indikator=row.text("indikator", required=True),
        satuan=row.text("satuan", required=True)[:60],
        polaritas=polaritas or "positif",
        cara=cara or "kumulatif",
        target=target,
        target_teks=target_teks,
        targets=targets,
        realisasi={n: v for n, v in realisasi.items() if v != (None, "")},
        unit=row.text("unit"),
    )


def read(content: bytes) -> Hasil:
    """Every row of the first sheet, or the errors (all of them, each with its cell)."""
    result = Hasil()
    book = _open(content)
    if book is None:
        result.errors.append(
            "Berkas ini bukan XLSX yang bisa dibaca. Simpan ulang dari Excel/LibreOffice sebagai .xlsx."
        )
        return result
    rows = list(book.worksheets[0].iter_rows(values_only=True, max_row=MAX_ROWS + HEADER_SEARCH_ROWS + 1))
    book.close()
    found = _find_header(rows)
    if found is None:
        result.errors.append(
            "Baris judul kolom tidak ditemukan: perlu kolom “Sasaran Strategis” dan “Indikator Kinerja”."
        )
        return result
    header_index, result.headers = found
    missing = [LABELS[key] for key in REQUIRED if key not in result.headers]
    if missing:
        result.errors.append(f"Kolom wajib tidak ada di baris judul (baris {header_index + 1}): {', '.join(missing)}.")
        return result
    body = rows[header_index + 1 :]
    if len(body) > MAX_ROWS:
        result.errors.append(f"Terlalu banyak baris; paling banyak {MAX_ROWS} indikator per berkas.")
        return result
    seen: dict[tuple[str, str], int] = {}
    for offset, cells in enumerate(body):
        if not any(c not in (None, "") for c in cells):
            continue
        row = _read_row(_Row(cells, header_index + 2 + offset, result.headers, result.errors))
        key = (row.sasaran.casefold(), row.indikator.casefold())
        if row.indikator and key in seen:
            result.errors.append(f"Baris {row.nomor}: indikator “{row.indikator}” sudah ada di baris {seen[key]}.")
        seen.setdefault(key, row.nomor)
        result.baris.append(row)
    if not result.baris and not result.errors:
        result.errors.append("Tidak ada baris indikator di bawah baris judul.")
    return result
