"""The files a step may be completed with: PDF, DOCX, XLSX, PNG or JPEG, size-limited, checked by their content.

The extension alone proves nothing (a renamed .exe is still an .exe), so the first bytes must match it, and an
Office file must be a zip holding the parts of its own kind.
"""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

ALLOWED = {
    "pdf": "PDF",
    "docx": "Word (DOCX)",
    "xlsx": "Excel (XLSX)",
    "png": "PNG",
    "jpg": "JPEG",
    "jpeg": "JPEG",
}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
PDF_SIGNATURE = b"%PDF-"
ZIP_SIGNATURE = b"PK\x03\x04"
OFFICE_PARTS = {
    "docx": ("word/", "wordprocessingml"),
    "xlsx": ("xl/", "spreadsheetml"),
}
# [Content_Types].xml of a real document is a few kilobytes; never inflate more than this of it.
CONTENT_TYPES_READ_LIMIT = 256 * 1024


def max_bytes() -> int:
    return getattr(settings, "WORKFLOW_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)


def limit_text() -> str:
    """What a file picker says it takes, from the setting in force: "PDF, DOCX, …; paling besar 10 MB"."""
    return _("%(types)s; paling besar %(max)s.") % {"types": allowed_text(), "max": filesizeformat(max_bytes())}


def allowed_text() -> str:
    return "PDF, DOCX, XLSX, PNG, JPEG"


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _office_kind_matches(upload: UploadedFile, extension: str) -> bool:
    folder, marker = OFFICE_PARTS[extension]
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if "[Content_Types].xml" not in names or not any(n.startswith(folder) for n in names):
                return False
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > CONTENT_TYPES_READ_LIMIT:
                return False
            with archive.open(info) as handle:
                content_types = handle.read(CONTENT_TYPES_READ_LIMIT).decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, RuntimeError, ValueError, EOFError):
        return False
    finally:
        upload.seek(0)
    return marker in content_types


def check_upload(upload: UploadedFile) -> None:
    """Refuse a file that is too large, of a type not allowed, or whose content is not what its name says."""
    name = upload.name or ""
    extension = extension_of(name)
    if upload.size is not None and upload.size > max_bytes():
        raise ValidationError(
            _("Berkas “%(name)s” terlalu besar (%(size)s); paling besar %(max)s.")
            % {"name": name, "size": filesizeformat(upload.size), "max": filesizeformat(max_bytes())},
            code="too_large",
        )
    if not upload.size:
        raise ValidationError(_("Berkas “%(name)s” kosong.") % {"name": name}, code="empty")
    if extension not in ALLOWED:
        raise ValidationError(
            _("Jenis berkas “%(name)s” tidak diterima. Unggah %(allowed)s.")
            % {"name": name, "allowed": allowed_text()},
            code="wrong_type",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if extension == "pdf":
        ok = head.startswith(PDF_SIGNATURE)
    elif extension == "png":
        ok = head.startswith(PNG_SIGNATURE)
    elif extension in ("jpg", "jpeg"):
        ok = head.startswith(JPEG_SIGNATURE)
    else:
        ok = head.startswith(ZIP_SIGNATURE) and _office_kind_matches(upload, extension)
    if not ok:
        raise ValidationError(
            _(
                "Isi berkas “%(name)s” bukan %(kind)s seperti nama berkasnya. "
                "Simpan ulang sebagai %(kind)s, lalu unggah."
            )
            % {"name": name, "kind": ALLOWED[extension]},
            code="content_mismatch",
        )
