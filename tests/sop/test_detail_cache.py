"""The SOP page draws its flowchart once per content: later requests take it from the cache, an edit redraws."""

import pytest
from django.core.cache import cache

from sop import views
from sop.services import content_of, sop_update
from tests.sakip.factories import UserFactory
from tests.services import redis_reachable
from tests.sop.factories import build_sop

pytestmark = pytest.mark.django_db


@pytest.fixture
def drawn(monkeypatch):
    calls = []
    real = views.build_layout

    def counting(*args, **kwargs):
        calls.append(args[0].pk)
        return real(*args, **kwargs)

    monkeypatch.setattr(views, "build_layout", counting)
    cache.clear()
    return calls


def test_the_second_view_of_an_sop_is_not_laid_out_again(client, drawn):
    sop = build_sop(steps=6)
    client.force_login(UserFactory(is_superuser=True))
    first = client.get(sop.get_absolute_url()).content.decode()
    second = client.get(sop.get_absolute_url()).content.decode()
    assert drawn == [sop.pk]
    assert "flow-diagram" in first and first.count("<svg") == second.count("<svg") > 0


def test_an_edit_draws_the_new_content(client, drawn):
    sop = build_sop(steps=6)
    user = UserFactory(is_superuser=True)
    client.force_login(user)
    client.get(sop.get_absolute_url())
    content = content_of(sop)
    content.langkah[0].uraian = "Menerima surat masuk yang sudah diubah"
    sop_update(sop=sop, content=content, expected_version=sop.lock_version, updated_by=user)
    page = client.get(sop.get_absolute_url()).content.decode()
    assert drawn == [sop.pk, sop.pk]
    assert "Menerima surat masuk yang sudah diubah" in page


@pytest.mark.skipif(not redis_reachable(), reason="Redis tidak berjalan di 127.0.0.1:6379")
def test_application_servers_share_the_drawing_through_redis(client, drawn, settings):
    import uuid

    prefix = f"uji-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            "KEY_PREFIX": prefix,
        }
    }
    from django.core.cache import caches

    redis_cache = caches["default"]
    sop = build_sop(steps=4)
    client.force_login(UserFactory(is_superuser=True))
    client.get(sop.get_absolute_url())
    keys = redis_cache._cache.get_client().keys(f"{prefix}:*")
    try:
        assert any(b"sop-layar" in key for key in keys)
        caches._settings = None  # what a second server sees: a new connection to the same Redis
        client.get(sop.get_absolute_url())
        assert drawn == [sop.pk]
    finally:
        for key in keys:
            redis_cache._cache.get_client().delete(key)
