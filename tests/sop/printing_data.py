"""SOPs shaped to stress the printed layout."""

from sop.models import Langkah, Pelaksana, SopItem
from tests.sop.factories import SopFactory


def looping_sop(*, opd, steps: int = 40, columns: int = 4, **kwargs):
    """Steps spread over the columns; every 7th step is a keputusan whose Tidak loops back three steps."""
    sop = SopFactory(opd=opd, **kwargs)
    cols = [Pelaksana.objects.create(sop=sop, urutan=i + 1, nama=f"Pelaksana {i + 1}") for i in range(columns)]
    rows = []
    for i in range(steps):
        number = i + 1
        decision = number % 7 == 0 and number < steps
        rows.append(
            Langkah(
                sop=sop,
                urutan=number,
                uraian=f"Langkah uji nomor {number} memeriksa dokumen kinerja bidang",
                pelaksana=cols[(i * 3 + i // 5) % columns],
                simbol="keputusan" if decision else ("terminator" if number in (1, steps) else "proses"),
                ya_ke=number + 1 if decision else None,
                tidak_ke=max(1, number - 3) if decision else None,
                kelengkapan=f"Kelengkapan {number}",
                waktu_nilai=10 + number,
                output=f"Keluaran {number}",
            )
        )
    Langkah.objects.bulk_create(rows)
    SopItem.objects.create(sop=sop, jenis="dasar_hukum", urutan=1, teks="Permenpan RB No. 35 Tahun 2012")
    return sop
