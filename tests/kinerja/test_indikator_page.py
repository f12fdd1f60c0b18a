"""A year typed in the browser: sasaran and indikator added, changed and deleted, then the PK murni and its targets.
Who may (a PK editor), who may not (staff, another OPD), and bad input kept on the page with nothing saved."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from sakip.kinerja.models import Indikator, PerjanjianKinerja, SasaranStrategis, Target
from sakip.models import Keanggotaan
from tests.kinerja.conftest import TAHUN
from tests.kinerja.factories import RealisasiFactory, UnitKerjaFactory
from tests.sakip.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(opd):
    return UserFactory(username="admin_opd", roles=[(opd, Keanggotaan.Peran.ADMIN_OPD)])


def page(opd, tahun=TAHUN):
    return reverse("kinerja:indikator", args=(opd.pk, tahun))


def edit_page(ind):
    return reverse("kinerja:indikator-ubah", args=(ind.sasaran.opd_id, ind.sasaran.tahun, ind.pk))


def typed(bidang, **fields):
    data = {
        "sasaran_baru": "Meningkatnya kualitas perencanaan",
        "nama": "Persentase dokumen perencanaan tepat waktu",
        "satuan": "%",
        "polaritas": "positif",
        "cara_perhitungan": "nilai_akhir",
        "cara_pengukuran": "Dokumen tepat waktu / seluruh dokumen × 100",
        "unit": str(bidang.pk),
        "pagu_anggaran": "1.250.000.000",
    }
    data.update(fields)
    return data


def test_a_year_from_nothing_to_its_pk_murni(client, opd, bidang, admin):
    client.force_login(admin)
    assert client.post(page(opd), typed(bidang)).status_code == 302
    sasaran = SasaranStrategis.objects.get(opd=opd, tahun=TAHUN)
    first = Indikator.objects.get(sasaran=sasaran)
    assert (first.satuan, first.cara_perhitungan, first.pagu_anggaran) == ("%", "nilai_akhir", D("1250000000"))
    assert first.history.first().history_user == admin and sasaran.history.first().history_user == admin
    second = typed(bidang, sasaran_baru="", sasaran=str(sasaran.pk), nama="Jumlah dokumen", satuan="dokumen")
    second.update(cara_perhitungan="kumulatif", pagu_anggaran="")
    assert client.post(page(opd), second).status_code == 302
    listed = client.get(page(opd)).content.decode()
    assert "Persentase dokumen perencanaan tepat waktu" in listed and "1.250.000.000" in listed
    pk_page = client.get(reverse("kinerja:pk", args=(opd.pk, TAHUN))).content.decode()
    assert 'value="murni"' in pk_page and 'data-testid="pk-none"' in pk_page
    rows = list(Indikator.objects.filter(sasaran=sasaran).order_by("urutan"))
    data = {"berlaku": "murni", "alasan": ""}
    values = {rows[0].pk: ("90", "85", "87,5", "88", "90"), rows[1].pk: ("12", "3", "3", "3", "3")}
    for ind_pk, (tahunan, *tw) in values.items():
        data.update({f"t{ind_pk}-tahunan": tahunan, f"t{ind_pk}-teks": ""})
        data.update({f"t{ind_pk}-tw{n}": value for n, value in enumerate(tw, start=1)})
    assert client.post(reverse("kinerja:pk", args=(opd.pk, TAHUN)), data).status_code == 302
    murni = PerjanjianKinerja.objects.get(opd=opd, tahun=TAHUN)
    assert (murni.versi, murni.berlaku_mulai, murni.dibuat_oleh) == (1, 1, admin)
    target = Target.objects.get(pk_versi=murni, indikator=rows[0])
    assert (target.tahunan, target.tw2, target.tw4) == (D(90), D("87.5"), D(90))
    dashboard = client.get(reverse("kinerja:dashboard") + f"?opd={opd.pk}&tahun={TAHUN}").content.decode()
    assert page(opd) in dashboard


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"nama": ""}, "This field is required"),
        ({"pagu_anggaran": "-5"}, "Pagu anggaran tidak boleh negatif."),
        ({"pagu_anggaran": "satu juta"}, "bukan angka"),
        ({"sasaran_baru": ""}, "Pilih sasaran strategisnya, atau tulis sasaran baru."),
        ({"polaritas": "netral"}, "netral"),
    ],
)
def test_bad_input_is_kept_and_nothing_saved(client, opd, bidang, admin, fields, message, settings):
    settings.LANGUAGE_CODE = "en"  # Django's own "required" message is checked in English; ours are Indonesian
    client.force_login(admin)
    response = client.post(page(opd), typed(bidang, **fields))
    text = response.content.decode()
    assert response.status_code == 422 and message in text
    assert "Dokumen tepat waktu / seluruh dokumen × 100" in text  # what was typed stays
    assert not Indikator.objects.exists() and not SasaranStrategis.objects.exists()


def test_a_name_used_twice_is_refused_in_words(client, opd, bidang, admin):
    client.force_login(admin)
    client.post(page(opd), typed(bidang))
    response = client.post(page(opd), typed(bidang))
    assert response.status_code == 422 and "sudah dipakai" in response.content.decode()
    assert Indikator.objects.count() == 1


def test_unit_of_another_opd_is_not_a_choice(client, opd, other_opd, bidang, admin):
    foreign = UnitKerjaFactory(opd=other_opd, nama="Bidang Lain")
    client.force_login(admin)
    response = client.post(page(opd), typed(bidang, unit=str(foreign.pk)))
    assert response.status_code == 422 and not Indikator.objects.exists()


def test_staff_read_only_and_other_opds_get_404(client, opd, bidang, staf, outsider, year):
    client.force_login(staf)
    shown = client.get(page(opd)).content.decode()
    assert "Dokumen perencanaan tepat waktu" in shown and 'data-testid="indikator-form"' not in shown
    response = client.post(page(opd), typed(bidang, sasaran_baru="Sasaran lain"), follow=True)
    assert "Hanya Admin OPD" in response.content.decode()
    assert not SasaranStrategis.objects.filter(nama="Sasaran lain").exists()
    _pk, rows = year
    client.force_login(outsider)
    assert client.get(page(opd)).status_code == 404
    assert client.get(edit_page(rows[0])).status_code == 404
    assert client.post(edit_page(rows[0]), {"hapus": "1"}).status_code == 404
    assert Indikator.objects.filter(pk=rows[0].pk).exists()


def test_a_measured_indikator_keeps_how_it_is_measured(client, opd, bidang, admin, year):
    _pk, rows = year
    RealisasiFactory(indikator=rows[0], triwulan=1, nilai=D(2))
    client.force_login(admin)
    data = typed(bidang, nama="Dokumen perencanaan yang tepat waktu", satuan="dokumen", polaritas="negatif")
    data["cara_perhitungan"] = "kumulatif"
    response = client.post(edit_page(rows[0]), data)
    assert response.status_code == 422 and "tidak dapat diubah" in response.content.decode()
    rows[0].refresh_from_db()
    assert (rows[0].nama, rows[0].polaritas) == ("Dokumen perencanaan tepat waktu", "positif")
    data["polaritas"] = "positif"
    assert client.post(edit_page(rows[0]), data).status_code == 302
    rows[0].refresh_from_db()
    assert rows[0].nama == "Dokumen perencanaan yang tepat waktu"
    assert rows[0].history.first().history_user == admin


def test_delete_only_what_no_report_names(client, opd, admin, year):
    _pk, rows = year
    RealisasiFactory(indikator=rows[0], triwulan=1, nilai=D(2))
    client.force_login(admin)
    refused = client.post(edit_page(rows[0]), {"hapus": "1"}, follow=True)
    assert "sudah punya realisasi" in refused.content.decode()
    assert Indikator.objects.filter(pk=rows[0].pk).exists()
    sasaran = rows[2].sasaran
    assert client.post(edit_page(rows[2]), {"hapus": "1"}).status_code == 302
    assert not Indikator.objects.filter(pk=rows[2].pk).exists()
    assert not SasaranStrategis.objects.filter(pk=sasaran.pk).exists()  # its last indikator: the sasaran goes too
