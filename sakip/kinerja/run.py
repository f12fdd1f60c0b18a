"""How the pengukuran kinerja run meets the data, by the aksi of its steps (workflow.actions).

- isi data (seed step 6): cannot be completed until every responsible unit has submitted its form for each
  triwulan of the run's period;
- validasi (step 7): not until every such form is validated;
- koreksi and tanda tangan (steps 9, 11): the panel links the generated Dokumen Pengukuran Kinerja.
An OPD with no indikator for the run's year is not held up: its run goes on with uploads, as before.
"""

from django.urls import reverse

from sakip.kinerja import selectors
from sakip.kinerja.capaian import PERIODS, ROMAWI
from sakip.kinerja.models import FormPengukuran, PerjanjianKinerja

S = FormPengukuran.Status
SUBMITTED = (S.DIAJUKAN, S.DIVALIDASI)


def _forms(run) -> list[FormPengukuran]:
    forms = []
    for n in PERIODS.get(run.periode, ()):
        forms.extend(selectors.forms_of(opd=run.opd, tahun=run.tahun, triwulan=n))
    return forms


def _missing(run, states: tuple[str, ...], word: str) -> list[str]:
    # An OPD without indikator for the year runs the SOP on uploads alone, as before the data existed.
    return [
        f"Form Pengukuran Kinerja TW {ROMAWI[f.triwulan]} {f.tahun} {f.unit} belum {word}"
        for f in _forms(run)
        if f.pk is None or f.status not in states
    ]


def isi_data_guard(task) -> list[str]:
    return _missing(task.run, SUBMITTED, "diajukan")


def validasi_guard(task) -> list[str]:
    return _missing(task.run, (S.DIVALIDASI,), "divalidasi")


def forms_panel(task, user) -> dict:
    run = task.run
    return {
        "kinerja_forms": [
            (f, reverse("kinerja:form", args=(run.opd_id, run.tahun, f.triwulan, f.unit_id))) for f in _forms(run)
        ],
        "kinerja_missing": completion_text(task),
        "kinerja_run": run,
    }


def completion_text(task) -> list[str]:
    if task.langkah.aksi == "validasi":
        return validasi_guard(task)
    return isi_data_guard(task)


def document_panel(task, user) -> dict:
    run = task.run
    base = reverse("kinerja:dokumen", args=(run.opd_id, run.tahun, run.periode))
    return {"kinerja_dokumen_pdf": base + "?format=pdf", "kinerja_dokumen_html": base, "kinerja_run": run}


def pk_years(opd) -> set[int]:
    return set(PerjanjianKinerja.objects.filter(opd=opd).values_list("tahun", flat=True))
