"""The run pages: who sees what, what a refusal looks like, bad input, and what the pages cost in queries."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sakip.models import Keanggotaan
from tests.sakip.factories import UserFactory
from tests.sop.factories import build_sop
from tests.workflow.conftest import YEAR, advance_to, complete_current, current_task, upload
from tests.workflow.factories import RoleHolderFactory, RunFactory, TaskFactory
from workflow.models import RoleHolder, Run, RunLog
from workflow.selectors import roles_without_holder, task_inbox
from workflow.transitions import run_start

pytestmark = pytest.mark.django_db


def test_another_opds_run_is_404_on_every_page(client, flow_run, outsider):
    task = current_task(flow_run)
    client.force_login(outsider)

    for name, args in [("run-detail", [flow_run.pk]), ("task-file", [task.pk]), ("run-start", [flow_run.sop_id]),
                       ("monitoring-detail", [flow_run.seri]), ("monitoring-pdf", [flow_run.seri])]:  # fmt: skip
        assert client.get(reverse(f"workflow:{name}", args=args)).status_code == 404, name
    for name in ("task-complete", "task-send-back", "task-reassign"):
        response = client.post(reverse(f"workflow:{name}", args=[task.pk]), {"catatan": "x", "alasan": "x"})
        assert response.status_code == 404, name
    assert client.post(reverse("workflow:run-cancel", args=[flow_run.pk]), {"alasan": "x"}).status_code == 404
    assert flow_run.sop.judul not in client.get(reverse("workflow:run-list")).content.decode()
    assert flow_run.sop.judul not in client.get(reverse("workflow:monitoring-list")).content.decode()
    assert RunLog.objects.count() == 1


def test_pages_need_a_login(client, flow_run):
    for url in (reverse("workflow:run-list"), reverse("workflow:task-inbox"), flow_run.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302 and "/masuk/" in response["Location"]


def test_kepala_starts_a_run_from_the_sop_page(client, flow_sop, kepala):
    client.force_login(kepala)
    sop_page = client.get(flow_sop.get_absolute_url()).content.decode()
    start_url = reverse("workflow:run-start", args=[flow_sop.pk])
    assert start_url in sop_page

    response = client.post(start_url, {"tahun": str(YEAR), "periode": "tw2"}, follow=True)

    run = Run.objects.get()
    assert response.redirect_chain[-1][0] == run.get_absolute_url()
    assert f"Pelaksanaan Triwulan II {YEAR} dimulai" in response.content.decode()
    assert 'data-testid="complete-form"' in response.content.decode()


def test_a_colleague_sees_who_starts_instead_of_the_form(client, flow_sop, staf, kepala):
    client.force_login(staf)

    page = client.get(reverse("workflow:run-start", args=[flow_sop.pk])).content.decode()

    assert "Mulai pelaksanaan</button>" not in page
    assert f"yaitu <strong>{kepala}</strong>" in page
    response = client.post(reverse("workflow:run-start", args=[flow_sop.pk]), {"tahun": str(YEAR), "periode": "tw1"})
    assert response.status_code == 409
    assert Run.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [{"tahun": "dua ribu", "periode": "tw1"}, {"tahun": str(YEAR), "periode": "tw9"}, {}, {"tahun": "99999999999999"}],
)
def test_bad_start_input_is_a_message_not_an_error_page(data, client, flow_sop, kepala):
    client.force_login(kepala)

    response = client.post(reverse("workflow:run-start", args=[flow_sop.pk]), data)

    assert response.status_code == 422
    assert 'class="alert alert-danger' in response.content.decode()
    assert Run.objects.count() == 0


def test_duplicate_period_shows_a_clear_message(client, flow_run, flow_sop, kepala):
    client.force_login(kepala)

    response = client.post(reverse("workflow:run-start", args=[flow_sop.pk]), {"tahun": str(YEAR), "periode": "tw1"})

    assert response.status_code == 409
    assert f"Triwulan I {YEAR} sudah ada" in response.content.decode()


def test_missing_holder_is_named_on_the_start_page(client, flow_sop, kepala, opd):
    RoleHolder.objects.filter(opd=opd, pelaksana="Sekretaris").delete()
    client.force_login(kepala)

    page = client.get(reverse("workflow:run-start", args=[flow_sop.pk])).content.decode()

    assert 'data-testid="missing-holders"' in page and "<strong>Sekretaris</strong>" in page


def test_buttons_follow_the_permissions(client, flow_run, kepala, sekretaris, staf, colleague):
    advance_to(flow_run, 2)
    url = flow_run.get_absolute_url()

    client.force_login(staf)
    page = client.get(url).content.decode()
    assert 'data-testid="complete-form"' in page
    assert 'data-testid="reassign-form"' not in page and 'data-testid="send-back-form"' not in page
    client.force_login(colleague)
    page = client.get(url).content.decode()
    assert 'data-testid="complete-form"' not in page and f"Menunggu {staf}" in page
    client.force_login(sekretaris)
    assert 'data-testid="reassign-form"' in client.get(url).content.decode()
    advance_to(flow_run, 4)
    client.force_login(kepala)
    page = client.get(url).content.decode()
    assert 'data-testid="send-back-form"' in page and 'id="cancel-box"' in page


def test_refused_transition_is_a_message_not_an_error_page(client, flow_run, staf):
    task = current_task(flow_run)  # the Kepala's disposisi
    client.force_login(staf)

    response = client.post(
        reverse("workflow:task-complete", args=[task.pk]), {"catatan": "Bukan tugas saya"}, follow=True
    )

    assert response.status_code == 200
    assert "Hanya" in response.content.decode() and "yang dapat menyelesaikannya" in response.content.decode()
    assert current_task(flow_run).pk == task.pk


def test_a_double_click_gets_a_clear_message(client, flow_run, kepala):
    task = current_task(flow_run)
    client.force_login(kepala)
    url = reverse("workflow:task-complete", args=[task.pk])

    client.post(url, {"catatan": "Disposisi", "berkas": upload()})
    response = client.post(url, {"catatan": "Disposisi", "berkas": upload()}, follow=True)

    assert "Langkah 1 sudah ditindaklanjuti oleh" in response.content.decode()
    assert RunLog.objects.filter(aksi="selesai").count() == 1


def test_send_back_without_a_reason_or_to_a_bad_step_is_refused_on_the_page(client, flow_run, kepala):
    task = advance_to(flow_run, 4)
    client.force_login(kepala)
    url = reverse("workflow:task-send-back", args=[task.pk])

    for data in ({"ke_langkah": "2", "alasan": ""}, {"ke_langkah": "99", "alasan": "x"}, {"ke_langkah": "abc"}):
        response = client.post(url, data)
        assert response.status_code == 422, data
        assert 'class="alert alert-danger' in response.content.decode()
    assert current_task(flow_run).pk == task.pk

    response = client.post(url, {"ke_langkah": "2", "alasan": "Angka TW I salah"}, follow=True)
    assert "dikembalikan ke langkah 2" in response.content.decode()
    assert "Angka TW I salah" in response.content.decode()


def test_reassign_through_the_page(client, flow_run, sekretaris, colleague, outsider):
    task = advance_to(flow_run, 2)
    client.force_login(sekretaris)
    url = reverse("workflow:task-reassign", args=[task.pk])

    assert client.post(url, {"petugas": str(outsider.pk)}).status_code == 422  # not a member: not a choice
    assert client.post(url, {"petugas": "x"}).status_code == 422
    response = client.post(url, {"petugas": str(colleague.pk), "catatan": "Cuti"}, follow=True)
    assert f"dialihkan kepada {colleague}" in response.content.decode()
    assert current_task(flow_run).assignee == colleague


def test_cancel_through_the_page(client, flow_run, kepala, sekretaris):
    url = reverse("workflow:run-cancel", args=[flow_run.pk])
    client.force_login(sekretaris)
    assert "Hanya Kepala" in client.post(url, {"alasan": "x"}, follow=True).content.decode()
    client.force_login(kepala)
    assert "Tuliskan alasan" in client.post(url, {"alasan": ""}, follow=True).content.decode()

    response = client.post(url, {"alasan": "Salah periode"}, follow=True)

    assert "Pelaksanaan dibatalkan" in response.content.decode()
    flow_run.refresh_from_db()
    assert flow_run.status == "dibatalkan"


def test_transition_urls_are_post_only_and_unknown_ids_are_404(client, flow_run, kepala):
    task = current_task(flow_run)
    client.force_login(kepala)

    assert client.get(reverse("workflow:task-complete", args=[task.pk])).status_code == 405
    assert client.get(reverse("workflow:run-cancel", args=[flow_run.pk])).status_code == 405
    assert client.post(reverse("workflow:task-complete", args=[999999]), {"catatan": "x"}).status_code == 404
    assert client.get(reverse("workflow:run-detail", args=[999999])).status_code == 404
    assert client.get(reverse("workflow:monitoring-detail", args=[uuid.uuid4()])).status_code == 404
    assert client.get("/alur/abc/").status_code == 404
    assert client.get(reverse("workflow:run-list") + "?status=xx&tahun=abc&page=zz").status_code == 200
    assert client.get(reverse("workflow:role-holders") + "?opd=abc").status_code == 404


def test_uploaded_file_is_served_to_members_only(client, flow_run, kepala, staf, outsider):
    task = current_task(flow_run)
    complete_current(flow_run)
    url = reverse("workflow:task-file", args=[task.pk])

    client.force_login(staf)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(staf)
    assert client.get(reverse("workflow:task-file", args=[current_task(flow_run).pk])).status_code == 404  # no file


def test_inbox_lists_open_tasks_overdue_first_and_the_nav_counts_them(client, flow_sop, kepala):
    runs = [run_start(sop=flow_sop, tahun=YEAR, periode=p, actor=kepala) for p in ("tw1", "tw2", "tw3")]
    late = current_task(runs[2])
    late.__class__.objects.filter(pk=late.pk).update(jatuh_tempo=late.dibuka_pada.replace(year=2020))
    client.force_login(kepala)

    page = client.get(reverse("workflow:task-inbox")).content.decode()

    rows = [page.index(f'data-task="{current_task(r).pk}"') for r in runs]
    assert rows[2] < rows[0] < rows[1]  # overdue first, then by due date
    assert 'data-timeliness="terlambat"' in page
    assert 'data-testid="open-task-count">3<' in page


def test_role_holders_page_saves_and_colleagues_only_read(client, opd, flow_sop, sekretaris, staf, colleague):
    url = reverse("workflow:role-holders")
    client.force_login(staf)
    page = client.get(url).content.decode()
    assert "Staf Perencanaan" in page and "Simpan pemegang peran" not in page
    assert client.post(url, {"opd": opd.pk}).status_code == 403

    client.force_login(sekretaris)
    form = client.get(url).context["form"]
    data = {"opd": opd.pk, "daftar": form.fingerprint}
    for row, field in form.bound_rows():
        data[field.html_name] = str(colleague.pk) if row.pelaksana == "Staf Perencanaan" else str(row.holder.pk)
    response = client.post(url, data, follow=True)

    assert "Pemegang peran tersimpan (1 perubahan)" in response.content.decode()
    assert RoleHolder.objects.get(opd=opd, pelaksana="Staf Perencanaan").user == colleague
    form = client.get(url).context["form"]
    bad = {"opd": opd.pk, "daftar": form.fingerprint, form.bound_rows()[0][1].html_name: "999999"}
    assert client.post(url, bad).status_code == 422


# What each page costs in queries, whatever it shows.
RUN_PAGE_QUERIES = 14
INBOX_QUERIES = 13  # with the SOPs waiting for the user's pengesahan; each task's run (SOP, OPD) and step prefetched
RUN_LIST_QUERIES = 15  # its SOP, OPD (Pemda), active step (pelaksana), starter: prefetched (workflow.selectors)


def test_run_page_query_count_does_not_grow_with_its_steps(client, flow_run, kepala, django_assert_max_num_queries):
    client.force_login(kepala)
    url = flow_run.get_absolute_url()
    client.get(url)
    advance_to(flow_run, 2)
    client.force_login(kepala)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200

    advance_to(flow_run, 5)
    client.force_login(kepala)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200

    assert len(many) == len(few) == RUN_PAGE_QUERIES, [q["sql"] for q in many.captured_queries]


def test_inbox_and_run_list_query_counts_do_not_grow_with_rows(client, flow_sop, kepala):
    client.force_login(kepala)
    run_start(sop=flow_sop, tahun=YEAR, periode="tw1", actor=kepala)
    counts = {}
    for label in ("one", "three"):
        if label == "three":
            for periode in ("tw2", "tw3"):
                run_start(sop=flow_sop, tahun=YEAR, periode=periode, actor=kepala)
        for name in ("task-inbox", "run-list"):
            client.get(reverse(f"workflow:{name}"))
            with CaptureQueriesContext(connection) as queries:
                client.get(reverse(f"workflow:{name}"))
            counts[(name, label)] = len(queries)

    assert counts[("task-inbox", "one")] == counts[("task-inbox", "three")] == INBOX_QUERIES
    assert counts[("run-list", "one")] == counts[("run-list", "three")] == RUN_LIST_QUERIES


def test_inbox_lists_a_task_only_while_its_assignee_belongs_to_the_runs_opd(opd, other_opd):
    member = UserFactory(roles=[(opd, Keanggotaan.Peran.PENYUSUN)])
    task = TaskFactory(run=RunFactory(sop__opd=opd), assignee=member)
    stray = TaskFactory(run=RunFactory(sop__opd=other_opd), assignee=member)  # assigned, but not a member there

    assert [t.pk for t in task_inbox(user=member)] == [task.pk]
    assert stray.pk not in {t.pk for t in task_inbox(user=member)}


def test_start_page_names_the_roles_still_without_a_holder(opd):
    sop = build_sop(opd=opd, steps=3, columns=3, status="disahkan")
    RoleHolderFactory(opd=opd, pelaksana="kolom 2", user=UserFactory(roles=[(opd, Keanggotaan.Peran.PENYUSUN)]))

    assert roles_without_holder(sop=sop) == ["Kolom 1", "Kolom 3"]  # names are matched without case


def test_a_run_is_for_a_plausible_year_and_the_page_says_which(client, flow_sop, kepala):
    client.force_login(kepala)
    url = reverse("workflow:run-start", args=[flow_sop.pk])

    page = client.get(url).content.decode()
    response = client.post(url, {"tahun": "2100", "periode": "tw1"})

    assert f"Tahun {YEAR - 1}, {YEAR}, {YEAR + 1}." in page
    assert response.status_code == 422
    assert f"Tahun 2100 tidak bisa dipilih: pelaksanaan untuk tahun {YEAR - 1}, {YEAR}, {YEAR + 1}." in (
        response.content.decode()
    )
    assert not Run.objects.exists()
