"""{% load flow_table %}: the flowchart table's sizes as CSS rules and row classes (sop/printing/table_css.py)."""

from django import template

from sop.printing.table_css import flow_table_css, row_class

register = template.Library()
register.simple_tag(flow_table_css, name="flow_table_css")
register.filter("row_height_class", row_class)
