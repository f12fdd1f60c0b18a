import datetime

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sakip.dates import tanggal_indonesia
from sakip.golongan import pangkat_golongan
from sakip.models import Keanggotaan, Pemda
from sakip.selectors import FEW_OPDS, opds_of, visible_to
from sop.models import Sop, SopStatusLog
from tests.sakip.factories import OpdFactory, PegawaiFactory, PemdaFactory, UserFactory
from tests.sop.factories import SopFactory, build_sop


def test_indonesian_date_is_written_as_on_signed_documents():
    assert tanggal_indonesia(datetime.date(2020, 2, 5)) == "05 Februari 2020"
    assert tanggal_indonesia(datetime.date(2023, 7, 17), with_day=True) == "Senin, 17 Juli 2023"
    assert tanggal_indonesia(None) == ""


def test_pangkat_comes_from_the_real_table():
    assert pangkat_golongan("IV/c") == "Pembina Utama Muda, IV/c"
    assert pangkat_golongan("III/b") == "Penata Muda Tingkat I, III/b"
    assert pangkat_golongan("V/a") == ""


@pytest.mark.django_db
def test_pegawai_with_bad_nip_does_not_validate():
    pegawai = PegawaiFactory.build(opd=OpdFactory(), nip="196908151998033008")

    with pytest.raises(ValidationError) as caught:
        pegawai.full_clean()

    assert "nip" in caught.value.message_dict


@pytest.mark.django_db
def test_user_logs_in_with_username_or_grouped_nip():
    opd = OpdFactory()
    user = UserFactory(username="ramli")
    PegawaiFactory(opd=opd, user=user, nip="196908151998031008")

    assert authenticate(username="ramli", password="rahasia123") == user
    assert authenticate(username="19690815 199803 1 008", password="rahasia123") == user
    assert authenticate(username="196908151998031008", password="salah") is None
    assert authenticate(username="tidakada", password="rahasia123") is None


@pytest.mark.django_db
def test_login_page_says_what_to_fix_and_keeps_username(client):
    response = client.post(reverse("login"), {"username": "ramli", "password": "salah"})

    assert response.status_code == 200
    assert "Nama pengguna/NIP atau kata sandi salah" in response.content.decode()
    assert 'value="ramli"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("member_of", [1, FEW_OPDS, FEW_OPDS + 1])
def test_the_opds_seen_are_the_same_named_or_asked_in_a_subquery(member_of, django_assert_num_queries):
    """Up to FEW_OPDS the filter names the user's OPDs, beyond it asks their memberships: the rows are the same."""
    pemda = PemdaFactory()
    opds = [OpdFactory(pemda=pemda) for _ in range(member_of + 2)]
    user = UserFactory(roles=[(opd, Keanggotaan.Peran.PENYUSUN) for opd in opds[:member_of]])
    sops = [SopFactory(opd=opd) for opd in opds]

    with django_assert_num_queries(2):  # the roles, then the SOPs
        seen = list(visible_to(user, Sop.objects.all()))
    named = "sop_sop.opd_id IN (SELECT" not in str(visible_to(user, Sop.objects.all()).query).replace('"', "")

    assert sorted(s.pk for s in seen) == sorted(s.pk for s in sops[:member_of])
    assert named == (member_of <= FEW_OPDS)
    assert set(opds_of(user)) == set(opds[:member_of])


@pytest.mark.django_db
def test_user_sees_only_opds_they_belong_to():
    mine, theirs = OpdFactory(), OpdFactory()
    user = UserFactory(roles=[(mine, Keanggotaan.Peran.PENYUSUN)])
    admin = UserFactory(is_superuser=True)

    assert list(opds_of(user)) == [mine]
    assert set(opds_of(admin)) == {mine, theirs}


@pytest.mark.django_db
def test_times_are_shown_in_the_pemda_zone(client):
    pemda = PemdaFactory(zona_waktu=Pemda.ZonaWaktu.WIT)
    opd = OpdFactory(pemda=pemda)
    user = UserFactory(roles=[(opd, Keanggotaan.Peran.PENYUSUN)])
    sop = build_sop(opd=opd)
    SopStatusLog.objects.create(sop=sop, actor=user, dari="draft", ke="diajukan")
    client.force_login(user)

    page = client.get(sop.get_absolute_url()).content.decode()

    assert "WIT" in page
    assert pemda.zona_singkat == "WIT"


@pytest.mark.django_db
def test_admin_form_refuses_bad_nip_and_keeps_the_input(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    opd = OpdFactory()
    client.force_login(admin)

    response = client.post(
        reverse("admin:sakip_pegawai_add"),
        {"opd": opd.pk, "nama": "Drs. Budi Santoso", "nip": "19690815 199803 3 008", "golongan": "III/a"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Angka ke-15 NIP adalah jenis kelamin" in page
    assert "Drs. Budi Santoso" in page
    assert not opd.pegawai_set.exists()


@pytest.mark.django_db
def test_the_greeting_and_the_user_menu_name_the_first_opds_read_once(client):
    """A user of five OPDs: the Beranda greets with the first three, the user menu shows two; one query reads them."""
    pemda = PemdaFactory()
    opds = [OpdFactory(pemda=pemda, nama=f"Dinas {letter}", singkatan=f"D{letter}") for letter in "ABCDE"]
    user = UserFactory(roles=[(opd, Keanggotaan.Peran.PENYUSUN) for opd in opds])
    client.force_login(user)

    page = client.get(reverse("home")).content.decode()

    greeting = page.split("Selamat datang", 1)[1].split("</p>", 1)[0]
    assert "di DA, DB, DC." in greeting and "DD" not in greeting
    menu = page.split('data-testid="user-menu"', 1)[1].split("</button>", 1)[0]
    assert "DA" in menu and "DB" in menu and "DC" not in menu
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("home"))
    opd_reads = [q["sql"] for q in captured.captured_queries if q["sql"].startswith('SELECT "sakip_opd"."id"')]
    assert all("LIMIT" in sql for sql in opd_reads)  # never every OPD of the user
    assert sum("EXISTS" not in sql for sql in opd_reads) == 1  # the names, once (the kinerja card picks its own)
