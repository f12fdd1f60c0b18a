"""Who sees which SOP page, and what the pages cost in queries."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sakip.models import Keanggotaan
from sop.models import Sop
from tests.sakip.factories import OpdFactory, UserFactory
from tests.sop.factories import SopFactory, build_sop

Peran = Keanggotaan.Peran

pytestmark = pytest.mark.django_db


def test_sop_of_another_opd_is_404_not_its_content(client, outsider, opd):
    sop = build_sop(opd=opd, judul="Rahasia OPD lain")
    client.force_login(outsider)

    for name in ("sop-detail", "sop-update", "sop-history"):
        response = client.get(reverse(f"sop:{name}", args=[sop.pk]))
        assert response.status_code == 404
        assert "Rahasia OPD lain" not in response.content.decode()
    for name in ("sop-submit", "sop-approve", "sop-return", "sop-revise"):
        assert client.post(reverse(f"sop:{name}", args=[sop.pk])).status_code == 404
    assert "Rahasia OPD lain" not in client.get(reverse("sop:sop-list")).content.decode()


def test_penyusun_may_edit_a_colleague_kepala_may_only_read(client, penyusun, kepala, opd):
    sop = build_sop(opd=opd)
    url = reverse("sop:sop-update", args=[sop.pk])

    client.force_login(penyusun)
    assert client.get(url).status_code == 200
    client.force_login(kepala)
    assert client.get(sop.get_absolute_url()).status_code == 200
    assert client.get(url).status_code == 403


def test_create_in_an_opd_the_user_does_not_belong_to_is_404(client, penyusun, other_opd, kepala, opd):
    client.force_login(penyusun)
    assert client.get(reverse("sop:sop-create") + f"?opd={other_opd.pk}").status_code == 404
    client.force_login(kepala)
    assert client.get(reverse("sop:sop-create") + f"?opd={opd.pk}").status_code == 403


def test_buttons_follow_the_permissions(client, penyusun, kepala, opd):
    sop = build_sop(opd=opd, status=Sop.Status.DIAJUKAN)
    approve = reverse("sop:sop-approve", args=[sop.pk])

    client.force_login(penyusun)
    assert approve not in client.get(sop.get_absolute_url()).content.decode()
    client.force_login(kepala)
    assert approve in client.get(sop.get_absolute_url()).content.decode()


def test_transition_refused_shows_a_message_not_an_error_page(client, penyusun, opd):
    sop = build_sop(opd=opd, status=Sop.Status.DIAJUKAN)
    client.force_login(penyusun)

    response = client.post(reverse("sop:sop-approve", args=[sop.pk]), follow=True)

    assert response.status_code == 200
    assert "Hanya Kepala OPD yang dapat mengesahkan" in response.content.decode()


def test_list_searches_filters_and_paginates(client, penyusun, opd):
    SopFactory(opd=opd, judul="Pengukuran Kinerja", nomor="208/050/01")
    SopFactory(opd=opd, judul="Penyusunan Renja", nomor="208/051/01", status=Sop.Status.DISAHKAN)
    for i in range(25):
        SopFactory(opd=opd, judul=f"SOP Umum {i}", nomor=f"300/{i}")
    client.force_login(penyusun)
    url = reverse("sop:sop-list")

    by_title = client.get(url, {"q": "kinerja"}).context["page"].object_list
    by_nomor = client.get(url, {"q": "051"}).context["page"].object_list
    by_status = client.get(url, {"status": "disahkan"}).context["page"].object_list
    first, second = client.get(url).context["page"], client.get(url, {"page": 2}).context["page"]

    assert [s.judul for s in by_title] == ["Pengukuran Kinerja"]
    assert [s.judul for s in by_nomor] == ["Penyusunan Renja"]
    assert [s.judul for s in by_status] == ["Penyusunan Renja"]
    assert (len(first.object_list), len(second.object_list), first.paginator.count) == (20, 7, 27)


@pytest.mark.parametrize("count", [3, 13])
def test_new_sop_goes_into_an_opd_chosen_from_a_menu_or_for_many_opds_a_list(client, count):
    opds = [OpdFactory(nama=f"Dinas <{n:02d}>") for n in range(count)]
    writer = UserFactory(username="penulis", roles=[(opd, Peran.PENYUSUN) for opd in opds])
    client.force_login(writer)

    page = client.get(reverse("sop:sop-list")).content.decode()
    create = reverse("sop:sop-create")
    editor = client.get(create, {"opd": opds[-1].pk})

    menu_links = page.count(f'href="{create}?opd=')
    listed = page.split('data-testid="new-sop-opd"')[1].split("</form>")[0] if count > 3 else ""
    assert (menu_links, listed.count("<option")) == ((3, 0) if count == 3 else (0, 13))
    assert "Dinas &lt;00&gt;" in page and ('id="id_new_opd"' in page) == (count > 3)
    assert editor.status_code == 200 and editor.context["opd"] == opds[-1]


def test_list_htmx_request_returns_only_the_results(client, penyusun, opd):
    SopFactory(opd=opd, judul="Pengukuran Kinerja")
    client.force_login(penyusun)

    response = client.get(
        reverse("sop:sop-list"), {"q": "kinerja"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="sop-results"
    )

    assert "Pengukuran Kinerja" in response.content.decode()
    assert '<nav class="navbar' not in response.content.decode()


def _queries(client, url) -> int:
    """What rendering the page costs: the whole-page cache is off here (tests/sakip/test_page_cache.py has it on)."""
    with override_settings(PAGE_CACHE=False):
        client.get(url)  # warm up (session, caches)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
    return len(captured)


# What a page costs in queries, whatever it shows: the session, the user, their roles, then the page's own reads.
# The navigation's "may import" and SOPs-to-approve come from the roles read once (sakip.permissions.opds_with_role):
# a penyusun approves nowhere, so that count asks nothing. The detail page: one query for the template the SOP was
# drafted from (sop.library), one for a Plt./Plh. prefix of the draft's pengesah.
DETAIL_QUERIES = 14
LIST_QUERIES = 10  # the page, its capped count, the step counts of its rows only, the OPDs once (filter and menu)
EDITOR_QUERIES = 15


def test_detail_page_uses_the_same_queries_for_5_and_50_steps(client, penyusun, opd):
    small = build_sop(opd=opd, steps=5, columns=3)
    large = build_sop(opd=opd, steps=50, columns=6)
    client.force_login(penyusun)

    assert _queries(client, small.get_absolute_url()) == DETAIL_QUERIES
    assert _queries(client, large.get_absolute_url()) == DETAIL_QUERIES


def test_list_page_uses_the_same_queries_for_1_and_5_sops(client, penyusun, opd):
    build_sop(opd=opd, steps=5)
    client.force_login(penyusun)
    url = reverse("sop:sop-list")
    assert _queries(client, url) == LIST_QUERIES

    for _ in range(4):
        build_sop(opd=opd, steps=5)

    assert _queries(client, url) == LIST_QUERIES


def test_list_page_uses_the_same_queries_for_sops_of_5_and_of_50_steps(client, penyusun, opd):
    short = build_sop(opd=opd, steps=5)
    client.force_login(penyusun)
    url = reverse("sop:sop-list")
    assert _queries(client, url) == LIST_QUERIES

    short.delete()
    build_sop(opd=opd, steps=50)

    assert _queries(client, url) == LIST_QUERIES


def test_editor_page_uses_the_same_queries_for_5_and_50_steps(client, penyusun, opd):
    small = build_sop(opd=opd, steps=5, columns=3)
    large = build_sop(opd=opd, steps=50, columns=3)
    client.force_login(penyusun)

    assert _queries(client, reverse("sop:sop-update", args=[small.pk])) == EDITOR_QUERIES
    assert _queries(client, reverse("sop:sop-update", args=[large.pk])) == EDITOR_QUERIES


def test_detail_page_draws_the_flowchart_with_symbols_and_arrows(client, penyusun, opd):
    sop = build_sop(opd=opd, steps=4, columns=2)
    client.force_login(penyusun)

    page = client.get(sop.get_absolute_url()).content.decode()

    drawing = page[page.index('aria-label="Bagan alir bergambar"') :]
    assert drawing.count("<svg") >= 4  # one slice of the drawing per row
    assert "<polyline" in drawing and "<polygon" in drawing  # arrows with their heads


@pytest.mark.parametrize(
    "query", [{"opd": "abc"}, {"status": "zzz"}, {"page": "-1"}, {"page": "99999"}, {"q": "%' OR 1=1 --"}]
)
def test_list_survives_hostile_query_strings(client, penyusun, opd, query):
    SopFactory(opd=opd, judul="Pengukuran Kinerja")
    client.force_login(penyusun)

    assert client.get(reverse("sop:sop-list"), query).status_code == 200


def test_a_drafts_page_lists_what_is_missing_with_links_into_the_editor(client, penyusun, opd):
    sop = build_sop(opd=opd, steps=3, nomor="", pengesah=None)
    sop.langkah.filter(urutan=2).update(waktu_nilai=None)
    client.force_login(penyusun)

    page = client.get(sop.get_absolute_url()).content.decode()

    box = page[page.index('data-testid="submission-gaps"') :]
    editor = reverse("sop:sop-update", args=[sop.pk])
    assert "#id_sop-nomor" not in box  # given from the register at signing (workflow.signing)
    assert f'<a href="{editor}#id_sop-pengesah">Pejabat pengesah (Disahkan oleh)</a>' in box
    assert f'<a href="{editor}#bagian-langkah">Mutu Baku waktu pada langkah 2</a>' in box
    assert 'id="bagian-langkah"' in client.get(editor).content.decode()
