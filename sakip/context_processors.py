from sakip.permissions import user_opds


def organisation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"user_opds": user_opds(user)}
