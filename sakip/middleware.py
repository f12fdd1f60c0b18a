"""Show times in the zone of the user's Pemda (WIB, WITA or WIT); they are stored in UTC."""

import zoneinfo

from django.utils import timezone


class PemdaTimezoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Kept in the session at the first request after login (a logout flushes it): the user is not loaded for
        # it, so a page from the cache (sakip.page_cache) is served without reading the user at all.
        session = getattr(request, "session", None)
        zone = session.get("zona_waktu") if session is not None else None
        user = getattr(request, "user", None)
        if zone is None and user is not None and user.is_authenticated:
            membership = user.keanggotaan.select_related("opd__pemda").first()
            zone = membership.opd.pemda.zona_waktu if membership else ""
            request.session["zona_waktu"] = zone
        if zone:
            timezone.activate(zoneinfo.ZoneInfo(zone))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
