"""The OPD <select> of the dashboard, Buku SOP, templates, pengesah and role pages is written in Python (500 OPDs
for a province-wide user), and is the same <select> Django's own widget writes."""

import pytest
from django import forms
from django.template import Context, Template
from django.test.html import parse_html

from sakip.models import Opd
from tests.sakip.factories import OpdFactory

pytestmark = pytest.mark.django_db


def render(source: str, **context) -> str:
    return Template("{% load sakip_tags %}" + source).render(Context(context))


@pytest.mark.parametrize("chosen", [None, 1])
def test_opd_select_is_the_select_django_would_write(chosen):
    opds = [OpdFactory(nama=f"Dinas <{n}> & Sosial", singkatan=f"D{n}" if n else "") for n in range(3)]
    opds = list(Opd.objects.filter(pk__in=[o.pk for o in opds]).order_by("pk"))
    selected = opds[chosen] if chosen is not None else None

    ours = render('{% opd_select opds opd id="f_opd" empty="— pilih OPD —" data_submit_on_change="" %}',
                  opds=opds, opd=selected)  # fmt: skip
    short = render('{% opd_select opds opd id="f_opd" label="singkatan" %}', opds=opds, opd=selected)
    choices = [(o.pk, o.nama) for o in opds]
    django = forms.Select(choices=[("", "— pilih OPD —"), *choices], attrs={"class": "form-select", "id": "f_opd"})
    django_short = forms.Select(choices=[(o.pk, str(o)) for o in opds], attrs={"class": "form-select", "id": "f_opd"})
    value = selected.pk if selected else None

    assert parse_html(ours) == parse_html(django.render("opd", value, attrs={"data-submit-on-change": ""}))
    assert parse_html(short) == parse_html(django_short.render("opd", value))
    assert "Dinas &lt;0&gt; &amp; Sosial" in ours and ">D1<" in short and "Dinas &lt;0&gt;" in short
    assert ours.count(" selected") == 1  # the OPD chosen, or with none the empty option
