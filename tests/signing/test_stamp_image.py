import subprocess
import tempfile
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from workflow.signing.stamp_image import stamp_png

LINES = (
    "Kepala Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah",
    "Dr. Ir. H. Muhammad Ridwan Syamsuddin, M.Si",
    "Pembina Utama Muda (IV/c)",
    "NIP 19690815 199803 1 008",
    "Luwuk, 05 Februari 2026",
)
URL = "https://sakip.banggaikab.go.id/v/Kx7pQ2mZ9aB4wR8t"


def zbar(png: bytes) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "stamp.png"
        path.write_bytes(png)
        done = subprocess.run(["zbarimg", "-q", "--raw", str(path)], capture_output=True, text=True, timeout=60)
    return [line for line in done.stdout.splitlines() if line]


@pytest.mark.parametrize("size", [(220, 70), (160, 60), (300, 110)])
def test_stamp_qr_code_reads_back_the_verification_address(size):
    assert zbar(stamp_png(LINES, URL, *size)) == [URL]


def test_stamp_is_300_dpi_for_its_size_in_points():
    image = Image.open(BytesIO(stamp_png(LINES, URL, 216, 72)))

    assert image.size == (900, 300)
    assert [round(v) for v in image.info["dpi"]] == [300, 300]


def test_stamp_is_white_in_a_thin_black_frame_with_text_right_of_the_code():
    image = Image.open(BytesIO(stamp_png(LINES, URL, 216, 72))).convert("L")
    width, height = image.size

    assert image.getpixel((0, 0)) == image.getpixel((width - 1, height // 2)) == 0  # the frame
    assert image.getpixel((4, 4)) == image.getpixel((width - 4, 4)) == 255  # white inside it
    column = [image.getpixel((x, y)) for x in range(width // 2, width - 6) for y in range(6, height - 6)]
    assert min(column) < 128, "the text lines are drawn right of the QR code"


def test_stamp_without_lines_still_carries_the_code():
    assert zbar(stamp_png((), URL, 200, 70)) == [URL]


@pytest.mark.parametrize("size", [(220, 70), (150, 50)])
def test_stamp_long_lines_wrap_inside_the_frame(size):
    image = Image.open(BytesIO(stamp_png(LINES, URL, *size))).convert("L")
    width, height = image.size

    margin = [image.getpixel((x, y)) for x in range(width - 9, width - 3) for y in range(3, height - 3)]
    assert min(margin) == 255, "no text runs into the frame's margin"
    assert zbar(stamp_png(LINES, URL, *size)) == [URL]
