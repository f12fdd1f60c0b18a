"""PDFs shared between servers through Django's cache (Redis in production), and one render per content among them.

The PDF cache of render.py is a folder on each server's own disk, its file lock good on that disk only. With the
application servers and the task worker on machines of their own (the files in S3), the worker's background render
reached only its own folder, and a download on another server rendered the same content again. With a cache every
server shares (SOP_PDF_SHARED, on with REDIS_URL) each render is put there too, and the server that renders holds a
lock there (cache.add, Redis's SET NX, with an expiry, so a server that dies mid-render does not hold it for ever):
a download on another server takes the PDF from the shared cache, or waits for the render under way.
"""

import secrets
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache

LOCK_SECONDS = 120  # longer than any render (500 langkah take seconds); a dead server's lock is free again after it
POLL_SECONDS = 0.1


def _pdf_key(content: str) -> str:
    return f"sop-pdf:{content}"


def _lock_key(content: str) -> str:
    return f"sop-pdf-render:{content}"


def shared_pdf(content: str) -> bytes | None:
    """The PDF of this content another server (or the worker) rendered, while the shared cache keeps it."""
    return cache.get(_pdf_key(content)) if settings.SOP_PDF_SHARED else None


def render_once(content: str, render: Callable[[], bytes]) -> tuple[bytes, bool]:
    """The PDF of `content` and whether it came from elsewhere: rendered here, or, when another server is rendering
    the same content, that server's PDF once it is in the shared cache."""
    if not settings.SOP_PDF_SHARED:
        return render(), False
    token = secrets.token_hex(8)
    while not cache.add(_lock_key(content), token, timeout=LOCK_SECONDS):
        time.sleep(POLL_SECONDS)
        if (data := cache.get(_pdf_key(content))) is not None:
            return data, True
    try:
        if (data := cache.get(_pdf_key(content))) is not None:  # put there just before the lock came free
            return data, True
        data = render()
        cache.set(_pdf_key(content), data, timeout=settings.SOP_PDF_SHARED_SECONDS)
        return data, False
    finally:
        _release(_lock_key(content), token)


def _release(lock: str, token: str) -> None:
    """Free the lock if it is still this server's, not expired and taken by another server meanwhile: in one step on
    Redis (`sakip.cache.RedisCache.delete_if_equal`); on another cache backend, read and then delete."""
    if (delete_if_equal := getattr(cache, "delete_if_equal", None)) is not None:
        delete_if_equal(lock, token)
    elif cache.get(lock) == token:
        cache.delete(lock)
