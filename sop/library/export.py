"""Any SOP as a template document, the OPD's names turned back into placeholders, for sharing between Pemda."""

import re

from django.utils.text import slugify

from sop.library.create import placeholder_values
from sop.library.format import Template, escape_text, map_texts
from sop.library.validate import read_template
from sop.models import Sop
from sop.services import content_of


def _placeholder_pattern(values: dict[str, str]) -> tuple[re.Pattern | None, dict[str, str]]:
    # Longest name first, in one pass, so "Kepala Dinsospermasdes" is {kepala}, not "Kepala {opd_singkatan}".
    by_text = {escape_text(text): name for name, text in values.items() if len(text.strip()) >= 3}
    if not by_text:
        return None, {}
    ordered = sorted(by_text, key=len, reverse=True)
    return re.compile("|".join(re.escape(text) for text in ordered)), by_text


def template_export(*, sop: Sop, slug: str = "", versi: int = 1, deskripsi: str = "") -> dict:
    """The SOP's content as a template document; it reads back with read_template as it is."""
    content = content_of(sop)
    for items in content.items.values():
        for item in items:
            if item.sop_terkait_id and not item.teks:
                item.teks = f"SOP {Sop.objects.get(pk=item.sop_terkait_id).judul}"
            item.sop_terkait_id = None
    pattern, names = _placeholder_pattern(placeholder_values(sop.opd))

    def generalise(text: str) -> str:
        text = escape_text(text)
        return pattern.sub(lambda m: "{" + names[m.group(0)] + "}", text) if pattern else text

    content = map_texts(content, generalise)
    template = Template(
        slug=slug or slugify(sop.judul)[:80].strip("-") or f"sop-{sop.pk}",
        versi=versi,
        judul=content.identity["judul"],
        deskripsi=deskripsi,
        content=content,
    )
    document = template.document()
    return read_template(document).document()  # the editor's rules, and the same canonical form as a load
