"""Whole pages from the cache (sakip/page_cache.py): served again only while nothing was written, to the same reader."""

import re

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sakip import page_cache
from sop.models import Sop
from tests.services import redis_reachable
from tests.sop.factories import build_sop

pytestmark = pytest.mark.django_db


def _nonce(response) -> str:
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def sop(opd):
    return build_sop(opd=opd, steps=6, judul="Penyusunan Renja")


@pytest.fixture
def reader(client, penyusun, sop):
    client.force_login(penyusun)
    client.get(sop.get_absolute_url())  # the first page sets the CSRF cookie; from the second on it can be kept
    return client


def test_a_page_read_again_costs_the_session_only_not_even_the_user(reader, sop):
    first = reader.get(sop.get_absolute_url())
    with CaptureQueriesContext(connection) as captured:
        second = reader.get(sop.get_absolute_url())

    assert [q["sql"].split()[0] for q in captured] == ["SELECT"]
    assert "django_session" in captured[0]["sql"]  # with Redis (cached_db sessions) not even that
    assert _nonce(first) != _nonce(second)
    # The same page, with the new request's nonce wherever the first one had its own.
    assert second.content.decode() == first.content.decode().replace(_nonce(first), _nonce(second))
    assert f'nonce="{_nonce(second)}"' in second.content.decode()


@pytest.mark.parametrize("change", ["deactivated", "new password", "secret key rotated", "logged out"])
def test_a_reader_who_may_no_longer_read_gets_the_login_page_not_the_kept_one(reader, sop, penyusun, change):
    """A hit never loads the user: each of these must end the kept page (a write, the key, the session)."""
    url = sop.get_absolute_url()
    _page(reader, url)
    rotated = override_settings(SECRET_KEY="kunci-baru-" + "x" * 50, SECRET_KEY_FALLBACKS=[])
    if change == "deactivated":
        type(penyusun).objects.filter(pk=penyusun.pk).update(is_active=False)
    elif change == "new password":
        penyusun.set_password("sandi-baru-yang-panjang")
        penyusun.save(update_fields=["password"])
    elif change == "logged out":
        reader.post(reverse("logout"))
    with rotated if change == "secret key rotated" else override_settings():
        response = reader.get(url)

    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_write_that_sends_no_signal_still_reaches_the_page(reader, sop):
    _page(reader, sop.get_absolute_url())
    Sop.objects.filter(pk=sop.pk).update(judul="Penyusunan Renstra Perubahan")

    assert "Penyusunan Renstra Perubahan" in _page(reader, sop.get_absolute_url())


def test_every_reader_has_a_page_of_their_own(reader, sop, penyusun, kepala, outsider):
    mine = _page(reader, sop.get_absolute_url())
    assert str(penyusun) in _menu(mine)

    others = Client()
    others.force_login(outsider)
    others.get("/")
    assert others.get(sop.get_absolute_url()).status_code == 404

    head = Client()
    head.force_login(kepala)
    head.get(sop.get_absolute_url())
    theirs = _page(head, sop.get_absolute_url())
    assert _menu(mine) != _menu(theirs)
    assert str(kepala) in _menu(theirs)


def _menu(page: str) -> str:
    return page.split('data-testid="user-menu"', 1)[1].split("</button>", 1)[0]


def test_a_second_browser_of_the_same_user_gets_tokens_its_own_cookie_accepts(reader, penyusun, sop):
    laptop = Client(enforce_csrf_checks=True)
    laptop.force_login(penyusun)
    laptop.get(sop.get_absolute_url())  # its own CSRF cookie
    _page(reader, sop.get_absolute_url())  # the first browser's page, kept; nothing written since
    page = _page(laptop, sop.get_absolute_url())
    submit = reverse("sop:sop-submit", args=[sop.pk])
    form = re.search(rf'action="{submit}".*?name="csrfmiddlewaretoken" value="([^"]+)"', page, re.S)

    response = laptop.post(submit, {"csrfmiddlewaretoken": form.group(1)})

    assert response.status_code == 302  # a token from another browser's page would be a 403
    sop.refresh_from_db()
    assert sop.status == Sop.Status.DIAJUKAN


def test_a_message_waiting_to_be_shown_is_never_served_from_or_kept_in_the_cache(reader, sop):
    _page(reader, sop.get_absolute_url())
    response = reader.post(reverse("sop:sop-submit", args=[sop.pk]), follow=True)

    assert response.redirect_chain[-1][0] == sop.get_absolute_url()
    shown = response.content.decode()
    assert 'class="alert' in shown and "Diajukan" in shown
    assert 'class="alert' not in _page(reader, sop.get_absolute_url())


def test_sessions_are_not_writes_that_count_but_every_other_statement_is():
    assert not page_cache.is_write('UPDATE "django_session" SET "session_data" = %s WHERE "session_key" = %s')
    assert not page_cache.is_write('  SELECT "sop_sop"."id" FROM "sop_sop"')
    assert not page_cache.is_write("SAVEPOINT s1")
    for sql in (
        'INSERT INTO "sop_sop" …',
        'update "sop_langkah" set …',
        'DELETE FROM "sakip_user"',
        "TRUNCATE sop_sop",
        "ALTER TABLE sop_sop ADD COLUMN x int",
    ):
        assert page_cache.is_write(sql), sql


def test_a_write_raises_the_generation_now_and_again_when_it_commits(sop, django_capture_on_commit_callbacks):
    before = page_cache.generation()
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        Sop.objects.filter(pk=sop.pk).update(judul="Diubah")
    assert page_cache.generation() == before + 1
    for callback in callbacks:
        callback()
    assert page_cache.generation() == before + 2


def test_a_lost_generation_starts_again_above_every_number_used(sop):
    used = page_cache.generation()
    cache.delete(page_cache.GENERATION_KEY)
    assert page_cache.generation() > used
    cache.delete(page_cache.GENERATION_KEY)
    page_cache.bump()
    assert page_cache.generation() > used


@override_settings(PAGE_CACHE=False)
def test_with_the_page_cache_off_every_request_renders(reader, sop):
    _page(reader, sop.get_absolute_url())
    with CaptureQueriesContext(connection) as captured:
        _page(reader, sop.get_absolute_url())
    assert len(captured) > 2


@pytest.mark.skipif(not redis_reachable(), reason="Redis tidak berjalan di 127.0.0.1:6379")
def test_two_servers_on_one_redis_share_the_pages_and_the_generation(reader, sop, settings):
    import uuid

    from django.core.cache import caches

    prefix = f"uji-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {"BACKEND": "sakip.cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/0", "KEY_PREFIX": prefix}
    }
    redis = caches["default"]._cache.get_client()
    try:
        assert caches["default"]._cache.get_client() is redis  # one client per pool, not one per call
        _page(reader, sop.get_absolute_url())
        assert any(b":halaman:" in key for key in redis.keys(f"{prefix}:*"))

        caches._settings = None  # a second server: its own connection to the same Redis
        with CaptureQueriesContext(connection) as captured:
            _page(reader, sop.get_absolute_url())
        assert len(captured) == 1  # served from what the first one kept: the session only

        Sop.objects.filter(pk=sop.pk).update(judul="Diubah di server pertama")
        caches._settings = None
        assert "Diubah di server pertama" in _page(reader, sop.get_absolute_url())
    finally:
        for key in redis.keys(f"{prefix}:*"):
            redis.delete(key)
