"""Login throttling: by account and by client, an Indonesian message, and a lockout that ends by itself."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.test import override_settings
from django.urls import reverse

from tests.sakip.factories import PegawaiFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("throttled")]
LIMIT = 3
LOCKED = "Terlalu banyak percobaan masuk yang gagal"


@pytest.fixture
def throttled():
    with override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=LIMIT):
        yield


def attempt(client, username, password, ip="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.fixture
def budi(db):
    user = UserFactory(username="budi")
    user.set_password("benar-sekali-123")
    user.save()
    PegawaiFactory(user=user, nip="196908151998031008")
    return user


def test_an_account_is_locked_after_the_limit_from_any_client_even_with_the_right_password(client, budi):
    # Wrong passwords from three addresses, under three spellings of the same account: the third is refused.
    assert attempt(client, "budi", "salah", ip="10.0.0.1").status_code == 200
    assert attempt(client, "BUDI", "salah", ip="10.0.0.2").status_code == 200
    assert attempt(client, "19690815 199803 1 008", "salah", ip="10.0.0.3").status_code == 429

    response = attempt(client, "budi", "benar-sekali-123", ip="10.0.0.4")

    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page and "15 menit" in page
    assert 'value="budi"' in page  # what was typed is kept
    assert "_auth_user_id" not in client.session


def test_a_client_is_locked_after_the_limit_for_any_account(client, budi):
    for typed in ("ani", "citra", "dodi"):
        attempt(client, typed, "salah", ip="10.9.9.9")

    assert attempt(client, "budi", "benar-sekali-123", ip="10.9.9.9").status_code == 429
    assert attempt(client, "budi", "benar-sekali-123", ip="10.0.0.7").status_code == 302  # elsewhere budi may


def test_the_lockout_ends_by_itself_after_the_cool_off(client, budi):
    for _ in range(LIMIT):
        attempt(client, "budi", "salah")
    assert attempt(client, "budi", "benar-sekali-123").status_code == 429

    # Sixteen minutes pass (the cool-off is fifteen).
    AccessAttempt.objects.update(attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16))

    response = attempt(client, "budi", "benar-sekali-123")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(budi.pk)


def test_fewer_failures_than_the_limit_do_not_lock_and_a_success_clears_them(client, budi):
    for _ in range(LIMIT - 1):
        attempt(client, "budi", "salah", ip="10.1.1.1")
    assert attempt(client, "budi", "benar-sekali-123", ip="10.2.2.2").status_code == 302
    client.logout()
    for _ in range(LIMIT - 1):
        attempt(client, "budi", "salah", ip="10.3.3.3")
    assert attempt(client, "budi", "benar-sekali-123", ip="10.4.4.4").status_code == 302
