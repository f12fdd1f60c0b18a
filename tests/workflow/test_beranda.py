"""The Beranda of each role shows exactly what waits for that person, and nothing of another OPD."""

import pytest
from django.urls import reverse

from sakip.models import Keanggotaan
from sop.models import Sop
from sop.transitions import sop_return, sop_submit
from tests.sakip.factories import UserFactory
from tests.sop.factories import build_sop
from tests.workflow.conftest import advance_to
from workflow.transitions import task_send_back

pytestmark = pytest.mark.django_db
Peran = Keanggotaan.Peran


def _sections(client, user) -> dict[str, str]:
    client.force_login(user)
    page = client.get(reverse("home")).content.decode()
    found = {}
    for part in page.split('data-section="')[1:]:
        key, _rest = part.split('"', 1)
        found[key] = part
    return found


def test_kepala_sees_what_waits_for_pengesahan_in_his_opd_only(client, opd, other_opd, kepala, penyusun):
    mine = build_sop(opd=opd, status=Sop.Status.DIAJUKAN, judul="SOP Rapat Koordinasi")
    theirs = build_sop(opd=other_opd, status=Sop.Status.DIAJUKAN, judul="SOP Opd Lain")
    build_sop(opd=opd, status=Sop.Status.DRAFT, judul="SOP Masih Draf")

    sections = _sections(client, kepala)

    assert mine.judul in sections["tanda-tangan"]
    assert theirs.judul not in "".join(sections.values())
    assert "SOP Masih Draf" not in sections["tanda-tangan"]
    page = client.get(reverse("home")).content.decode()
    assert 'data-testid="waiting-count" title="Menunggu tindakan Anda">1<' in page  # the navigation bar
    assert "tanda-tangan" not in _sections(client, penyusun)  # a penyusun approves nothing


def test_penyusun_sees_own_drafts_returned_first_with_the_reason(client, opd, penyusun, kepala):
    colleague = UserFactory(roles=[(opd, Peran.PENYUSUN)])
    plain = build_sop(opd=opd, judul="SOP Draf Biasa", dibuat_oleh=penyusun)
    returned = build_sop(opd=opd, judul="SOP Yang Dikembalikan", dibuat_oleh=penyusun)
    build_sop(opd=opd, judul="SOP Milik Rekan", dibuat_oleh=colleague)
    sop_submit(sop=returned, actor=penyusun)
    sop_return(sop=returned, actor=kepala, reason="Tambahkan Perpres 29/2014 pada dasar hukum")

    drafts = _sections(client, penyusun)["sop-drafts"]

    assert drafts.index("SOP Yang Dikembalikan") < drafts.index(plain.judul)
    assert "Tambahkan Perpres 29/2014 pada dasar hukum" in drafts
    assert "SOP Milik Rekan" not in drafts
    sop_page = client.get(returned.get_absolute_url()).content.decode()
    assert "Tambahkan Perpres 29/2014 pada dasar hukum" in sop_page  # also on the SOP's own page


def test_everyone_sees_open_tasks_and_runs_of_their_opd(client, flow_run, staf, kepala, outsider):
    advance_to(flow_run, 2)

    staff = _sections(client, staf)
    assert "Menyusun draf laporan" in staff["tasks"]
    assert flow_run.sop.judul in staff["runs"]
    assert "tasks" not in _sections(client, kepala) and flow_run.sop.judul in _sections(client, kepala)["runs"]
    assert _sections(client, outsider) == {}
    client.force_login(outsider)
    assert "Tidak ada yang menunggu Anda" in client.get(reverse("home")).content.decode()


def test_a_task_sent_back_shows_the_reason_in_its_own_panel(client, flow_run, sekretaris, staf):
    task = advance_to(flow_run, 3)
    task_send_back(task=task, actor=sekretaris, to_step=2, reason="Tabel capaian TW I belum lengkap")
    client.force_login(staf)

    page = client.get(flow_run.get_absolute_url()).content.decode()

    card = page[page.index('id="current-task"') : page.index("complete-form")]
    assert "Dikembalikan dari langkah 3" in card and "Tabel capaian TW I belum lengkap" in card
