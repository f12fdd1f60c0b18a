"""Numbers the Indonesian way: 1.234,56 (dot between thousands, comma before decimals), read back from either.

Every figure is a Decimal; a float never enters, so 0,1 + 0,2 is 0,3 and what a page shows is what was stored.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

NUMBER_SHAPE = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$|^[+-]?\d+(\.\d+)?$|^[+-]?(\d{1,3}(,\d{3})+)(\.\d+)?$")


def to_decimal(value) -> Decimal | None:
    """'1.234,56', '1234.56', '1,5', 12 or Decimal → Decimal; '' and None → None; anything else → ValueError.

    A lone separator followed by exactly three digits ('1.500') is read as thousands, as Indonesian offices write.
    """
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise ValueError("bukan angka")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = str(value).strip().replace(" ", "").replace("\u00a0", "").rstrip("%").strip()
    if not text:
        return None
    if not NUMBER_SHAPE.match(text):
        raise ValueError(f"“{value}” bukan angka")
    if "," in text and "." in text:
        indonesian = text.rfind(",") > text.rfind(".")  # 1.234,56 rather than 1,234.56
        text = text.replace(".", "").replace(",", ".") if indonesian else text.replace(",", "")
    elif "," in text:
        _head, _, tail = text.rpartition(",")
        text = text.replace(",", "") if (len(tail) == 3 and text.count(",") > 1) else text.replace(",", ".")
    elif text.count(".") > 1 or re.match(r"^[+-]?\d{1,3}\.\d{3}$", text):
        text = text.replace(".", "")
    try:
        return Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the shape check above lets only numbers through
        raise ValueError(f"“{value}” bukan angka") from exc


def quantize(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_number(value, places: int | None = None) -> str:
    """Decimal('1234.5') → '1.234,5'; with places=2 → '1.234,50'; None → ''."""
    if value is None or value == "":
        return ""
    number = to_decimal(value)
    if places is not None:
        number = quantize(number, places)
    elif number == number.to_integral():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    sign = "-" if number < 0 else ""
    digits = f"{abs(number):f}"
    whole, _, fraction = digits.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = ".".join(groups)
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


def format_percent(value) -> str:
    """Decimal('87.456') → '87,46%'; None → ''."""
    if value is None or value == "":
        return ""
    return f"{format_number(value, 2)}%"
