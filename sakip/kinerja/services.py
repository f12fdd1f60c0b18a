"""Writes of the performance data: the unit's form, its realisasi and evidence, PK versions and targets."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from sakip import media
from sakip.kinerja import permissions
from sakip.kinerja.models import Bukti, FormPengukuran, Indikator, PerjanjianKinerja, Realisasi, Target
from sakip.models import Opd, UnitKerja, User
from sakip.states import TransitionError
from workflow.uploads import check_upload

MAX_BUKTI_PER_REALISASI = 10


@dataclass(frozen=True)
class RealisasiInput:
    indikator_id: int
    nilai: Decimal | None = None
    teks: str = ""
    catatan: str = ""
    tindak_lanjut: str = ""
    realisasi_anggaran: Decimal | None = None


def form_get(*, opd: Opd, unit: UnitKerja, tahun: int, triwulan: int) -> FormPengukuran:
    """The unit's form for the triwulan, made on first use (a draf)."""
    form, _created = FormPengukuran.objects.get_or_create(
        unit=unit, tahun=tahun, triwulan=triwulan, defaults={"opd": opd}
    )
    return form


def _check_may_fill(form: FormPengukuran, user: User) -> None:
    if not permissions.may_fill(user, form):
        raise TransitionError(_("Hanya staf %(unit)s yang dapat mengisi form ini.") % {"unit": form.unit})
    if form.is_locked:
        raise TransitionError(
            _("Form %(form)s sudah %(status)s dan terkunci; minta Kepala Bidang membukanya bila perlu diubah.")
            % {"form": form, "status": form.get_status_display().lower()}
        )


@transaction.atomic
def realisasi_save(*, form: FormPengukuran, rows: list[RealisasiInput], user: User) -> list[Realisasi]:
    """Save the realisasi of the form's indikator for its triwulan, all rows or none; history records the user."""
    form = FormPengukuran.objects.select_for_update().select_related("unit").get(pk=form.pk)
    _check_may_fill(form, user)
    allowed = set(Indikator.objects.filter(unit=form.unit, sasaran__tahun=form.tahun).values_list("pk", flat=True))
    existing = {
        r.indikator_id: r
        for r in Realisasi.objects.filter(indikator_id__in=allowed, triwulan=form.triwulan).select_for_update()
    }
    saved = []
    for row in rows:
        if row.indikator_id not in allowed:
            raise TransitionError(_("Indikator itu bukan tanggung jawab %(unit)s.") % {"unit": form.unit})
        realisasi = existing.get(row.indikator_id) or Realisasi(indikator_id=row.indikator_id, triwulan=form.triwulan)
        fields = ("nilai", "teks", "catatan", "tindak_lanjut", "realisasi_anggaran")
        if realisasi.pk and all(getattr(realisasi, f) == getattr(row, f) for f in fields):
            continue
        if not realisasi.pk and all(getattr(row, f) in (None, "") for f in fields):
            continue  # an untouched row stays without a realisasi
        for name in fields:
            setattr(realisasi, name, getattr(row, name))
        realisasi.diubah_oleh = user
        realisasi._history_user = user
        realisasi.full_clean(exclude=["indikator"])
        realisasi.save()
        saved.append(realisasi)
    return saved


@media.atomic
def bukti_add(*, form: FormPengukuran, indikator: Indikator, upload: UploadedFile, user: User) -> Bukti:
    """Attach an evidence file to the indikator's realisasi of the form's triwulan (checked like task uploads)."""
    form = FormPengukuran.objects.select_for_update().select_related("unit").get(pk=form.pk)
    _check_may_fill(form, user)
    if indikator.unit_id != form.unit_id or indikator.sasaran.tahun != form.tahun:
        raise TransitionError(_("Indikator itu bukan tanggung jawab %(unit)s.") % {"unit": form.unit})
    check_upload(upload)
    realisasi, _created = Realisasi.objects.get_or_create(
        indikator=indikator, triwulan=form.triwulan, defaults={"diubah_oleh": user}
    )
    if realisasi.bukti.count() >= MAX_BUKTI_PER_REALISASI:
        raise ValidationError(_("Paling banyak %(n)d berkas bukti per indikator.") % {"n": MAX_BUKTI_PER_REALISASI})
    name = (upload.name or "bukti").rsplit("/", 1)[-1][:200]
    bukti = Bukti(realisasi=realisasi, nama=name, diunggah_oleh=user)
    bukti.berkas.save(name, upload, save=False)
    media.written(bukti.berkas)
    bukti.save()
    return bukti


def _check_pk_editor(opd: Opd, user: User) -> None:
    if not permissions.may_edit_pk(user, opd.pk):
        raise TransitionError(_("Hanya Admin OPD, Sekretaris atau Kepala yang dapat mengubah Perjanjian Kinerja."))


@transaction.atomic
def pk_murni_create(*, opd: Opd, tahun: int, user: User, keterangan: str = "") -> PerjanjianKinerja:
    """The year's first Perjanjian Kinerja (versi 1, in force from triwulan I), with no targets yet."""
    _check_pk_editor(opd, user)
    if PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun).exists():
        raise TransitionError(_("Perjanjian Kinerja %(tahun)d sudah ada.") % {"tahun": tahun})
    return PerjanjianKinerja.objects.create(
        opd=opd, tahun=tahun, versi=1, berlaku_mulai=1, keterangan=keterangan, dibuat_oleh=user
    )


@transaction.atomic
def pk_perubahan_create(*, opd: Opd, tahun: int, berlaku_mulai: int, user: User, keterangan: str = ""):
    """A new PK version from a triwulan on, starting from the targets of the version before it."""
    _check_pk_editor(opd, user)
    versions = list(PerjanjianKinerja.objects.select_for_update().filter(opd=opd, tahun=tahun).order_by("versi"))
    if not versions:
        message = _("Belum ada Perjanjian Kinerja %(tahun)d; impor atau isi targetnya dulu.")
        raise TransitionError(message % {"tahun": tahun})
    latest = versions[-1]
    if berlaku_mulai <= latest.berlaku_mulai:
        raise TransitionError(
            _("PK Perubahan harus berlaku sesudah TW %(tw)d, saat %(nama)s mulai berlaku.")
            % {"tw": latest.berlaku_mulai, "nama": latest.nama}
        )
    validated = FormPengukuran.objects.filter(
        opd=opd,
        tahun=tahun,
        triwulan__gte=berlaku_mulai,
        status__in=(FormPengukuran.Status.DIAJUKAN, FormPengukuran.Status.DIVALIDASI),
    )
    if validated.exists():
        raise TransitionError(
            _("Form triwulan itu sudah divalidasi atau diajukan; PK Perubahan hanya untuk triwulan berikutnya.")
        )
    new = PerjanjianKinerja.objects.create(
        opd=opd, tahun=tahun, versi=latest.versi + 1, berlaku_mulai=berlaku_mulai, keterangan=keterangan,
        dibuat_oleh=user,
    )  # fmt: skip
    copies = [
        Target(pk_versi=new, indikator_id=t.indikator_id, tahunan=t.tahunan, teks=t.teks,
               tw1=t.tw1, tw2=t.tw2, tw3=t.tw3, tw4=t.tw4)
        for t in latest.target.all()
    ]  # fmt: skip
    bulk_create_with_history(copies, Target, default_user=user, default_change_reason=keterangan[:100] or None)
    return new


TARGET_FIELDS = ("tahunan", "teks", "tw1", "tw2", "tw3", "tw4")


@transaction.atomic
def target_save(*, pk_versi: PerjanjianKinerja, values: dict[int, dict], user: User, alasan: str = "") -> int:
    """Set the targets of one PK version ({indikator_id: {field: value}}); the history records the user and why."""
    _check_pk_editor(pk_versi.opd, user)
    if pk_versi.dokumen_berlaku is not None:
        raise TransitionError(
            _("%(nama)s sudah ditandatangani; targetnya diubah lewat PK Perubahan.") % {"nama": pk_versi.nama}
        )
    targets = {t.indikator_id: t for t in Target.objects.select_for_update().filter(pk_versi=pk_versi)}
    allowed = set(
        Indikator.objects.filter(sasaran__opd=pk_versi.opd, sasaran__tahun=pk_versi.tahun).values_list("pk", flat=True)
    )
    changed = 0
    for indikator_id, fields in values.items():
        if indikator_id not in allowed:
            raise TransitionError(_("Indikator itu bukan milik Perjanjian Kinerja ini."))
        target = targets.get(indikator_id) or Target(pk_versi=pk_versi, indikator_id=indikator_id)
        if target.pk and all(getattr(target, f) == fields.get(f, getattr(target, f)) for f in TARGET_FIELDS):
            continue
        for name in TARGET_FIELDS:
            if name in fields:
                setattr(target, name, fields[name])
        target._history_user = user
        target._change_reason = alasan[:100] if alasan else None
        target.save()
        changed += 1
    return changed
