"""SOPs holding the longest text the limits allow, as one unbroken string: the worst input for the layout."""

from sop.models import CELL_MAX, ITEM_MAX, URAIAN_MAX, Langkah, Pelaksana, SopItem
from tests.sop.factories import SopFactory


def unbroken(length: int, mark: str) -> str:
    """`length` characters with no space or hyphen to break at, starting and ending with a findable mark."""
    body = "W" * (length - 2 * len(mark))
    return mark + body + mark[::-1]


def longest_sop(*, opd, steps: int = 3, **kwargs):
    """Every text cell of every step and one butir of each list at its maximum, unbroken."""
    sop = SopFactory(opd=opd, **kwargs)
    column = Pelaksana.objects.create(sop=sop, urutan=1, nama="Pelaksana Terpanjang")
    Langkah.objects.bulk_create(
        Langkah(
            sop=sop,
            urutan=n,
            uraian=unbroken(URAIAN_MAX, f"AWAL{n}URAIAN"),
            pelaksana=column,
            simbol="terminator" if n in (1, steps) else "proses",
            kelengkapan=unbroken(CELL_MAX, f"AWAL{n}KELENGKAPAN"),
            waktu_nilai=10,
            output=unbroken(CELL_MAX, f"AWAL{n}OUTPUT"),
            keterangan=unbroken(CELL_MAX, f"AWAL{n}KETERANGAN"),
        )
        for n in range(1, steps + 1)
    )
    for jenis in SopItem.Jenis.values:
        SopItem.objects.create(sop=sop, jenis=jenis, urutan=1, teks=unbroken(ITEM_MAX, f"AWAL{jenis.upper()}"))
    return sop
