"""A text export that lost the flowchart: each step's pelaksana is suggested from its uraian, shown in the
preview to accept or change, and never saved as if the document said it. Each step's aksi is suggested too."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sakip.models import Keanggotaan
from sop.importing import Choices, SopImportError
from sop.importing.services import sop_import
from sop.models import Sop
from tests.sakip.factories import UserFactory
from tests.sop.importing.docs import HEADER, IDENTITY, notes, text, with_table

SUB = "\t\tKepala Dinas\tSekretaris\tKasubbag Umum\tKelengkapan\tWaktu\tOutput\t"
ROWS = (
    "1.\tKepala Dinas memerintahkan penyusunan laporan kinerja\t\t\t\tDisposisi\t15\tArahan\t",
    "2.\tSekretaris menyampaikan konsep kepada Kepala Dinas\t\t\t\tKonsep\t30\tKonsep\t",
    "3.\tKasubbag Umum mengagendakan surat\t\t\t\tSurat\t10\tAgenda\t",
    "4.\tPenandatanganan laporan oleh Kadis\t\t\t\tLaporan\t10\tLaporan\t",
    "5.\tMenyampaikan laporan kepada Kepala Bidang\t\t\t\tLaporan\t10\tSurat\t",
    "6.\tPengarsipan laporan\t\t\t\tLaporan\t5\tArsip\t",
)


def document():
    return with_table(HEADER, SUB, *ROWS, filename="tanpa-bagan.txt")


def test_the_role_that_acts_in_the_uraian_is_suggested_and_a_receiver_is_not():
    parsed = document()
    # Kepala Dinas, Sekretaris, Kasubbag Umum, "oleh Kadis"; step 5 names only who receives, step 6 nobody.
    assert parsed.suggestions == {0: 0, 1: 1, 2: 2, 3: 0}
    assert [parsed.pelaksana_of(step) for step in parsed.langkah] == [None] * 6
    assert (
        "baris 11: Langkah 2: tidak ada tanda di kolom pelaksana; uraiannya menyebut Sekretaris — disarankan sebagai "
        "pelaksana, terima atau ganti di pratinjau (tidak disimpan tanpa dipilih)."
    ) in notes(parsed)
    assert "baris 14: Langkah 5: tidak ada tanda di kolom pelaksana; pilih pelaksananya di editor." in notes(parsed)


def test_each_steps_aksi_is_suggested_from_its_uraian():
    assert [step.aksi for step in document().langkah] == ["biasa", "biasa", "biasa", "tanda_tangan", "biasa", "arsip"]


@pytest.mark.django_db
def test_a_suggestion_is_not_saved_unless_chosen(opd):
    sop = sop_import(document=document(), opd=opd, user=None)
    assert list(sop.langkah.values_list("pelaksana", flat=True)) == [None] * 6
    assert list(sop.langkah.values_list("aksi", flat=True))[3] == "tanda_tangan"


@pytest.mark.django_db
def test_chosen_pelaksana_and_aksi_are_saved_and_the_history_says_they_were_chosen(opd):
    parsed = document()
    choices = Choices(pelaksana={0: 0, 1: 1, 4: 2}, aksi={2: "isi_data"})
    sop = sop_import(document=parsed, opd=opd, user=None, choices=choices)
    steps = list(sop.langkah.select_related("pelaksana"))
    assert [step.pelaksana.nama if step.pelaksana else None for step in steps] == [
        "Kepala Dinas", "Sekretaris", None, None, "Kasubbag Umum", None,
    ]  # fmt: skip
    assert steps[2].aksi == "isi_data"
    assert sop.history.first().history_change_reason == (
        "Diimpor dari berkas tanpa-bagan.txt; pelaksana langkah 1, 2, 5 dipilih saat impor"
    )
    warned = notes(parsed)
    assert not any(w.startswith(("baris 10: Langkah 1:", "baris 11: Langkah 2:")) for w in warned)
    assert "Pelaksana langkah 1, 2, 5 dipilih saat impor (dokumen tidak menandainya)." in warned


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("choices", "says"),
    [
        (Choices(pelaksana={0: 7}), "pilihan pelaksana untuk langkah 1 tidak sah"),
        (Choices(pelaksana={99: 0}), "pilihan pelaksana untuk langkah 100 tidak sah"),
        (Choices(aksi={1: "hapus_semua"}), "pilihan aksi untuk langkah 2 tidak sah"),
    ],
)
def test_a_choice_the_preview_could_not_offer_refuses_the_file(opd, choices, says):
    with pytest.raises(SopImportError, match=says):
        sop_import(document=document(), opd=opd, user=None, choices=choices)
    assert not Sop.objects.exists()


@pytest.mark.django_db
def test_a_step_the_document_marks_cannot_be_given_another_pelaksana(opd):
    marked = with_table(HEADER, SUB, "1.\tMulai\tX\t\t\tA\t5\tB\t", "2.\tSelesai\t\tX\t\tA\t5\tB\t")
    with pytest.raises(SopImportError, match="langkah 1 tidak sah"):
        sop_import(document=marked, opd=opd, user=None, choices=Choices(pelaksana={0: 2}))


@pytest.mark.django_db
def test_the_preview_offers_the_suggestion_and_saves_only_what_is_chosen(client, opd):
    admin = UserFactory(username="admin", roles=[(opd, Keanggotaan.Peran.ADMIN_OPD)])
    client.force_login(admin)
    upload = SimpleUploadedFile("tanpa-bagan.txt", text(*IDENTITY, "", HEADER, SUB, *ROWS))
    preview_url = client.post(reverse("sop:sop-import"), {"opd": opd.pk, "berkas": [upload]}).url
    html = client.get(preview_url).content.decode()
    assert 'name="pelaksana-0-1" id="pelaksana-0-1" data-saran="1"' in html
    assert '<option value="1">Sekretaris (saran dari uraian)</option>' in html
    assert '<option value="tanda_tangan" selected>Tanda tangan (saran)</option>' in html
    assert "Terima semua saran pelaksana" in html

    client.post(preview_url, {"pelaksana-0-1": "1", "pelaksana-0-2": "", "aksi-0-5": "arsip"})
    sop = Sop.objects.get()
    assert [step.pelaksana.nama if step.pelaksana else None for step in sop.langkah.select_related("pelaksana")] == [
        None, "Sekretaris", None, None, None, None,
    ]  # fmt: skip
    assert sop.langkah.get(urutan=6).aksi == "arsip"
