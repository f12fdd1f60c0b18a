"""The six list boxes spelled and cased any way, numbered or not, one item per line or inline, with gaps in
the numbering, and a box with nothing in it."""

from tests.sop.importing.docs import notes, read


def items(document, jenis: str) -> list[str]:
    return [item.teks for item in document.items[jenis]]


def test_list_headings_spelled_and_cased_any_way():
    document = read(
        "\tJudul SOP\tPengelolaan Surat Masuk",
        "PERALATAN/PERLENGKAPAN :",
        "Komputer",
        "KETERKAITAN DENGAN SOP LAIN",
        "SOP Pengarsipan",
        "pencatatan dan pendataan:",
        "Buku agenda",
        "Kualifikasi Pelaksanaan",
        "Memahami tata naskah dinas",
        "PERINGATAN",
        "Surat yang tidak dicatat dapat hilang",
        "Dasar hukum :",
        "Permendagri Nomor 54 Tahun 2009",
    )
    assert items(document, "peralatan") == ["Komputer"]
    assert items(document, "keterkaitan") == ["SOP Pengarsipan"]
    assert items(document, "pencatatan") == ["Buku agenda"]
    assert items(document, "kualifikasi") == ["Memahami tata naskah dinas"]
    assert items(document, "peringatan") == ["Surat yang tidak dicatat dapat hilang"]
    assert items(document, "dasar_hukum") == ["Permendagri Nomor 54 Tahun 2009"]


def test_peralatan_dan_perlengkapan_with_items_inline_after_the_colon():
    document = read("\tJudul SOP\tX", "Peralatan dan Perlengkapan : 1. ATK 2. Komputer 3. Printer")
    assert items(document, "peralatan") == ["ATK", "Komputer", "Printer"]


def test_items_one_per_line_unnumbered_or_with_bullets():
    document = read("\tJudul SOP\tX", "Pencatatan dan Pendataan :", "- Buku agenda", "• Arsip digital", "Kartu kendali")
    assert items(document, "pencatatan") == ["Buku agenda", "Arsip digital", "Kartu kendali"]


def test_a_gap_in_the_numbering_keeps_every_item_and_says_so():
    document = read(
        "\tJudul SOP\tX",
        "PERALATAN/PERLENGKAPAN :",
        "1. ATK; 2. Komputer; 4. Printer",
        "Dasar Hukum :",
        "1. UU No. 43 Tahun 2009 tentang Kearsipan",
        "2. PP No. 28 Tahun 2012",
        "4. Perda No. 3 Tahun 2019",
    )
    assert items(document, "peralatan") == ["ATK", "Komputer", "Printer"]
    assert items(document, "dasar_hukum") == [
        "UU No. 43 Tahun 2009 tentang Kearsipan",
        "PP No. 28 Tahun 2012",
        "Perda No. 3 Tahun 2019",
    ]
    assert (
        "baris 2: Daftar “Peralatan/Perlengkapan”: nomor di dokumen 1, 2, 4 tidak urut; semua 3 butir disimpan "
        "berurutan 1–3."
    ) in notes(document)
    assert any(n.startswith("baris 4: Daftar “Dasar Hukum”: nomor di dokumen 1, 2, 4") for n in notes(document))


def test_a_number_inside_a_citation_is_not_an_item():
    document = read("\tJudul SOP\tX", "Dasar Hukum : 1. PP No. 5. Tahun 2010 2. Perbup Nomor 3 Tahun 2020")
    assert items(document, "dasar_hukum") == ["PP No. 5. Tahun 2010", "Perbup Nomor 3 Tahun 2020"]


def test_a_section_with_no_items_is_a_warning_naming_its_line():
    document = read(
        "\tJudul SOP\tX",
        "PERINGATAN :",
        "PENCATATAN DAN PENDATAAN :",
        "Buku agenda",
    )
    assert items(document, "peringatan") == []
    assert items(document, "pencatatan") == ["Buku agenda"]
    assert "baris 2: Daftar “Peringatan” kosong." in notes(document)
