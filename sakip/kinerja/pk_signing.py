"""The Kepala signs the Perjanjian Kinerja in force: once a year, and again for each PK Perubahan.

The version signed is the newest one; it must have a target for every indikator of the year. Signing renders the
document without the draft mark, signs it in the pihak pertama's blank space and keeps it (workflow.signing: one
try, nothing left behind on failure); the version's tanggal becomes the signing date. A signed version's targets
are no longer edited in place: a change is a PK Perubahan (sakip.kinerja.pk).
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.kinerja.models import Indikator, PerjanjianKinerja
from sakip.kinerja.pk_document import pk_pdf
from sakip.models import Keanggotaan, User
from sakip.permissions import has_role
from sakip.states import TransitionError
from workflow.signing.backends import SignatureBox
from workflow.signing.models import DokumenTertandatangan
from workflow.signing.services import attempt, pegawai_signer, sign_and_keep


def may_sign(user: User, version: PerjanjianKinerja) -> bool:
    kepala = [Keanggotaan.Peran.KEPALA]
    return user.is_authenticated and not user.is_superuser and has_role(user, version.opd_id, kepala)


def gap_words(*, has_indikator: bool, missing: list[str]) -> list[str]:
    """Why a version cannot be signed yet, in words: no indikator, or the indikator still without a target."""
    if not has_indikator:
        return [_("Belum ada indikator kinerja tahun ini.")]
    if missing:
        shown = "; ".join(missing[:6]) + ("; …" if len(missing) > 6 else "")
        return [_("Indikator tanpa target: %(daftar)s.") % {"daftar": shown}]
    return []


def gaps(version: PerjanjianKinerja) -> list[str]:
    """Why the version cannot be signed yet (empty: it can): it is not the newest, or targets are missing."""
    newest = PerjanjianKinerja.objects.filter(opd_id=version.opd_id, tahun=version.tahun).order_by("-versi").first()
    if newest is not None and newest.pk != version.pk:
        return [_("Sudah ada %(nama)s; yang ditandatangani adalah versi terbaru.") % {"nama": newest.nama}]
    indikator = Indikator.objects.filter(sasaran__opd_id=version.opd_id, sasaran__tahun=version.tahun)
    missing = indikator.exclude(target__pk_versi=version).order_by("sasaran__urutan", "urutan")
    return gap_words(has_indikator=indikator.exists(), missing=list(missing.values_list("nama", flat=True)))


def _replaces(version: PerjanjianKinerja, document: DokumenTertandatangan) -> None:
    """The earlier versions' signed documents now say, on their verification page, that this one replaced them."""
    earlier = PerjanjianKinerja.objects.filter(
        opd_id=version.opd_id, tahun=version.tahun, versi__lt=version.versi, dokumen__isnull=False
    )
    DokumenTertandatangan.objects.filter(pk__in=earlier.values("dokumen_id")).update(diganti_oleh=document)


def sign_pk(*, version: PerjanjianKinerja, actor: User, passphrase: str, base_url: str = "", ip=None):
    """Sign the PK version as its OPD's Kepala. Raises SigningError (recorded) or TransitionError (nothing done)."""
    if not may_sign(actor, version):
        raise TransitionError(_("Hanya Kepala OPD yang menandatangani Perjanjian Kinerja."))
    signer = pegawai_signer(actor, version.opd)

    def work() -> DokumenTertandatangan:
        rows = PerjanjianKinerja.objects.select_for_update(of=("self",)).select_related("opd__pemda", "dokumen")
        locked = rows.get(pk=version.pk)
        if locked.dokumen_berlaku is not None:
            raise TransitionError(_("%(nama)s ini sudah ditandatangani.") % {"nama": locked.nama})
        if problems := gaps(locked):
            raise TransitionError(" ".join(problems))
        now = timezone.now()
        pdf, box = pk_pdf(locked, when=now, draft=False)
        if box is None:
            raise TransitionError(_("Templat Perjanjian Kinerja tidak punya ruang tanda tangan."))
        document = sign_and_keep(
            pdf=pdf,
            box=SignatureBox(*box),
            signer=signer,
            passphrase=passphrase,
            base_url=base_url,
            reason=f"{locked.nama} {locked.tahun}",
            when=now,
            jenis=DokumenTertandatangan.Jenis.PK,
            opd=locked.opd,
            judul=f"{locked.nama} {locked.opd.nama} Tahun {locked.tahun}"[:400],
            kertas="A4",
        )
        locked.tanggal, locked.dokumen = timezone.localdate(now), document
        locked.save(update_fields=["tanggal", "dokumen"])
        _replaces(locked, document)
        return document

    return attempt(actor, objek=f"{version.nama} {version.tahun}", ip=ip, work=work)
