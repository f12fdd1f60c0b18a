"""The visible signature as a picture: a QR code of the verification address on the left, the signer's lines on
the right, in a thin frame on white.

BSrE's API draws a visible signature from a picture it receives (`imageBase64`), not from text, so this is what
the BsreBackend sends. Drawn at 300 dpi for the box's size in points, so the QR code stays readable on paper.
"""

from io import BytesIO

import qrcode
from django.conf import settings
from PIL import Image, ImageDraw, ImageFont
from qrcode.constants import ERROR_CORRECT_M

DPI = 300
FONT_PATH = settings.BASE_DIR / "static" / "fonts" / "dejavu" / "DejaVuSansCondensed.ttf"
QUIET_MODULES = 2  # zbar and phone cameras read a 2-module quiet zone reliably; 4 wastes a small box
LEADING = 1.2
MAX_FONT_PT, MIN_FONT_PT = 10, 5


def _px(points: float) -> int:
    return max(1, round(points * DPI / 72))


def _qr(verify_url: str, side: int) -> Image.Image:
    """The QR code as the largest whole number of pixels per module that fits in `side`, so modules stay sharp."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_MODULES, box_size=1)
    code.add_data(verify_url)
    code.make(fit=True)
    modules = code.modules_count + 2 * QUIET_MODULES
    scale = max(1, side // modules)
    matrix = code.make_image(fill_color="black", back_color="white").get_image().convert("L")
    return matrix.resize((modules * scale, modules * scale), Image.Resampling.NEAREST)


def _wrapped(draw: ImageDraw.ImageDraw, line: str, font, width: int) -> list[str]:
    """A line broken at spaces so that each piece fits `width` (a single over-long word stays whole)."""
    pieces, current = [], ""
    for word in line.split():
        candidate = f"{current} {word}".strip()
        if current and draw.textlength(candidate, font=font) > width:
            pieces.append(current)
            current = word
        else:
            current = candidate
    return [*pieces, current] if current else pieces or [""]


def _text_layout(draw: ImageDraw.ImageDraw, lines: tuple[str, ...], width: int, height: int):
    """The largest font from 10 pt down to 5 pt in which the lines, wrapped to the column, fit its height."""
    for size in range(_px(MAX_FONT_PT), _px(MIN_FONT_PT) - 1, -1):
        font = ImageFont.truetype(str(FONT_PATH), size)
        wrapped = [piece for line in lines for piece in _wrapped(draw, line, font, width)]
        fits = all(draw.textlength(piece, font=font) <= width for piece in wrapped)
        if fits and size * LEADING * len(wrapped) <= height:
            return font, size, wrapped
    return font, size, wrapped


def stamp_png(lines: tuple[str, ...], verify_url: str, width_pt: float, height_pt: float) -> bytes:
    """The visible signature for a box of `width_pt` × `height_pt` points, as a PNG at 300 dpi."""
    width, height = _px(width_pt), _px(height_pt)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    frame = max(1, _px(0.5))
    draw.rectangle((0, 0, width - 1, height - 1), outline="black", width=frame)
    padding = frame + _px(2)
    side = min(height - 2 * padding, width // 2)
    qr = _qr(verify_url, side)
    image.paste(qr, (padding + (side - qr.width) // 2, (height - qr.height) // 2))
    left = padding + side + _px(3)
    column, room = width - left - padding, height - 2 * padding
    if lines and column > 0:
        font, size, wrapped = _text_layout(draw, lines, column, room)
        top = (height - size * LEADING * len(wrapped)) / 2
        for number, line in enumerate(wrapped):
            draw.text((left, top + number * size * LEADING), line, fill="black", font=font)
    output = BytesIO()
    image.save(output, format="PNG", dpi=(DPI, DPI), optimize=True)
    return output.getvalue()
