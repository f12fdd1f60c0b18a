"""Template documents: read with the editor's rules, loaded all or nothing per file, versions kept."""

import json

import pytest
from django.core.management import CommandError, call_command

from sop.library.format import FORMAT, PLACEHOLDERS, TemplateError, fill_text, unknown_placeholders
from sop.library.management.commands.build_sop_template_fixture import FIXTURE, fixture_text
from sop.library.models import SopTemplate
from sop.library.services import NEW, NEW_VERSION, UNCHANGED, read_file, shipped_files, templates_load

SHIPPED_SLUGS = {
    "pengukuran-kinerja",
    "pengukuran-kinerja-dinas",
    "pelaksanaan-pengukuran-kinerja",
    "mekanisme-pengumpulan-data-kinerja",
    "penyusunan-perjanjian-kinerja",
    "penyusunan-rencana-aksi",
    "pengumpulan-data-kinerja-triwulan",
    "penyusunan-lkjip",
    "evaluasi-internal-sakip",
}


def document(slug="contoh", versi=1, **changes) -> dict:
    data = {
        "format": FORMAT,
        "slug": slug,
        "versi": versi,
        "judul": "SOP Contoh {opd_singkatan}",
        "pelaksana": ["{kepala}", "Staf"],
        "langkah": [
            {"uraian": "Memerintahkan", "pelaksana": "{kepala}", "simbol": "terminator", "waktu_nilai": "15"},
            {"uraian": "Mengerjakan", "pelaksana": "Staf", "waktu_nilai": "1", "waktu_satuan": "jam"},
            {"uraian": "Mengarsipkan", "pelaksana": "Staf", "simbol": "terminator", "aksi": "arsip"},
        ],
        "daftar": {"dasar_hukum": ["Peraturan {pemda}"]},
    }
    data.update(changes)
    return data


def as_file(*documents) -> str:
    return json.dumps(list(documents) if len(documents) > 1 else documents[0])


def test_every_shipped_template_reads_cleanly_with_the_editors_rules():
    slugs = set()
    for path in shipped_files():
        (template,) = read_file(path.read_bytes(), source=path.name)
        assert path.stem == template.slug
        slugs.add(template.slug)
        content = template.content
        assert content.langkah[0].simbol == content.langkah[-1].simbol == "terminator", template.slug
        assert all(step.pelaksana_kunci for step in content.langkah), template.slug
        assert all(step.waktu_nilai for step in content.langkah), template.slug
        assert all(content.items.get(jenis) for jenis in ("dasar_hukum", "kualifikasi", "peralatan")), template.slug
        assert content.identity["jenis_kegiatan"] and content.identity["pj_produk"], template.slug
    assert slugs == SHIPPED_SLUGS


def test_the_new_routine_procedures_decide_and_loop_back():
    for slug in ("penyusunan-perjanjian-kinerja", "penyusunan-rencana-aksi", "penyusunan-lkjip"):
        (template,) = read_file((shipped_files()[0].parent / f"{slug}.json").read_bytes())
        decisions = [(i + 1, s) for i, s in enumerate(template.content.langkah) if s.simbol == "keputusan"]
        assert decisions, slug
        number, step = decisions[0]
        assert step.tidak_ke < number < step.ya_ke


def test_load_command_loads_the_shipped_templates_and_the_list_shows_them(db, capsys):
    call_command("load_sop_templates")
    assert set(SopTemplate.objects.filter(is_current=True).values_list("slug", flat=True)) == SHIPPED_SLUGS
    capsys.readouterr()
    call_command("sop_templates")
    out = capsys.readouterr().out
    assert "pengukuran-kinerja" in out and "v1" in out and "Penyusunan Laporan Kinerja Instansi Pemerintah" in out
    call_command("load_sop_templates")  # again: nothing changes
    assert SopTemplate.objects.count() == len(SHIPPED_SLUGS)
    assert "sudah ada, tidak berubah" in capsys.readouterr().out


def test_loaddata_fixture_is_in_sync_with_the_template_files(db):
    assert FIXTURE.read_text() == fixture_text()
    call_command("build_sop_template_fixture", "--check")
    call_command("loaddata", "sop_templates", verbosity=0)
    stored = {t.slug: t.content for t in SopTemplate.objects.all()}
    for path in shipped_files():
        (template,) = read_file(path.read_bytes())
        assert stored[template.slug] == template.document()


def test_a_file_with_one_broken_template_is_refused_whole_with_the_reason(db):
    broken = document(slug="rusak")
    broken["langkah"][1].update(simbol="keputusan", ya_ke=9)
    with pytest.raises(TemplateError) as raised:
        templates_load(data=as_file(document(), broken), source="dua.json")
    assert raised.value.messages == [
        "Langkah 2: tujuan jika Ya (langkah 9) tidak ada; SOP ini punya langkah 1–3.",
        "Langkah 2 adalah keputusan: isi nomor langkah tujuan jika Tidak.",
    ]
    assert str(raised.value).startswith("Templat dua.json rusak ditolak: Langkah 2")
    assert not SopTemplate.objects.exists()


def test_load_command_reports_the_broken_file_and_loads_the_good_one(db, tmp_path, capsys):
    good = tmp_path / "baik.json"
    good.write_text(as_file(document()))
    bad = tmp_path / "buruk.json"
    bad.write_text('{"format": "sakip-sop-templat/1", "slug": "x",')
    with pytest.raises(CommandError, match="1 berkas ditolak"):
        call_command("load_sop_templates", str(good), str(bad))
    err = capsys.readouterr().err
    assert "buruk.json: ditolak" in err and "bukan JSON yang sah" in err
    assert list(SopTemplate.objects.values_list("slug", flat=True)) == ["contoh"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": "lain/2"}, "format harus"),
        ({"slug": "Bukan Slug"}, "slug harus huruf kecil"),
        ({"versi": "2"}, "versi harus bilangan bulat"),
        ({"judul": "{opd.__class__}"}, "penanda {opd.__class__} tidak dikenal"),
        ({"pelaksana": ["{kepala}", "Staf", "staf"]}, "sudah ada di kolom 2"),
        ({"langkah": []}, "langkah harus daftar berisi"),
        ({"langkah": [{"uraian": "x", "simbol": "lingkaran"}]}, "Langkah 1, simbol"),
        ({"langkah": [{"uraian": "x", "pelaksana": "Tamu"}]}, "pelaksana “Tamu” tidak ada"),
        ({"langkah": [{"uraian": "x", "waktu_nilai": "lama"}]}, "Waktu harus berupa angka"),
        ({"langkah": [{"uraian": "x", "warna": "merah"}]}, "kunci warna tidak dikenal"),
        ({"daftar": {"lampiran": ["x"]}}, "“lampiran” tidak dikenal"),
        ({"identitas": {"nomor": "1/2"}}, "identitas: kunci nomor tidak dikenal"),
        ({"rahasia": 1}, "kunci rahasia tidak dikenal"),
    ],
)
def test_each_kind_of_mistake_is_named(db, change, message):
    with pytest.raises(TemplateError) as raised:
        templates_load(data=as_file(document(**change)))
    assert message in str(raised.value)
    assert not SopTemplate.objects.exists()


def test_a_newer_version_becomes_current_and_the_old_is_kept(db):
    (first,) = templates_load(data=as_file(document()))
    assert first.action == NEW
    changed = document(versi=2, deskripsi="Langkah 2 lebih cepat")
    changed["langkah"][1]["waktu_nilai"] = "30"
    changed["langkah"][1]["waktu_satuan"] = "menit"
    (second,) = templates_load(data=as_file(changed))
    assert second.action == NEW_VERSION
    assert [(t.versi, t.is_current) for t in SopTemplate.objects.filter(slug="contoh")] == [(2, True), (1, False)]
    (again,) = templates_load(data=as_file(changed))
    assert again.action == UNCHANGED
    with pytest.raises(TemplateError, match=r"sudah dimuat dengan isi lain; naikkan versinya \(mis\. 3\)"):
        templates_load(data=as_file(document(versi=2)))
    templates_load(data=as_file(document(slug="lain", versi=5)))
    with pytest.raises(TemplateError, match=r"lebih lama dari versi yang berlaku \(5\)"):
        templates_load(data=as_file(document(slug="lain", versi=4)))


def test_placeholders_are_filled_and_nothing_else_is_evaluated():
    values = {"opd": "Dinas Sosial", "opd_singkatan": "Dinsos", "kepala": "Kepala Dinsos", "pemda": "Kabupaten X"}
    assert set(values) == set(PLACEHOLDERS)
    assert fill_text("Laporan {opd_singkatan} kepada {kepala}, {pemda}", values) == (
        "Laporan Dinsos kepada Kepala Dinsos, Kabupaten X"
    )
    assert fill_text("{{opd}} tetap {{ kurung }}", values) == "{opd} tetap { kurung }"
    assert unknown_placeholders("{opd} {0} {opd.__class__} {{x}}") == ["0", "opd.__class__"]


def test_an_oversized_or_non_json_upload_is_refused():
    with pytest.raises(TemplateError, match="lebih dari 1000 KB"):
        read_file(b" " * 1_000_001)
    with pytest.raises(TemplateError, match="bukan JSON yang sah"):
        read_file(b"\xff\xfe")
    with pytest.raises(TemplateError, match="satu templat"):
        read_file("[1, 2]")
