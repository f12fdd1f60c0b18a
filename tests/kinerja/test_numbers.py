from decimal import Decimal as D

import pytest

from sakip.numbers import format_number, format_percent, to_decimal


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (D("1234.56"), None, "1.234,56"),
        (D("1234567.5"), 2, "1.234.567,50"),
        (D("1000"), None, "1.000"),
        (D("-1234.5"), None, "-1.234,5"),
        (D("0.125"), 2, "0,13"),
        (D("12.3400"), None, "12,34"),
        (D("100.0000"), None, "100"),
        (None, None, ""),
    ],
)
def test_format_number(value, places, text):
    assert format_number(value, places) == text


def test_format_percent_two_decimals():
    assert format_percent(D("87.456")) == "87,46%"
    assert format_percent(D(100)) == "100,00%"
    assert format_percent(None) == ""


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.234,56", D("1234.56")),
        ("1234,56", D("1234.56")),
        ("1234.56", D("1234.56")),
        ("1,234.56", D("1234.56")),
        ("1.500", D("1500")),
        ("1.500.000", D("1500000")),
        ("12,5", D("12.5")),
        ("12,5 %", D("12.5")),
        (" 7 ", D("7")),
        (3, D(3)),
        (0.1, D("0.1")),
        ("", None),
        (None, None),
    ],
)
def test_to_decimal_reads_both_ways(text, value):
    assert to_decimal(text) == value


@pytest.mark.parametrize("text", ["abc", "1,2,3", "12.3.4,5,6", "1e5", "--1", True])
def test_to_decimal_refuses_what_is_not_a_number(text):
    with pytest.raises(ValueError):
        to_decimal(text)
