"""Show times in the zone of the user's Pemda (WIB, WITA or WIT); they are stored in UTC."""

import zoneinfo

from django.utils import timezone


class PemdaTimezoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            zone = request.session.get("zona_waktu")
            if zone is None:
                membership = user.keanggotaan.select_related("opd__pemda").first()
                zone = membership.opd.pemda.zona_waktu if membership else ""
                request.session["zona_waktu"] = zone
        if zone:
            timezone.activate(zoneinfo.ZoneInfo(zone))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
