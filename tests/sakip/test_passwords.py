"""Passwords: everyone changes their own; an OPD's admin resets its members' (and no one else's); each is logged."""

import pytest
from axes.models import AccessAttempt
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sakip.models import AkunLog, Keanggotaan
from tests.sakip.factories import UserFactory

pytestmark = pytest.mark.django_db
Peran = Keanggotaan.Peran
OLD = "rahasia123"  # the factories' password
NEW = "Pisang-Goreng-Hangat-7"


@pytest.fixture
def admin_opd(opd):
    """Ani: the OPD's admin."""
    return UserFactory(username="ani", roles=[(opd, Peran.ADMIN_OPD)])


def change_own(client, old=OLD, new1=NEW, new2=NEW):
    data = {"old_password": old, "new_password1": new1, "new_password2": new2}
    return client.post(reverse("password_change"), data)


def reset(client, user, new1=NEW, new2=NEW):
    return client.post(reverse("member-password", args=[user.pk]), {"new_password1": new1, "new_password2": new2})


def test_user_changes_own_password_stays_logged_in_and_it_is_logged(client, penyusun):
    client.force_login(penyusun)
    menu = client.get(reverse("home")).content.decode()

    response = change_own(client)

    assert reverse("password_change") in menu and "Ganti kata sandi" in menu
    assert response.status_code == 302
    penyusun.refresh_from_db()
    assert penyusun.check_password(NEW)
    assert client.get(reverse("sop:sop-list")).status_code == 200  # this session survives the change
    log = AkunLog.objects.get()
    assert (log.user, log.oleh, log.aksi) == (penyusun, penyusun, AkunLog.Aksi.GANTI_SENDIRI)


@pytest.mark.parametrize(
    ("old", "new1", "new2", "message"),
    [
        ("salah", NEW, NEW, "Kata sandi lama salah"),
        (OLD, NEW, NEW + "x", "tidak sama dengan kata sandi baru"),
        (OLD, "Ab1-xy", "Ab1-xy", "terlalu pendek: paling sedikit 8 karakter"),
        (OLD, "password123", "password123", "terlalu umum, mudah ditebak"),
        (OLD, "8302749561", "8302749561", "hanya berisi angka"),
        (OLD, "alice2026", "alice2026", "terlalu mirip dengan nama pengguna"),
    ],
)
def test_a_refused_new_password_says_what_to_fix_in_indonesian(client, penyusun, old, new1, new2, message):
    client.force_login(penyusun)

    response = change_own(client, old, new1, new2)

    assert response.status_code == 200
    assert message in response.content.decode()
    penyusun.refresh_from_db()
    assert penyusun.check_password(OLD) and not AkunLog.objects.exists()


def test_password_page_needs_a_login(client):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302 and reverse("login") in response.url


def test_opd_admin_resets_a_members_password_logged_with_the_admin_as_author(client, opd, admin_opd, penyusun):
    other = client.__class__()
    other.force_login(penyusun)  # the member's own session, which the reset ends
    client.force_login(admin_opd)
    listing = client.get(reverse("member-list")).content.decode()

    response = reset(client, penyusun)

    assert "alice" in listing and 'data-testid="member-ani"' not in listing  # not oneself
    assert response.status_code == 302 and response.url == reverse("member-list")
    penyusun.refresh_from_db()
    assert penyusun.check_password(NEW)
    log = AkunLog.objects.get()
    assert (log.user, log.oleh, log.opd, log.aksi) == (penyusun, admin_opd, opd, AkunLog.Aksi.ATUR_ULANG)
    assert other.get(reverse("sop:sop-list")).status_code == 302  # logged out everywhere
    assert "Pengguna OPD" in client.get(reverse("home")).content.decode()


def test_reset_goes_through_the_validators_of_the_member(client, admin_opd, penyusun):
    client.force_login(admin_opd)

    page = reset(client, penyusun, "alice2026", "alice2026").content.decode()

    assert "terlalu mirip dengan nama pengguna" in page
    penyusun.refresh_from_db()
    assert penyusun.check_password(OLD) and not AkunLog.objects.exists()


def test_another_opds_user_a_superuser_staff_and_oneself_are_out_of_reach(client, opd, admin_opd, outsider):
    root = UserFactory(username="root", is_superuser=True, is_staff=True, roles=[(opd, Peran.PENYUSUN)])
    staff = UserFactory(username="pengelola", is_staff=True, roles=[(opd, Peran.PENYUSUN)])
    client.force_login(admin_opd)
    listing = client.get(reverse("member-list")).content.decode()

    for target in (outsider, root, staff, admin_opd):
        assert client.get(reverse("member-password", args=[target.pk])).status_code == 404
        assert reset(client, target).status_code == 404
        target.refresh_from_db()
        assert target.check_password(OLD)
    assert "charlie" not in listing and "root" not in listing and "pengelola" not in listing
    assert not AkunLog.objects.exists()


def test_members_who_are_not_admins_get_404_and_no_menu_entry(client, penyusun, kepala, opd):
    client.force_login(kepala)  # the Kepala heads the OPD but does not administer its accounts

    assert client.get(reverse("member-list")).status_code == 404
    assert reset(client, penyusun).status_code == 404
    assert "Pengguna OPD" not in client.get(reverse("home")).content.decode()


def test_a_reset_opens_a_login_held_after_failed_attempts(
    client, admin_opd, penyusun, django_capture_on_commit_callbacks
):
    with override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=2):
        for _ in range(2):
            client.post(reverse("login"), {"username": "alice", "password": "salah"})
        assert AccessAttempt.objects.filter(username="alice").exists()
        client.force_login(admin_opd)
        with django_capture_on_commit_callbacks(execute=True):
            reset(client, penyusun)
        client.logout()

        response = client.post(reverse("login"), {"username": "alice", "password": NEW})

    assert response.status_code == 302


def test_member_list_costs_the_same_queries_for_more_members(client, opd, admin_opd, penyusun):
    client.force_login(admin_opd)
    client.get(reverse("member-list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("member-list"))
    for _ in range(8):
        UserFactory(roles=[(opd, Peran.PENYUSUN), (opd, Peran.VALIDATOR)])
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("member-list")).content.decode()

    assert page.count("Atur ulang kata sandi</a>") == 9
    assert len(many) == len(few)


def test_a_password_the_superadmin_sets_in_the_admin_is_logged_with_the_superadmin(client, penyusun):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(root)
    url = reverse("admin:auth_user_password_change", args=[penyusun.pk])

    refused = client.post(url, {"password1": NEW, "password2": "lain", "usable_password": "true"})
    client.post(url, {"password1": NEW, "password2": NEW, "usable_password": "true"})

    assert refused.status_code == 200
    penyusun.refresh_from_db()
    assert penyusun.check_password(NEW)
    log = AkunLog.objects.get()
    assert (log.user, log.oleh, log.aksi) == (penyusun, root, AkunLog.Aksi.ATUR_ULANG)
