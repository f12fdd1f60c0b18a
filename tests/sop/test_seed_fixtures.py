"""The seed fixtures say exactly what the four real SOP documents in fixtures/seeds/ say.

Every value stored by fixtures/sop_seeds.json is looked up in the seed text it was transcribed from, and the
flowchart table of each seed is parsed on its own and compared row by row with the stored steps.
"""

import re
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from sakip.dates import tanggal_indonesia
from sakip.models import Keanggotaan, Pegawai, User
from sakip.nip import format_nip, parse_nip
from sop.models import Langkah, Sop, SopItem

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
SEEDS = FIXTURES / "seeds"
FIXTURE_FILES = ["organisasi.json", "demo_users.json", "sop_seeds.json"]

# SOP pk → the seed document it was transcribed from.
SEED_FILE = {
    1: "000_0bd9111288b09e51.txt",
    2: "001_c72d5443e8427b78.txt",
    3: "003_e6710e4ad12b4b05.txt",
    4: "004_a811afc54436499c.txt",
}
SOP_PKS = sorted(SEED_FILE)

# (steps, pelaksana) per SOP.
COUNTS = {1: (14, 4), 2: (14, 4), 3: (7, 4), 4: (9, 5)}

ITEM_COUNTS = {
    1: {"dasar_hukum": 6, "kualifikasi": 4, "keterkaitan": 1, "peralatan": 6, "peringatan": 1, "pencatatan": 4},
    2: {"dasar_hukum": 2, "kualifikasi": 2, "keterkaitan": 1, "peralatan": 4, "peringatan": 1, "pencatatan": 4},
    3: {"dasar_hukum": 6, "kualifikasi": 4, "keterkaitan": 1, "peralatan": 6, "peringatan": 1, "pencatatan": 1},
    4: {"dasar_hukum": 2, "kualifikasi": 3, "keterkaitan": 3, "peralatan": 4, "peringatan": 1, "pencatatan": 1},
}

# List items the seed writes without a leading number: one-sentence boxes, and the sentence that closes the
# numbered "Pencatatan dan pendataan" list of 000/001.
UNNUMBERED = {
    (1, "pencatatan", 4),
    (2, "pencatatan", 4),
    (3, "peringatan", 1),
    (3, "pencatatan", 1),
    (4, "peringatan", 1),
    (4, "pencatatan", 1),
}

# The pelaksana chosen for each step (the Word export lost the symbols); reasons in fixtures/README.md.
PELAKSANA_CHOSEN = {
    1: [
        "Kepala Bappeda & Litbang",
        "Sek. Tim Sakip",
        "Sek. Tim Sakip",
        "Sek. Tim Sakip",
        "Sek. Tim Sakip",
        "Anggota Tim Sakip",
        "Anggota Tim Sakip",
        "Anggota Tim Sakip",
        "Kepala Bappeda & Litbang",
        "Sekretaris",
        "Kepala Bappeda & Litbang",
        "Sek. Tim Sakip",
        "Sek. Tim Sakip",
        "Sek. Tim Sakip",
    ],
    2: [
        "Kepala Dinsospermasdes",
        "Sek. Tim Sakip",
        "Sek. Tim Sakip",
        "Sek. Tim Sakip",
        "Sek. Tim Sakip",
        "Anggota Tim Sakip",
        "Anggota Tim Sakip",
        "Anggota Tim Sakip",
        "Kepala Dinsospermasdes",
        "Sekretaris",
        "Kepala Dinsospermasdes",
        "Sek. Tim Sakip",
        "Sek. Tim Sakip",
        "Sek. Tim Sakip",
    ],
    3: [
        "Sekretaris DPRD",
        "Kabag/ Kasubag",
        "Tim Penyusun SAKIP/LAKIP",
        "Staf",
        "Kabag/ Kasubag",
        "Sekretaris DPRD",
        "Tim Penyusun SAKIP/LAKIP",
    ],
    4: [
        "Kasubbag Perencanaan dan Pelaporan",
        "Staf Penyusun Evaluasi Kinerja",
        "Staf Penyusun Evaluasi Kinerja",
        "Staf Penyusun Evaluasi Kinerja",
        "Kasubbag Perencanaan dan Pelaporan",
        "Kepala Seksi",
        "Kepala Bidang",
        "Kepala Bidang",
        "Sekretaris",
    ],
}

DEMO_USERNAMES = {
    "superadmin",
    "kepala.banggai",
    "sekretaris.banggai",
    "kabid.banggai",
    "penyusun.banggai",
    "admin.banggai",
    "kepala.banyumas",
    "penyusun.banyumas",
    "kepala.setwan",
    "penyusun.setwan",
    "kepala.bappeda.balangan",
    "penyusun.bappeda.balangan",
}
DEMO_PASSWORD = "demo12345"

STEP_NUMBER = re.compile(r"^\d+\.?$")
WAKTU_CELL = re.compile(r"^\d+(?:[.,]\d+)?(?:\s+\S+)?$")
HTML_TAG = re.compile(r"<[^>]+>")


def norm(text: str) -> str:
    return " ".join(text.split())


def seed_text(sop_pk: int) -> str:
    return (SEEDS / SEED_FILE[sop_pk]).read_text(encoding="utf-8")


def seed_norm(sop_pk: int) -> str:
    return norm(seed_text(sop_pk))


def seed_plain(sop_pk: int) -> str:
    """The seed without its HTML markup, whitespace collapsed."""
    return norm(HTML_TAG.sub(" ", seed_text(sop_pk)))


def field_line(text: str, pattern: str) -> str | None:
    """The rest of the line after a label (tabs, spaces and a colon skipped); None when the label is absent."""
    match = re.search(rf"(?im)^[ \t]*{pattern}[ \t]*:?[ \t]*(.*)$", text)
    if match is None:
        return None
    return norm(HTML_TAG.sub(" ", match.group(1)))


def parse_step_table(text: str, n_pelaksana: int) -> list[dict]:
    """The flowchart rows of a seed: tab-separated lines whose first cell is a step number.

    (003 has a line that is only "2023", the year under its title: one cell, not a row of the table.)

    Word's export drops empty merged cells on some pages (001, rows 9–14 have one pelaksana cell fewer), so the
    Mutu Baku cells are found from the Waktu cell, the first cell after the uraian that is a number with an
    optional unit, instead of by position.
    """
    rows = []
    for line in text.splitlines():
        cells = line.split("\t")
        if len(cells) < 2 or not STEP_NUMBER.match(cells[0].strip()):
            continue
        rest = [cell.strip() for cell in cells[2:]]
        w = next(i for i, cell in enumerate(rest) if WAKTU_CELL.match(cell))
        marks = rest[: w - 1]
        rows.append(
            {
                "nomor": int(cells[0].strip().rstrip(".")),
                "uraian": cells[1].strip(),
                "marks": marks if len(marks) == n_pelaksana else None,
                "kelengkapan": rest[w - 1],
                "waktu": rest[w],
                "output": rest[w + 1] if w + 1 < len(rest) else "",
                "keterangan": rest[w + 2] if w + 2 < len(rest) else "",
            }
        )
    return rows


def waktu_matches(step: Langkah, cell: str, header_in_menit: bool) -> bool:
    angka = f"{step.waktu_nilai.normalize():f}"
    if header_in_menit and cell.isdigit():
        return step.waktu_satuan == Langkah.Satuan.MENIT and angka == cell
    return f"{angka} {step.waktu_satuan}".casefold() == norm(cell).casefold()


@pytest.fixture
def seeded(db):
    call_command("loaddata", *(str(FIXTURES / name) for name in FIXTURE_FILES), verbosity=0)


@pytest.mark.django_db
def test_fixtures_load_the_four_sops(seeded):
    assert sorted(Sop.objects.values_list("pk", flat=True)) == SOP_PKS
    for sop in Sop.objects.all():
        assert sop.status == Sop.Status.DISAHKAN
        assert sop.versi == 1
    assert len(set(Sop.objects.values_list("seri", flat=True))) == 4


@pytest.mark.django_db
@pytest.mark.parametrize("sop_pk", SOP_PKS)
def test_step_and_pelaksana_counts(seeded, sop_pk):
    sop = Sop.objects.get(pk=sop_pk)
    assert (sop.langkah.count(), sop.pelaksana.count()) == COUNTS[sop_pk]
    assert list(sop.langkah.values_list("urutan", flat=True)) == list(range(1, COUNTS[sop_pk][0] + 1))
    assert list(sop.pelaksana.values_list("urutan", flat=True)) == list(range(1, COUNTS[sop_pk][1] + 1))


@pytest.mark.django_db
@pytest.mark.parametrize("sop_pk", SOP_PKS)
def test_item_counts(seeded, sop_pk):
    sop = Sop.objects.get(pk=sop_pk)
    counts = {jenis: len(items) for jenis, items in sop.daftar.items()}
    assert counts == ITEM_COUNTS[sop_pk]
    for items in sop.daftar.values():
        assert [item.urutan for item in items] == list(range(1, len(items) + 1))


@pytest.mark.django_db
def test_banggai_lists_as_the_brief_counts_them(seeded):
    sop = Sop.objects.get(pk=1)
    assert len(sop.items_of("dasar_hukum")) == 6
    assert len(sop.items_of("kualifikasi")) == 4
    assert len(sop.items_of("peralatan")) == 6


@pytest.mark.django_db
@pytest.mark.parametrize("sop_pk", SOP_PKS)
def test_identity_matches_seed(seeded, sop_pk):
    sop = Sop.objects.get(pk=sop_pk)
    text, flat = seed_text(sop_pk), seed_norm(sop_pk)

    assert sop.nomor and norm(sop.nomor) in flat
    assert sop.judul and norm(sop.judul) in seed_plain(sop_pk)

    for label, value in (
        ("Pembuatan", sop.tanggal_pembuatan),
        ("Revisi", sop.tanggal_revisi),
        ("Efektif", sop.tanggal_efektif),
    ):
        written = field_line(text, rf"(?:Tanggal|TGL\.)[ \t]*{label}")
        assert written is not None, label
        assert written == tanggal_indonesia(value), label
        if value is not None:
            assert tanggal_indonesia(value) in flat

    assert sop.disahkan_nama and norm(sop.disahkan_nama) in flat
    assert format_nip(sop.disahkan_nip) in flat
    assert re.fullmatch(r"\d{18}", sop.disahkan_nip)
    if sop.disahkan_pangkat:
        assert norm(sop.disahkan_pangkat) in flat
    if sop.disahkan_jabatan:
        assert norm(sop.disahkan_jabatan) in flat

    assert sop.pengesah is not None
    assert sop.pengesah.nip == sop.disahkan_nip
    assert sop.pengesah.nama == sop.disahkan_nama
    assert sop.pengesah.opd_id == sop.opd_id


@pytest.mark.django_db
@pytest.mark.parametrize("sop_pk", SOP_PKS)
def test_lembar_kerja_matches_seed(seeded, sop_pk):
    sop = Sop.objects.get(pk=sop_pk)
    text = seed_text(sop_pk)
    has_lembar_kerja = "LEMBAR KERJA IDENTIFIKASI KEGIATAN" in text
    for field, pattern in (
        ("jenis_kegiatan", r"2\. Jenis Kegiatan"),
        ("pj_produk", r"a\. Produk"),
        ("pj_kegiatan", r"b\. Kegiatan"),
        ("ruang_lingkup", r"4\. Scope \(Ruang Lingkup\)"),
    ):
        written = field_line(text, pattern)
        if has_lembar_kerja:
            assert written == getattr(sop, field), field
        else:
            assert written is None and getattr(sop, field) == "", field


@pytest.mark.django_db
@pytest.mark.parametrize("sop_pk", SOP_PKS)
def test_every_list_item_is_in_the_seed(seeded, sop_pk):
    flat, plain = seed_norm(sop_pk), seed_plain(sop_pk)
    items = SopItem.objects.filter(sop_id=sop_pk)
    assert items.exists()
    for item in items:
        teks = norm(item.teks)
        assert teks == item.teks, "no stray whitespace"
        assert teks in flat, teks
        assert not re.match(r"^\d+\.\s", teks), f"numbering left in: {teks}"
        assert not HTML_TAG.search(teks), f"markup left in: {teks}"
        if (sop_pk, item.jenis, item.urutan) not in UNNUMBERED:
            assert f"{item.urutan}. {teks}" in plain, f"{item.jenis} {item.urutan}: {teks}"

    # Nothing left out: after the last numbered item of each list, the seed does not go on with the next number.
    for jenis in SopItem.Jenis.values:
        numbered = [i for i in items.filter(jenis=jenis) if (sop_pk, jenis, i.urutan) not in UNNUMBERED]
        if not numbered:
            continue
        last = numbered[-1]
        written = f"{last.urutan}. {last.teks}"
        after = plain[plain.index(written) + len(written) :].lstrip()
        assert not after.startswith(f"{last.urutan + 1}. "), f"{jenis}: item {last.urutan + 1} missing"


@pytest.mark.django_db
@pytest.mark.parametrize("sop_pk", SOP_PKS)
def test_every_step_value_is_in_the_seed(seeded, sop_pk):
    flat = seed_norm(sop_pk)
    sop = Sop.objects.get(pk=sop_pk)
    for column in sop.pelaksana.all():
        assert norm(column.nama) in flat, column.nama
    for step in sop.langkah.all():
        for value in (step.uraian, step.kelengkapan, step.output, step.keterangan):
            assert norm(value) in flat, value
        assert step.uraian and step.kelengkapan and step.output
        assert step.waktu_nilai is not None and step.waktu_nilai > 0
        assert step.pelaksana is not None and step.pelaksana.sop_id == sop_pk


@pytest.mark.django_db
@pytest.mark.parametrize("sop_pk", SOP_PKS)
def test_pelaksana_columns_match_the_table_header(seeded, sop_pk):
    sop = Sop.objects.get(pk=sop_pk)
    header = next(line.split("\t") for line in seed_text(sop_pk).splitlines() if "\tKelengkapan\t" in line)
    names = [cell.strip() for cell in header[2 : header.index("Kelengkapan")]]
    assert names == [column.nama for column in sop.pelaksana.all()]


@pytest.mark.django_db
@pytest.mark.parametrize("sop_pk", SOP_PKS)
def test_step_table_parses_to_the_stored_steps(seeded, sop_pk):
    sop = Sop.objects.get(pk=sop_pk)
    text = seed_text(sop_pk)
    columns = list(sop.pelaksana.all())
    steps = list(sop.langkah.select_related("pelaksana"))
    rows = parse_step_table(text, len(columns))
    header_in_menit = "Waktu (menit)" in text

    assert [row["nomor"] for row in rows] == [step.urutan for step in steps]
    for row, step in zip(rows, steps, strict=True):
        label = f"langkah {step.urutan}"
        assert row["uraian"] == step.uraian, label
        assert row["kelengkapan"] == step.kelengkapan, label
        assert waktu_matches(step, row["waktu"], header_in_menit), f"{label}: {row['waktu']!r}"
        assert row["output"] == step.output, label
        assert row["keterangan"] == step.keterangan, label
        # Where the export kept a mark ("Ya"/"Tidak") in a pelaksana column, the first mark is the pelaksana.
        if row["marks"] and any(row["marks"]):
            first = next(i for i, mark in enumerate(row["marks"]) if mark)
            assert step.pelaksana == columns[first], label


@pytest.mark.django_db
@pytest.mark.parametrize("sop_pk", SOP_PKS)
def test_symbols_and_chosen_pelaksana(seeded, sop_pk):
    steps = list(Langkah.objects.filter(sop_id=sop_pk).select_related("pelaksana"))
    assert [step.pelaksana.nama for step in steps] == PELAKSANA_CHOSEN[sop_pk]
    symbols = [step.simbol for step in steps]
    assert symbols[0] == symbols[-1] == Langkah.Simbol.TERMINATOR
    assert set(symbols[1:-1]) == {Langkah.Simbol.PROSES}


@pytest.mark.django_db
def test_odd_values_kept_as_written(seeded):
    sop_000, sop_001, sop_003, sop_004 = (Sop.objects.get(pk=pk) for pk in SOP_PKS)
    assert sop_000.langkah.get(urutan=13).uraian == "Penggandaan Dokumen Pengukuran Kinerja."
    assert sop_000.langkah.get(urutan=5).keterangan == "SOP Pelaksanaan Rapat"
    assert sop_001.langkah.get(urutan=5).keterangan == "SOP Pelaksanaan Rapat"
    assert sop_000.items_of("pencatatan")[2].teks == "Kasubag Perencanaar : Lembar disposisi,paraf"
    assert sop_001.items_of("pencatatan")[3].teks.startswith("Setiap tahap terdokumentasi")
    step = sop_004.langkah.get(urutan=3)
    assert (step.waktu_nilai, step.waktu_satuan) == (2, "menit")
    step = sop_004.langkah.get(urutan=7)
    assert (step.waktu_nilai, step.waktu_satuan) == (120, "hari")
    assert [s.waktu_satuan for s in sop_003.langkah.all()] == ["menit", "jam", "hari", "hari", "hari", "jam", "hari"]
    assert {s.keterangan for s in sop_003.langkah.all()} == {""}


@pytest.mark.django_db
def test_pegawai_nips_are_valid(seeded):
    pegawai = list(Pegawai.objects.all())
    assert pegawai
    for person in pegawai:
        assert re.fullmatch(r"\d{18}", person.nip), person.nama
        parse_nip(person.nip)


@pytest.mark.django_db
@pytest.mark.parametrize("sop_pk", SOP_PKS)
def test_signer_pegawai_as_written(seeded, sop_pk):
    signer = Sop.objects.get(pk=sop_pk).pengesah
    flat = seed_norm(sop_pk)
    assert norm(signer.nama) in flat
    assert signer.nip_tampil in flat
    expected_golongan = {1: "IV/c", 2: "IV/c", 3: "IV/b", 4: ""}[sop_pk]
    assert signer.golongan == expected_golongan


@pytest.mark.django_db
def test_demo_users_and_roles(seeded):
    assert set(User.objects.values_list("username", flat=True)) == DEMO_USERNAMES
    admin = User.objects.get(username="superadmin")
    assert admin.is_superuser and admin.is_staff
    for user in User.objects.exclude(username="superadmin"):
        assert not user.is_superuser
        assert user.password.startswith("pbkdf2_sha256$")
        assert user.get_full_name(), user.username
        assert Pegawai.objects.filter(user=user).exists(), user.username
        assert user.keanggotaan.exists(), user.username
    banggai = Sop.objects.get(pk=1).opd
    roles = dict(Keanggotaan.objects.filter(opd=banggai).values_list("user__username", "peran"))
    assert roles == {
        "kepala.banggai": "kepala",
        "sekretaris.banggai": "sekretaris",
        "kabid.banggai": "validator",
        "penyusun.banggai": "penyusun",
        "admin.banggai": "admin_opd",
    }
    assert User.objects.get(username="kepala.banggai").pegawai.nama == "MOH. RAMLI TONGKO, S.Sos, ST., M.Si"
    for opd_pk, short in ((2, "banyumas"), (3, "setwan"), (4, "bappeda.balangan")):
        members = dict(Keanggotaan.objects.filter(opd_id=opd_pk).values_list("user__username", "peran"))
        assert members[f"kepala.{short}"] == "kepala"
        assert members[f"penyusun.{short}"] == "penyusun"


@pytest.fixture
def pbkdf2(settings):
    """The test settings hash with MD5 for speed; the fixtures carry a real PBKDF2 hash."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]


@pytest.mark.django_db
def test_every_demo_user_can_log_in(seeded, pbkdf2):
    for user in User.objects.all():
        assert authenticate(username=user.username, password=DEMO_PASSWORD) == user, user.username


@pytest.mark.django_db
def test_kepala_banggai_logs_in_with_grouped_nip(seeded, pbkdf2):
    user = authenticate(username="19690815 199803 1 008", password=DEMO_PASSWORD)
    assert user is not None
    assert user.username == "kepala.banggai"
