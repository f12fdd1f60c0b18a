"""Writes to SOP documents. Every write is all or nothing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext as _

from sakip.models import Opd, User
from sakip.pengesah import pengesah_for
from sakip.states import send_after_commit
from sop import signals
from sop.content import IDENTITY_FIELDS, LANGKAH_FIELDS, ItemInput, LangkahInput, PelaksanaInput, SopContent
from sop.models import Langkah, Pelaksana, Sop, SopItem
from sop.structure import check_structure
from sop.transitions import SOP_STATES

# Far above any real step number, so rows can be renumbered without tripping the unique constraints.
_PARKING_OFFSET = 10000


class EditConflict(Exception):
    """Someone else saved the SOP after this editor loaded it."""

    def __init__(self, sop: Sop, since_version: int):
        super().__init__(_("SOP ini sudah diubah orang lain sejak Anda membukanya."))
        self.sop = sop
        self.since_version = since_version


def duplicate_nomor(*, opd: Opd, nomor: str, sop: Sop | None) -> Sop | None:
    """Another SOP of the OPD (not a version of this one) that already uses this nomor."""
    if not nomor.strip():
        return None
    others = Sop.objects.filter(opd=opd, nomor__iexact=nomor.strip())
    if sop is not None:
        others = others.exclude(seri=sop.seri)
    return others.order_by("-versi").first()


def nomor_taken_message(other: Sop) -> str:
    return _("Nomor SOP “%(nomor)s” sudah dipakai “%(judul)s” di OPD ini. Pakai nomor lain, atau revisi SOP itu.") % {
        "nomor": other.nomor,
        "judul": other.judul,
    }


def _check(*, opd: Opd, sop: Sop | None, content: SopContent) -> None:
    errors: dict[str, list[str]] = {}
    other = duplicate_nomor(opd=opd, nomor=content.identity.get("nomor", ""), sop=sop)
    if other is not None:
        errors["nomor"] = [nomor_taken_message(other)]
    pengesah = content.identity.get("pengesah")
    # Checked when chosen: an SOP whose pengesah stopped being one (a Plh. whose days ended) still saves its
    # other edits, and the approval refuses it.
    if pengesah is not None and pengesah.pk != getattr(sop, "pengesah_id", None) and not pengesah_for(opd, pengesah):
        errors["pengesah"] = [
            _(
                "Pejabat pengesah harus Kepala OPD ini atau Plt./Plh. Kepala yang sedang berlaku: "
                "%(nama)s bukan keduanya."
            )
            % {"nama": pengesah.nama}
        ]
    structure = check_structure(content.pelaksana, content.langkah)
    if structure:
        errors["__all__"] = structure.messages()
    linked = {i.sop_terkait_id for rows in content.items.values() for i in rows if i.sop_terkait_id}
    if linked and Sop.objects.filter(pk__in=linked, opd=opd).count() != len(linked):
        errors.setdefault("__all__", []).append(_("Keterkaitan hanya boleh menautkan SOP dari OPD yang sama."))
    if errors:
        raise ValidationError(errors)


def _sync_rows(
    *, model, sop: Sop, rows: list[tuple[int | None, dict]], actor: User | None, extra_filter: dict | None = None
) -> list:
    """Make the SOP's rows of `model` exactly `rows` (id or None, values), in order.

    Saved rows are written only when something changed, so the history holds real edits only.
    An id that does not belong to this SOP is treated as a new row: a forged id cannot reach another SOP.
    """
    scope = extra_filter or {}
    existing = {obj.pk: obj for obj in model.objects.filter(sop=sop, **scope)}
    keep = {pk for pk, _values in rows if pk in existing}
    for pk, obj in existing.items():
        if pk not in keep:
            obj._history_user = actor
            obj.delete()
    # Park the kept rows out of the way so renumbering (and renaming) cannot collide half way.
    parking = {"urutan": F("urutan") + _PARKING_OFFSET}
    if model is Pelaksana:
        parking["nama"] = Concat(Value("~parkir~"), Cast("id", output_field=CharField()))
    model.objects.filter(pk__in=keep).update(**parking)
    saved = []
    for position, (pk, values) in enumerate(rows, start=1):
        values = {**values, "urutan": position}
        obj = existing[pk] if pk in keep else None
        if obj is None:
            obj = model(sop=sop, **scope, **values)
            changed = True
        else:
            changed = any(getattr(obj, name) != value for name, value in values.items())
            for name, value in values.items():
                setattr(obj, name, value)
        obj.full_clean(exclude=["sop", "pelaksana", "sop_terkait"], validate_unique=False, validate_constraints=False)
        if changed:
            obj._history_user = actor
            obj.save()
        else:
            # Unpark without a history row: nothing a reader would see has changed.
            model.objects.filter(pk=obj.pk).update(**{name: getattr(obj, name) for name in parking})
        saved.append(obj)
    return saved


def _write_rows(*, sop: Sop, content: SopContent, actor: User | None) -> None:
    columns = _sync_rows(
        model=Pelaksana,
        sop=sop,
        actor=actor,
        rows=[(p.id if p.kunci == f"p{p.id}" else None, {"nama": p.nama.strip()}) for p in content.pelaksana],
    )
    by_key = {p.kunci: column for p, column in zip(content.pelaksana, columns, strict=True)}
    step_rows = []
    for step in content.langkah:
        values = {name: getattr(step, name) for name in LANGKAH_FIELDS}
        values["uraian"] = values["uraian"].strip()
        if step.simbol != "keputusan":
            values["ya_ke"] = values["tidak_ke"] = None
        if step.waktu_nilai is not None:
            values["waktu_teks"] = ""  # a number now stands where the unreadable text was
        values["pelaksana"] = by_key.get(step.pelaksana_kunci)
        step_rows.append((step.id, values))
    _sync_rows(model=Langkah, sop=sop, rows=step_rows, actor=actor)
    for jenis in SopItem.Jenis.values:
        rows = [
            (item.id, {"teks": item.teks.strip(), "sop_terkait_id": item.sop_terkait_id})
            for item in content.items.get(jenis, [])
            if item.teks.strip() or item.sop_terkait_id
        ]
        _sync_rows(model=SopItem, sop=sop, rows=rows, actor=actor, extra_filter={"jenis": jenis})


@transaction.atomic
def sop_create(*, opd: Opd, content: SopContent, created_by: User) -> Sop:
    """Create a draft SOP with its rows."""
    _check(opd=opd, sop=None, content=content)
    sop = Sop(opd=opd, dibuat_oleh=created_by, **content.identity)
    sop.full_clean()
    sop._history_user = created_by
    sop.save()
    _write_rows(sop=sop, content=content, actor=created_by)
    send_after_commit(signals.sop_saved, Sop, sop=sop, actor=created_by)
    return sop


@transaction.atomic
def sop_update(*, sop: Sop, content: SopContent, expected_version: int, updated_by: User) -> Sop:
    """Save an edit of a draft; refuse it if someone else saved since `expected_version`."""
    locked = Sop.objects.select_for_update().get(pk=sop.pk)
    SOP_STATES.check(
        "edit",
        locked.status,
        _("SOP ini berstatus %(s)s dan tidak bisa diubah lagi; buat revisi untuk mengubahnya.")
        % {"s": locked.get_status_display()},
    )
    if locked.lock_version != expected_version:
        raise EditConflict(locked, expected_version)
    _check(opd=locked.opd, sop=locked, content=content)
    for name, value in content.identity.items():
        setattr(locked, name, value)
    locked.lock_version += 1
    locked.full_clean()
    locked._history_user = updated_by
    locked.save()
    _write_rows(sop=locked, content=content, actor=updated_by)
    send_after_commit(signals.sop_saved, Sop, sop=locked, actor=updated_by)
    return locked


def content_of(sop: Sop) -> SopContent:
    """The SOP's current content, in the shape the editor and the services use."""
    columns = list(sop.pelaksana.all())
    return SopContent(
        identity={name: getattr(sop, name) for name in IDENTITY_FIELDS},
        pelaksana=[PelaksanaInput(kunci=f"p{c.pk}", nama=c.nama, id=c.pk) for c in columns],
        langkah=[
            LangkahInput(
                id=s.pk,
                uraian=s.uraian,
                pelaksana_kunci=f"p{s.pelaksana_id}" if s.pelaksana_id else "",
                simbol=s.simbol,
                ya_ke=s.ya_ke,
                tidak_ke=s.tidak_ke,
                kelengkapan=s.kelengkapan,
                waktu_nilai=s.waktu_nilai,
                waktu_satuan=s.waktu_satuan,
                waktu_teks=s.waktu_teks,
                output=s.output,
                keterangan=s.keterangan,
                aksi=s.aksi,
            )
            for s in sop.langkah.all()
        ],
        items={
            jenis: [ItemInput(id=i.pk, teks=i.teks, sop_terkait_id=i.sop_terkait_id) for i in sop.items_of(jenis)]
            for jenis in SopItem.Jenis.values
        },
    )
