"""The client's address behind reverse proxies: X-Forwarded-For is read only as far as trusted proxies wrote it."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory, override_settings
from django.urls import reverse

from sakip.client_ip import client_ip
from tests.sakip.factories import UserFactory
from tests.signing.helpers import PASSPHRASE, give_certificate, submitted_sop
from workflow.signing.services import sign_sop

PROXY = "127.0.0.1"  # nginx on the same machine: REMOTE_ADDR of every request
LIMIT = 3


def address(forwarded_for: str | None = None, *, remote: str = PROXY, proxies: int = 0) -> str | None:
    headers = {} if forwarded_for is None else {"HTTP_X_FORWARDED_FOR": forwarded_for}
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote, **headers))


def test_without_trusted_proxies_a_forwarded_for_header_is_ignored():
    assert address("203.0.113.7") == PROXY
    assert address("203.0.113.7", remote="198.51.100.4") == "198.51.100.4"


def test_behind_one_proxy_the_address_it_appended_is_the_client():
    assert address("203.0.113.7", proxies=1) == "203.0.113.7"
    # What the client sent itself stands left of what nginx appended, and is never read.
    assert address("10.0.0.1, 192.168.1.1, 203.0.113.7", proxies=1) == "203.0.113.7"


def test_behind_two_proxies_the_outer_ones_entry_is_the_client():
    # A load balancer appends the client, nginx appends the load balancer.
    assert address("10.0.0.1, 203.0.113.7, 10.20.0.5", proxies=2) == "203.0.113.7"


@pytest.mark.parametrize(
    "header",
    [None, "", "  ", "bukan-alamat", "203.0.113.7:443", "203.0.113.7, <script>", "300.1.1.1", "203.0.113.7,"],
)
def test_a_missing_or_garbled_header_falls_back_to_the_proxy_address(header):
    assert address(header, proxies=1) == PROXY


def test_a_header_with_fewer_entries_than_proxies_falls_back_to_the_proxy_address():
    assert address("203.0.113.7", proxies=2) == PROXY


def test_addresses_are_normalised_and_ipv6_works():
    assert address(" 2001:DB8:0:0::1 ", proxies=1) == "2001:db8::1"
    assert address(remote="2001:db8::0:2") == "2001:db8::2"


def test_a_remote_addr_that_is_no_address_gives_none():
    assert address(remote="") is None


# --- the places that use it ------------------------------------------------------------------------------------


def login(client, username, password, *, via: str):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=via,
    )


@pytest.fixture
def budi(db):
    user = UserFactory(username="budi")
    user.set_password("benar-sekali-123")
    user.save()
    return user


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=LIMIT, TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_the_login_lockout_is_per_client(client, budi):
    # The attacker tries a name per attempt and puts a new address of its own choosing in front each time.
    for n, typed in enumerate(("ani", "citra", "dodi")):
        login(client, typed, "salah", via=f"10.0.0.{n}, 203.0.113.66")

    assert login(client, "budi", "benar-sekali-123", via="10.0.0.9, 203.0.113.66").status_code == 429
    assert login(client, "budi", "benar-sekali-123", via="198.51.100.20").status_code == 302  # another client


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=LIMIT, TRUSTED_PROXY_COUNT=0)
def test_without_trusted_proxies_everyone_behind_the_proxy_is_one_client(client, budi):
    """The setting matters: with no proxy trusted, one attacker locks out every visitor behind nginx."""
    for typed in ("ani", "citra", "dodi"):
        login(client, typed, "salah", via="203.0.113.66")

    assert login(client, "budi", "benar-sekali-123", via="198.51.100.20").status_code == 429


@pytest.mark.django_db
def test_behind_the_proxy_the_verification_uploads_are_limited_per_client(client, opd, kepala, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SIGNING_VERIFY_UPLOADS = 2
    settings.TRUSTED_PROXY_COUNT = 1
    cache.clear()
    give_certificate(kepala, opd.pemda)
    signed = sign_sop(sop=submitted_sop(opd, kepala), actor=kepala, passphrase=PASSPHRASE)
    data = signed.berkas.open("rb").read()

    def check(via: str) -> int:
        upload = {"berkas": SimpleUploadedFile("a.pdf", data)}
        return client.post(signed.get_absolute_url(), upload, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=via).status_code

    assert [check(f"10.0.0.{n}, 203.0.113.66") for n in range(3)] == [200, 200, 429]
    assert check("198.51.100.20") == 200
