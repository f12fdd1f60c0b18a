"""Field-by-field comparison of an imported SOP with the SOP it should equal."""

from sop.content import IDENTITY_FIELDS
from sop.models import Sop, SopItem

# Every identity field the document carries; the pengesah (a pegawai) is looked up, not read.
IDENTITY = tuple(name for name in IDENTITY_FIELDS if name != "pengesah")
STEP_FIELDS = (
    "uraian", "simbol", "ya_ke", "tidak_ke", "kelengkapan", "waktu_nilai", "waktu_satuan", "waktu_teks", "output",
    "keterangan", "aksi",
)  # fmt: skip


def step_pelaksana(sop: Sop) -> list[str | None]:
    return [step.pelaksana.nama if step.pelaksana_id else None for step in sop.langkah.select_related("pelaksana")]


def assert_same_content(imported: Sop, expected: Sop, *, skip: tuple[str, ...] = ()) -> None:
    """Everything but the pelaksana of each step (which the caller checks: the text export lost it)."""
    for name in IDENTITY:
        if name not in skip:
            assert getattr(imported, name) == getattr(expected, name), name
    for jenis in SopItem.Jenis.values:
        got = [item.teks for item in imported.items.filter(jenis=jenis).order_by("urutan")]
        want = [item.teks for item in expected.items.filter(jenis=jenis).order_by("urutan")]
        assert got == want, jenis
    assert list(imported.pelaksana.values_list("nama", flat=True)) == list(
        expected.pelaksana.values_list("nama", flat=True)
    )
    got_steps = list(imported.langkah.order_by("urutan"))
    want_steps = list(expected.langkah.order_by("urutan"))
    assert len(got_steps) == len(want_steps)
    for got, want in zip(got_steps, want_steps, strict=True):
        for name in STEP_FIELDS:
            assert getattr(got, name) == getattr(want, name), f"langkah {want.urutan}: {name}"
