"""Several servers over one Redis: a PDF rendered on one (or by the worker) is a hit on the others, and a content is
rendered once among them. Each "server" here is its own MEDIA_ROOT (its own disk) with its own cache connection."""

import threading
import time
import uuid

import pytest
from django.core.cache import caches

from sop.models import Sop
from sop.printing import render, shared_cache
from tests.services import redis_reachable
from tests.sop.factories import build_sop

pytestmark = [
    pytest.mark.skipif(not redis_reachable(), reason="Redis tidak berjalan di 127.0.0.1:6379"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "server-1"


@pytest.fixture
def redis(settings):
    prefix = f"uji-pdf-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {"BACKEND": "sakip.cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/0", "KEY_PREFIX": prefix}
    }
    settings.SOP_PDF_SHARED = True
    client = caches["default"]._cache.get_client()
    yield client
    for key in client.keys(f"{prefix}:*"):
        client.delete(key)


@pytest.fixture
def sop(opd):
    return Sop.objects.select_related("opd__pemda").get(pk=build_sop(opd=opd, steps=4).pk)


@pytest.fixture
def renders(monkeypatch):
    calls = []
    real = render.render_sop_pdf

    def counted(sop, paper):
        calls.append(paper)
        return real(sop, paper)

    monkeypatch.setattr(render, "render_sop_pdf", counted)
    return calls


def _server(settings, tmp_path, name: str):
    """Switch this process to another server: its own disk, a fresh connection to the same Redis."""
    settings.MEDIA_ROOT = tmp_path / name
    caches._settings = None


def test_what_the_worker_rendered_is_a_hit_on_another_server(redis, sop, renders, settings, tmp_path):
    _server(settings, tmp_path, "pekerja")
    rendered, hit_there = render.cached_sop_pdf(sop, "A4")

    _server(settings, tmp_path, "server-2")
    downloaded, hit_here = render.cached_sop_pdf(sop, "A4")

    assert (hit_there, hit_here) == (False, True)
    assert renders == ["A4"]
    assert downloaded != rendered and downloaded.read_bytes() == rendered.read_bytes()
    assert downloaded.is_relative_to(tmp_path / "server-2")  # kept on this server's disk from now on


def test_a_download_while_another_server_renders_waits_for_its_pdf(redis, sop, renders, settings, tmp_path):
    key = render.content_key(sop, "A4")
    lock = shared_cache._lock_key(key)
    assert caches["default"].add(lock, "server-1", timeout=60)  # server 1 is rendering
    _server(settings, tmp_path, "server-2")
    results = []
    waiting = threading.Thread(target=lambda: results.append(render.cached_sop_pdf(sop, "A4")))
    started = time.monotonic()
    waiting.start()

    time.sleep(0.5)
    assert results == []  # still waiting for server 1
    caches["default"].set(shared_cache._pdf_key(key), b"%PDF-1.4 dari server 1")
    caches["default"].delete(lock)
    waiting.join(timeout=10)

    [(path, hit)] = results
    assert hit is True and renders == []
    assert path.read_bytes() == b"%PDF-1.4 dari server 1"
    assert time.monotonic() - started >= 0.5


def test_the_lock_of_a_server_that_died_mid_render_expires_and_the_next_renders(redis, sop, renders):
    key = render.content_key(sop, "A4")
    caches["default"].add(shared_cache._lock_key(key), "mati", timeout=1)  # its server is gone, the PDF never comes

    started = time.monotonic()
    path, hit = render.cached_sop_pdf(sop, "A4")

    assert hit is False and renders == ["A4"]
    assert 0.8 < time.monotonic() - started < 10
    assert path.read_bytes().startswith(b"%PDF")
    assert caches["default"].get(shared_cache._pdf_key(key)) == path.read_bytes()
    assert caches["default"].get(shared_cache._lock_key(key)) is None  # released after the render


def test_off_nothing_goes_to_the_shared_cache(redis, sop, renders, settings):
    settings.SOP_PDF_SHARED = False

    render.cached_sop_pdf(sop, "A4")

    assert renders == ["A4"]
    assert not redis.keys(f"{settings.CACHES['default']['KEY_PREFIX']}:*sop-pdf*")


def test_a_lock_that_expired_mid_render_and_was_taken_by_another_server_stays_theirs(redis, sop, renders, monkeypatch):
    key = render.content_key(sop, "A4")
    lock = shared_cache._lock_key(key)
    counted = render.render_sop_pdf

    def outlived_its_lock(sop, paper):
        caches["default"].set(lock, "server-2", timeout=60)  # this render outlived its lock; server 2 took it
        return counted(sop, paper)

    monkeypatch.setattr(render, "render_sop_pdf", outlived_its_lock)
    path, hit = render.cached_sop_pdf(sop, "A4")

    assert hit is False and renders == ["A4"] and path.read_bytes().startswith(b"%PDF")
    assert caches["default"].get(lock) == "server-2"


def test_the_lock_is_deleted_only_while_it_holds_this_servers_token(redis):
    cache = caches["default"]
    cache.add("kunci", "server-1", timeout=60)

    assert cache.delete_if_equal("kunci", "server-2") is False
    assert cache.get("kunci") == "server-1"
    assert cache.delete_if_equal("kunci", "server-1") is True
    assert cache.get("kunci") is None
    assert cache.delete_if_equal("kunci", "server-1") is False  # already gone
    cache.set("angka", 7)  # integers are stored unpickled; the comparison follows the same serializer
    assert cache.delete_if_equal("angka", 7) is True
