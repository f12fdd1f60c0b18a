"""The document page (HTML, PDF, XLSX), the template download and the import with its preview, scoped per OPD."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sakip.kinerja.models import Indikator
from sakip.models import Keanggotaan
from tests.kinerja.conftest import TAHUN, add_indikator
from tests.kinerja.test_xlsx import GOOD, sheet
from tests.sakip.factories import UserFactory

pytestmark = pytest.mark.django_db


def dokumen(opd, periode="tw1"):
    return reverse("kinerja:dokumen", args=(opd.pk, TAHUN, periode))


def test_document_page_pdf_and_xlsx_only_inside_the_opd(client, opd, staf, outsider, year):
    client.force_login(staf)
    page = client.get(dokumen(opd))
    assert page.status_code == 200 and 'data-testid="chart-indikator"' in page.content.decode()
    pdf = client.get(dokumen(opd) + "?format=pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    xlsx = client.get(dokumen(opd, "s1") + "?format=xlsx")
    assert load_workbook(io.BytesIO(xlsx.content)).active["A4"].value == "No"
    assert client.get(dokumen(opd, "tw9")).status_code == 404
    client.force_login(outsider)
    assert client.get(dokumen(opd)).status_code == 404
    assert client.get(reverse("kinerja:templat", args=(opd.pk, TAHUN))).status_code == 404


def test_document_page_queries_do_not_grow(client, opd, bidang, staf, year, django_assert_num_queries):
    pk, _rows = year
    client.force_login(staf)
    client.get(dokumen(opd))
    with django_assert_num_queries(DOKUMEN_QUERIES):
        client.get(dokumen(opd))
    add_indikator(opd, bidang, pk, 10)
    with django_assert_num_queries(DOKUMEN_QUERIES):
        assert client.get(dokumen(opd)).content.decode().count('data-testid="row-') == 13


DOKUMEN_QUERIES = 15  # with the user's unit, read for the badge of forms waiting (sakip.kinerja.permissions.own_unit)


def test_import_preview_then_confirm_all_or_nothing(client, opd, bidang, staf):
    admin = UserFactory(username="admin_opd", roles=[(opd, Keanggotaan.Peran.ADMIN_OPD)])
    url = reverse("kinerja:impor", args=(opd.pk, TAHUN))
    client.force_login(staf)
    assert client.get(url).status_code == 404  # staff fill forms; the PK is the admin's
    client.force_login(admin)
    bad = [list(r) for r in GOOD]
    bad[1][8] = "tujuh"
    upload = io.BytesIO(sheet(bad))
    upload.name = "pk.xlsx"
    response = client.post(url, {"berkas": upload, "unit": bidang.pk})
    assert response.status_code == 400 and "Sel I5 (Target TW II)" in response.content.decode()
    good = io.BytesIO(sheet(GOOD))
    good.name = "pk.xlsx"
    response = client.post(url, {"berkas": good, "unit": bidang.pk})
    assert 'data-testid="import-preview"' in response.content.decode() and Indikator.objects.count() == 0
    response = client.post(url, {"confirm": "1", "unit": bidang.pk})
    assert response.status_code == 302 and Indikator.objects.count() == 4
