"""'Disahkan oleh' is the OPD's Kepala or a Plt./Plh. Kepala in force, printed with that prefix, checked at approval."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sakip.models import Keanggotaan, Opd, PenjabatKepala, User
from sakip.pengesah import today_in
from sop.forms import SopForm
from sop.models import Sop, SopStatusLog
from sop.services import sop_create, sop_update
from sop.transitions import TransitionError, sop_approve, sop_revise
from tests.sakip.factories import OpdFactory, PegawaiFactory, UserFactory
from tests.sop.editor_data import five_step_sop
from tests.sop.factories import build_sop
from tests.sop.test_services import content

pytestmark = pytest.mark.django_db
S = Sop.Status
Peran = Keanggotaan.Peran
DAY = datetime.timedelta(days=1)


@pytest.fixture
def sekretaris_pegawai(opd, sekretaris):
    return PegawaiFactory(opd=opd, user=sekretaris, nama="Siti Rahmawati, S.E.", jabatan="Sekretaris Badan")


def designate(opd, pegawai, jenis="plt", *, start=-10, end=None, jabatan="Kepala Badan Perencanaan Contoh"):
    today = today_in(opd)
    return PenjabatKepala.objects.create(
        opd=opd, pegawai=pegawai, jenis=jenis, jabatan=jabatan, mulai=today + start * DAY,
        selesai=None if end is None else today + end * DAY,
    )  # fmt: skip


def test_the_author_as_pengesah_is_refused_at_approval_with_what_to_do(opd, penyusun, kepala):
    author = PegawaiFactory(opd=opd, user=penyusun, nama="Nur Aisyah, S.Kom", jabatan="Penyusun Program")
    sop = build_sop(opd=opd, status=S.DIAJUKAN, pengesah=author)

    with pytest.raises(TransitionError) as refused:
        sop_approve(sop=sop, actor=kepala)

    message = str(refused.value)
    assert "Nur Aisyah, S.Kom bukan Kepala" in message and "tidak sedang ditunjuk sebagai Plt./Plh. Kepala" in message
    assert "minta Admin OPD mencatat penunjukan" in message
    sop.refresh_from_db()
    assert (sop.status, sop.disahkan_nama) == (S.DIAJUKAN, "")
    assert not SopStatusLog.objects.filter(sop=sop, ke=S.DISAHKAN).exists()


def test_a_plt_in_force_prints_with_the_prefix_before_and_after_approval(opd, kepala, sekretaris_pegawai):
    designate(opd, sekretaris_pegawai, "plt")
    sop = build_sop(opd=opd, status=S.DIAJUKAN, pengesah=sekretaris_pegawai)

    before = Sop.objects.get(pk=sop.pk).pengesah_tampil
    sop_approve(sop=sop, actor=kepala)

    sop.refresh_from_db()
    assert before["jabatan"] == "Plt. Kepala Badan Perencanaan Contoh"
    assert (sop.disahkan_jabatan, sop.disahkan_nama) == ("Plt. Kepala Badan Perencanaan Contoh", "Siti Rahmawati, S.E.")
    assert sop.pengesah_tampil["jabatan"] == "Plt. Kepala Badan Perencanaan Contoh"


def test_a_plh_whose_days_ended_or_not_yet_begun_cannot_approve(opd, kepala, sekretaris_pegawai):
    row = designate(opd, sekretaris_pegawai, "plh", start=-5, end=-1)
    sop = build_sop(opd=opd, status=S.DIAJUKAN, pengesah=sekretaris_pegawai)

    with pytest.raises(TransitionError, match="tidak sedang ditunjuk"):
        sop_approve(sop=sop, actor=kepala)
    assert Sop.objects.get(pk=sop.pk).pengesah_tampil["jabatan"] == "Sekretaris Badan"  # no prefix out of its days

    row.mulai, row.selesai = today_in(opd) + DAY, today_in(opd) + 3 * DAY
    row.save()
    with pytest.raises(TransitionError, match="tidak sedang ditunjuk"):
        sop_approve(sop=sop, actor=kepala)

    row.mulai = today_in(opd)
    row.save()
    assert sop_approve(sop=sop, actor=kepala).disahkan_jabatan == "Plh. Kepala Badan Perencanaan Contoh"


def test_a_plt_of_another_opd_of_the_same_pemda_may_sign_one_of_another_pemda_may_not(opd, kepala):
    neighbour = OpdFactory(pemda=opd.pemda)
    plt = PegawaiFactory(opd=neighbour, nama="Ir. Hamzah", jabatan="Kepala Dinas Tetangga")
    designate(opd, plt)
    sop = build_sop(opd=opd, status=S.DIAJUKAN, pengesah=plt)

    assert sop_approve(sop=sop, actor=kepala).disahkan_nama == "Ir. Hamzah"
    stranger = PegawaiFactory(opd=OpdFactory())
    with pytest.raises(ValidationError, match="Pemda yang sama"):
        PenjabatKepala(opd=opd, pegawai=stranger, jenis="plt", jabatan="Kepala", mulai=today_in(opd)).full_clean()


def test_the_kepala_approving_with_no_pengesah_chosen_signs_as_himself(opd, kepala):
    sop = build_sop(opd=opd, status=S.DIAJUKAN, pengesah=None)

    assert sop_approve(sop=sop, actor=kepala).disahkan_nama == "Dr. Kepala Badan, M.Si"


def test_the_editor_offers_only_the_kepala_and_the_plt_in_force(opd, kepala, penyusun, sekretaris_pegawai):
    author = PegawaiFactory(opd=opd, user=penyusun, nama="Nur Aisyah, S.Kom")
    ended = PegawaiFactory(opd=opd, nama="Mantan Plh, S.H.")
    designate(opd, sekretaris_pegawai, "plt")
    designate(opd, ended, "plh", start=-9, end=-2)

    options = [label for value, label in SopForm(opd=opd).fields["pengesah"].choices if value]

    assert options == [
        "Dr. Kepala Badan, M.Si — Kepala Badan",
        "Siti Rahmawati, S.E. — Plt. Kepala Badan Perencanaan Contoh",
    ]
    form = SopForm(data={"judul": "Rapat", "pengesah": author.pk}, opd=opd)
    assert not form.is_valid()
    assert form.errors["pengesah"] == [
        "Pejabat pengesah harus Kepala OPD ini atau Plt./Plh. Kepala yang sedang berlaku. Pilih dari daftar."
    ]


def test_the_editor_refuses_the_author_as_pengesah_and_keeps_the_input(client, opd, penyusun, kepala):
    author = PegawaiFactory(opd=opd, user=penyusun)
    client.force_login(penyusun)

    response = client.post(reverse("sop:sop-create"), {**five_step_sop(opd), "sop-pengesah": author.pk})

    assert response.status_code == 422
    assert "Pejabat pengesah harus Kepala OPD ini" in response.content.decode()
    assert not Sop.objects.exists()


def test_services_check_a_newly_chosen_pengesah_but_keep_saving_an_unchanged_one(opd, penyusun, kepala):
    outsider = PegawaiFactory(opd=opd, nama="Bukan Pejabat")
    with pytest.raises(ValidationError, match="Bukan Pejabat bukan keduanya"):
        sop_create(opd=opd, content=content(pengesah=outsider), created_by=penyusun)

    sop = sop_create(opd=opd, content=content(pengesah=kepala.pegawai), created_by=penyusun)
    Keanggotaan.objects.filter(user=kepala).delete()  # the Kepala moved on; the draft still names him
    changed = content(pengesah=kepala.pegawai, judul="Rapat Koordinasi Triwulan")

    assert (
        sop_update(sop=sop, content=changed, updated_by=penyusun, expected_version=0).judul
        == "Rapat Koordinasi Triwulan"
    )


@pytest.fixture
def ani(opd):
    """The OPD's admin."""
    return UserFactory(username="ani", roles=[(opd, Peran.ADMIN_OPD)])


def test_opd_admin_records_and_ends_a_plt_by_nip_with_history(client, opd, ani, sekretaris_pegawai):
    client.force_login(ani)
    url = reverse("pengesah")
    data = {"opd": opd.pk, "jenis": "plt", "nip": sekretaris_pegawai.nip_tampil, "jabatan": "Kepala Badan Contoh",
            "mulai": today_in(opd).strftime("%d/%m/%Y"), "dasar": "Surat Perintah 800/12/2026"}  # fmt: skip

    response = client.post(url, data)

    row = PenjabatKepala.objects.get()
    assert response.status_code == 302
    assert (row.pegawai, row.jabatan_tampil, row.selesai) == (sekretaris_pegawai, "Plt. Kepala Badan Contoh", None)
    assert row.history.get().history_user == ani
    page = client.get(url).content.decode()
    assert "Plt. Kepala Badan Contoh" in page and "berlaku" in page
    end = today_in(opd).strftime("%d/%m/%Y")
    assert client.post(reverse("penjabat-end", args=[row.pk]), {"selesai": end}).status_code == 302
    row.refresh_from_db()
    assert row.selesai == today_in(opd) and row.history.first().history_user == ani


def test_a_wrong_nip_or_dates_say_what_to_fix(client, opd, ani):
    client.force_login(ani)
    today = today_in(opd)
    data = {"opd": opd.pk, "jenis": "plh", "nip": "19800101 200501 1 999", "jabatan": "Kepala",
            "mulai": today.strftime("%d/%m/%Y"), "selesai": (today - DAY).strftime("%d/%m/%Y")}  # fmt: skip

    page = client.post(reverse("pengesah"), data).content.decode()

    assert "Tidak ada pegawai" in page and "dengan NIP 19800101 200501 1 999" in page
    assert "Tanggal akhir tidak boleh sebelum tanggal mulai." in page
    assert not PenjabatKepala.objects.exists()


def test_only_the_opds_admin_reaches_its_pengesah_page(client, opd, other_opd, ani, kepala, sekretaris_pegawai):
    row = designate(opd, sekretaris_pegawai)
    other_admin = UserFactory(roles=[(other_opd, Peran.ADMIN_OPD)])

    client.force_login(kepala)
    assert client.get(reverse("pengesah")).status_code == 404
    client.force_login(other_admin)
    assert client.get(reverse("pengesah"), {"opd": opd.pk}).status_code == 404
    assert client.post(reverse("penjabat-end", args=[row.pk]), {"selesai": "01/01/2030"}).status_code == 404
    client.force_login(ani)
    assert client.get(reverse("pengesah"), {"opd": opd.pk}).status_code == 200
    row.refresh_from_db()
    assert row.selesai is None


def test_the_demo_kepala_is_a_valid_pengesah_of_the_seed_sop(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("loaddata", "organisasi", "demo_users", "sop_seeds", verbosity=0)
    banggai = Opd.objects.get(singkatan="Bappeda & Litbang")
    seed = Sop.objects.get(opd=banggai, status=S.DISAHKAN)
    revision = sop_revise(sop=seed, actor=User.objects.get(username="penyusun.banggai"))
    Sop.objects.filter(pk=revision.pk).update(status=S.DIAJUKAN)

    signed = sop_approve(sop=revision, actor=User.objects.get(username="kepala.banggai"))

    assert signed.disahkan_jabatan == "Kepala Bappeda dan Litbang Kabupaten Banggai"
    assert signed.disahkan_pada <= timezone.now()
