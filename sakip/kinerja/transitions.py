"""The Form Pengukuran Kinerja: draf → diajukan → divalidasi, or dikembalikan with a reason; unlocked with one.

`FORM_STATES` is the one table of moves; nothing else assigns FormPengukuran.status. Each move locks the row,
checks the table and the actor (`can`) under the lock, writes exactly one FormLog row and sends `form_moved`
after commit.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.kinerja import permissions, signals
from sakip.kinerja.models import FormLog, FormPengukuran
from sakip.models import User
from sakip.states import Move, StateTable, TransitionError, send_after_commit

S = FormPengukuran.Status
FORM_STATES = StateTable(
    Move("ajukan", (S.DRAF, S.DIKEMBALIKAN), S.DIAJUKAN, gettext_lazy("Ajukan untuk validasi")),
    Move("validasi", (S.DIAJUKAN,), S.DIVALIDASI, gettext_lazy("Validasi")),
    Move("kembalikan", (S.DIAJUKAN,), S.DIKEMBALIKAN, gettext_lazy("Kembalikan")),
    Move("buka", (S.DIVALIDASI,), S.DRAF, gettext_lazy("Buka kunci")),
)
NEEDS_REASON = ("kembalikan", "buka")
REFUSALS = {
    "ajukan": gettext_lazy("Form ini tidak bisa diajukan: hanya draf atau form yang dikembalikan, oleh staf unitnya."),
    "validasi": gettext_lazy("Hanya form yang diajukan yang bisa divalidasi, oleh Kepala Bidang/Kasubbag unitnya."),
    "kembalikan": gettext_lazy("Hanya form yang diajukan yang bisa dikembalikan, oleh Kepala Bidang/Kasubbag unitnya."),
    "buka": gettext_lazy("Hanya form yang sudah divalidasi yang bisa dibuka kuncinya, oleh Kepala Bidang/Kasubbag."),
}


def can(user: User, move: str, form: FormPengukuran) -> bool:
    return FORM_STATES.allows(move, form.status) and permissions.may(user, move, form)


def allowed_moves(user: User, form: FormPengukuran) -> dict[str, bool]:
    return {move.name: can(user, move.name, form) for move in FORM_STATES}


@transaction.atomic
def form_move(*, form: FormPengukuran, actor: User, move: str, alasan: str = "") -> FormPengukuran:
    """Make `move` on the form: lock, check under the lock, one FormLog row, the signal after commit."""
    locked = FormPengukuran.objects.select_for_update().select_related("unit").get(pk=form.pk)
    if not can(actor, move, locked):
        raise TransitionError(str(REFUSALS[move]))
    alasan = (alasan or "").strip()
    if move in NEEDS_REASON and not alasan:
        raise TransitionError(_("Tuliskan alasannya, agar staf tahu apa yang harus diperbaiki atau diubah."))
    log = FormLog(form=locked, move=move, dari=locked.status, ke=FORM_STATES.target(move), oleh=actor, alasan=alasan)
    locked.status = log.ke
    locked.alasan = alasan if move in NEEDS_REASON else ""
    locked.save(update_fields=["status", "alasan", "diubah_pada"])
    log.save()
    send_after_commit(signals.form_moved, sender=FormPengukuran, form=locked, actor=actor, move=move)
    return locked
