"""The Perjanjian Kinerja page: versions and what changed, the one all-or-nothing save, who may, the reports after."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from sakip.kinerja.models import FormPengukuran, PerjanjianKinerja, SkalaNilai, Target
from sakip.kinerja.report import laporan
from sakip.models import Keanggotaan
from tests.kinerja.conftest import TAHUN, add_indikator
from tests.kinerja.factories import IndikatorFactory, RealisasiFactory, SasaranFactory, TargetFactory
from tests.sakip.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(opd):
    return UserFactory(username="admin_opd", roles=[(opd, Keanggotaan.Peran.ADMIN_OPD)])


def page(opd):
    return reverse("kinerja:pk", args=(opd.pk, TAHUN))


def current_rows(pk_versi, rows, **typed):
    """The POST of the form as the page prefills it (the targets of `pk_versi`), with some fields retyped."""
    data = {}
    for ind in rows:
        target = Target.objects.get(pk_versi=pk_versi, indikator=ind)
        for name in ("tahunan", "teks", "tw1", "tw2", "tw3", "tw4"):
            value = getattr(target, name)
            data[f"t{ind.pk}-{name}"] = "" if value in (None, "") else str(value)
    data.update({f"t{key}": value for key, value in typed.items()})
    return data


def test_pk_perubahan_from_tw3_keeps_tw1_targets_in_the_reports(client, opd, bidang, admin, year):
    pk, rows = year
    RealisasiFactory(indikator=rows[0], triwulan=1, nilai=D(2))
    RealisasiFactory(indikator=rows[0], triwulan=3, nilai=D(2))
    FormPengukuran.objects.create(opd=opd, unit=bidang, tahun=TAHUN, triwulan=1, status="divalidasi")
    client.force_login(admin)
    data = current_rows(pk, rows, **{f"{rows[0].pk}-tahunan": "10", f"{rows[0].pk}-tw3": "4"})
    data.update(berlaku="3", alasan="Refocusing anggaran")
    response = client.post(page(opd), data)
    assert response.status_code == 302
    new = PerjanjianKinerja.objects.get(opd=opd, tahun=TAHUN, versi=2)
    assert (new.berlaku_mulai, new.keterangan, new.dibuat_oleh) == (3, "Refocusing anggaran", admin)
    target = Target.objects.get(pk_versi=new, indikator=rows[0])
    assert (target.tahunan, target.tw1, target.tw3) == (D(10), D(2), D(4))
    history = target.history.first()
    assert history.history_user == admin and history.history_change_reason == "Refocusing anggaran"
    assert Target.objects.get(pk_versi=pk, indikator=rows[0]).tw3 == D(2)  # the murni keeps its own
    assert Target.objects.get(pk_versi=new, indikator=rows[1]).history.first().history_user == admin  # copied
    tw1 = laporan(opd, TAHUN, "tw1").baris[0]
    tw3 = laporan(opd, TAHUN, "tw3").baris[0]
    assert (tw1.sel[1].target, tw1.capaian.nilai) == (D(2), D(100))
    assert (tw3.sel[3].target, tw3.sel[3].capaian.nilai) == (D(4), D(50))
    assert tw3.sel[1].target == D(2) and tw3.sel[1].versi == "Perjanjian Kinerja"
    dokumen = client.get(reverse("kinerja:dokumen", args=(opd.pk, TAHUN, "tw3"))).content.decode()
    assert "PK Perubahan 1 sejak TW III" in dokumen and "50,00%" in dokumen
    dokumen_tw1 = client.get(reverse("kinerja:dokumen", args=(opd.pk, TAHUN, "tw1"))).content.decode()
    assert "100,00%" in dokumen_tw1
    shown = client.get(page(opd)).content.decode()
    assert 'data-testid="pk-versi-2"' in shown and "PK Perubahan 1" in shown
    assert "Target tahunan: 8 → <strong>10</strong>" in shown and "TW III: 2 → <strong>4</strong>" in shown
    assert "berlaku mulai Triwulan 3" in shown and "1 indikator berubah" in shown


def test_a_target_set_to_zero_or_emptied_shows_as_a_change(client, opd, admin, year):
    pk, rows = year
    client.force_login(admin)
    data = current_rows(pk, rows, **{f"{rows[0].pk}-tw4": "0", f"{rows[1].pk}-tw4": "", f"{rows[2].pk}-tw4": "0"})
    data.update(berlaku="4", alasan="Kegiatan TW IV ditiadakan")
    assert client.post(page(opd), data).status_code == 302
    shown = client.get(page(opd)).content.decode()
    assert "TW IV: 2 → <strong>0</strong>" in shown and "TW IV: 80 → <strong>—</strong>" in shown
    assert "TW IV: — → <strong>0</strong>" in shown  # from none to 0 is a change too
    assert "3 indikator berubah" in shown


def test_errors_are_listed_per_row_and_nothing_is_saved(client, opd, admin, year):
    pk, rows = year
    client.force_login(admin)
    data = current_rows(
        pk, rows, **{f"{rows[0].pk}-tahunan": "sepuluh", f"{rows[1].pk}-tw4": "-1", f"{rows[2].pk}-tahunan": "11,5"}
    )
    data.update(berlaku="2", alasan="")
    response = client.post(page(opd), data)
    assert response.status_code == 422
    text = response.content.decode()
    assert "Alasan perubahan: Tulis alasan perubahan target." in text
    assert f"<strong>{rows[0].nama}</strong> — Target tahunan: “sepuluh” bukan angka" in text
    assert f"<strong>{rows[1].nama}</strong> — TW IV: Target tidak boleh negatif." in text
    assert 'value="sepuluh"' in text and 'value="11,5"' in text  # what was typed is kept
    assert PerjanjianKinerja.objects.filter(opd=opd).count() == 1
    assert Target.objects.get(pk_versi=pk, indikator=rows[2]).tahunan == D("12.5")


def test_reason_is_required_even_when_the_rows_are_good(client, opd, admin, year):
    pk, rows = year
    client.force_login(admin)
    data = current_rows(pk, rows, **{f"{rows[0].pk}-tahunan": "9"})
    data.update(berlaku="2", alasan="   ")
    response = client.post(page(opd), data)
    assert response.status_code == 422 and "Tulis alasan perubahan target." in response.content.decode()
    assert PerjanjianKinerja.objects.filter(opd=opd).count() == 1


def test_a_late_row_error_rolls_back_the_whole_save(client, opd, admin, year, monkeypatch):
    """A failure while writing the last row leaves no new version and no changed target."""
    from sakip.kinerja import services

    pk, rows = year
    client.force_login(admin)
    original = Target.save

    def failing(self, *args, **kwargs):
        if self.indikator_id == rows[2].pk:
            raise services.ValidationError("disk penuh")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Target, "save", failing)
    data = current_rows(pk, rows, **{f"{r.pk}-tahunan": "1" for r in rows})
    data.update(berlaku="2", alasan="Perubahan anggaran")
    response = client.post(page(opd), data)
    assert response.status_code == 422 and "disk penuh" in response.content.decode()
    assert PerjanjianKinerja.objects.filter(opd=opd).count() == 1
    assert Target.objects.get(pk_versi=pk, indikator=rows[0]).tahunan == D(8)


def test_decimals_typed_either_way(client, opd, admin, year):
    pk, rows = year
    client.force_login(admin)
    typed = {f"{rows[0].pk}-tahunan": "1.234,56", f"{rows[1].pk}-tahunan": "1234.56", f"{rows[2].pk}-tw3": "12,75"}
    data = current_rows(pk, rows, **typed)
    data.update(berlaku="ubah", alasan="Salah ketik")
    assert client.post(page(opd), data).status_code == 302
    assert PerjanjianKinerja.objects.filter(opd=opd).count() == 1  # the murni edited in place
    values = {t.indikator_id: t for t in Target.objects.filter(pk_versi=pk)}
    assert values[rows[0].pk].tahunan == values[rows[1].pk].tahunan == D("1234.56")
    assert values[rows[2].pk].tw3 == D("12.75")
    assert values[rows[0].pk].history.first().history_user == admin
    assert "1.234,56" in client.get(page(opd)).content.decode()


def test_murni_is_edited_only_before_a_triwulan_is_reported(client, opd, bidang, admin, year):
    pk, rows = year
    FormPengukuran.objects.create(opd=opd, unit=bidang, tahun=TAHUN, triwulan=2, status="diajukan")
    client.force_login(admin)
    text = client.get(page(opd)).content.decode()
    assert '<option value="ubah"' not in text and '<option value="2"' not in text
    assert '<option value="3"' in text
    data = current_rows(pk, rows, **{f"{rows[0].pk}-tahunan": "9"})
    data.update(berlaku="ubah", alasan="Salah ketik")
    response = client.post(page(opd), data)
    assert response.status_code == 422 and "tidak tersedia" in response.content.decode()
    data.update(berlaku="2")
    assert client.post(page(opd), data).status_code == 422
    assert Target.objects.get(pk_versi=pk, indikator=rows[0]).tahunan == D(8)


def test_earlier_triwulan_targets_cannot_be_retyped_in_a_perubahan(client, opd, admin, year):
    pk, rows = year
    client.force_login(admin)
    data = current_rows(pk, rows, **{f"{rows[0].pk}-tw1": "5"})
    data.update(berlaku="3", alasan="Refocusing")
    response = client.post(page(opd), data)
    assert response.status_code == 422
    assert (
        f"<strong>{rows[0].nama}</strong> — TW I: Triwulan ini sudah berlaku dengan target 2"
        in response.content.decode()
    )
    assert PerjanjianKinerja.objects.filter(opd=opd).count() == 1


def test_text_targets_only_through_the_satuan_scale(client, opd, admin, year):
    pk, rows = year
    sasaran = SasaranFactory(opd=opd, tahun=TAHUN)
    opini = IndikatorFactory(sasaran=sasaran, unit=rows[0].unit, nama="Opini BPK", satuan="Opini")
    TargetFactory(pk_versi=pk, indikator=opini, teks="WDP")
    SkalaNilai.objects.create(pemda=opd.pemda, satuan="Opini", teks="WTP", nilai=D(4))
    SkalaNilai.objects.create(pemda=opd.pemda, satuan="Opini", teks="WDP", nilai=D(3))
    all_rows = [*rows, opini]
    client.force_login(admin)
    text = client.get(page(opd)).content.decode()
    assert f'name="t{opini.pk}-teks" value="WDP"' in text and f'name="t{rows[0].pk}-teks" value=""' in text
    data = current_rows(pk, all_rows, **{f"{opini.pk}-teks": "Baik", f"{rows[0].pk}-teks": "WTP"})
    data.update(berlaku="ubah", alasan="Target opini")
    response = client.post(page(opd), data)
    assert response.status_code == 422
    text = response.content.decode()
    assert "“Baik” tidak ada di skala satuan Opini: WTP, WDP." in text
    assert f"<strong>{rows[0].nama}</strong> — Target (teks): Isi target tahunan berupa angka atau teks" in text
    data = current_rows(pk, all_rows, **{f"{opini.pk}-teks": "WTP"})
    data.update(berlaku="ubah", alasan="Target opini")
    assert client.post(page(opd), data).status_code == 302
    assert Target.objects.get(pk_versi=pk, indikator=opini).teks == "WTP"


@pytest.mark.parametrize("role", ["admin_opd", "sekretaris", "kepala"])
def test_the_three_editors_see_the_form(client, opd, year, role):
    client.force_login(UserFactory(username=f"u_{role}", roles=[(opd, role)]))
    assert 'data-testid="pk-form"' in client.get(page(opd)).content.decode()


def test_others_of_the_opd_read_only_and_other_opds_404(client, opd, staf, kabid, outsider, year):
    pk, rows = year
    for user in (staf, kabid):
        client.force_login(user)
        response = client.get(page(opd))
        assert response.status_code == 200
        text = response.content.decode()
        assert 'data-testid="pk-versi-1"' in text and 'data-testid="pk-form"' not in text
        data = current_rows(pk, rows, **{f"{rows[0].pk}-tahunan": "1"})
        data.update(berlaku="ubah", alasan="coba")
        assert client.post(page(opd), data).status_code == 302
        assert Target.objects.get(pk_versi=pk, indikator=rows[0]).tahunan == D(8)
    client.force_login(outsider)
    assert client.get(page(opd)).status_code == 404
    assert client.post(page(opd), {"berlaku": "ubah", "alasan": "x"}).status_code == 404


def test_dashboard_links_the_page(client, opd, staf, year):
    client.force_login(staf)
    text = client.get(reverse("kinerja:dashboard") + f"?opd={opd.pk}&tahun={TAHUN}").content.decode()
    assert f'href="{page(opd)}"' in text


def test_page_queries_do_not_grow_with_indikator(client, opd, bidang, admin, year, django_assert_num_queries):
    pk, _rows = year
    client.force_login(admin)
    client.get(page(opd))
    with django_assert_num_queries(PK_QUERIES):
        client.get(page(opd))
    add_indikator(opd, bidang, pk, 12)
    with django_assert_num_queries(PK_QUERIES):
        assert client.get(page(opd)).content.decode().count('data-testid="target-row-') == 15


PK_QUERIES = 12
