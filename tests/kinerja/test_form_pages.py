"""The Form Pengukuran Kinerja in the browser's terms: fill, live capaian, lock, validate, unlock, other OPDs."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from sakip.kinerja.models import FormLog, FormPengukuran, Realisasi
from tests.kinerja.conftest import TAHUN, add_indikator

pytestmark = pytest.mark.django_db


def url(opd, unit, name="kinerja:form", *extra, tw=1):
    return reverse(name, args=(opd.pk, TAHUN, tw, unit.pk, *extra))


def post_rows(rows, **values):
    data = {}
    for ind in rows:
        for field in ("nilai", "teks", "catatan", "tindak_lanjut", "realisasi_anggaran"):
            data[f"r{ind.pk}-{field}"] = values.get(f"{ind.pk}-{field}", "")
    return data


def test_staff_saves_realisasi_typed_the_indonesian_way(client, opd, bidang, staf, year):
    _pk, rows = year
    client.force_login(staf)
    typed = {f"{rows[1].pk}-nilai": "78,5", f"{rows[0].pk}-nilai": "2", f"{rows[0].pk}-catatan": "Tepat"}
    data = post_rows(rows, **typed)
    response = client.post(url(opd, bidang), data)
    assert response.status_code == 302
    saved = Realisasi.objects.get(indikator=rows[1], triwulan=1)
    assert str(saved.nilai) == "78.5000" and saved.diubah_oleh == staf
    assert not Realisasi.objects.filter(indikator=rows[2]).exists()  # left empty: no row
    assert saved.history.first().history_user == staf
    page = client.get(url(opd, bidang)).content.decode()
    assert "104,67%" in page  # 78,5 ÷ 75
    assert "100,00%" in page


def test_bad_number_keeps_what_was_typed_and_saves_nothing(client, opd, bidang, staf, year):
    _pk, rows = year
    client.force_login(staf)
    data = post_rows(rows, **{f"{rows[0].pk}-nilai": "2", f"{rows[1].pk}-nilai": "tujuh puluh"})
    response = client.post(url(opd, bidang), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "“tujuh puluh” bukan angka" in page and 'value="tujuh puluh"' in page
    assert not Realisasi.objects.exists()


def test_live_capaian_uses_the_same_rules(client, opd, bidang, staf, year):
    _pk, rows = year
    client.force_login(staf)
    negative = rows[2]
    response = client.post(url(opd, bidang, "kinerja:form-hitung", negative.pk), {f"r{negative.pk}-nilai": "12"})
    assert "107,69%" in response.content.decode()  # (2 × 13 − 12) ÷ 13
    response = client.post(url(opd, bidang, "kinerja:form-hitung", negative.pk), {f"r{negative.pk}-nilai": "x"})
    assert "bukan angka" in response.content.decode()
    assert not Realisasi.objects.exists()


def move(client, opd, unit, name, alasan=""):
    return client.post(url(opd, unit, "kinerja:form-move", name), {"alasan": alasan})


def test_validation_lock_and_unlock_with_the_three_people(client, opd, bidang, staf, kabid, kabid_lain, outsider, year):
    _pk, rows = year
    client.force_login(staf)
    move(client, opd, bidang, "ajukan")
    form = FormPengukuran.objects.get()
    assert form.status == "diajukan"
    # Submitted: locked for the staff.
    client.post(url(opd, bidang), post_rows(rows, **{f"{rows[0].pk}-nilai": "1"}))
    assert not Realisasi.objects.exists()
    # The staff cannot validate their own form, nor can the Kabid of another bidang.
    move(client, opd, bidang, "validasi")
    client.force_login(kabid_lain)
    move(client, opd, bidang, "validasi")
    form.refresh_from_db()
    assert form.status == "diajukan"
    # Another OPD does not even see it.
    client.force_login(outsider)
    assert client.get(url(opd, bidang)).status_code == 404
    assert move(client, opd, bidang, "validasi").status_code == 404
    # The Kabid validates; unlocking needs a reason.
    client.force_login(kabid)
    move(client, opd, bidang, "validasi")
    move(client, opd, bidang, "buka")
    form.refresh_from_db()
    assert form.status == "divalidasi"
    move(client, opd, bidang, "buka", "Realisasi TW I salah ketik")
    form.refresh_from_db()
    assert form.status == "draf" and form.alasan == "Realisasi TW I salah ketik"
    log = list(FormLog.objects.values_list("move", "oleh__username", "alasan"))
    assert log == [("ajukan", "staf", ""), ("validasi", "kabid", ""), ("buka", "kabid", "Realisasi TW I salah ketik")]


def test_returned_form_shows_why_and_can_be_submitted_again(client, opd, bidang, staf, kabid, year):
    client.force_login(staf)
    move(client, opd, bidang, "ajukan")
    client.force_login(kabid)
    move(client, opd, bidang, "kembalikan", "Lampirkan bukti notulen rapat")
    client.force_login(staf)
    page = client.get(url(opd, bidang)).content.decode()
    assert "Lampirkan bukti notulen rapat" in page
    move(client, opd, bidang, "ajukan")
    assert FormPengukuran.objects.get().status == "diajukan"
    assert FormLog.objects.count() == 3


def test_evidence_is_checked_and_served_only_inside_the_opd(client, opd, bidang, staf, outsider, year):
    _pk, rows = year
    client.force_login(staf)
    fake = SimpleUploadedFile("notulen.pdf", b"MZ not a pdf")
    client.post(url(opd, bidang, "kinerja:bukti-add", rows[0].pk), {"berkas": fake})
    assert not Realisasi.objects.filter(bukti__isnull=False).exists()
    good = SimpleUploadedFile("notulen.pdf", b"%PDF-1.4\n%%EOF\n")
    client.post(url(opd, bidang, "kinerja:bukti-add", rows[0].pk), {"berkas": good})
    bukti = Realisasi.objects.get(indikator=rows[0]).bukti.get()
    assert client.get(reverse("kinerja:bukti", args=(bukti.pk,))).status_code == 200
    client.force_login(outsider)
    assert client.get(reverse("kinerja:bukti", args=(bukti.pk,))).status_code == 404


@override_settings(PAGE_CACHE=False)  # what rendering costs; the kept page is tested below
def test_form_and_dashboard_query_counts_do_not_grow(client, opd, bidang, staf, year, django_assert_num_queries):
    pk, _rows = year
    client.force_login(staf)
    dashboard = reverse("kinerja:dashboard") + f"?opd={opd.pk}&tahun={TAHUN}&periode=tw1"
    client.get(url(opd, bidang))
    client.get(dashboard)
    with django_assert_num_queries(FORM_QUERIES):
        client.get(url(opd, bidang))
    with django_assert_num_queries(DASHBOARD_QUERIES):
        client.get(dashboard)
    add_indikator(opd, bidang, pk, 12)
    with django_assert_num_queries(FORM_QUERIES):
        assert client.get(url(opd, bidang)).content.decode().count('data-testid="form-row-') == 15
    with django_assert_num_queries(DASHBOARD_QUERIES):
        client.get(dashboard)


# The user's unit is read once per request, in one query, for the form's permissions and the badge alike.
FORM_QUERIES = 17
DASHBOARD_QUERIES = 18


def test_the_dashboard_is_kept_until_a_realisasi_is_saved(client, opd, bidang, staf, year, django_assert_num_queries):
    """The dashboard comes from the page cache (sakip.page_cache) while nothing is written; a saved form reaches it."""
    client.force_login(staf)
    dashboard = reverse("kinerja:dashboard") + f"?opd={opd.pk}&tahun={TAHUN}&periode=tw1"
    client.get(dashboard)
    before = client.get(dashboard).content.decode()
    with django_assert_num_queries(1):  # the session: nothing of the page is read again
        assert client.get(dashboard).content.decode().count("data-testid") == before.count("data-testid")

    _pk, rows = year
    assert client.post(url(opd, bidang), post_rows(rows, **{f"{rows[0].pk}-nilai": "61,25"})).status_code == 302

    after = client.get(dashboard).content.decode()
    assert "61,25" in after and "61,25" not in before
