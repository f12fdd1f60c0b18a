"""A new draft SOP from a template, filled in with an OPD's names; and the names a template fills in."""

import re

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import update_change_reason

from sakip.models import Opd, Pegawai, User
from sakip.pengesah import kepala_pegawai
from sop.content import SopContent
from sop.library.format import fill, fill_text, with_roles
from sop.library.models import SopTemplate, TemplateUse
from sop.library.validate import read_template
from sop.models import Sop
from sop.permissions import can_create_in
from sop.services import sop_create


def kepala_of(opd: Opd) -> Pegawai | None:
    """The pegawai whose account holds the Kepala role in the OPD."""
    return kepala_pegawai(opd).order_by("pk").first()


def kepala_title(opd: Opd, kepala: Pegawai | None) -> str:
    """The Kepala's jabatan as an SOP of the OPD writes it: "Kepala Dinsospermasdes", without the Pemda."""
    short = opd.singkatan or opd.nama
    if kepala is None or not kepala.jabatan.strip():
        return _("Kepala %(opd)s") % {"opd": short}
    title = re.sub(re.escape(opd.nama), short, kepala.jabatan, flags=re.I)
    title = re.sub(rf"\s*{re.escape(opd.pemda.nama)}\W*$", "", title, flags=re.I)
    return title.strip(" ,.") or _("Kepala %(opd)s") % {"opd": short}


def placeholder_values(opd: Opd, kepala: Pegawai | None = None) -> dict[str, str]:
    return {
        "opd": opd.nama,
        "opd_singkatan": opd.singkatan or opd.nama,
        "kepala": kepala_title(opd, kepala if kepala is not None else kepala_of(opd)),
        "pemda": opd.pemda.nama,
    }


def template_roles(template: SopTemplate, values: dict[str, str]) -> list[str]:
    """The template's pelaksana roles with the OPD's names filled in."""
    return [fill_text(name, values) for name in template.content.get("pelaksana", [])]


def filled_content(
    *, template: SopTemplate, values: dict[str, str], roles: list[str] | None = None, pengesah: Pegawai | None = None
) -> SopContent:
    """The template's content in the OPD's words, each role under the name chosen for it."""
    content = fill(read_template(template.content).content, values)
    if roles is not None:
        content = with_roles(content, roles)
    content.identity = {
        "nomor": "",
        "tanggal_pembuatan": None,
        "tanggal_revisi": None,
        "tanggal_efektif": None,
        "pengesah": pengesah,
        **content.identity,
    }
    return content


@transaction.atomic
def sop_from_template(
    *,
    template: SopTemplate,
    opd: Opd,
    created_by: User | None,
    values: dict[str, str] | None = None,
    roles: list[str] | None = None,
) -> Sop:
    """Create a draft SOP of the OPD from a template version; the draft remembers the template and version."""
    if created_by is not None and not can_create_in(created_by, opd.pk):
        raise PermissionDenied(_("Anda tidak berhak menyusun SOP di OPD ini."))
    kepala = kepala_of(opd)
    values = {**placeholder_values(opd, kepala), **(values or {})}
    content = filled_content(template=template, values=values, roles=roles, pengesah=kepala)
    sop = sop_create(opd=opd, content=content, created_by=created_by)
    TemplateUse.objects.create(sop=sop, template=template, dibuat_oleh=created_by)
    update_change_reason(
        sop, (_("Dibuat dari templat %(slug)s versi %(v)s") % {"slug": template.slug, "v": template.versi})[:100]
    )
    return sop
