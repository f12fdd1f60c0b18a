"""A Word document in the offices' layout imports the same as its text export — and keeps the marks."""

import pytest

from sop.importing import read_document
from sop.importing.services import sop_import
from sop.models import Sop
from tests.sakip.factories import OpdFactory
from tests.sop.importing.compare import assert_same_content, step_pelaksana
from tests.sop.importing.docx_builder import sop_docx


@pytest.mark.parametrize("pk", [1, 2, 3, 4])
def test_docx_in_the_same_layout_imports_as_the_fixture_with_every_pelaksana(seeded, pk):
    expected = Sop.objects.get(pk=pk)
    marks = {1: "X", 2: "v", 3: "Ya", 4: "√"}
    data = sop_docx(expected, marks=dict.fromkeys(range(1, 30), marks[pk]))
    document = read_document(data=data, filename="sop.docx")
    sop = sop_import(document=document, opd=OpdFactory(), user=None)
    assert_same_content(sop, expected)
    assert step_pelaksana(sop) == step_pelaksana(expected)
    assert not [note for note in document.warnings if "pelaksana" in note.message]


def test_docx_where_marks_are_missing_warns_per_step(seeded):
    expected = Sop.objects.get(pk=3)
    expected.langkah.filter(urutan__in=[2, 5]).update(pelaksana=None)
    document = read_document(data=sop_docx(expected), filename="sop.docx")
    steps = [document.column_of(step) for step in document.langkah]
    assert steps[1] is None and steps[4] is None
    warned = [note for note in document.warnings if "tidak ada tanda di kolom pelaksana" in note.message]
    assert [note.where for note in warned] == ["tabel 3, baris 4", "tabel 3, baris 7"]


def test_drawn_flowchart_symbols_are_marks_and_give_the_simbol(seeded):
    expected = Sop.objects.get(pk=3)
    data = sop_docx(expected, shapes={1: "flowChartTerminator", 2: "flowChartProcess", 4: "flowChartDecision"})
    document = read_document(data=data, filename="sop.docx")
    sop = sop_import(document=document, opd=OpdFactory(), user=None)
    assert step_pelaksana(sop) == step_pelaksana(expected)
    steps = list(sop.langkah.all())
    assert [step.simbol for step in steps][:4] == ["terminator", "proses", "proses", "keputusan"]
    # A diamond's exits are not in the table: Ya goes on to the next step, Tidak back one, and the import says so.
    assert (steps[3].ya_ke, steps[3].tidak_ke) == (5, 3)
    assert any(
        "Langkah 4 dibaca sebagai keputusan (bentuk keputusan (belah ketupat)" in note.message
        and "Ya → langkah 5, Tidak → langkah 3" in note.message
        for note in document.warnings
    )


@pytest.mark.parametrize("pk", [1, 2, 3, 4])
def test_each_seed_pasted_into_word_reads_as_its_text_export(db, pk):
    from tests.sop.importing.conftest import SEED_FILES, seed_bytes
    from tests.sop.importing.docx_builder import text_to_docx

    text = read_document(data=seed_bytes(pk), filename=SEED_FILES[pk])
    word = read_document(data=text_to_docx(seed_bytes(pk).decode("utf-8")), filename="seed.docx")
    assert word.identity == text.identity
    assert word.items == text.items
    assert word.pelaksana == text.pelaksana
    assert word.langkah == text.langkah
