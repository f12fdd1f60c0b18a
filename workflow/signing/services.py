"""Signing: number, approve, render, sign and store — one transaction; a failure leaves nothing behind.

`sign_sop` is the SOP's pengesahan: the nomor is taken (when the SOP has none), the SOP approved (its signer
recorded), the final PDF rendered without the draft mark and signed by the backend; the signed file is stored with
the address its QR code opens. Any failure rolls all of it back (no number used, the SOP still diajukan) and
removes a file already written; the try itself is recorded outside the transaction (signing.stepup).
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from sakip.models import User
from sakip.states import TransitionError
from sop import transitions as sop_transitions
from sop.models import Sop
from sop.printing.render import render_for_signing
from workflow.signing import numbering, stepup
from workflow.signing.backends import SignatureBox, SigningError, SigningRequest, SigningResult, get_backend
from workflow.signing.models import DokumenTertandatangan, JenisNomor, ProfilTte, new_token


@dataclass(frozen=True)
class Signer:
    """Who signs, as the visible signature and the certificate name them."""

    user: User
    jabatan: str
    nama: str
    pangkat: str
    nip: str
    tempat: str

    def lines(self, when) -> tuple[str, ...]:
        date = formats.date_format(timezone.localtime(when), "j F Y")
        lines = ["Ditandatangani secara elektronik", self.jabatan, self.nama]
        if self.pangkat:
            lines.append(self.pangkat)
        if self.nip:
            lines.append(f"NIP. {self.nip}")
        lines.append(f"{self.tempat}, {date}" if self.tempat else date)
        return tuple(line for line in lines if line)


def verify_url(token: str, base_url: str = "") -> str:
    path = reverse("signing:verify", kwargs={"token": token})
    return (settings.SIGNING_PUBLIC_URL or base_url).rstrip("/") + path


def nik_of(user: User) -> str:
    return ProfilTte.objects.filter(user=user).values_list("nik", flat=True).first() or ""


def place_of(opd) -> str:
    """The place printed beside the date: the Pemda's seat, as "Kabupaten Banggai" → "Banggai"."""
    name = opd.pemda.nama
    for prefix in ("Kabupaten ", "Kota ", "Provinsi "):
        name = name.removeprefix(prefix)
    return name


def signer_of_sop(sop: Sop, actor: User) -> Signer:
    """The SOP's pengesah, who must be the one signing: nobody signs in another person's name."""
    pegawai = getattr(actor, "pegawai", None)
    if pegawai is None:
        raise TransitionError(_("Akun Anda belum terhubung ke data pegawai; minta admin menghubungkannya."))
    if sop.pengesah_id and sop.pengesah_id != pegawai.pk:
        raise TransitionError(
            _("SOP ini disahkan oleh %(nama)s; hanya beliau yang dapat menandatanganinya.")
            % {"nama": sop.pengesah.nama}
        )
    return Signer(actor, pegawai.jabatan, pegawai.nama, pegawai.pangkat, pegawai.nip_tampil, place_of(sop.opd))


def sign_sop(*, sop: Sop, actor: User, passphrase: str, base_url: str = "", ip: str | None = None):
    """Sahkan and sign an SOP that is diajukan. Raises SigningError (recorded) or TransitionError (nothing done)."""
    objek = f"SOP {sop.nomor or ''} {sop.judul}".strip()
    files: list = []
    try:
        stepup.refuse_if_locked(actor)
        with transaction.atomic():
            document = _sign_sop(sop, actor, passphrase, base_url, files)
    except SigningError as error:
        for storage, name in files:
            storage.delete(name)
        stepup.record(actor, objek=objek, error=error, ip=ip)
        if error.kind == stepup.PASSPHRASE:
            raise SigningError(stepup.wrong_passphrase_message(actor, error), error.kind) from error
        raise
    except Exception:
        for storage, name in files:
            storage.delete(name)
        raise
    stepup.record(actor, objek=objek, ip=ip)
    return document


def _sign_sop(sop: Sop, actor: User, passphrase: str, base_url: str, files: list) -> DokumenTertandatangan:
    sop = Sop.objects.select_for_update(of=("self",)).select_related("opd__pemda", "pengesah").get(pk=sop.pk)
    sop_transitions.check(actor, "approve", sop)
    signer = signer_of_sop(sop, actor)
    if not sop.nomor.strip():
        used = set(Sop.objects.filter(opd=sop.opd).exclude(seri=sop.seri).values_list("nomor", flat=True))
        sop.nomor = numbering.take_number(sop.opd, JenisNomor.SOP, untuk=str(sop), taken=used).teks
        sop._history_user = actor
        sop.save(update_fields=["nomor"])
    sop = sop_transitions.sop_approve(sop=sop, actor=actor)
    paper = sop.opd.kertas
    pdf, (page, x1, y1, x2, y2) = render_for_signing(sop, paper)
    token = new_token()
    now = timezone.now()
    result = get_backend().sign(
        SigningRequest(
            pdf=pdf,
            nik=nik_of(actor),
            nip=getattr(actor.pegawai, "nip", ""),
            user_id=actor.pk,
            pemda_id=sop.opd.pemda_id,
            passphrase=passphrase,
            box=SignatureBox(page, x1, y1, x2, y2),
            lines=signer.lines(now),
            verify_url=verify_url(token, base_url),
            reason=_("Pengesahan SOP %(nomor)s") % {"nomor": sop.nomor},
            location=signer.tempat,
        )
    )
    return keep_signed(
        result,
        files,
        token=token,
        jenis=DokumenTertandatangan.Jenis.SOP,
        opd=sop.opd,
        sop=sop,
        judul=sop.judul,
        nomor=sop.nomor,
        kertas=paper,
        penandatangan=actor,
        penandatangan_nama=signer.nama,
        penandatangan_nip=signer.nip,
        penandatangan_jabatan=signer.jabatan,
    )


def keep_signed(result: SigningResult, files: list, **fields) -> DokumenTertandatangan:
    document = DokumenTertandatangan(
        sha256=hashlib.sha256(result.pdf).hexdigest(),
        ukuran=len(result.pdf),
        tingkat=result.level,
        subjek=result.signer_subject[:500],
        penerbit=result.issuer[:500],
        serial=result.serial[:64],
        backend=result.backend,
        referensi=result.reference[:100],
        ditandatangani_pada=result.signed_at,
        **fields,
    )
    document.berkas.save("ttd.pdf", ContentFile(result.pdf), save=False)
    files.append((document.berkas.storage, document.berkas.name))  # removed again if the transaction fails
    document.save()
    return document


def sign_approved_sop(*, sop: Sop, actor: User, passphrase: str, base_url: str = "") -> DokumenTertandatangan:
    """Sign an SOP approved before signing existed here (on paper, or the demo's seeds) as it stands: no move, no
    number (it has its own), the signature block as printed. Used by setup_demo; one transaction, like sign_sop."""
    files: list = []
    try:
        with transaction.atomic():
            sop = Sop.objects.select_for_update(of=("self",)).select_related("opd__pemda").get(pk=sop.pk)
            if sop.status != Sop.Status.DISAHKAN or sop.tanda_tangan.exists():
                raise TransitionError(_("Hanya SOP disahkan yang belum bertanda tangan yang bisa ditandatangani."))
            box = sop.pengesah_tampil
            signer = Signer(actor, box["jabatan"], box["nama"], box["pangkat"], box["nip"], place_of(sop.opd))
            paper = sop.opd.kertas
            pdf, (page, x1, y1, x2, y2) = render_for_signing(sop, paper)
            token = new_token()
            result = get_backend().sign(
                SigningRequest(
                    pdf=pdf,
                    nik=nik_of(actor),
                    nip=sop.disahkan_nip,
                    user_id=actor.pk,
                    pemda_id=sop.opd.pemda_id,
                    passphrase=passphrase,
                    box=SignatureBox(page, x1, y1, x2, y2),
                    lines=signer.lines(sop.disahkan_pada or timezone.now()),
                    verify_url=verify_url(token, base_url),
                    reason=_("Pengesahan SOP %(nomor)s") % {"nomor": sop.nomor},
                    location=signer.tempat,
                )
            )
            return keep_signed(
                result, files, token=token, jenis=DokumenTertandatangan.Jenis.SOP, opd=sop.opd, sop=sop,
                judul=sop.judul, nomor=sop.nomor, kertas=paper, penandatangan=actor, penandatangan_nama=signer.nama,
                penandatangan_nip=signer.nip, penandatangan_jabatan=signer.jabatan,
            )  # fmt: skip
    except Exception:
        for storage, name in files:
            storage.delete(name)
        raise
