"""The SOP list's search and filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sakip.forms import QuickSelect
from sakip.models import Opd
from sop.models import Sop


class SopFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari judul atau nomor"), required=False)
    opd = forms.ModelChoiceField(
        label=_("OPD"), queryset=Opd.objects.none(), required=False, empty_label=_("Semua OPD"), widget=QuickSelect
    )
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, opds, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["opd"]
        field.queryset = opds  # read only to check a chosen OPD
        # The options from `opds` itself, evaluated once: the view goes on using the same rows.
        field.widget.choices = [("", field.empty_label), *((opd.pk, str(opd)) for opd in opds)]
        self.fields["status"].choices = [("", _("Semua yang berlaku")), *Sop.Status.choices]
