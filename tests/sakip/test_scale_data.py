"""`generate_scale_data` builds a dataset the pages can show, and the lists never count past what a person pages."""

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from sakip.models import Keanggotaan, Opd, User
from sakip.pagination import CappedPaginator, page_of
from sop.models import Langkah, Sop
from tests.sakip.factories import OpdFactory
from workflow.models import Run, Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def scale(capsys):
    call_command("generate_scale_data", opd=4, sops=40, runs=12, seed=7, prefix="uji")
    return capsys.readouterr().out


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
    one = User.objects.get(username=scale.split("Satu OPD saja")[1].split(":")[1].split()[0])
    assert Keanggotaan.objects.filter(user=one).values("opd").distinct().count() == 1
    assert client.login(username=one.username, password="skala12345")
    page = client.get(reverse("sop:sop-list"))
    assert page.status_code == 200
    assert "10 SOP" in page.content.decode()  # 40 SOPs over 4 OPDs: only the own OPD's


def test_the_same_seed_builds_the_same_titles():
    call_command("generate_scale_data", opd=2, sops=6, runs=0, seed=3, prefix="a")
    first = list(Sop.objects.order_by("pk").values_list("judul", flat=True))
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
