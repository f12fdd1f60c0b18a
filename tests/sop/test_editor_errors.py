"""One save of the editor lists every mistake: fields, rows, rules across rows and the nomor, each at its field."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from sop.models import Langkah, Pelaksana, Sop
from tests.sop.editor_data import editor_post, five_step_sop
from tests.sop.factories import SopFactory, build_sop

pytestmark = pytest.mark.django_db
CREATE = reverse("sop:sop-create")


def summary_links(page: str) -> list[tuple[str, str]]:
    box = re.search(r'<div class="alert alert-danger" id="daftar-kesalahan".*?</ol>', page, re.S)
    assert box, "the list of mistakes is missing"
    return re.findall(r'<a href="#([^"]+)"[^>]*data-error-link>([^<]+)</a>', box.group(0))


def test_four_mistakes_of_different_kinds_come_back_in_one_response(client, penyusun, opd):
    SopFactory(opd=opd, nomor="208/050/01", judul="SOP Lama")
    client.force_login(penyusun)
    data = five_step_sop(opd, ruang_lingkup="Seluruh bidang di Bappeda")
    data.update(
        {
            "langkah-0-uraian": "",  # a field of a row
            "langkah-1-waktu_nilai": "-5",  # a Mutu Baku rule
            "langkah-2-ya_ke": "12",  # a keputusan exit to a step that does not exist
        }
    )  # and the nomor is the old SOP's

    response = client.post(CREATE, data)

    page = response.content.decode()
    assert response.status_code == 422
    links = summary_links(page)
    assert len(links) == 4, links
    anchors = dict(links)
    assert anchors["id_sop-nomor"].startswith("Nomor SOP “208/050/01” sudah dipakai “SOP Lama”")
    assert anchors["id_langkah-0-uraian"] == "Langkah 1: Uraian kegiatan belum diisi."
    assert anchors["id_langkah-1-waktu_nilai"].startswith("Langkah 2: waktu harus lebih dari 0")
    assert anchors["id_langkah-2-ya_ke"].startswith("Langkah 3: tujuan jika Ya (langkah 12) tidak ada")
    assert "4 isian perlu diperbaiki" in page
    # Each anchor is a field on the page, and the field is marked.
    for anchor, _text in links:
        tag = re.search(rf'<(?:input|textarea|select)[^>]*id="{anchor}"[^>]*>', page).group(0)
        assert "is-invalid" in tag, tag
    # What was typed stays, nothing is saved.
    assert "Seluruh bidang di Bappeda" in page and 'value="-5"' in page and 'value="12"' in page
    assert Sop.objects.count() == 1
    assert Langkah.objects.count() == Pelaksana.objects.count() == 0


def test_a_field_mistake_is_listed_once_not_again_by_the_rule_across_rows(client, penyusun, opd):
    client.force_login(penyusun)
    data = five_step_sop(opd)
    data.update({"langkah-3-uraian": "", "pelaksana-1-nama": "kepala badan", "langkah-2-ya_ke": "abc", "sop-judul": ""})

    links = summary_links(client.post(CREATE, data).content.decode())

    assert [text for _anchor, text in links] == [
        "Judul SOP belum diisi.",
        "Pelaksana kolom 2: “kepala badan” sudah ada di kolom 1; setiap kolom pelaksana harus berbeda.",
        "Langkah 3: Ya → langkah: Isi nomor langkah tujuan dengan angka, mis. 4.",
        "Langkah 4: Uraian kegiatan belum diisi.",
    ]


def test_editing_a_sop_lists_mistakes_and_changes_nothing(client, penyusun, opd):
    sop = build_sop(opd=opd, steps=3, columns=1)
    column = sop.pelaksana.get()
    steps = list(sop.langkah.all())
    before = [(s.uraian, s.waktu_nilai) for s in steps]
    client.force_login(penyusun)
    rows = [{"id": s.pk, "uraian": s.uraian, "pelaksana": f"p{column.pk}", "waktu_nilai": "15"} for s in steps]
    rows[0]["waktu_nilai"] = "1,234"
    rows[2]["uraian"] = "  "
    data = editor_post(
        opd=opd,
        identity={"judul": sop.judul, "nomor": sop.nomor},
        lock_version=sop.lock_version,
        initial={"pelaksana": 1, "langkah": 3},
        pelaksana=[{"id": column.pk, "kunci": f"p{column.pk}", "nama": column.nama}],
        langkah=rows,
    )

    response = client.post(reverse("sop:sop-update", args=[sop.pk]), data)

    texts = [text for _anchor, text in summary_links(response.content.decode())]
    assert response.status_code == 422
    assert texts == [
        "Langkah 1: Waktu paling banyak 2 angka di belakang koma, mis. 1,25.",
        "Langkah 3: Uraian kegiatan belum diisi.",
    ]
    assert [(s.uraian, s.waktu_nilai) for s in sop.langkah.all()] == before


def test_waktu_is_shown_as_written_and_read_with_a_comma(client, penyusun, opd):
    sop = build_sop(opd=opd, steps=2, columns=1)
    sop.langkah.filter(urutan=1).update(waktu_nilai=Decimal("60.00"), waktu_satuan="menit")
    sop.langkah.filter(urutan=2).update(waktu_nilai=Decimal("1.50"), waktu_satuan="jam")
    client.force_login(penyusun)

    editor = client.get(reverse("sop:sop-update", args=[sop.pk])).content.decode()
    page = client.get(sop.get_absolute_url()).content.decode()

    assert 'name="langkah-0-waktu_nilai" value="60"' in editor
    assert 'name="langkah-1-waktu_nilai" value="1,5"' in editor
    assert "60.00" not in editor and "60.00" not in page
    assert "60 Menit" in page or "60 menit" in page
