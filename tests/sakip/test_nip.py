import datetime

import pytest
from django.core.exceptions import ValidationError

from sakip.nip import format_nip, parse_nip

TODAY = datetime.date(2026, 11, 20)


def test_parses_grouped_nip_into_its_parts():
    nip = parse_nip("19690815 199803 1 008", today=TODAY)

    assert nip.digits == "196908151998031008"
    assert nip.tanggal_lahir == datetime.date(1969, 8, 15)
    assert nip.tmt == (1998, 3)
    assert nip.jenis_kelamin == "L"
    assert nip.grouped() == "19690815 199803 1 008"


def test_format_groups_digits_and_leaves_unknown_shapes_alone():
    assert format_nip("196207281989011001") == "19620728 198901 1 001"
    assert format_nip("12345") == "12345"


@pytest.mark.parametrize(
    ("value", "code", "fragment"),
    [
        ("1969081519980310", "nip_length", "18 angka"),
        ("19690815199803100A", "nip_length", "18 angka"),
        ("196902301998031008", "nip_birth", "bukan tanggal"),
        ("196908151998131008", "nip_tmt", "bulan 13"),
        ("196908151975031008", "nip_tmt", "tidak cocok"),
        ("196908151998033008", "nip_sex", "jenis kelamin"),
        ("196908151998031000", "nip_seq", "000"),
    ],
)
def test_bad_nip_is_refused_with_a_message_that_says_which_part(value, code, fragment):
    with pytest.raises(ValidationError) as caught:
        parse_nip(value, today=TODAY)

    assert caught.value.code == code
    assert fragment in caught.value.messages[0]


def test_tmt_in_the_future_is_refused():
    with pytest.raises(ValidationError):
        parse_nip("199001012030011001", today=TODAY)
