"""Every template works under the Content-Security-Policy (sakip/csp.py): no inline handlers or style attributes,
and an inline <script>/<style> only with the request's nonce. Scripts and styles belong in static/."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.sop.factories import build_sop

TEMPLATES = Path(settings.BASE_DIR) / "templates"
NONCE = 'nonce="{{ request.csp_nonce }}"'
# Rendered by WeasyPrint into PDFs only, never served to a browser: no policy applies to them.
PDF_ONLY = {
    "sop/print/buku_depan.html",
    "workflow/print/monitoring_form.html",
    "kinerja/print/dokumen.html",
    "kinerja/print/pk.html",
}
# Served to the browser only as the print preview: its <style> carries the nonce exactly then.
PREVIEW_STYLE = '<style{% if preview %} nonce="{{ request.csp_nonce }}"{% endif %}>'

HANDLER = re.compile(r"""\son[a-z]+\s*=|\bhx-on\b|javascript:""", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"""<[^<>]*\sstyle\s*=\s*["'{][^<>]*>""", re.IGNORECASE)
SCRIPT = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
STYLE = re.compile(r"<style\b[^>]*>", re.IGNORECASE)
COMMENT = re.compile(r"{#.*?#}|{% comment %}.*?{% endcomment %}", re.DOTALL)


def html_templates() -> list[str]:
    return sorted(str(path.relative_to(TEMPLATES)) for path in TEMPLATES.rglob("*.html"))


def problems(name: str, text: str) -> list[str]:
    text = COMMENT.sub("", text)
    found = [f"inline handler {m.group().strip()!r}" for m in HANDLER.finditer(text)]
    found += [f"style attribute in {m.group()[:80]!r}" for m in STYLE_ATTRIBUTE.finditer(text)]
    found += [f"inline script without the nonce: {m.group()!r}" for m in SCRIPT.finditer(text) if not _allowed(m)]
    found += [
        f"<style> without the nonce: {m.group()!r}"
        for m in STYLE.finditer(text)
        if NONCE not in m.group() and not (name == "sop/print/sop_print.html" and m.group() == PREVIEW_STYLE)
    ]
    return found


def _allowed(script: re.Match) -> bool:
    attributes = script.group(1)
    return "src=" in attributes or NONCE in attributes


def test_there_are_templates_to_check():
    names = html_templates()
    assert "base.html" in names and "sop/import_upload.html" in names and "sop/print/sop_print.html" in names


@pytest.mark.parametrize("name", [name for name in html_templates() if name not in PDF_ONLY and name != "500.html"])
def test_template_has_no_inline_code_the_policy_refuses(name):
    assert problems(name, (TEMPLATES / name).read_text()) == []


def test_the_checks_catch_what_the_policy_refuses():
    text = '<a onclick="x()">a</a><p style="color:red"><script>x()</script><style>p{}</style><i hx-on:click="x">'

    assert len(problems("x.html", text)) == 5
    assert problems("x.html", f'<script src="/a.js"></script><style {NONCE}>p{{}}</style><b data-on-x="1">') == []


def test_the_500_page_uses_only_a_static_stylesheet():
    """It is rendered without a request, hence without a nonce: nothing inline at all."""
    text = (TEMPLATES / "500.html").read_text()

    assert problems("500.html", text) == []
    assert "<style" not in text and "<script" not in text and "csp_nonce" not in text
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)">', text) == ["{% static 'css/error.css' %}"]


def test_the_print_template_takes_the_nonce_only_for_the_preview():
    text = (TEMPLATES / "sop/print/sop_print.html").read_text()

    assert STYLE.findall(text) == [PREVIEW_STYLE]


@pytest.mark.django_db
def test_the_print_preview_as_served_has_nothing_inline_but_its_nonced_style(client, penyusun):
    sop = build_sop(opd=penyusun.keanggotaan.first().opd, steps=12, columns=3)
    client.force_login(penyusun)

    response = client.get(reverse("sop:sop-print", args=[sop.pk]))

    html = response.content.decode()
    assert STYLE.findall(html) == [f'<style nonce="{response.wsgi_request.csp_nonce}">']
    assert [m.group() for m in SCRIPT.finditer(html) if "src=" not in m.group(1)] == []
    assert HANDLER.findall(html) == []
    assert STYLE_ATTRIBUTE.findall(html) == []
    assert 'class="signer-name"' in html  # the pengesah is named, so the whole identity block was rendered
    assert 'class="flow flow-sized"' in html and "tr.h-" in html  # the table's sizes came along as rules
