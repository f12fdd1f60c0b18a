"""Pages of long lists that never count more rows than a person could page through.

A province holds 100,000 SOPs; counting them all for "halaman 1 dari 5.000" costs more than showing the page.
The count stops at `cap` rows; past it the list says "lebih dari …" and asks to narrow the search.
"""

from functools import cached_property

from django.conf import settings
from django.core.paginator import Page, Paginator

CAP_PAGES = 50  # pages a person pages through before searching instead


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page=None, *, cap_pages: int = CAP_PAGES, **kwargs):
        per_page = per_page or settings.PAGE_SIZE
        super().__init__(object_list, per_page, **kwargs)
        self.cap = per_page * cap_pages

    @cached_property
    def _found(self) -> int:
        """Rows up to one past the cap: COUNT(*) over a LIMIT, so the database stops counting there."""
        return self.object_list.order_by()[: self.cap + 1].count()

    @property
    def count(self) -> int:
        return min(self._found, self.cap)

    @property
    def is_capped(self) -> bool:
        return self._found > self.cap


def page_of(request, queryset, *, per_page: int | None = None) -> Page:
    """The page asked for in ?page= (the last one if it is past the end, the first if it is not a number)."""
    return CappedPaginator(queryset, per_page).get_page(request.GET.get("page"))
