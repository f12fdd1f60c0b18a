"""The one answer to "which rows may this user see": those of the OPDs the user is a member of.

Every selector of every app scopes through `visible_to`; none writes the filter again.
"""

from django.db.models import QuerySet

from sakip.models import Keanggotaan, Opd, User
from sakip.permissions import member_opds

# Up to this many OPDs the filter names them; beyond, it asks the memberships in a subquery. On PostgreSQL a short
# list of numbers plans in a third of the time of the subquery's semi-join, which every query of a page pays; 500
# numbers cost more to send and plan than the subquery (measured at 1 and 500 OPDs: bench/README.md).
FEW_OPDS = 20


def visible_to(user: User, queryset: QuerySet, *, opd_field: str = "opd") -> QuerySet:
    """`queryset` limited to rows whose `opd_field` is one of the user's OPDs; all rows for a superuser.

    `opd_field` is the lookup path to the OPD ("opd", "run__opd", "sop__opd"); "" means the rows are OPDs.
    """
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    lookup = f"{opd_field}__in" if opd_field else "pk__in"
    opd_ids = member_opds(user)  # the roles read once per request
    if len(opd_ids) <= FEW_OPDS:
        return queryset.filter(**{lookup: sorted(opd_ids)})
    return queryset.filter(**{lookup: Keanggotaan.objects.filter(user=user).values("opd_id")})


def opds_of(user: User) -> QuerySet[Opd]:
    """The OPDs the user works in (every OPD for a superuser)."""
    return visible_to(user, Opd.objects.select_related("pemda"), opd_field="")
