"""Every allowed and every forbidden transition of a run, with its audit rows."""

import pytest

from sop.models import Langkah, Sop
from sop.transitions import sop_approve, sop_revise, sop_submit
from tests.workflow.conftest import YEAR, advance_to, complete_current, current_task, upload
from workflow.models import RoleHolder, Run, RunLog, Task
from workflow.transitions import (
    TransitionError,
    run_cancel,
    run_start,
    task_complete,
    task_reassign,
    task_send_back,
)

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------------------------------------ allowed moves


def test_first_step_holder_starts_a_run_with_one_audit_row(flow_sop, kepala):
    run = run_start(sop=flow_sop, tahun=YEAR, periode=Run.Periode.TW1, actor=kepala)

    assert (run.status, run.langkah_aktif.urutan, run.sop, run.seri) == ("berjalan", 1, flow_sop, flow_sop.seri)
    task = current_task(run)
    assert (task.urutan, task.assignee, task.putaran) == (1, kepala, 1)
    assert task.jatuh_tempo is not None and task.waktu_menit == 15
    log = RunLog.objects.get()
    assert (log.actor, log.aksi, log.dari, log.ke) == (kepala, "mulai", "", "1")


def test_assignee_completes_a_step_and_the_next_holder_gets_it(flow_run, kepala, staf):
    task = current_task(flow_run)

    task_complete(task=task, actor=kepala, note="Disposisi kepada Tim SAKIP", upload=upload("disposisi.pdf"))

    task.refresh_from_db()
    flow_run.refresh_from_db()
    assert (task.status, task.selesai_oleh, task.catatan) == ("selesai", kepala, "Disposisi kepada Tim SAKIP")
    assert task.berkas.name.endswith("disposisi.pdf") and task.menit_kerja is not None
    assert flow_run.langkah_aktif.urutan == 2
    assert current_task(flow_run).assignee == staf
    log = RunLog.objects.filter(aksi="selesai").get()
    assert (log.actor, log.dari, log.ke, log.catatan) == (kepala, "1", "2", "Disposisi kepada Tim SAKIP")
    assert RunLog.objects.count() == 2


def test_keputusan_ya_follows_its_exit_and_tidak_goes_back_with_the_reason(flow_run, sekretaris, staf):
    task = advance_to(flow_run, 3)

    task_send_back(task=task, actor=sekretaris, to_step=2, reason="Tabel capaian TW I belum lengkap")

    task.refresh_from_db()
    flow_run.refresh_from_db()
    assert (task.status, task.kembali_ke, task.catatan) == ("dikembalikan", 2, "Tabel capaian TW I belum lengkap")
    reopened = current_task(flow_run)
    assert (reopened.urutan, reopened.putaran, reopened.assignee) == (2, 2, staf)
    assert flow_run.langkah_aktif.urutan == 2
    log = RunLog.objects.filter(aksi="kembali").get()
    assert (log.actor, log.dari, log.ke, log.catatan) == (sekretaris, "3", "2", "Tabel capaian TW I belum lengkap")

    advance_to(flow_run, 3)
    complete_current(flow_run)  # Ya → 4
    assert current_task(flow_run).urutan == 4


def test_kepala_sends_back_from_the_koreksi_step_to_any_earlier_step(flow_run, kepala, staf):
    task = advance_to(flow_run, 4)
    before = RunLog.objects.count()

    task_send_back(task=task, actor=kepala, to_step=2, reason="Angka realisasi indikator 3 salah")

    assert current_task(flow_run).urutan == 2
    assert RunLog.objects.count() == before + 1


def test_last_step_archives_the_run(flow_run, staf):
    advance_to(flow_run, 5)
    before = RunLog.objects.count()

    complete_current(flow_run)

    flow_run.refresh_from_db()
    assert (flow_run.status, flow_run.langkah_aktif, flow_run.selesai_pada is not None) == ("arsip", None, True)
    assert not Task.objects.filter(run=flow_run, status="terbuka").exists()
    log = RunLog.objects.order_by("pk").last()
    assert (log.dari, log.ke, RunLog.objects.count()) == ("5", "arsip", before + 1)


@pytest.mark.parametrize("manager", ["kepala", "sekretaris"])
def test_kepala_or_sekretaris_reassigns_an_open_task(manager, request, flow_run, colleague, staf):
    actor = request.getfixturevalue(manager)
    task = advance_to(flow_run, 2)
    before = RunLog.objects.count()

    task_reassign(task=task, actor=actor, to_user=colleague, note="Staf sedang dinas luar")

    task.refresh_from_db()
    assert (task.assignee, task.dialihkan_oleh, task.status) == (colleague, actor, "terbuka")
    log = RunLog.objects.order_by("pk").last()
    assert (log.aksi, log.dari, log.ke, RunLog.objects.count()) == ("alih", "2", "2", before + 1)
    assert log.catatan == f"Dialihkan dari {staf} kepada {colleague}. Staf sedang dinas luar"


def test_the_kepala_who_reassigned_may_complete_the_task_himself(flow_run, kepala, colleague):
    task = advance_to(flow_run, 2)
    task_reassign(task=task, actor=kepala, to_user=colleague)

    task_complete(task=task, actor=kepala, note="Saya selesaikan sendiri", upload=upload())

    assert current_task(flow_run).urutan == 3


def test_kepala_cancels_a_run_and_the_period_can_start_again(flow_run, kepala, flow_sop):
    before = RunLog.objects.count()

    run_cancel(run=flow_run, actor=kepala, reason="Salah memilih periode")

    flow_run.refresh_from_db()
    assert flow_run.status == "dibatalkan"
    assert Task.objects.get(run=flow_run).status == "dibatalkan"
    assert RunLog.objects.count() == before + 1
    again = run_start(sop=flow_sop, tahun=YEAR, periode=Run.Periode.TW1, actor=kepala)
    assert again.pk != flow_run.pk


# ------------------------------------------------------------------------------------------------ forbidden moves

FINISHED = {
    "arsip": lambda run, kepala: advance_to(run, 5) and complete_current(run),
    "dibatalkan": lambda run, kepala: run_cancel(run=run, actor=kepala, reason="Batal"),
}


@pytest.mark.parametrize("state", list(FINISHED))
@pytest.mark.parametrize("move", ["complete", "send_back", "reassign", "cancel"])
def test_a_finished_run_is_read_only(state, move, flow_run, kepala, sekretaris, colleague):
    last_task = advance_to(flow_run, 3) if state == "dibatalkan" else None
    FINISHED[state](flow_run, kepala)
    task = last_task or Task.objects.filter(run=flow_run).order_by("pk").last()
    before = (RunLog.objects.count(), list(Task.objects.values_list("pk", "status", "assignee")))

    with pytest.raises(TransitionError):
        if move == "complete":
            task_complete(task=task, actor=task.assignee, note="lagi", upload=upload())
        elif move == "send_back":
            task_send_back(task=task, actor=task.assignee, to_step=2, reason="lagi")
        elif move == "reassign":
            task_reassign(task=task, actor=kepala, to_user=colleague)
        else:
            run_cancel(run=flow_run, actor=kepala, reason="lagi")

    assert (RunLog.objects.count(), list(Task.objects.values_list("pk", "status", "assignee"))) == before
    flow_run.refresh_from_db()
    assert flow_run.status == state


def test_a_task_already_completed_is_refused_with_who_did_it(flow_run, kepala):
    task = current_task(flow_run)
    task_complete(task=task, actor=kepala, note="Sudah", upload=upload())

    with pytest.raises(TransitionError, match=f"sudah ditindaklanjuti oleh {kepala}"):
        task_complete(task=task, actor=kepala, note="Klik kedua", upload=upload())

    assert RunLog.objects.filter(aksi="selesai").count() == 1
    assert Task.objects.filter(run=flow_run).count() == 2


def test_an_ordinary_step_cannot_send_the_run_back(flow_run, staf):
    task = advance_to(flow_run, 2)

    with pytest.raises(TransitionError, match="tidak bisa dikembalikan"):
        task_send_back(task=task, actor=staf, to_step=1, reason="Disposisi kurang jelas")

    assert current_task(flow_run).pk == task.pk
    assert RunLog.objects.filter(aksi="kembali").count() == 0


def test_koreksi_step_sends_back_only_in_the_hands_of_the_kepala(flow_run, kepala, sekretaris):
    task = advance_to(flow_run, 4)
    task_reassign(task=task, actor=kepala, to_user=sekretaris)

    with pytest.raises(TransitionError, match="tidak bisa dikembalikan"):
        task_send_back(task=task, actor=sekretaris, to_step=2, reason="Koreksi")

    assert RunLog.objects.filter(aksi="kembali").count() == 0


@pytest.mark.parametrize(
    ("to_step", "reason", "message"),
    [(2, "  ", "alasan"), (4, "Salah", "Pilih langkah"), (1, "Salah", "Pilih langkah"), (None, "x", "Pilih")],
)
def test_send_back_needs_a_reason_and_an_allowed_earlier_step(to_step, reason, message, flow_run, sekretaris):
    task = advance_to(flow_run, 3)  # keputusan: Tidak goes to 2 only

    with pytest.raises(TransitionError, match=message):
        task_send_back(task=task, actor=sekretaris, to_step=to_step, reason=reason)

    assert current_task(flow_run).pk == task.pk
    assert RunLog.objects.filter(aksi="kembali").count() == 0


def test_completing_needs_a_note_and_the_document_of_the_step(flow_run, kepala):
    task = current_task(flow_run)

    with pytest.raises(TransitionError, match="catatan"):
        task_complete(task=task, actor=kepala, note=" ", upload=upload())
    with pytest.raises(TransitionError, match="Lembar disposisi"):
        task_complete(task=task, actor=kepala, note="Disposisi", upload=None)

    task.refresh_from_db()
    assert (task.status, bool(task.berkas), RunLog.objects.count()) == ("terbuka", False, 1)


def test_a_step_without_document_output_completes_without_a_file(flow_run, sekretaris):
    task = advance_to(flow_run, 3)

    task_complete(task=task, actor=sekretaris, note="Lengkap", upload=None)

    assert current_task(flow_run).urutan == 4


def test_duplicate_period_is_refused_with_a_clear_message(flow_run, flow_sop, kepala):
    with pytest.raises(TransitionError, match=f"Triwulan I {YEAR} sudah ada"):
        run_start(sop=flow_sop, tahun=YEAR, periode=Run.Periode.TW1, actor=kepala)

    assert Run.objects.count() == 1
    assert RunLog.objects.count() == 1


def test_a_revision_does_not_touch_runs_in_flight_and_shares_their_periods(flow_run, flow_sop, kepala, staf):
    revision = sop_revise(sop=flow_sop, actor=staf)
    Langkah.objects.filter(sop=revision, urutan=2).update(waktu_nilai=90)
    sop_submit(sop=revision, actor=staf)
    sop_approve(sop=revision, actor=kepala)

    with pytest.raises(TransitionError, match="sudah ada"):
        run_start(sop=revision, tahun=YEAR, periode=Run.Periode.TW1, actor=kepala)
    task = advance_to(flow_run, 2)
    assert (task.langkah.sop_id, task.waktu_menit) == (flow_sop.pk, 60)  # the pinned version's Mutu Baku
    new_run = run_start(sop=revision, tahun=YEAR, periode=Run.Periode.TW2, actor=kepala)
    assert new_run.sop == revision and new_run.seri == flow_run.seri


def test_another_period_of_the_same_sop_may_run_alongside(flow_run, flow_sop, kepala):
    second = run_start(sop=flow_sop, tahun=YEAR, periode=Run.Periode.TW2, actor=kepala)

    assert Run.objects.filter(status="berjalan").count() == 2
    assert second.periode_tampil == f"Triwulan II {YEAR}"


@pytest.mark.parametrize("status", [Sop.Status.DRAFT, Sop.Status.DIAJUKAN, Sop.Status.DIGANTI])
def test_only_a_disahkan_sop_can_be_run(status, flow_sop, kepala):
    Sop.objects.filter(pk=flow_sop.pk).update(status=status)

    with pytest.raises(TransitionError, match="disahkan"):
        run_start(sop=flow_sop, tahun=YEAR, periode=Run.Periode.TW1, actor=kepala)

    assert (Run.objects.count(), RunLog.objects.count()) == (0, 0)


def test_start_names_every_role_without_a_holder(flow_sop, kepala, opd):
    RoleHolder.objects.filter(opd=opd, pelaksana__in=["Sekretaris", "Staf Perencanaan"]).delete()

    with pytest.raises(TransitionError, match="“Staf Perencanaan”, “Sekretaris”"):
        run_start(sop=flow_sop, tahun=YEAR, periode=Run.Periode.TW1, actor=kepala)

    assert Run.objects.count() == 0


def test_a_step_whose_role_lost_its_holder_cannot_be_assigned(flow_run, kepala, opd):
    RoleHolder.objects.filter(opd=opd, pelaksana="Staf Perencanaan").delete()
    task = current_task(flow_run)

    with pytest.raises(TransitionError, match="peran “Staf Perencanaan” belum punya pemegang"):
        task_complete(task=task, actor=kepala, note="Disposisi", upload=upload())

    task.refresh_from_db()
    assert (task.status, bool(task.berkas), RunLog.objects.count()) == ("terbuka", False, 1)


def test_role_holders_match_names_regardless_of_case_and_spaces(flow_sop, kepala, opd):
    RoleHolder.objects.filter(opd=opd, pelaksana="Kepala Badan").update(pelaksana="  kepala   BADAN ")

    run = run_start(sop=flow_sop, tahun=YEAR, periode=Run.Periode.TW3, actor=kepala)

    assert current_task(run).assignee == kepala


@pytest.mark.parametrize(
    ("tahun", "periode"), [(1999, "tw1"), (YEAR + 2, "tw1"), (2100, "tw1"), (YEAR, "tw5"), (YEAR, "")]
)
def test_start_refuses_a_period_that_does_not_exist(tahun, periode, flow_sop, kepala):
    with pytest.raises(TransitionError):
        run_start(sop=flow_sop, tahun=tahun, periode=periode, actor=kepala)

    assert Run.objects.count() == 0


def test_reassign_only_to_a_member_of_the_opd_and_not_to_the_same_person(flow_run, kepala, outsider, staf):
    task = advance_to(flow_run, 2)

    with pytest.raises(TransitionError, match="pegawai OPD ini"):
        task_reassign(task=task, actor=kepala, to_user=outsider)
    with pytest.raises(TransitionError, match="sudah dipegang"):
        task_reassign(task=task, actor=kepala, to_user=staf)

    assert RunLog.objects.filter(aksi="alih").count() == 0


def test_cancel_needs_a_reason(flow_run, kepala):
    with pytest.raises(TransitionError, match="alasan"):
        run_cancel(run=flow_run, actor=kepala, reason="")

    flow_run.refresh_from_db()
    assert flow_run.status == "berjalan"
