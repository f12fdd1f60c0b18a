"""The admin: audit rows and the history are read-only for everyone; an SOP past draft changes only by revision."""

import pytest
from django.urls import reverse

from sop.models import Sop, SopStatusLog
from tests.sakip.factories import UserFactory
from tests.sop.factories import build_sop

pytestmark = pytest.mark.django_db


@pytest.fixture
def superadmin(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def test_status_log_rows_cannot_be_added_changed_or_deleted_even_by_the_superadmin(client, superadmin, opd):
    sop = build_sop(opd=opd, status=Sop.Status.DISAHKAN)
    row = SopStatusLog.objects.create(sop=sop, actor=superadmin, dari="diajukan", ke="disahkan", catatan="Sah")
    client.force_login(superadmin)

    assert client.get(reverse("admin:sop_sopstatuslog_add")).status_code == 403
    change = reverse("admin:sop_sopstatuslog_change", args=[row.pk])
    assert client.get(change).status_code == 200  # may read it
    client.post(change, {"catatan": "diubah", "ke": "draft"})
    assert client.post(reverse("admin:sop_sopstatuslog_delete", args=[row.pk]), {"post": "yes"}).status_code == 403
    row.refresh_from_db()
    assert (row.catatan, row.ke) == ("Sah", "disahkan")


def test_a_disahkan_sop_is_read_only_in_the_admin_and_its_history_cannot_revert_it(client, superadmin, opd):
    sop = build_sop(opd=opd, status=Sop.Status.DRAFT, judul="Judul lama")
    draft_version = sop.history.latest().history_id
    Sop.objects.filter(pk=sop.pk).update(status=Sop.Status.DISAHKAN)
    sop.refresh_from_db()
    sop.judul = "Judul sah"
    sop.save()  # a history row of the approved SOP
    client.force_login(superadmin)

    page = client.get(reverse("admin:sop_sop_change", args=[sop.pk])).content.decode()
    assert 'name="_save"' not in page  # shown, no save button
    client.post(reverse("admin:sop_sop_change", args=[sop.pk]), {"judul": "Diubah di admin"})
    revert = reverse("admin:sop_sop_simple_history", args=[sop.pk, draft_version])
    assert client.post(revert, {"judul": "Judul lama", "nomor": sop.nomor}).status_code == 403
    assert client.post(reverse("admin:sop_sop_delete", args=[sop.pk]), {"post": "yes"}).status_code == 403

    sop.refresh_from_db()
    assert (sop.status, sop.judul) == (Sop.Status.DISAHKAN, "Judul sah")
    assert client.get(revert).status_code == 200  # the old version can still be read
