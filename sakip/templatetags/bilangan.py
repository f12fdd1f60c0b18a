"""{% load bilangan %}: numbers and percentages the Indonesian way (1.234,56 and 87,46%)."""

from django import template

from sakip.numbers import format_number, format_percent

register = template.Library()


@register.filter
def desimal(value, places=None) -> str:
    """{{ value|desimal }} → '1.234,56'; {{ value|desimal:2 }} → '1.234,50'."""
    return format_number(value, int(places) if places not in (None, "") else None)


@register.filter
def persen(value) -> str:
    """{{ capaian|persen }} → '87,46%'."""
    return format_percent(value)
