"""`generate_scale_data` builds a dataset the pages can show, and the lists never count past what a person pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from sakip.kinerja.models import FormLog, FormPengukuran, Indikator, PerjanjianKinerja, Realisasi, Target
from sakip.models import Keanggotaan, Opd, User
from sakip.pagination import CappedPaginator, page_of
from sop.models import Langkah, Sop
from tests.sakip.factories import OpdFactory
from workflow.models import Run, Task
from workflow.signing.models import DokumenTertandatangan

pytestmark = pytest.mark.django_db
F = FormPengukuran.Status


@pytest.fixture
def scale(capsys, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("generate_scale_data", opd=4, sops=40, runs=12, seed=7, prefix="uji")
    return capsys.readouterr().out


def one_opd_login(scale: str) -> User:
    return User.objects.get(username=scale.split("Satu OPD saja")[1].split(":")[1].split()[0])


def test_the_dataset_is_what_the_application_would_have_written(scale):
    assert Opd.objects.count() == 4
    current = Sop.objects.exclude(status=Sop.Status.DIGANTI)
    assert current.count() == 40
    sizes = [sop.langkah.count() for sop in current]
    assert min(sizes) >= 5 and max(sizes) <= 60
    for old in Sop.objects.filter(status=Sop.Status.DIGANTI):
        assert Sop.objects.filter(seri=old.seri, versi=2).exists()  # a replaced version has its successor
    assert Langkah.objects.filter(simbol=Langkah.Simbol.KEPUTUSAN, ya_ke__isnull=True).count() == 0
    assert Run.objects.count() == 12
    for run in Run.objects.filter(status=Run.Status.BERJALAN):
        open_tasks = list(run.tasks.filter(status=Task.Status.TERBUKA))
        assert len(open_tasks) == 1 and open_tasks[0].langkah_id == run.langkah_aktif_id
    for run in Run.objects.exclude(status=Run.Status.BERJALAN):
        assert not run.tasks.filter(status=Task.Status.TERBUKA).exists()
    assert set(Run.objects.values_list("sop__status", flat=True)) == {Sop.Status.DISAHKAN}


def test_it_prints_a_province_login_and_a_one_opd_login_that_work(scale, client):
    assert "uji.provinsi" in scale and "skala12345" in scale
    wide = User.objects.get(username="uji.provinsi")
    assert Keanggotaan.objects.filter(user=wide).values("opd").distinct().count() == 4
    one = one_opd_login(scale)
    assert Keanggotaan.objects.filter(user=one).values("opd").distinct().count() == 1
    assert client.login(username=one.username, password="skala12345")
    page = client.get(reverse("sop:sop-list"))
    assert page.status_code == 200
    assert "10 SOP" in page.content.decode()  # 40 SOPs over 4 OPDs: only the own OPD's


def test_every_opd_has_a_year_of_kinerja_data(scale):
    for opd in Opd.objects.all():
        indikator = Indikator.objects.filter(sasaran__opd=opd)
        assert 2 <= opd.sasaran_strategis.count() <= 4
        assert 3 <= indikator.count() <= 12
        assert indikator.values("unit").distinct().count() >= 3  # spread over the OPD's units
        versions = list(PerjanjianKinerja.objects.filter(opd=opd).order_by("versi"))
        assert [v.berlaku_mulai for v in versions] in ([1], [1, 3])
        for version in versions:
            assert Target.objects.filter(pk_versi=version).count() == indikator.count()
        assert Realisasi.objects.filter(indikator__in=indikator).count() == 2 * indikator.count()
        assert set(Realisasi.objects.filter(indikator__in=indikator).values_list("triwulan", flat=True)) == {1, 2}
    assert PerjanjianKinerja.objects.filter(versi=2).count() == 1  # every third OPD: the second of four
    assert set(FormPengukuran.objects.values_list("status", flat=True)) <= {F.DRAF, F.DIAJUKAN, F.DIVALIDASI}
    for form in FormPengukuran.objects.all():  # each form's log is the chain of moves to its status
        chain = list(FormLog.objects.filter(form=form).order_by("pk").values_list("dari", "ke"))
        expected = {F.DRAF: [], F.DIAJUKAN: [(F.DRAF, F.DIAJUKAN)]}
        expected[F.DIVALIDASI] = [(F.DRAF, F.DIAJUKAN), (F.DIAJUKAN, F.DIVALIDASI)]
        assert chain == expected[form.status]


def test_every_signed_sop_has_its_own_record_of_one_shared_signed_file(scale):
    signed = Sop.objects.filter(status__in=[Sop.Status.DISAHKAN, Sop.Status.DIGANTI])
    documents = DokumenTertandatangan.objects.all()
    assert documents.count() == signed.count() > 0
    assert set(documents.values_list("sop", flat=True)) == set(signed.values_list("pk", flat=True))
    assert documents.values("token").distinct().count() == documents.count()
    assert documents.values("sha256").distinct().count() == 1  # one Pemda: one real signature
    assert documents.values("berkas").distinct().count() == 1


def test_the_generated_logins_open_the_kinerja_pages_arsip_and_a_verification_page(scale, client):
    one = one_opd_login(scale)
    client.force_login(one)
    assert client.get(reverse("kinerja:dashboard")).status_code == 200
    form = FormPengukuran.objects.filter(unit=one.pegawai.unit, triwulan=2).get()
    args = (form.opd_id, form.tahun, 2, form.unit_id)
    page = client.get(reverse("kinerja:form", args=args))
    assert page.status_code == 200 and Indikator.objects.filter(unit=form.unit).first().nama in page.content.decode()
    assert client.get(reverse("signing:arsip")).status_code == 200
    client.force_login(User.objects.get(username="uji.provinsi"))
    assert client.get(reverse("kinerja:dashboard") + f"?opd={form.opd_id}").status_code == 200
    assert client.get(reverse("signing:arsip")).status_code == 200
    client.logout()
    shared = DokumenTertandatangan.objects.filter(sop__status=Sop.Status.DISAHKAN).order_by("-pk").first()
    page = client.get(shared.get_absolute_url())
    assert page.status_code == 200 and page.context["state"].key == "sah" and shared.judul in page.content.decode()
    held = SimpleUploadedFile("sop.pdf", shared.berkas.read(), content_type="application/pdf")
    page = client.post(shared.get_absolute_url(), {"berkas": held})
    assert page.status_code == 200 and page.context["same"] is True


def test_the_same_seed_builds_the_same_titles(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("generate_scale_data", opd=2, sops=6, runs=0, seed=3, prefix="a")
    first = list(Sop.objects.order_by("pk").values_list("judul", flat=True))
    DokumenTertandatangan.objects.all().delete()
    Sop.objects.all().delete()
    call_command("generate_scale_data", opd=2, sops=6, runs=0, seed=3, prefix="b")
    assert list(Sop.objects.order_by("pk").values_list("judul", flat=True)) == first


def test_the_count_stops_at_the_cap_and_says_so(django_assert_num_queries):
    OpdFactory.create_batch(13)
    capped = CappedPaginator(Opd.objects.order_by("pk"), 2, cap_pages=5)
    with django_assert_num_queries(1):  # one COUNT over a LIMIT of cap + 1 rows
        assert capped.count == 10
    assert capped.is_capped and capped.num_pages == 5
    whole = CappedPaginator(Opd.objects.order_by("pk"), 5, cap_pages=5)
    assert whole.count == 13 and not whole.is_capped and whole.num_pages == 3


def test_a_page_past_the_end_is_the_last_page():
    request = RequestFactory().get("/", {"page": "999"})
    page = page_of(request, Opd.objects.order_by("pk"), per_page=2)
    assert page.number == 1  # no OPD at all: the one empty page
