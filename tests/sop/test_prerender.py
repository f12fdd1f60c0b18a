"""PDFs rendered in the background after a save, and one render per content however many ask at once."""

import threading
import time

import pytest

from sop.models import Sop
from sop.printing import render
from sop.printing.layout import PAPERS
from sop.services import content_of, sop_update
from sop.transitions import sop_submit
from tests.sop.factories import build_sop


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_saved_draft_is_rendered_in_every_paper_so_the_download_is_a_hit(
    settings, opd, penyusun, django_capture_on_commit_callbacks
):
    settings.SOP_PRERENDER = True  # the test settings' task backend runs the task inline, after the commit
    sop = build_sop(opd=opd, steps=4, dibuat_oleh=penyusun)
    content = content_of(sop)
    content.judul = "Judul baru"
    with django_capture_on_commit_callbacks(execute=True):
        sop_update(sop=sop, content=content, updated_by=penyusun, expected_version=sop.lock_version)
    sop = Sop.objects.get(pk=sop.pk)
    assert [render.cached_sop_pdf(sop, paper)[1] for paper in PAPERS] == [True] * len(PAPERS)


def test_submitting_renders_the_submitted_version(settings, opd, penyusun, kepala, django_capture_on_commit_callbacks):
    settings.SOP_PRERENDER = True
    sop = build_sop(opd=opd, steps=4, dibuat_oleh=penyusun, pengesah=kepala.pegawai)
    with django_capture_on_commit_callbacks(execute=True):
        sop_submit(sop=sop, actor=penyusun)
    sop = Sop.objects.get(pk=sop.pk)
    assert render.cached_sop_pdf(sop, "A4")[1] is True  # diajukan: a new content (the status), already rendered


def test_off_nothing_is_rendered_on_save(settings, opd, penyusun, django_capture_on_commit_callbacks):
    settings.SOP_PRERENDER = False
    sop = build_sop(opd=opd, steps=4, dibuat_oleh=penyusun)
    with django_capture_on_commit_callbacks(execute=True):
        sop_update(sop=sop, content=content_of(sop), updated_by=penyusun, expected_version=sop.lock_version)
    assert not list(settings.MEDIA_ROOT.rglob("*.pdf"))


@pytest.mark.django_db(transaction=True)
def test_downloads_that_come_during_a_render_wait_for_it_and_never_render_twice(monkeypatch, opd):
    sop = build_sop(opd=opd, steps=4)
    sop = Sop.objects.select_related("opd__pemda").get(pk=sop.pk)
    calls = []
    real = render.render_sop_pdf

    def slow_render(sop, paper):
        calls.append(paper)
        time.sleep(0.5)  # long enough for the other requests to arrive while it runs
        return real(sop, paper)

    monkeypatch.setattr(render, "render_sop_pdf", slow_render)
    results = []

    def download():
        results.append(render.cached_sop_pdf(sop, "A4"))

    threads = [threading.Thread(target=download) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == ["A4"]
    assert sorted(hit for _path, hit in results) == [False, True, True, True]
    assert len({path for path, _hit in results}) == 1 and results[0][0].read_bytes().startswith(b"%PDF")
