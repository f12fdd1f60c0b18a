from sakip.selectors import opds_of


def organisation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"user_opds": opds_of(user)}
