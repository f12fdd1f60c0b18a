"""Starting and cancelling a run."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.models import User
from sakip.states import TransitionError, send_after_commit
from sakip.validators import too_long
from sop.models import Sop
from workflow import actions, permissions, selectors, signals
from workflow.models import Run, RunLog, Task
from workflow.transitions import common
from workflow.transitions.table import NOT_STARTED, RUN_STATES, check, when


def _check_startable(sop: Sop, *, tahun: int, periode: str, actor: User) -> None:
    """Refuse a start that cannot be made, saying what stands in the way (the period, the role holders)."""
    if sop.status != Sop.Status.DISAHKAN:
        raise TransitionError(_("Hanya SOP yang sudah disahkan (versi yang berlaku) yang bisa dilaksanakan."))
    if periode not in Run.Periode.values:
        raise TransitionError(_("Pilih periode: triwulan I–IV, semester I/II atau tahunan."))
    years = actions.period_years(sop.opd, timezone.localdate())
    if int(tahun) not in years:
        raise TransitionError(
            _("Tahun %(tahun)s tidak bisa dipilih: pelaksanaan untuk tahun %(years)s.")
            % {"tahun": tahun, "years": ", ".join(str(y) for y in years)}
        )
    first = sop.langkah.select_related("pelaksana").first()
    if first is None:
        raise TransitionError(_("SOP ini belum punya langkah."))
    holder = selectors.role_holder_for(opd_id=sop.opd_id, pelaksana=first.pelaksana.nama) if first.pelaksana else None
    if not permissions.may_start_run(actor, sop, holder):
        role = first.pelaksana.nama if first.pelaksana else _("(tanpa pelaksana)")
        if holder is None:
            raise TransitionError(
                _("Peran “%(role)s” (langkah 1) belum punya pemegang di OPD ini; atur dulu di halaman Pemegang peran.")
                % {"role": role}
            )
        raise TransitionError(
            _("Pelaksanaan dimulai oleh pemegang peran “%(role)s” (langkah 1), yaitu %(who)s.")
            % {"role": role, "who": holder}
        )
    missing = selectors.roles_without_holder(sop=sop)
    if missing:
        raise TransitionError(
            _("Belum bisa dimulai: peran berikut belum punya pemegang di OPD ini: %(roles)s.")
            % {"roles": ", ".join(f"“{name}”" for name in missing)}
        )
    existing = selectors.runs_of_period(seri=sop.seri, tahun=tahun, periode=periode).select_related("dimulai_oleh")
    existing = existing.first()
    if existing is not None:
        raise TransitionError(
            _("Pelaksanaan SOP ini untuk %(periode)s sudah ada (dimulai %(who)s, %(when)s). Satu periode satu kali.")
            % {"periode": existing.periode_tampil, "who": existing.dimulai_oleh, "when": when(existing.dimulai_pada)}
        )


@transaction.atomic
def run_start(*, sop: Sop, tahun: int, periode: str, actor: User) -> Run:
    """Start carrying out a disahkan SOP for one period; the first step becomes the starter's task."""
    try:
        sop = Sop.objects.select_for_update(of=("self",)).select_related("opd__pemda").get(pk=sop.pk)
    except Sop.DoesNotExist:
        raise TransitionError(_("SOP ini tidak ditemukan.")) from None
    _check_startable(sop, tahun=tahun, periode=periode, actor=actor)
    first = sop.langkah.select_related("pelaksana").first()
    now = timezone.now()
    run = Run(
        sop=sop, opd=sop.opd, seri=sop.seri, tahun=tahun, periode=periode, status=RUN_STATES.target("start"),
        langkah_aktif=first, dimulai_oleh=actor, dimulai_pada=now,
    )  # fmt: skip
    try:
        with transaction.atomic():
            run.save()
    except IntegrityError:
        # Someone started the same period of another version of this SOP a moment ago.
        raise TransitionError(
            _("Pelaksanaan SOP ini untuk %(periode)s baru saja dimulai orang lain.") % {"periode": run.periode_tampil}
        ) from None
    task = common.open_task(run, first, assignee=actor, now=now, notify=None)
    common.log(run, actor=actor, aksi=RunLog.Aksi.MULAI, dari=NOT_STARTED, ke=str(first.urutan), task=task,
               note=run.periode_tampil)  # fmt: skip
    send_after_commit(signals.run_started, Run, run=run, task=task, actor=actor)
    return run


@transaction.atomic
def run_cancel(*, run: Run, actor: User, reason: str) -> Run:
    """The Kepala stops a run started by mistake; its period can then be started again."""
    run = common.lock_run(run.pk)
    check(actor, "cancel", run)
    if not reason.strip():
        raise TransitionError(_("Tuliskan alasan pembatalan."))
    if message := too_long(reason.strip()):
        raise TransitionError(message)
    current = Task.objects.filter(run=run, status=Task.Status.TERBUKA).first()
    now = timezone.now()
    if current is not None:
        common.close_task(current, move="cancel", actor=actor, now=now)
    run.status = RUN_STATES.target("cancel")
    run.langkah_aktif = None
    run.selesai_pada = now
    run.save(update_fields=["status", "langkah_aktif", "selesai_pada"])
    common.log(run, actor=actor, aksi=RunLog.Aksi.BATAL, dari=str(current.urutan) if current else "",
               ke=run.status, note=reason.strip(), task=current)  # fmt: skip
    send_after_commit(signals.run_cancelled, Run, run=run, actor=actor, reason=reason.strip())
    return run
