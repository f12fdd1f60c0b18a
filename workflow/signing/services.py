"""Signing: number, approve, render, sign and store — one transaction; a failure leaves nothing behind.

`sign_sop` is the SOP's pengesahan: the nomor is taken (when the SOP has none), the SOP approved (its signer
recorded), the final PDF rendered without the draft mark and signed by the backend; the signed file is stored with
the address its QR code opens. Any failure rolls all of it back (no number used, the SOP still diajukan) and
removes a file already written (sakip.media); the try itself is recorded outside the transaction (signing.stepup).
`attempt` and `sign_and_keep` are the same for every document signed (signing.runs uses them too).
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from sakip import media
from sakip.models import User
from sakip.states import TransitionError
from sop import transitions as sop_transitions
from sop.models import Sop
from sop.printing.render import render_for_signing
from workflow.signing import numbering, stepup
from workflow.signing.backends import SignatureBox, SigningError, SigningRequest, get_backend
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


def pegawai_signer(actor: User, opd) -> Signer:
    """The signer as their pegawai record says today (refused for an account without one)."""
    pegawai = getattr(actor, "pegawai", None)
    if pegawai is None:
        raise TransitionError(_("Akun Anda belum terhubung ke data pegawai; minta admin menghubungkannya."))
    return Signer(actor, pegawai.jabatan, pegawai.nama, pegawai.pangkat, pegawai.nip_tampil, place_of(opd))


def signer_of_sop(sop: Sop, actor: User) -> Signer:
    """The SOP's pengesah, who must be the one signing: nobody signs in another person's name."""
    signer = pegawai_signer(actor, sop.opd)
    if sop.pengesah_id and sop.pengesah_id != actor.pegawai.pk:
        raise TransitionError(
            _("SOP ini disahkan oleh %(nama)s; hanya beliau yang dapat menandatanganinya.")
            % {"nama": sop.pengesah.nama}
        )
    return signer


def attempt(actor: User, *, objek: str, ip: str | None, work: Callable[[], DokumenTertandatangan]):
    """One signing try: refused while signing is locked, `work` in one transaction (a rolled-back one leaves no
    file: sakip.media), and the try recorded outside it, with how many tries are left after a wrong passphrase."""
    try:
        stepup.refuse_if_locked(actor)
        with media.cleanup_after(), transaction.atomic():
            document = work()
    except SigningError as error:
        stepup.record(actor, objek=objek, error=error, ip=ip)
        if error.kind == stepup.PASSPHRASE:
            raise SigningError(stepup.wrong_passphrase_message(actor, error), error.kind) from error
        raise
    stepup.record(actor, objek=objek, ip=ip)
    return document


def sign_and_keep(
    *, pdf: bytes, box: SignatureBox, signer: Signer, passphrase: str, base_url: str, reason: str, when=None, **fields
) -> DokumenTertandatangan:
    """Have the backend sign `pdf` with a visible signature in `box`, and keep the signed file and its record
    (`fields`: what it is — jenis, opd, sop or run, judul, nomor, kertas)."""
    token = new_token()
    result = get_backend().sign(
        SigningRequest(
            pdf=pdf,
            nik=nik_of(signer.user),
            nip=signer.nip.replace(" ", ""),
            user_id=signer.user.pk,
            pemda_id=fields["opd"].pemda_id,
            passphrase=passphrase,
            box=box,
            lines=signer.lines(when or timezone.now()),
            verify_url=verify_url(token, base_url),
            reason=reason,
            location=signer.tempat,
        )
    )
    document = DokumenTertandatangan(
        token=token,
        sha256=hashlib.sha256(result.pdf).hexdigest(),
        ukuran=len(result.pdf),
        tingkat=result.level,
        subjek=result.signer_subject[:500],
        penerbit=result.issuer[:500],
        serial=result.serial[:64],
        backend=result.backend,
        referensi=result.reference[:100],
        ditandatangani_pada=result.signed_at,
        penandatangan=signer.user,
        penandatangan_nama=signer.nama,
        penandatangan_nip=signer.nip,
        penandatangan_jabatan=signer.jabatan,
        **fields,
    )
    document.berkas.save("ttd.pdf", ContentFile(result.pdf), save=False)
    media.written(document.berkas)  # removed again unless the row is committed
    document.save()
    return document


def sign_sop(*, sop: Sop, actor: User, passphrase: str, base_url: str = "", ip: str | None = None):
    """Sahkan and sign an SOP that is diajukan. Raises SigningError (recorded) or TransitionError (nothing done)."""
    objek = f"SOP {sop.nomor or ''} {sop.judul}".strip()
    return attempt(actor, objek=objek, ip=ip, work=lambda: _sign_sop(sop, actor, passphrase, base_url))


def _sign_sop(sop: Sop, actor: User, passphrase: str, base_url: str) -> DokumenTertandatangan:
    sop = Sop.objects.select_for_update(of=("self",)).select_related("opd__pemda", "pengesah").get(pk=sop.pk)
    sop_transitions.check(actor, "approve", sop)
    signer = signer_of_sop(sop, actor)
    if not sop.nomor.strip():
        used = set(Sop.objects.filter(opd=sop.opd).exclude(seri=sop.seri).values_list("nomor", flat=True))
        sop.nomor = numbering.take_number(sop.opd, JenisNomor.SOP, untuk=str(sop), taken=used).teks
        sop._history_user = actor
        sop.save(update_fields=["nomor"])
    sop = sop_transitions.sop_approve(sop=sop, actor=actor)
    return _sign_sop_pdf(sop, signer, passphrase, base_url)


def _sign_sop_pdf(sop: Sop, signer: Signer, passphrase: str, base_url: str, when=None) -> DokumenTertandatangan:
    """The SOP as it now stands, rendered and signed in its "Disahkan oleh" box, kept as its signed document."""
    pdf, box = render_for_signing(sop, sop.opd.kertas)
    return sign_and_keep(
        pdf=pdf,
        box=SignatureBox(*box),
        signer=signer,
        passphrase=passphrase,
        base_url=base_url,
        reason=_("Pengesahan SOP %(nomor)s") % {"nomor": sop.nomor},
        when=when,
        jenis=DokumenTertandatangan.Jenis.SOP,
        opd=sop.opd,
        sop=sop,
        judul=sop.judul,
        nomor=sop.nomor,
        kertas=sop.opd.kertas,
    )


def sign_approved_sop(*, sop: Sop, actor: User, passphrase: str, base_url: str = "") -> DokumenTertandatangan:
    """Sign an SOP approved before signing existed here (on paper, or the demo's seeds) as it stands: no move, no
    number (it has its own), the signature block as printed. Used by setup_demo; one try, like sign_sop."""

    def work() -> DokumenTertandatangan:
        locked = Sop.objects.select_for_update(of=("self",)).select_related("opd__pemda").get(pk=sop.pk)
        if locked.status != Sop.Status.DISAHKAN or locked.tanda_tangan.exists():
            raise TransitionError(_("Hanya SOP disahkan yang belum bertanda tangan yang bisa ditandatangani."))
        block = locked.pengesah_tampil
        signer = Signer(actor, block["jabatan"], block["nama"], block["pangkat"], block["nip"], place_of(locked.opd))
        return _sign_sop_pdf(locked, signer, passphrase, base_url, when=locked.disahkan_pada)

    return attempt(actor, objek=f"SOP {sop.nomor} {sop.judul}", ip=None, work=work)
