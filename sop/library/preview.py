"""A template's content as the rows its preview shows (the editor's words, not yet an SOP)."""

from dataclasses import dataclass

from sop.content import SopContent
from sop.models import Langkah, SopItem


@dataclass
class PreviewStep:
    number: int
    uraian: str
    pelaksana: str
    simbol: str
    exits: str
    kelengkapan: str
    waktu: str
    output: str
    keterangan: str
    aksi: str


def preview_rows(content: SopContent) -> dict:
    names = {column.kunci: column.nama for column in content.pelaksana}
    simbol = dict(Langkah.Simbol.choices)
    aksi = dict(Langkah.Aksi.choices)
    steps = []
    for number, step in enumerate(content.langkah, start=1):
        waktu = Langkah(waktu_nilai=step.waktu_nilai, waktu_satuan=step.waktu_satuan, waktu_teks=step.waktu_teks)
        exits = f"Ya → {step.ya_ke}, Tidak → {step.tidak_ke}" if step.simbol == "keputusan" else ""
        steps.append(
            PreviewStep(
                number=number,
                uraian=step.uraian,
                pelaksana=names.get(step.pelaksana_kunci, ""),
                simbol=str(simbol.get(step.simbol, step.simbol)),
                exits=exits,
                kelengkapan=step.kelengkapan,
                waktu=waktu.waktu_tampil,
                output=step.output,
                keterangan=step.keterangan,
                aksi=str(aksi.get(step.aksi, step.aksi)) if step.aksi != "biasa" else "",
            )
        )
    lists = [(str(label), [i.teks for i in content.items.get(jenis, [])]) for jenis, label in SopItem.Jenis.choices]
    return {"identity": content.identity, "columns": list(names.values()), "steps": steps, "lists": lists}
