"""Reads of runs, tasks, role holders and monitoring figures; every selector is limited to the user's OPDs."""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.models import Opd, User
from sakip.selectors import visible_to
from sop.models import Langkah, Sop
from sop.selectors import sop_visible_to
from workflow.models import RoleHolder, Run, RunLog, Task, role_key
from workflow.worktime import CalendarCache, Timeliness, done_task_timeliness, open_task_timeliness

# ---------------------------------------------------------------------------------------------------- runs


def run_visible_to(user: User) -> QuerySet[Run]:
    """Runs of the OPDs the user belongs to; everything for a superuser."""
    return visible_to(user, Run.objects.all())


def run_list(*, user: User, status: str = "", tahun: int | None = None) -> QuerySet[Run]:
    # Prefetched, not joined: PostgreSQL spent 17 ms planning the eight-table join for a 1 ms execution (a
    # province's run list 158 ms, prefetched 40 ms); each prefetch is a primary-key lookup planned in microseconds,
    # and one that brings its row's small parent along (the OPD's Pemda, the step's pelaksana) saves a query.
    qs = run_visible_to(user).prefetch_related(
        "sop",
        Prefetch("opd", queryset=Opd.objects.select_related("pemda")),
        Prefetch("langkah_aktif", queryset=Langkah.objects.select_related("pelaksana")),
        "dimulai_oleh",
        Prefetch(
            "tasks",
            queryset=Task.objects.filter(status=Task.Status.TERBUKA).select_related("assignee"),
            to_attr="open_tasks",
        ),
    )
    if status:
        qs = qs.filter(status=status)
    if tahun:
        qs = qs.filter(tahun=tahun)
    return qs.order_by("-dimulai_pada", "-pk")


def run_get(*, user: User, pk: int) -> Run:
    """One run with its steps, tasks and audit rows; 404 outside the user's OPDs."""
    qs = (
        run_visible_to(user)
        .select_related("sop__opd__pemda", "opd__pemda", "langkah_aktif__pelaksana", "dimulai_oleh")
        .prefetch_related(
            Prefetch("sop__langkah", queryset=Langkah.objects.select_related("pelaksana")),
            Prefetch(
                "tasks",
                queryset=Task.objects.select_related(
                    "langkah__pelaksana", "assignee", "selesai_oleh", "dialihkan_oleh"
                ).order_by("dibuka_pada", "pk"),
            ),
            Prefetch("log", queryset=RunLog.objects.select_related("actor")),
        )
    )
    try:
        return qs.get(pk=pk)
    except Run.DoesNotExist:
        raise Http404 from None


def task_get(*, user: User, pk: int) -> Task:
    qs = visible_to(user, Task.objects.all(), opd_field="run__opd").select_related(
        "run__opd__pemda", "run__sop", "langkah__pelaksana", "assignee", "dialihkan_oleh"
    )
    try:
        return qs.get(pk=pk)
    except Task.DoesNotExist:
        raise Http404 from None


def runs_of_period(*, seri, tahun: int, periode: str) -> QuerySet[Run]:
    return Run.objects.filter(seri=seri, tahun=tahun, periode=periode).exclude(status=Run.Status.DIBATALKAN)


# ---------------------------------------------------------------------------------------------------- tasks


def decorate_tasks(tasks: list[Task], *, calendars: CalendarCache | None = None, now=None) -> list[Task]:
    """Set `timeliness` (tepat/segera/terlambat) and, on open tasks, `menit_berjalan` for the templates."""
    calendars = calendars or CalendarCache()
    now = now or timezone.now()
    for task in tasks:
        calendar = calendars.get(task.run.opd.pemda)
        if task.is_open and task.run.is_open:
            task.timeliness = open_task_timeliness(
                due=task.jatuh_tempo, standard_minutes=task.waktu_menit, calendar=calendar, now=now
            )
            task.menit_berjalan = calendar.minutes_between(task.dibuka_pada, now)
        elif task.is_open:
            task.timeliness = Timeliness.TANPA
            task.menit_berjalan = None
        else:
            task.timeliness = done_task_timeliness(worked_minutes=task.menit_kerja, standard_minutes=task.waktu_menit)
            task.menit_berjalan = None
        task.timeliness_label = Timeliness.LABELS[task.timeliness]
    return tasks


def _open_tasks_of(user: User) -> QuerySet[Task]:
    qs = Task.objects.filter(assignee=user, status=Task.Status.TERBUKA, run__status=Run.Status.BERJALAN)
    return visible_to(user, qs, opd_field="run__opd")


def task_inbox(*, user: User, limit: int | None = None) -> list[Task]:
    """The user's open tasks, overdue first (earliest due date first; no due date last); the first `limit` only."""
    qs = (
        _open_tasks_of(user)
        .prefetch_related(  # as in run_list
            Prefetch("run", queryset=Run.objects.select_related("sop", "opd__pemda")),
            Prefetch("langkah", queryset=Langkah.objects.select_related("pelaksana")),
            "dialihkan_oleh",
        )
        .order_by(F("jatuh_tempo").asc(nulls_last=True), "dibuka_pada", "pk")
    )
    return decorate_tasks(list(qs[:limit] if limit else qs))


def open_task_count(*, user: User) -> int:
    if not user.is_authenticated:
        return 0
    return _open_tasks_of(user).count()


# ---------------------------------------------------------------------------------------------------- timeline


@dataclass
class StepState:
    step: Langkah
    state: str  # selesai / berjalan / menunggu
    attempts: int
    last: Task | None


@dataclass
class Timeline:
    run: Run
    steps: list[StepState]
    tasks: list[Task]
    log: list[RunLog]
    current: Task | None
    total_menit_kerja: int
    total_waktu_menit: Decimal


def run_timeline(*, run: Run) -> Timeline:
    """The run's steps with their state, and every task (a step sent back appears again) with its timeliness."""
    steps = list(run.sop.langkah.all())
    tasks = list(run.tasks.all())
    for task in tasks:
        task.run = run  # the same object, with its OPD and Pemda loaded: no query per task
    decorate_tasks(tasks)
    by_step: dict[int, list[Task]] = defaultdict(list)
    for task in tasks:
        by_step[task.urutan].append(task)
    current = next((t for t in tasks if t.is_open), None)
    if current is not None:
        # A task opened by a send-back carries the reason with it, where its assignee looks first.
        returns = [t for t in tasks if t.status == Task.Status.DIKEMBALIKAN and t.kembali_ke == current.urutan]
        current.returned_from = returns[-1] if returns and returns[-1].selesai_pada <= current.dibuka_pada else None
    states = []
    for step in steps:
        done = by_step.get(step.urutan, [])
        last = done[-1] if done else None
        if current is not None and current.urutan == step.urutan:
            state = "berjalan"
        elif (
            last is not None
            and last.status == Task.Status.SELESAI
            and (current is None or step.urutan < current.urutan)  # after a return, later steps are done again
        ):
            state = "selesai"
        else:
            state = "menunggu"
        states.append(StepState(step=step, state=state, attempts=len(done), last=last))
    return Timeline(
        run=run,
        steps=states,
        tasks=tasks,
        log=list(run.log.all()),
        current=current,
        total_menit_kerja=sum(t.menit_kerja or 0 for t in tasks),
        total_waktu_menit=sum((s.waktu_menit for s in steps), Decimal(0)),
    )


# ---------------------------------------------------------------------------------------------------- role holders


def opd_members(*, opd_id: int) -> QuerySet[User]:
    return User.objects.filter(keanggotaan__opd_id=opd_id, is_active=True).distinct().order_by("first_name", "username")


def holders_by_role(*, opd_id: int) -> dict[str, RoleHolder]:
    return {role_key(h.pelaksana): h for h in RoleHolder.objects.filter(opd_id=opd_id).select_related("user")}


def role_holder_names(opd: Opd) -> list[tuple[str, str]]:
    """(pelaksana, the holder's name) of every role held in the OPD."""
    return [
        (holder.pelaksana, str(holder.user))
        for holder in RoleHolder.objects.filter(opd=opd).select_related("user").order_by("pelaksana")
    ]


def role_holder_for(*, opd_id: int, pelaksana: str) -> User | None:
    holder = holders_by_role(opd_id=opd_id).get(role_key(pelaksana))
    return holder.user if holder is not None and holder.user.is_active else None


def step_holders(*, sop: Sop) -> list[tuple[Langkah, User | None]]:
    """Each step of the SOP with the person who would do it in its OPD (None: the role has no holder)."""
    holders = holders_by_role(opd_id=sop.opd_id)
    rows = []
    for step in sop.langkah.select_related("pelaksana"):
        holder = holders.get(role_key(step.pelaksana.nama)) if step.pelaksana else None
        rows.append((step, holder.user if holder is not None and holder.user.is_active else None))
    return rows


def roles_without_holder(*, sop: Sop) -> list[str]:
    """Pelaksana names of the SOP's steps that nobody holds in its OPD (in step order, each once)."""
    holders = holders_by_role(opd_id=sop.opd_id)
    missing: list[str] = []
    for step in sop.langkah.select_related("pelaksana"):
        if step.pelaksana is None:
            continue
        holder = holders.get(role_key(step.pelaksana.nama))
        if (holder is None or not holder.user.is_active) and step.pelaksana.nama not in missing:
            missing.append(step.pelaksana.nama)
    return missing


@dataclass
class RoleRow:
    pelaksana: str
    holder: User | None
    sop_titles: list[str] = field(default_factory=list)


def role_holder_rows(*, opd: Opd) -> list[RoleRow]:
    """Every pelaksana role the OPD's current SOPs name, with its holder; then held roles no SOP names any more."""
    holders = holders_by_role(opd_id=opd.pk)
    rows: dict[str, RoleRow] = {}
    sops = (
        Sop.objects.filter(opd=opd)
        .exclude(status=Sop.Status.DIGANTI)
        .prefetch_related("pelaksana")
        .order_by("nomor", "judul")
    )
    for sop in sops:
        for column in sop.pelaksana.all():
            key = role_key(column.nama)
            if key not in rows:
                holder = holders.get(key)
                rows[key] = RoleRow(pelaksana=column.nama, holder=holder.user if holder else None)
            if sop.judul not in rows[key].sop_titles:
                rows[key].sop_titles.append(sop.judul)
    for key, holder in holders.items():
        if key not in rows:
            rows[key] = RoleRow(pelaksana=holder.pelaksana, holder=holder.user)
    return list(rows.values())


# ---------------------------------------------------------------------------------------------------- monitoring

GOOD_SHARE = 80  # percent of attempts within Mutu Baku for "Berjalan baik" on the monitoring form


@dataclass
class StepFigures:
    urutan: int
    uraian: str
    pelaksana: str
    waktu_menit: Decimal
    waktu_tampil: str
    samples: int = 0
    median_menit: float | None = None
    timed: int = 0  # samples that had a Mutu Baku waktu to be measured against
    within_count: int = 0
    returned_to: int = 0  # times the run was sent back to this step (its work redone)
    returned_from: int = 0  # times this step sent the run back

    @property
    def within_share(self) -> float | None:
        return round(100 * self.within_count / self.timed) if self.timed else None

    @property
    def penilaian(self) -> str:
        """The monitoring form's verdict: well run when ≥ 80 % within Mutu Baku and never sent back to."""
        if not self.samples:
            return _("Belum dilaksanakan")
        if self.returned_to or (self.within_share is not None and self.within_share < GOOD_SHARE):
            return _("Perlu perbaikan")
        return _("Berjalan baik")

    @property
    def ratio(self) -> float | None:
        if self.median_menit is None or not self.waktu_menit:
            return None
        return self.median_menit / float(self.waktu_menit)


@dataclass
class Monitoring:
    sop: Sop
    runs: list[Run]
    steps: list[StepFigures]

    @property
    def runs_archived(self) -> int:
        return sum(1 for r in self.runs if r.status == Run.Status.ARSIP)


def monitoring_series(*, user: User) -> list[tuple[Sop, int]]:
    """SOP series of the user's OPDs that have runs: the current version of each, with its number of runs."""
    runs = run_visible_to(user).exclude(status=Run.Status.DIBATALKAN)
    counts: dict = defaultdict(int)
    for seri in runs.values_list("seri", flat=True):
        counts[seri] += 1
    sops = sop_visible_to(user).filter(seri__in=list(counts)).select_related("opd").order_by("seri", "-versi")
    current: dict = {}
    for sop in sops:
        if sop.seri not in current or (
            current[sop.seri].status != Sop.Status.DISAHKAN and sop.status == Sop.Status.DISAHKAN
        ):
            current[sop.seri] = sop
    return sorted(((sop, counts[seri]) for seri, sop in current.items()), key=lambda p: (str(p[0].opd), p[0].judul))


def monitoring_get(*, user: User, seri) -> Monitoring:
    """Per step across all runs of an SOP series: median working time, share within Mutu Baku, returns."""
    versions = list(
        sop_visible_to(user)
        .filter(seri=seri)
        .select_related("opd__pemda")
        .prefetch_related(Prefetch("langkah", queryset=Langkah.objects.select_related("pelaksana")))
        .order_by("-versi")
    )
    if not versions:
        raise Http404
    sop = next((v for v in versions if v.status == Sop.Status.DISAHKAN), versions[0])
    runs = list(
        Run.objects.filter(seri=seri, opd=sop.opd)
        .exclude(status=Run.Status.DIBATALKAN)
        .select_related("sop", "dimulai_oleh")
        .order_by("tahun", "periode", "pk")
    )
    figures = {
        step.urutan: StepFigures(
            urutan=step.urutan,
            uraian=step.uraian,
            pelaksana=step.pelaksana.nama if step.pelaksana else "",
            waktu_menit=step.waktu_menit,
            waktu_tampil=step.waktu_tampil,
        )
        for step in sop.langkah.all()
    }
    worked: dict[int, list[int]] = defaultdict(list)
    tasks = Task.objects.filter(run__in=[r.pk for r in runs]).select_related("langkah__pelaksana")
    for task in tasks:
        if task.urutan not in figures:  # a step only an older version had
            figures[task.urutan] = StepFigures(
                urutan=task.urutan,
                uraian=task.langkah.uraian,
                pelaksana=task.langkah.pelaksana.nama if task.langkah.pelaksana else "",
                waktu_menit=task.waktu_menit,
                waktu_tampil=task.langkah.waktu_tampil,
            )
        row = figures[task.urutan]
        if task.menit_kerja is not None and task.status in (Task.Status.SELESAI, Task.Status.DIKEMBALIKAN):
            worked[task.urutan].append(task.menit_kerja)
            row.samples += 1
            if task.waktu_menit > 0:
                row.timed += 1
                row.within_count += task.menit_kerja <= task.waktu_menit
        if task.status == Task.Status.DIKEMBALIKAN:
            row.returned_from += 1
            if task.kembali_ke in figures:
                figures[task.kembali_ke].returned_to += 1
    for number, values in worked.items():
        figures[number].median_menit = float(statistics.median(values))
    return Monitoring(sop=sop, runs=runs, steps=[figures[n] for n in sorted(figures)])
