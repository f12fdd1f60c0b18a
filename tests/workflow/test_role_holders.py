"""The Pemegang peran page: a save made from a page whose list of roles has changed is refused, nobody moves."""

import pytest
from django.urls import reverse

from tests.sop.factories import PelaksanaFactory
from workflow.forms import role_field_name
from workflow.models import RoleHolder

pytestmark = pytest.mark.django_db


def holders(opd) -> dict[str, str]:
    return {h.pelaksana: h.user.username for h in RoleHolder.objects.filter(opd=opd).select_related("user")}


def unchanged_post(page_form, opd) -> dict:
    """What the browser sends for the page as it was shown: every select on its current holder."""
    data = {"opd": opd.pk, "daftar": page_form.fingerprint}
    for row, field in page_form.bound_rows():
        data[field.html_name] = str(row.holder.pk) if row.holder else ""
    return data


def test_saving_an_unchanged_page_after_a_pelaksana_was_added_elsewhere_is_refused(client, opd, flow_sop, sekretaris):
    url = reverse("workflow:role-holders")
    before = holders(opd)
    assert before == {"Kepala Badan": "kepala", "Sekretaris": "sekretaris", "Staf Perencanaan": "staf"}
    client.force_login(sekretaris)
    page_form = client.get(url).context["form"]  # the page as the Sekretaris opened it

    PelaksanaFactory(sop=flow_sop, urutan=0, nama="Kasubbag Umum")  # someone adds a column, first in the list
    response = client.post(url, unchanged_post(page_form, opd))

    assert response.status_code == 409
    page = response.content.decode()
    assert "Daftar peran atau pemegangnya berubah sejak halaman ini dibuka" in page
    assert "Kasubbag Umum" in page
    assert holders(opd) == before  # nobody moved, no role lost its holder

    # The page shown with the refusal carries the new list: saving it now works and changes nothing.
    fresh = response.context["form"]
    assert fresh.fingerprint != page_form.fingerprint
    saved = client.post(url, unchanged_post(fresh, opd), follow=True)
    assert "Pemegang peran tersimpan (0 perubahan)" in saved.content.decode()
    assert holders(opd) == before


def test_the_refusal_keeps_what_was_typed(client, opd, flow_sop, sekretaris, colleague):
    url = reverse("workflow:role-holders")
    client.force_login(sekretaris)
    page_form = client.get(url).context["form"]
    data = unchanged_post(page_form, opd)
    staf_field = next(field for row, field in page_form.bound_rows() if row.pelaksana == "Staf Perencanaan")
    data[staf_field.html_name] = str(colleague.pk)

    RoleHolder.objects.filter(opd=opd, pelaksana="Sekretaris").update(user=colleague)  # another admin saved meanwhile
    response = client.post(url, data)

    assert response.status_code == 409
    shown = next(field for row, field in response.context["form"].bound_rows() if row.pelaksana == "Staf Perencanaan")
    assert shown.value() == str(colleague.pk)
    assert f'<option value="{colleague.pk}" selected>' in str(shown)
    assert holders(opd)["Staf Perencanaan"] == "staf"


def test_field_names_follow_the_role_not_its_position():
    assert role_field_name("Sek.  Tim SAKIP ") == role_field_name("sek. tim sakip")
    assert role_field_name("Kepala Badan") != role_field_name("Sekretaris")
