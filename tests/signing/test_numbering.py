"""Numbers from a register per OPD, year and kind: unique, without gaps, none used by a failed signing."""

import threading
from datetime import date

import pytest
from django.db import connection, transaction

from tests.sakip.factories import OpdFactory
from workflow.signing import numbering
from workflow.signing.models import JenisNomor, Nomor, PolaNomor, RegisterNomor


def take(opd, jenis=JenisNomor.SURAT, **kwargs):
    with transaction.atomic():
        return numbering.take_number(opd, jenis, untuk="uji", **kwargs)


def test_pattern_fields(db):
    opd = OpdFactory(singkatan="Bappeda")
    PolaNomor.objects.create(opd=opd, jenis=JenisNomor.SURAT, pola="050/{nomor}/{kode}/{bulan_romawi}/{tahun}")
    assert take(opd, when=date(2026, 11, 3)).teks == "050/001/Bappeda/XI/2026"
    assert take(opd, when=date(2026, 12, 1)).teks == "050/002/Bappeda/XII/2026"


def test_each_year_and_kind_counts_on_its_own(db):
    opd = OpdFactory(singkatan="Dinkes")
    assert take(opd, when=date(2026, 1, 5)).urut == 1
    assert take(opd, when=date(2026, 2, 5)).urut == 2
    assert take(opd, when=date(2027, 1, 2)).urut == 1
    assert take(opd, JenisNomor.SOP, when=date(2026, 3, 1)).teks == "001/SOP/Dinkes/2026"


def test_numbers_typed_by_hand_are_skipped(db):
    opd = OpdFactory(singkatan="Bappeda")
    number = take(opd, JenisNomor.SOP, taken={"001/SOP/Bappeda/2026"}, when=date(2026, 5, 1))
    assert number.teks == "002/SOP/Bappeda/2026"


def test_a_rolled_back_number_is_given_again(db):
    opd = OpdFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        numbering.take_number(opd, JenisNomor.SURAT, untuk="gagal")
        raise RuntimeError("the signing failed")
    assert take(opd).urut == 1
    assert Nomor.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_it_refuses():
    with pytest.raises(RuntimeError):
        numbering.take_number(OpdFactory(), JenisNomor.SURAT, untuk="x")


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("050/{tahun}", "harus memuat {nomor}"),
        ("050/{nomor}/{unit}", "{unit}"),
        ("050/{nomor", "kurung kurawal"),
        ("050/{nomor}/{kode}/{tahun}", None),
    ],
)
def test_pattern_problems_are_named(pattern, problem):
    found = numbering.pattern_problem(pattern)
    assert (found is None) if problem is None else (problem in found)


@pytest.mark.django_db(transaction=True)
def test_numbers_taken_at_the_same_moment_are_unique_and_consecutive():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers itself; the row lock is what PostgreSQL needs")
    opd = OpdFactory()
    results, errors = [], []
    start = threading.Barrier(8)

    def worker():
        try:
            start.wait()
            with transaction.atomic():
                results.append(numbering.take_number(opd, JenisNomor.SURAT, untuk="serentak").urut)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(results) == list(range(1, 9))
    assert RegisterNomor.objects.get(opd=opd).terakhir == 8
