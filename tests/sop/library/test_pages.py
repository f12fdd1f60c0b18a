"""The template pages: choose, see it in the OPD's words, map roles, get a draft; hostile input; version notices."""

import json

import pytest
from django.urls import reverse

from sop.library.create import sop_from_template
from sop.library.models import SopTemplate, TemplateUse
from sop.library.services import templates_load
from sop.models import Sop
from tests.sakip.factories import PegawaiFactory, UserFactory
from tests.sop.factories import build_sop
from tests.sop.test_pages import DETAIL_QUERIES, _queries

SLUG = "penyusunan-rencana-aksi"


@pytest.fixture
def template(library):
    return library[SLUG]


@pytest.fixture
def opd_kepala(opd, kepala):
    PegawaiFactory._meta.model.objects.filter(user=kepala).update(jabatan=f"Kepala {opd.nama} {opd.pemda.nama}")
    return kepala


def use_url(opd, slug=SLUG):
    return reverse("sop:template-use", args=[slug]) + f"?opd={opd.pk}"


def form_data(page_form, **changes) -> dict:
    data = {key: page_form[key].value() for key in page_form.fields}
    data.update(changes)
    return data


def test_list_offers_the_current_templates_to_an_author(client, penyusun, opd, library):
    client.force_login(penyusun)
    response = client.get(reverse("sop:template-list"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Penyusunan Laporan Kinerja Instansi Pemerintah (LKjIP)" in text
    assert f"{reverse('sop:template-use', args=['penyusunan-lkjip'])}?opd={opd.pk}" in text
    assert "Buat dari templat" in client.get(reverse("sop:sop-list")).content.decode()


def test_a_kepala_who_does_not_draft_gets_no_template_page(client, kepala, library):
    client.force_login(kepala)
    assert client.get(reverse("sop:template-list")).status_code == 403
    assert "Buat dari templat" not in client.get(reverse("sop:sop-list")).content.decode()


def test_use_page_shows_the_template_in_the_opds_words_and_offers_known_roles(
    client, penyusun, opd, opd_kepala, template
):
    build_sop(opd=opd, columns=2)  # columns "Kolom 1", "Kolom 2" already used in this OPD
    client.force_login(penyusun)
    response = client.get(use_url(opd))
    assert response.status_code == 200
    form = response.context["form"]
    singkatan = opd.singkatan or opd.nama
    assert form["nilai_kepala"].value() == f"Kepala {singkatan}"
    assert [f.label for f in form.role_fields] == [f"Kepala {singkatan}", "Sekretaris", "Kepala Bidang",
                                                    "Kasubbag Perencanaan dan Pelaporan"]  # fmt: skip
    text = response.content.decode()
    assert f"Menetapkan Rencana Aksi {singkatan}" in text
    assert '<option value="Kolom 1">' in text
    assert not Sop.objects.filter(judul=template.judul).exists()


def test_preview_then_create_gives_a_draft_the_penyusun_edits(client, penyusun, opd, opd_kepala, template):
    client.force_login(penyusun)
    form = client.get(use_url(opd)).context["form"]
    data = form_data(form, nilai_opd_singkatan="Dinas Contoh", peran_2="Kabid", peran_3="Kabid", pratinjau="1")
    preview = client.post(use_url(opd), data)
    assert preview.status_code == 200
    assert "Menetapkan Rencana Aksi Dinas Contoh" in preview.content.decode()
    assert preview.context["preview"]["columns"] == [f"Kepala {opd.singkatan or opd.nama}", "Sekretaris", "Kabid"]
    assert not Sop.objects.exists()
    del data["pratinjau"]
    response = client.post(use_url(opd), {**data, "buat": "1"})
    sop = Sop.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("sop:sop-update", args=[sop.pk])
    assert sop.opd == opd and sop.status == "draft" and sop.dibuat_oleh == penyusun
    assert list(sop.pelaksana.values_list("nama", flat=True)) == [data["peran_0"], "Sekretaris", "Kabid"]
    assert TemplateUse.objects.get().sop == sop
    assert client.get(reverse("sop:sop-update", args=[sop.pk])).status_code == 200


def test_an_empty_role_or_an_oversized_name_is_refused_with_the_input_kept(client, penyusun, opd, template):
    client.force_login(penyusun)
    form = client.get(use_url(opd)).context["form"]
    response = client.post(use_url(opd), form_data(form, peran_1="", nilai_opd="x" * 300, buat="1"))
    assert response.status_code == 422
    text = response.content.decode()
    assert "Isi nama pelaksana untuk peran “Sekretaris”." in text
    assert "x" * 300 in text
    assert not Sop.objects.exists()


def test_a_judul_too_long_after_filling_in_is_a_message_not_an_error_page(client, penyusun, opd, template):
    client.force_login(penyusun)
    stored = SopTemplate.objects.get(slug=SLUG)
    stored.content["judul"] = "{opd} " * 2
    stored.save()
    form = client.get(use_url(opd)).context["form"]
    response = client.post(use_url(opd), form_data(form, nilai_opd="y" * 200, buat="1"))
    assert response.status_code == 422
    assert not Sop.objects.exists()


def test_another_opds_page_and_post_are_404(client, penyusun, outsider, opd, other_opd, template):
    client.force_login(outsider)
    assert client.get(use_url(opd)).status_code == 404
    assert client.post(use_url(opd), {"buat": "1", "opd": opd.pk}).status_code == 404
    assert client.post(reverse("sop:template-use", args=[SLUG]), {"buat": "1", "opd": opd.pk}).status_code == 404
    assert client.get(use_url(other_opd, slug="tidak-ada")).status_code == 404
    assert not Sop.objects.exists()


def test_a_newer_template_version_is_offered_on_the_sop_page(client, penyusun, outsider, opd, other_opd, template):
    sop = sop_from_template(template=template, opd=opd, created_by=penyusun)
    other = build_sop(opd=other_opd)
    client.force_login(penyusun)
    page = client.get(sop.get_absolute_url()).content.decode()
    assert "Disusun dari templat" in page and "sudah tersedia" not in page
    document = dict(template.content, versi=2)
    document["langkah"] = [dict(step) for step in document["langkah"]]
    document["langkah"][2]["waktu_nilai"] = "3"
    templates_load(data=json.dumps(document))
    page = client.get(sop.get_absolute_url()).content.decode()
    changes_url = reverse("sop:template-changes", args=[SLUG]) + "?dari=1"
    assert "Versi 2 templat ini sudah tersedia." in page and changes_url in page
    changes = client.get(changes_url)
    assert changes.status_code == 200
    (step,) = changes.context["changes"].steps
    assert (step.kind, step.number, step.changes) == ("diubah", 3, [("Waktu", "2", "3")])
    assert client.get(reverse("sop:template-changes", args=[SLUG]) + "?dari=2").status_code == 404
    assert client.get(reverse("sop:template-changes", args=[SLUG]) + "?dari=x").status_code == 404
    client.force_login(outsider)
    assert "Disusun dari templat" not in client.get(other.get_absolute_url()).content.decode()
    assert client.get(sop.get_absolute_url()).status_code == 404


def test_detail_page_of_a_drafted_sop_costs_the_same_queries(client, penyusun, kepala, opd, template):
    sop = sop_from_template(template=template, opd=opd, created_by=penyusun)
    assert sop.pengesah == kepala.pegawai  # the draft names the Kepala, as an SOP built by the factories does
    client.force_login(penyusun)
    assert _queries(client, sop.get_absolute_url()) == DETAIL_QUERIES


def test_a_user_without_roles_sees_no_template_page(client, db, library):
    client.force_login(UserFactory())
    assert client.get(reverse("sop:template-list")).status_code == 403
