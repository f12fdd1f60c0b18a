from django.utils.functional import SimpleLazyObject

from sakip.selectors import opds_of

OPDS_SHOWN = 3  # the user menu shows two, the Beranda's greeting three; a province user works in 500


def organisation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # The first few only, read once when a template first uses them (not at all on a page that shows none).
    return {"user_opds": SimpleLazyObject(lambda: list(opds_of(user)[:OPDS_SHOWN]))}
