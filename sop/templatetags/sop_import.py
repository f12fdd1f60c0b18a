"""{% can_import_sop user as may_import %}: whether the "Impor SOP" link belongs in the menu."""

from django import template

from sop.importing.permissions import can_import_anywhere

register = template.Library()


@register.simple_tag
def can_import_sop(user) -> bool:
    return can_import_anywhere(user)
