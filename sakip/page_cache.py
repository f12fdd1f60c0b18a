"""Whole HTML pages kept for the reader who asked for them, until anything in the database changes.

A page such as the SOP sheet or the kinerja dashboard is read far more often than anything on it changes, and most
of its cost is building the same HTML again. A view with `CachedPageMixin` keeps the HTML it rendered together with
the *generation* it was rendered in, and serves it again only while the generation is still the same:

- the generation is one counter in the shared cache, raised by every statement that writes to the database
  (INSERT, UPDATE, DELETE, TRUNCATE, DDL — through the ORM, `QuerySet.update()`, raw SQL or a migration) on any
  application server or task worker, when it runs and again when its transaction commits;
- the key is the reader (user id), the browser's CSRF secret and the full path with its query string: the page
  shows what that user may do, and its forms carry tokens that only that browser's cookie accepts.

A hit reads the user's id from the session and never loads the user: a page was kept only for a request that
authenticated as that id, and anything that would end that — a deactivation, a new password, a deleted user —
is a write that has ended the page's generation since. Logging out ends the session itself. The key is signed with
SECRET_KEY (salted_hmac), so rotating the key, which ends every session without a write, misses every page too.

So a cached page is served only while nothing at all has been written since it was rendered; what the reader may
see was checked when it was rendered, and nothing that decides it has changed since. Sessions are the one table
left out (a login that writes `last_login` still raises it). The request's CSP nonce is taken out of the stored HTML
and put back fresh on every hit. Not cached: anything but a plain GET of a logged-in user, htmx requests, pages
with a message waiting to be shown, responses that set cookies or are not a 200 HTML page.

This needs a cache all processes share (Redis: settings.PAGE_CACHE follows REDIS_URL). With each process's local
memory cache a write in one would not reach the others' generation, so the embedded default leaves it off; the test
settings turn it on because a test run is one process, and so every test that reads a page after a write checks
that the write reached the page.
"""

import time

from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.crypto import salted_hmac

GENERATION_KEY = "halaman:generasi"
NONCE_MARK = b"\x00csp-nonce\x00"
WRITES = ("INSERT", "UPDATE", "DELETE", "TRUNCATE", "REPLACE", "MERGE", "CREATE", "ALTER", "DROP")
UNTRACKED_TABLES = ("django_session",)


def generation() -> int:
    """The current generation; a lost counter restarts from the clock, never from a number already used."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY)
    return value


def bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # the counter was evicted or never set
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)


def is_write(sql: str) -> bool:
    head = sql.lstrip()[:80]
    verb = head.split(None, 1)[0].upper() if head else ""
    return verb in WRITES and not any(table in head for table in UNTRACKED_TABLES)


class WriteWatcher:
    """A database execute wrapper: every write raises the generation now and once more when it commits.

    Now, so that this process never serves what it has just changed (and a test inside its never-committed
    transaction sees its own writes); at the commit, because another process may have rendered and stored the old
    rows in between.
    """

    def __init__(self, connection):
        self.connection = connection

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if is_write(sql):
            bump()
            if self.connection.in_atomic_block:
                transaction.on_commit(bump, using=self.connection.alias)
        return result


def watch_writes(sender, connection, **kwargs) -> None:
    """connection_created: put the watcher on the connection once (its wrappers outlive a reconnect)."""
    if not any(isinstance(wrapper, WriteWatcher) for wrapper in connection.execute_wrappers):
        connection.execute_wrappers.append(WriteWatcher(connection))


def page_key(request) -> str | None:
    """The key of this request's page, or None when it must not come from (or go into) the cache."""
    reader = request.session.get(SESSION_KEY)
    secret = request.META.get("CSRF_COOKIE")
    if (
        not settings.PAGE_CACHE
        or request.method != "GET"
        or not reader
        or not secret
        or getattr(request, "htmx", False)
        or len(get_messages(request))
    ):
        return None
    session_hash = request.session.get(HASH_SESSION_KEY, "")
    message = f"{reader}\x00{session_hash}\x00{secret}\x00{request.get_full_path()}"
    return f"halaman:{salted_hmac('sakip.page_cache', message, algorithm='sha256').hexdigest()}"


def stored_page(key: str) -> tuple[int, bytes | None]:
    """The current generation, and the page kept under `key` if it was rendered in that generation: one round trip
    to the cache (the page is kept with the generation it was rendered in)."""
    found = cache.get_many([GENERATION_KEY, key])
    current = found.get(GENERATION_KEY)
    if current is None:
        return generation(), None
    rendered_in, page = found.get(key, (None, None))
    return current, page if rendered_in == current else None


class CachedPageMixin:
    """For a TemplateView: the rendered page comes from the cache while the database has not changed (see above).
    It goes before LoginRequiredMixin: a miss goes through that check, a hit was checked when it was kept."""

    page_cache_timeout = 600

    def dispatch(self, request, *args, **kwargs):
        key = page_key(request)
        if key is None:
            return super().dispatch(request, *args, **kwargs)
        current, page = stored_page(key)
        if page is not None:
            page = page.replace(NONCE_MARK, request.csp_nonce.encode())
            return HttpResponse(page, content_type="text/html; charset=utf-8")
        response = super().dispatch(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()
        rendered_for = str(request.user.pk) if request.user.is_authenticated else None
        if (
            response.status_code == 200
            and rendered_for == str(request.session.get(SESSION_KEY))
            and not response.cookies
            and response["Content-Type"].startswith("text/html")
        ):
            page = response.content.replace(request.csp_nonce.encode(), NONCE_MARK)
            cache.set(key, (current, page), self.page_cache_timeout)
        return response
