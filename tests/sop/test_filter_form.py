"""The SOP list's OPD filter is written in Python, and is the same <select> Django's own widget writes."""

import pytest
from django import forms
from django.test.html import parse_html

from sakip.models import Opd
from sop.list_forms import SopFilterForm
from tests.sakip.factories import OpdFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("data", [None, {"opd": "chosen"}, {"opd": "999999"}])
def test_the_opd_filter_is_the_select_django_would_write(data):
    opds = [OpdFactory(singkatan=f"Dinkes <{n}> & Sos") for n in range(3)]
    if data:
        data = {"opd": str(opds[1].pk) if data["opd"] == "chosen" else data["opd"]}
    form = SopFilterForm(data, opds=Opd.objects.filter(pk__in=[o.pk for o in opds]))
    form.is_valid()
    quick = form["opd"].as_widget()
    form.fields["opd"].widget = forms.Select(choices=form.fields["opd"].choices)

    assert parse_html(quick) == parse_html(form["opd"].as_widget())
    assert quick.count("<option") == 4 and "Dinkes &lt;1&gt; &amp; Sos" in quick
