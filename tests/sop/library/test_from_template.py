"""A new draft from a template: the OPD's names filled in, roles mapped, the template remembered; and back."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from sakip.models import Opd, User
from sop.library.create import kepala_title, placeholder_values, sop_from_template
from sop.library.export import template_export
from sop.library.models import TemplateUse
from sop.library.services import templates_load
from sop.models import Sop
from sop.printing import render_sop_pdf
from sop.selectors import sop_get
from tests.sakip.factories import OpdFactory, PegawaiFactory, PemdaFactory, UserFactory
from tests.sop.pdftools import normalise, page_count, pdf_text


def _steps(sop: Sop) -> list[tuple]:
    return [
        (s.uraian, s.kelengkapan, s.waktu_nilai, s.waktu_satuan, s.output, s.pelaksana.nama if s.pelaksana else None)
        for s in sop.langkah.select_related("pelaksana")
    ]


def test_pengukuran_kinerja_for_dinsospermasdes_gives_seed_001(seeds, library):
    banyumas = Opd.objects.get(pk=2)
    penyusun = User.objects.get(username="penyusun.banyumas")
    assert placeholder_values(banyumas)["kepala"] == "Kepala Dinsospermasdes"
    draft = sop_from_template(template=library["pengukuran-kinerja"], opd=banyumas, created_by=penyusun)
    seed = Sop.objects.get(pk=2)
    assert _steps(draft) == _steps(seed)
    assert list(draft.pelaksana.values_list("nama", flat=True)) == list(seed.pelaksana.values_list("nama", flat=True))
    for name in ("judul", "jenis_kegiatan", "pj_produk", "pj_kegiatan", "ruang_lingkup"):
        assert getattr(draft, name) == getattr(seed, name), name
    assert [s.aksi for s in draft.langkah.all()] == [s.aksi for s in seed.langkah.all()]
    assert draft.status == Sop.Status.DRAFT and draft.opd == banyumas and draft.nomor == ""
    assert draft.pengesah.nama == "Ir. WIDARSO, M.M"
    assert draft.template_use.template == library["pengukuran-kinerja"]
    record = draft.history.first()
    assert record.history_user == penyusun
    assert record.history_change_reason == "Dibuat dari templat pengukuran-kinerja versi 1"


def test_the_kepalas_title_comes_from_the_jabatan_without_the_pemda(db):
    opd = OpdFactory(pemda=PemdaFactory(nama="Kabupaten Balangan"), nama="Sekretariat DPRD", singkatan="Setwan")
    assert kepala_title(opd, None) == "Kepala Setwan"
    kepala = PegawaiFactory(opd=opd, jabatan="Sekretaris DPRD Kabupaten Balangan,")
    assert kepala_title(opd, kepala) == "Sekretaris DPRD"


def test_roles_mapped_onto_the_opds_names_and_two_roles_onto_one_column(seeds, library):
    bappeda = Opd.objects.get(pk=1)
    penyusun = User.objects.get(username="penyusun.banggai")
    template = library["pengukuran-kinerja"]
    roles = ["Kepala Badan", "Sekretaris", "Tim SAKIP", "tim sakip"]
    draft = sop_from_template(template=template, opd=bappeda, created_by=penyusun, roles=roles)
    assert list(draft.pelaksana.values_list("nama", flat=True)) == ["Kepala Badan", "Sekretaris", "Tim SAKIP"]
    by_step = [s.pelaksana.nama for s in draft.langkah.select_related("pelaksana")]
    assert by_step[0] == "Kepala Badan" and by_step[5] == "Tim SAKIP" and by_step[1] == "Tim SAKIP"
    assert draft.langkah.get(urutan=10).uraian.endswith("Kepada Kepala Bappeda dan Litbang untuk meminta persetujuan.")


def test_a_user_of_another_opd_cannot_create_there(seeds, library):
    outsider = User.objects.get(username="penyusun.setwan")
    with pytest.raises(PermissionDenied):
        sop_from_template(template=library["penyusunan-lkjip"], opd=Opd.objects.get(pk=2), created_by=outsider)
    assert not TemplateUse.objects.exists()
    with pytest.raises(CommandError, match="tidak berhak"):
        call_command("sop_from_template", "penyusunan-lkjip", "--opd", "2", "--user", "penyusun.setwan")
    assert Sop.objects.count() == 4


def test_command_creates_the_draft_and_prints_its_id(seeds, library, capsys):
    call_command("sop_from_template", "penyusunan-rencana-aksi", "--opd", "3", "--user", "penyusun.setwan")
    sop = Sop.objects.get(pk=int(capsys.readouterr().out))
    assert (
        sop.opd_id == 3
        and sop.judul == "Penyusunan Rencana Aksi Kinerja"
        and sop.dibuat_oleh.username == ("penyusun.setwan")
    )
    assert sop.langkah.get(urutan=6).uraian == "Menetapkan Rencana Aksi Setwan"
    assert sop.pelaksana.first().nama == "Sekretaris DPRD"
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("sop_from_template", "tidak-ada", "--opd", "3")


def test_every_shipped_template_prints_cleanly(db, library, tmp_path):
    pemda = PemdaFactory(nama="Kabupaten Contoh")
    opd = OpdFactory(pemda=pemda, nama="Dinas Komunikasi dan Informatika", singkatan="Diskominfo")
    admin = UserFactory(is_superuser=True)
    for slug, template in sorted(library.items()):
        sop = sop_from_template(template=template, opd=opd, created_by=None)
        pdf = render_sop_pdf(sop_get(user=admin, pk=sop.pk))
        text = normalise(pdf_text(pdf))
        assert page_count(pdf) >= 3, slug
        assert sop.judul.upper() in text.upper(), slug
        assert "{" not in text and "}" not in text, slug
        assert "Diskominfo" in text or "Dinas Komunikasi dan Informatika" in text, slug
        assert "Lembar Kerja Identifikasi Kegiatan".upper() in text.upper(), slug
        last = sop.langkah.last().uraian
        assert normalise(last)[:40] in text, slug
        if slug == "pengumpulan-data-kinerja-triwulan":
            (tmp_path / f"{slug}.pdf").write_bytes(pdf)


def test_export_turns_the_opds_names_back_into_placeholders_and_reads_back(seeds, db):
    seed = Sop.objects.get(pk=2)
    document = template_export(sop=seed, slug="pengukuran-banyumas")
    assert document["pelaksana"][0] == "{kepala}"
    assert document["langkah"][0]["uraian"] == "Memerintahkan penyusunan pengukuran Kinerja {opd_singkatan}"
    assert document["identitas"]["ruang_lingkup"] == "{opd_singkatan} {pemda}"
    assert document["langkah"][4]["keterangan"] == "SOP Pelaksanaan Rapat"
    (loaded,) = templates_load(data=json.dumps(document))
    again = sop_from_template(template=loaded.template, opd=seed.opd, created_by=None)
    assert _steps(again) == _steps(seed)


def test_export_keeps_braces_and_linked_sops_as_text(db, capsys):
    opd = OpdFactory(nama="Inspektorat Daerah", singkatan="Itda")
    other = Sop.objects.create(opd=opd, judul="Reviu LKjIP")
    sop = Sop.objects.create(opd=opd, judul="Audit {kinerja} Itda")
    sop.items.create(jenis="keterkaitan", urutan=1, sop_terkait=other)
    sop.langkah.create(urutan=1, uraian="Mulai audit di Inspektorat Daerah")
    call_command("export_sop_template", str(sop.pk))
    document = json.loads(capsys.readouterr().out)
    assert document["judul"] == "Audit {{kinerja}} {opd_singkatan}"
    assert document["langkah"][0]["uraian"] == "Mulai audit di {opd}"
    assert document["daftar"]["keterkaitan"] == ["SOP Reviu LKjIP"]
    assert document["slug"] == "audit-kinerja-itda"
