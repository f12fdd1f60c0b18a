"""Build the POST body the SOP editor page sends, from plain rows."""

from sop.models import SopItem

LISTS = SopItem.Jenis.values


def management(prefix: str, total: int, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def editor_post(
    *,
    opd,
    identity: dict,
    pelaksana: list[dict],
    langkah: list[dict],
    items: dict[str, list[dict]] | None = None,
    lock_version: int | None = None,
    initial: dict[str, int] | None = None,
) -> dict[str, str]:
    """pelaksana rows: {"kunci", "nama", "id"?}; langkah rows: field names of LangkahForm (+ "id")."""
    initial = initial or {}
    data = {"opd": str(opd.pk)}
    data.update({f"sop-{k}": "" if v is None else str(v) for k, v in identity.items()})
    if lock_version is not None:
        data["sop-lock_version"] = str(lock_version)
    data.update(management("pelaksana", len(pelaksana), initial.get("pelaksana", 0)))
    for i, row in enumerate(pelaksana):
        data.update({f"pelaksana-{i}-{k}": "" if v is None else str(v) for k, v in row.items()})
        data.setdefault(f"pelaksana-{i}-ORDER", str(i + 1))
    data.update(management("langkah", len(langkah), initial.get("langkah", 0)))
    for i, row in enumerate(langkah):
        row = {"simbol": "proses", "waktu_satuan": "menit", **row}
        data.update({f"langkah-{i}-{k}": "" if v is None else str(v) for k, v in row.items()})
        data.setdefault(f"langkah-{i}-ORDER", str(i + 1))
    for jenis in LISTS:
        rows = (items or {}).get(jenis, [])
        data.update(management(f"item-{jenis}", len(rows), initial.get(jenis, 0)))
        for i, row in enumerate(rows):
            data.update({f"item-{jenis}-{i}-{k}": "" if v is None else str(v) for k, v in row.items()})
            data.setdefault(f"item-{jenis}-{i}-ORDER", str(i + 1))
    return data


def five_step_sop(opd, **identity) -> dict[str, str]:
    """A valid new SOP with three pelaksana and five steps, one of them a keputusan."""
    return editor_post(
        opd=opd,
        identity={"judul": "Pengukuran Kinerja", "nomor": "208/050/01", "tanggal_pembuatan": "2026-01-05", **identity},
        pelaksana=[
            {"kunci": "n1", "nama": "Kepala Badan"},
            {"kunci": "n2", "nama": "Sekretaris"},
            {"kunci": "n3", "nama": "Tim SAKIP"},
        ],
        langkah=[
            {"uraian": "Memerintahkan penyusunan", "pelaksana": "n1", "simbol": "terminator", "waktu_nilai": "15"},
            {"uraian": "Menyusun draf", "pelaksana": "n3", "waktu_nilai": "2", "waktu_satuan": "jam"},
            {
                "uraian": "Memeriksa draf",
                "pelaksana": "n2",
                "simbol": "keputusan",
                "ya_ke": "4",
                "tidak_ke": "2",
                "waktu_nilai": "30",
            },
            {"uraian": "Menandatangani", "pelaksana": "n1", "waktu_nilai": "10"},
            {
                "uraian": "Mengarsipkan",
                "pelaksana": "n3",
                "simbol": "terminator",
                "waktu_nilai": "1",
                "waktu_satuan": "hari",
            },
        ],
        items={
            "dasar_hukum": [{"teks": "Permenpan RB No. 35 Tahun 2012"}],
            "peringatan": [{"teks": "Jangan terlambat"}],
        },
    )
