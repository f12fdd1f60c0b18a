import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from sakip.models import Keanggotaan
from sop.models import Langkah, Pelaksana, Sop, SopItem
from sop.transitions import sop_return, sop_submit
from tests.sakip.factories import KepalaPegawaiFactory, UserFactory
from tests.sop.editor_data import editor_post, five_step_sop
from tests.sop.factories import SopFactory, build_sop

pytestmark = pytest.mark.django_db
CREATE = reverse("sop:sop-create")


def test_penyusun_writes_sop_with_five_steps_and_a_keputusan(client, penyusun, opd):
    client.force_login(penyusun)

    response = client.post(CREATE, five_step_sop(opd))

    sop = Sop.objects.get()
    assert response.status_code == 302
    assert response.url == sop.get_absolute_url()
    assert (sop.opd, sop.status, sop.versi, sop.dibuat_oleh) == (opd, "draft", 1, penyusun)
    assert [p.nama for p in sop.pelaksana.all()] == ["Kepala Badan", "Sekretaris", "Tim SAKIP"]
    steps = list(sop.langkah.select_related("pelaksana"))
    assert [(s.urutan, s.pelaksana.nama, s.simbol) for s in steps] == [
        (1, "Kepala Badan", "terminator"),
        (2, "Tim SAKIP", "proses"),
        (3, "Sekretaris", "keputusan"),
        (4, "Kepala Badan", "proses"),
        (5, "Tim SAKIP", "terminator"),
    ]
    assert (steps[2].ya_ke, steps[2].tidak_ke) == (4, 2)
    assert sop.total_waktu_menit == Decimal(15 + 120 + 30 + 10 + 450)
    assert [i.teks for i in sop.items_of(SopItem.Jenis.DASAR_HUKUM)] == ["Permenpan RB No. 35 Tahun 2012"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"langkah-1-uraian": ""}, "Uraian kegiatan belum diisi."),
        ({"langkah-1-waktu_nilai": "0"}, "Langkah 2: waktu harus lebih dari 0"),
        ({"langkah-1-waktu_nilai": "-5"}, "Langkah 2: waktu harus lebih dari 0"),
        ({"langkah-1-pelaksana": "n9"}, "Langkah 2: pelaksananya tidak ada dalam daftar pelaksana"),
        ({"pelaksana-2-DELETE": "on"}, "Langkah 2: pelaksananya tidak ada dalam daftar pelaksana"),
        ({"langkah-2-tidak_ke": ""}, "Langkah 3 adalah keputusan: isi nomor langkah tujuan jika Tidak."),
        ({"langkah-2-ya_ke": "12"}, "Langkah 3: tujuan jika Ya (langkah 12) tidak ada"),
        ({"sop-judul": ""}, "Judul SOP belum diisi."),
        ({"sop-tanggal_efektif": "31-02-2020"}, "tanggal"),
    ],
)
def test_bad_input_saves_nothing_and_keeps_what_was_typed(client, penyusun, opd, change, message):
    client.force_login(penyusun)
    data = five_step_sop(opd, ruang_lingkup="Seluruh bidang di Bappeda")
    data.update(change)

    response = client.post(CREATE, data)

    page = response.content.decode()
    assert response.status_code == 422
    assert message.lower() in page.lower()
    assert "SOP belum tersimpan" in page
    assert "Seluruh bidang di Bappeda" in page
    assert "Memeriksa draf" in page
    assert Sop.objects.count() == Langkah.objects.count() == Pelaksana.objects.count() == 0


def test_duplicate_nomor_within_opd_is_refused_but_allowed_in_another_opd(client, penyusun, opd, other_opd):
    SopFactory(opd=opd, nomor="208/050/01", judul="SOP Lama")
    SopFactory(opd=other_opd, nomor="999/1")
    client.force_login(penyusun)

    refused = client.post(CREATE, five_step_sop(opd))
    data = five_step_sop(opd, nomor="999/1")
    accepted = client.post(CREATE, data)

    assert refused.status_code == 422
    assert "Nomor SOP “208/050/01” sudah dipakai “SOP Lama” di OPD ini" in refused.content.decode()
    assert accepted.status_code == 302
    assert Sop.objects.filter(opd=opd).count() == 2


def test_edit_reorders_renames_and_removes_rows_in_one_save(client, penyusun, opd):
    sop = build_sop(opd=opd, steps=4, columns=2)
    columns = list(sop.pelaksana.all())
    steps = list(sop.langkah.all())
    client.force_login(penyusun)
    data = editor_post(
        opd=opd,
        identity={"judul": sop.judul, "nomor": sop.nomor},
        lock_version=sop.lock_version,
        initial={"pelaksana": 2, "langkah": 4},
        pelaksana=[
            {"id": columns[1].pk, "kunci": f"p{columns[1].pk}", "nama": columns[0].nama, "ORDER": 1},
            {"id": columns[0].pk, "kunci": f"p{columns[0].pk}", "nama": columns[1].nama, "ORDER": 2},
        ],
        langkah=[
            {
                "id": steps[0].pk,
                "uraian": steps[0].uraian,
                "pelaksana": f"p{columns[0].pk}",
                "waktu_nilai": 15,
                "ORDER": 3,
            },
            {"id": steps[1].pk, "uraian": "Diganti", "pelaksana": f"p{columns[1].pk}", "waktu_nilai": 15, "ORDER": 1},
            {"id": steps[2].pk, "uraian": steps[2].uraian, "DELETE": "on"},
            {
                "id": steps[3].pk,
                "uraian": steps[3].uraian,
                "pelaksana": f"p{columns[1].pk}",
                "waktu_nilai": 15,
                "ORDER": 2,
            },
        ],
    )

    response = client.post(reverse("sop:sop-update", args=[sop.pk]), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    sop.refresh_from_db()
    assert sop.lock_version == 1
    assert [(p.pk, p.nama) for p in sop.pelaksana.all()] == [
        (columns[1].pk, columns[0].nama),
        (columns[0].pk, columns[1].nama),
    ]
    assert [(s.pk, s.urutan) for s in sop.langkah.all()] == [(steps[1].pk, 1), (steps[3].pk, 2), (steps[0].pk, 3)]
    assert Langkah.objects.filter(pk=steps[2].pk).count() == 0
    assert Langkah.objects.get(pk=steps[1].pk).uraian == "Diganti"


def test_forged_row_id_of_another_sop_is_never_touched(client, penyusun, opd):
    mine = build_sop(opd=opd, steps=1)
    foreign = build_sop(steps=1)
    foreign_step = foreign.langkah.get()
    client.force_login(penyusun)
    data = editor_post(
        opd=opd,
        identity={"judul": mine.judul, "nomor": mine.nomor},
        lock_version=0,
        initial={"langkah": 1},
        pelaksana=[],
        langkah=[{"id": foreign_step.pk, "uraian": "Ditimpa"}],
    )

    client.post(reverse("sop:sop-update", args=[mine.pk]), data)

    foreign_step.refresh_from_db()
    assert foreign_step.uraian != "Ditimpa"
    assert foreign_step.sop == foreign
    assert mine.langkah.get().uraian == "Ditimpa"


def test_later_save_is_told_what_changed_and_keeps_its_input(client, penyusun, opd):
    sop = build_sop(opd=opd, steps=1, columns=1, judul="Judul awal")
    column, step = sop.pelaksana.get(), sop.langkah.get()
    bob = UserFactory(username="bob", first_name="Bob", roles=[(opd, Keanggotaan.Peran.PENYUSUN)])

    def edit(judul, uraian, version):
        return editor_post(
            opd=opd,
            identity={"judul": judul, "nomor": sop.nomor},
            lock_version=version,
            initial={"pelaksana": 1, "langkah": 1},
            pelaksana=[{"id": column.pk, "kunci": f"p{column.pk}", "nama": column.nama}],
            langkah=[{"id": step.pk, "uraian": uraian, "pelaksana": f"p{column.pk}", "waktu_nilai": 5}],
        )

    url = reverse("sop:sop-update", args=[sop.pk])
    client.force_login(bob)
    assert client.post(url, edit("Judul dari Bob", step.uraian, 0)).status_code == 302
    client.force_login(penyusun)

    conflict = client.post(url, edit("Judul dari Alice", "Uraian Alice", 0))

    page = conflict.content.decode()
    assert conflict.status_code == 409
    assert "diubah orang lain" in page
    assert "Judul dari Bob" in page  # what changed
    assert "Judul dari Alice" in page and "Uraian Alice" in page  # her input is still there
    sop.refresh_from_db()
    assert sop.judul == "Judul dari Bob"
    # Saving again from the conflict page is a deliberate overwrite.
    again = client.post(url, edit("Judul dari Alice", "Uraian Alice", sop.lock_version))
    assert again.status_code == 302
    sop.refresh_from_db()
    assert sop.judul == "Judul dari Alice"


def test_history_page_shows_who_changed_which_field(client, penyusun, opd):
    client.force_login(penyusun)
    client.post(CREATE, five_step_sop(opd))
    sop = Sop.objects.get()
    data = five_step_sop(opd)
    columns = list(sop.pelaksana.all())
    steps = list(sop.langkah.all())
    data.update({"sop-lock_version": "0", "sop-judul": "Pengukuran Kinerja Triwulan", "pelaksana-INITIAL_FORMS": "3"})
    data.update({"langkah-INITIAL_FORMS": "5", "langkah-1-waktu_nilai": "3"})
    for i, column in enumerate(columns):
        data[f"pelaksana-{i}-id"], data[f"pelaksana-{i}-kunci"] = column.pk, f"p{column.pk}"
    for i, step in enumerate(steps):
        data[f"langkah-{i}-id"] = step.pk
        data[f"langkah-{i}-pelaksana"] = f"p{step.pelaksana_id}"
    for i, item in enumerate(sop.items_of("dasar_hukum")):
        data[f"item-dasar_hukum-{i}-id"] = item.pk
    data["item-dasar_hukum-INITIAL_FORMS"] = "1"
    data["item-peringatan-0-id"] = sop.items_of("peringatan")[0].pk
    data["item-peringatan-INITIAL_FORMS"] = "1"
    assert client.post(reverse("sop:sop-update", args=[sop.pk]), data).status_code == 302

    page = client.get(reverse("sop:sop-history", args=[sop.pk])).content.decode()

    assert "Pengukuran Kinerja Triwulan" in page and "Judul SOP" in page
    assert "Langkah 2" in page
    assert '<span class="diff-old">2</span> → <span class="diff-new">3</span>' in page
    assert str(penyusun) in page
    # Untouched rows leave no history rows behind.
    assert Langkah.history.filter(sop_id=sop.pk, history_type="~").count() == 1
    assert Pelaksana.history.filter(sop_id=sop.pk, history_type="~").count() == 0


def test_disahkan_sop_cannot_be_edited(client, penyusun, opd):
    sop = build_sop(opd=opd, status=Sop.Status.DISAHKAN)
    client.force_login(penyusun)

    response = client.get(reverse("sop:sop-update", args=[sop.pk]))

    assert response.status_code == 302
    assert response.url == sop.get_absolute_url()


def test_order_set_by_the_user_survives_a_validation_error(client, penyusun, opd):
    client.force_login(penyusun)
    data = five_step_sop(opd)
    data.update({"langkah-0-ORDER": "5", "langkah-4-ORDER": "1", "langkah-4-waktu_nilai": "0"})

    response = client.post(CREATE, data)

    page = response.content.decode()
    assert response.status_code == 422
    assert page.index("Mengarsipkan") < page.index("Menyusun draf") < page.index("Memerintahkan penyusunan")
    assert "Langkah 1: waktu harus lebih dari 0" in page


@pytest.mark.parametrize(
    "change",
    [
        {"pelaksana-TOTAL_FORMS": "abc"},
        {"langkah-TOTAL_FORMS": "99999"},
        {"langkah-0-ORDER": "x"},
        {"langkah-2-ya_ke": "tiga"},
        {"langkah-1-waktu_nilai": "1e999"},
        {"langkah-1-waktu_satuan": "abad"},
        {"langkah-1-simbol": "<script>"},
        {"sop-tanggal_pembuatan": "2020-13-45"},
        {"sop-lock_version": "abc"},
        {"sop-pengesah": "999999"},
        {"item-keterkaitan-TOTAL_FORMS": "1", "item-keterkaitan-0-sop_terkait": "999999"},
        {"langkah-0-id": "-5"},
    ],
)
def test_hostile_editor_input_is_an_error_page_with_input_kept_never_a_500(client, penyusun, opd, change):
    client.force_login(penyusun)
    data = five_step_sop(opd, ruang_lingkup="Lingkup yang diketik")
    data.update(change)

    response = client.post(CREATE, data)

    assert response.status_code in (302, 422)
    if response.status_code == 422:
        assert "Lingkup yang diketik" in response.content.decode()


def test_history_reads_like_a_record_names_dates_nips_and_reasons(client, opd, penyusun, kepala):
    opd.pemda.zona_waktu = "Asia/Makassar"
    opd.pemda.save()
    signer = KepalaPegawaiFactory(opd=opd, nama="Nur Aisyah, S.E.", nip="198702122010012003", jabatan="Kepala Badan")
    penyusun.first_name, penyusun.last_name = "Nur", "Aisyah"
    penyusun.save()
    client.force_login(penyusun)
    client.post(CREATE, {**five_step_sop(opd), "sop-pengesah": signer.pk})
    sop = Sop.objects.get()
    sop_submit(sop=sop, actor=penyusun)
    sop_return(sop=sop, actor=kepala, reason="Lengkapi dasar hukum: Perpres 29/2014")
    Sop.history.filter(id=sop.pk).update(history_date=datetime.datetime(2026, 11, 30, 22, 12, tzinfo=datetime.UTC))

    page = client.get(reverse("sop:sop-history", args=[sop.pk])).content.decode()
    text = " ".join(page.split())

    assert 'Dibuat oleh</span>: <span class="diff-new">Nur Aisyah</span>' in page  # a name, not an id
    assert str(sop.seri) not in page  # no internal identifiers
    assert "01 Desember 2026 06.12 WITA" in page  # the Pemda's zone, the Indonesian way
    assert "Nur Aisyah, S.E. (NIP 19870212 201001 2 003)" in text  # the pegawai by name, the NIP grouped
    assert 'Draf</span> → <span class="diff-new">Diajukan' in page
    assert "Alasan: Lengkapi dasar hukum: Perpres 29/2014" in text
