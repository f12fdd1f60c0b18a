"""manage.py import_sop: one outcome line per file, exit status 1 when any failed, --dry-run saves nothing."""

import io

import pytest
from django.core.management import CommandError, call_command

from sop.importing import MAX_BYTES
from sop.models import Sop
from tests.sakip.factories import OpdFactory
from tests.sop.importing.conftest import SEED_FILES, SEEDS


def run(*args) -> str:
    out = io.StringIO()
    call_command("import_sop", *[str(arg) for arg in args], stdout=out)
    return out.getvalue()


def run_failing(*args) -> tuple[str, CommandError]:
    out = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_sop", *[str(arg) for arg in args], stdout=out)
    return out.getvalue(), caught.value


@pytest.fixture
def seed_paths():
    return {pk: SEEDS / name for pk, name in SEED_FILES.items()}


def test_each_file_gets_its_outcome(db, seed_paths):
    opd = OpdFactory()
    output = run(seed_paths[3], seed_paths[4], "--opd", opd.pk)
    assert f"OK dengan peringatan  {SEED_FILES[3]} → {opd.nama}: 175 / 188 / SETWAN-BLG/2023" in output
    assert "peringatan: baris 80: Langkah 1: tidak ada tanda di kolom pelaksana" in output
    assert "2 dari 2 berkas diimpor; 0 gagal." in output
    assert list(Sop.objects.filter(opd=opd).values_list("judul", "status")) == [
        ("PELAKSANAAN PENGUKURAN KINERJA", "draft"),
        ("SOP Mekanisme Pengumpulan Data Kinerja", "draft"),
    ]


def test_a_failed_file_fails_the_command_but_not_the_other_files(db, seed_paths, tmp_path):
    opd = OpdFactory()
    empty = tmp_path / "kosong.txt"
    empty.write_bytes(b"")
    huge = tmp_path / "besar.txt"
    huge.write_bytes(b"a" * (MAX_BYTES + 1))
    output, error = run_failing(empty, seed_paths[3], huge, tmp_path / "tidak-ada.txt", "--opd", opd.pk)
    assert error.returncode == 1
    assert "GAGAL  kosong.txt" in output and "kosong.txt: berkas kosong (0 byte)." in output
    assert "GAGAL  besar.txt: berkas terlalu besar (5,0 MB); paling besar 5,0 MB." in output
    assert "GAGAL  tidak-ada.txt: berkas tidak bisa dibaca" in output
    assert "1 dari 4 berkas diimpor; 3 gagal." in output
    assert Sop.objects.filter(opd=opd).count() == 1


def test_dry_run_saves_nothing(db, seed_paths):
    opd = OpdFactory()
    output = run(*seed_paths.values(), "--opd", opd.pk, "--dry-run")
    assert output.count("(uji coba, tidak disimpan)") == 4
    assert "4 dari 4 berkas diperiksa; 0 gagal." in output
    assert not Sop.objects.exists()


def test_without_opd_the_kop_decides(seeded, seed_paths):
    output = run(seed_paths[1], "--user", "superadmin")
    assert "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah Kab. Banggai" in output
    assert Sop.objects.get(opd_id=1, versi=2).revisi_dari_id == 1


def test_a_new_version_needs_a_user_to_record(seeded, seed_paths):
    output, _error = run_failing(seed_paths[1], "--opd", 1)
    assert "membuat versi barunya perlu nama pengguna" in output and "--user" in output
    assert not Sop.objects.filter(versi=2).exists()
    output = run(seed_paths[1], "--opd", 1, "--user", "admin.banggai")
    assert "versi 2" in output


def test_unknown_opd_or_user(db, seed_paths):
    with pytest.raises(CommandError, match="OPD dengan id 999 tidak ada"):
        run(seed_paths[1], "--opd", 999)
    with pytest.raises(CommandError, match="Pengguna “siapa” tidak ada"):
        run(seed_paths[1], "--user", "siapa")
