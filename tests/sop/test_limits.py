"""No input may hang the server: every text has a maximum, the layout is linear in the text, formsets are bounded."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sop.models import URAIAN_MAX, Sop, SopItem
from sop.printing.metrics import REGULAR, FontMetrics
from sop.services import content_of, sop_update
from tests.sop.editor_data import editor_post, five_step_sop
from tests.sop.factories import build_sop
from tests.sop.long_text import longest_sop, unbroken
from tests.sop.pdftools import pdf_text

pytestmark = pytest.mark.django_db


def test_an_uraian_over_its_maximum_is_refused_with_its_length_and_kept(client, penyusun, opd):
    client.force_login(penyusun)
    data = five_step_sop(opd)
    typed = unbroken(2345, "KETIKAN")
    data["langkah-1-uraian"] = typed

    response = client.post(reverse("sop:sop-create"), data)

    assert response.status_code == 422
    page = response.content.decode()
    assert "Uraian kegiatan paling panjang 2.000 karakter; sekarang 2.345." in page
    assert typed in page
    assert not Sop.objects.exists()


@pytest.mark.parametrize(
    "field, length, message",
    [
        ("uraian", URAIAN_MAX + 1, "Uraian kegiatan paling panjang 2.000 karakter; sekarang 2.001."),
        ("keterangan", 501, "Keterangan paling panjang 500 karakter; sekarang 501."),
    ],
)
def test_every_writer_is_held_to_the_limits_not_only_the_editor(opd, penyusun, field, length, message):
    sop = build_sop(opd=opd, steps=2)
    content = content_of(sop)
    setattr(content.langkah[1], field, "a" * length)

    with pytest.raises(ValidationError) as refusal:
        sop_update(sop=sop, content=content, expected_version=sop.lock_version, updated_by=penyusun)

    assert message in " ".join(refusal.value.messages)
    assert getattr(sop.langkah.get(urutan=2), field) != "a" * length


class CountingWidths(dict):
    lookups = 0

    def get(self, key, default=None):
        CountingWidths.lookups += 1
        return super().get(key, default)


@pytest.mark.parametrize("text", ["W" * 20_000, "kata " * 4_000, ("W" * 300 + " ") * 60])
def test_wrapping_measures_each_character_a_bounded_number_of_times(text):
    metrics = FontMetrics(REGULAR)
    metrics.widths = CountingWidths(metrics.widths)
    CountingWidths.lookups = 0

    lines = metrics.wrap(text, 40.0, 8.0)

    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(metrics.width_mm(line, 8.0) <= 40.0 for line in lines)
    assert CountingWidths.lookups <= 3 * len(text)  # re-measuring each growing line made it ~ length² / line


def compact(text: str) -> str:
    return re.sub(r"<br>|[\s\u200b]", "", text)


def test_the_longest_allowed_sop_renders_its_page_preview_and_pdf(client, opd, penyusun):
    sop = longest_sop(opd=opd, steps=1)
    client.force_login(penyusun)
    marks = ["AWAL1URAIAN", "AWAL1KELENGKAPAN", "AWAL1OUTPUT", "AWAL1KETERANGAN", "AWALDASAR_HUKUM", "AWALPENCATATAN"]

    page = client.get(sop.get_absolute_url())
    preview = client.get(reverse("sop:sop-print", args=[sop.pk]))
    pdf = client.get(reverse("sop:sop-pdf", args=[sop.pk]))

    assert page.status_code == preview.status_code == pdf.status_code == 200
    assert sop.langkah.get().uraian in page.content.decode()
    shown = compact(preview.content.decode())
    printed = compact(pdf_text(b"".join(pdf.streaming_content) if pdf.streaming else pdf.content))
    for mark in marks:
        assert mark in shown and mark[::-1] in shown, mark
        assert mark in printed and mark[::-1] in printed, mark


def test_a_billion_rows_claimed_is_refused_before_any_row_is_built(client, penyusun, opd):
    client.force_login(penyusun)
    data = five_step_sop(opd)
    data["langkah-TOTAL_FORMS"] = "1000000000"
    data["item-dasar_hukum-TOTAL_FORMS"] = "9" * 5000  # more digits than Python will turn into a number
    data["pelaksana-TOTAL_FORMS"] = "21"

    response = client.post(reverse("sop:sop-create"), data)

    assert response.status_code == 422
    page = response.content.decode()
    assert "Satu SOP paling banyak 500 langkah." in page
    assert "Paling banyak 20 kolom pelaksana: dengan lebih banyak kolom, diagram alir tidak lagi terbaca" in page
    editor = response.context["editor"]
    assert editor.langkah.forms == [] and editor.pelaksana.forms == [] and editor.items["dasar_hukum"].forms == []
    assert not Sop.objects.exists()


def test_one_row_over_the_maximum_is_refused_too(client, penyusun, opd):
    client.force_login(penyusun)
    data = five_step_sop(opd)
    data["langkah-TOTAL_FORMS"] = "501"

    response = client.post(reverse("sop:sop-create"), data)

    assert response.status_code == 422
    assert "Satu SOP paling banyak 500 langkah." in response.content.decode()


def editor_fields_at_the_maximum() -> int:
    from sop.content import MAX_ITEMS, MAX_LANGKAH, MAX_PELAKSANA
    from sop.forms import ItemForm, LangkahForm, PelaksanaForm, SopForm

    per_row = {form: len(form(**kwargs).fields) + 2 for form, kwargs in  # + ORDER and DELETE
               ((LangkahForm, {}), (PelaksanaForm, {}), (ItemForm, {"sop_choices": Sop.objects.none()}))}  # fmt: skip
    rows = per_row[LangkahForm] * MAX_LANGKAH + per_row[PelaksanaForm] * MAX_PELAKSANA
    rows += per_row[ItemForm] * MAX_ITEMS * len(SopItem.Jenis.values)
    identity = len(SopForm(opd=None).fields) + 2  # + opd and the CSRF token
    return rows + identity + 4 * (2 + len(SopItem.Jenis.values))


def test_the_editor_may_send_an_sop_of_the_maximum_size(settings):
    assert editor_fields_at_the_maximum() * 1.1 <= settings.DATA_UPLOAD_MAX_NUMBER_FIELDS


def test_a_300_step_sop_saves_from_the_editor(client, penyusun, opd):
    client.force_login(penyusun)
    steps = [{"uraian": f"Langkah {n}", "pelaksana": "n1", "waktu_nilai": "5"} for n in range(1, 301)]
    steps[0]["simbol"] = steps[-1]["simbol"] = "terminator"
    data = editor_post(
        opd=opd,
        identity={"judul": "SOP Panjang", "nomor": "300/1"},
        pelaksana=[{"kunci": "n1", "nama": "Staf"}],
        langkah=steps,
    )

    response = client.post(reverse("sop:sop-create"), data)

    assert response.status_code == 302, response.status_code
    sop = Sop.objects.get(judul="SOP Panjang")
    assert sop.langkah.count() == 300 and sop.langkah.get(urutan=300).uraian == "Langkah 300"
