"""Signing in a pengukuran kinerja run: the document of the tanda_tangan step, the nomor surat of penomoran.

The document signed is the run's document (workflow.actions.run_document: the Dokumen Pengukuran Kinerja made
from the SAKIP data) or, where there is none, the last PDF uploaded at an earlier step, signed as it is. The
visible signature goes at the bottom right of its last page. The step cannot be completed before the document
is signed in this round of the step; the penomoran step not before the surat pengantar has its number.
"""

from io import BytesIO

from django.db import transaction
from django.utils.translation import gettext as _
from pypdf import PdfReader

from sakip.models import User
from sakip.states import TransitionError
from sop.models import Langkah
from workflow import actions
from workflow.models import Task
from workflow.permissions import may_complete
from workflow.signing import numbering, stepup
from workflow.signing.backends import SignatureBox, get_backend
from workflow.signing.models import DokumenTertandatangan, JenisNomor, Nomor
from workflow.signing.services import attempt, nik_of, pegawai_signer, sign_and_keep

BOX_PT = (230, 80)  # width, height of the visible signature on the run's document
MARGIN_PT = 36


def source_document(run) -> actions.RunDocument | None:
    """What the run's signing step signs, or None when there is nothing to sign yet."""
    document = actions.run_document(run)
    if document is not None:
        return document
    uploads = run.tasks.exclude(berkas="").filter(berkas__iendswith=".pdf").order_by("-selesai_pada", "-pk")
    for task in uploads[:1]:
        with task.berkas.open("rb") as handle:
            title = _("Dokumen Pengukuran Kinerja (berkas langkah %(n)s)") % {"n": task.urutan}
            return actions.RunDocument(filename=task.berkas_nama, content=handle.read(), title=title)
    return None


def signed_in_this_round(task: Task) -> DokumenTertandatangan | None:
    documents = DokumenTertandatangan.objects.filter(run=task.run, ditandatangani_pada__gte=task.dibuka_pada)
    return documents.order_by("-pk").first()


def surat_number(run) -> Nomor | None:
    return Nomor.objects.filter(run=run, jenis=JenisNomor.SURAT).order_by("-pk").first()


def _check(task: Task, actor: User, aksi: str) -> None:
    if task.langkah.aksi != aksi or not task.is_open or not task.run.is_open:
        raise TransitionError(_("Langkah ini bukan langkah yang sedang berjalan untuk tindakan itu."))
    if not may_complete(actor, task):
        raise TransitionError(_("Hanya %(who)s yang dapat melakukannya pada langkah ini.") % {"who": task.assignee})


def _box(pdf: bytes) -> SignatureBox:
    reader = PdfReader(BytesIO(pdf))
    last = len(reader.pages) - 1
    width = float(reader.pages[last].mediabox.width)
    w, h = BOX_PT
    return SignatureBox(last, width - MARGIN_PT - w, MARGIN_PT, width - MARGIN_PT, MARGIN_PT + h)


def sign_run_document(*, task: Task, actor: User, passphrase: str, base_url: str = "", ip=None):
    """Sign the run's document at its tanda_tangan step. Raises SigningError (recorded) or TransitionError."""
    _check(task, actor, Langkah.Aksi.TANDA_TANGAN)
    if signed_in_this_round(task) is not None:
        raise TransitionError(_("Dokumen sudah ditandatangani pada langkah ini."))
    source = source_document(task.run)
    if source is None:
        raise TransitionError(
            _("Belum ada dokumen untuk ditandatangani: isi data kinerja atau unggah PDF pada langkah sebelumnya.")
        )
    run = task.run
    title = source.title or _("Dokumen Pengukuran Kinerja")
    signer = pegawai_signer(actor, run.opd)
    box = SignatureBox(*source.signature_box) if source.signature_box else _box(source.content)

    def work() -> DokumenTertandatangan:
        return sign_and_keep(
            pdf=source.content,
            box=box,
            signer=signer,
            passphrase=passphrase,
            base_url=base_url,
            reason=title,
            jenis=DokumenTertandatangan.Jenis.KINERJA,
            opd=run.opd,
            run=run,
            judul=f"{title} — {run.periode_tampil}"[:400],
        )

    return attempt(actor, objek=f"{title} {run}", ip=ip, work=work)


@transaction.atomic
def number_surat(*, task: Task, actor: User) -> Nomor:
    """Give the run's surat pengantar its number at the penomoran step (once per run)."""
    _check(task, actor, Langkah.Aksi.PENOMORAN)
    if (existing := surat_number(task.run)) is not None:
        return existing
    return numbering.take_number(
        task.run.opd, JenisNomor.SURAT, untuk=_("Surat pengantar %(run)s") % {"run": task.run}, run=task.run
    )


def signing_guard(task: Task) -> list[str]:
    if signed_in_this_round(task) is None:
        return [_("Tandatangani dulu dokumen pada langkah ini (panel Tanda tangan elektronik).")]
    return []


def numbering_guard(task: Task) -> list[str]:
    if surat_number(task.run) is None:
        return [_("Beri dulu nomor surat pengantar (tombol Beri nomor surat).")]
    return []


def signing_panel(task: Task, user: User) -> dict:
    return {
        "task": task,
        "signed": signed_in_this_round(task),
        "may_sign": may_complete(user, task),
        "has_certificate": get_backend().has_certificate(user_id=user.pk, nik=nik_of(user)),
        "locked_until": stepup.locked_until(user),
    }


def numbering_panel(task: Task, user: User) -> dict:
    return {"task": task, "nomor": surat_number(task.run), "may_number": may_complete(user, task)}
