"""The flowchart table's computed sizes as a style sheet, so the table itself needs no style attributes.

The column widths, the header's size and padding and every row's height come from the layout (layout.py). The
printed SOP puts these rules in its own <style> block; the SOP page in a <style> block with the request's nonce,
since the Content-Security-Policy refuses style attributes. Values are written as the template wrote them
(floatformat "2u"), so the PDF is laid out exactly as before.
"""

from django.template.defaultfilters import floatformat
from django.utils.safestring import SafeString, mark_safe

from sop.printing.geometry import FlowLayout

COLUMNS = ("no", "uraian", "pelaksana", "kelengkapan", "waktu", "output", "keterangan")
# `body` and the two classes outweigh the sheets' own `table.flow …` and `.flow-print table.flow …` rules, as the
# style attributes did.
TABLE = "body table.flow.flow-sized"


def mm(value: float) -> str:
    return floatformat(value, "2u")


def row_class(height: float) -> str:
    """The class of a row `height` mm tall: h-12_34."""
    return "h-" + mm(height).replace(".", "_")


def flow_table_css(layout: FlowLayout) -> SafeString:
    columns = layout.columns
    rules = [
        f"{TABLE} {{ width: {mm(layout.usable_width)}mm; font-size: {columns.font_pt}pt; }}",
        f"{TABLE} thead {{ font-size: {layout.header_pt}pt; }}",
        *(f"{TABLE} col.c-{name} {{ width: {mm(getattr(columns, name))}mm; }}" for name in COLUMNS),
        f"{TABLE} th.p-head {{ padding-left: {layout.header_pad}mm; padding-right: {layout.header_pad}mm; }}",
    ]
    heights = sorted({row.height for page in layout.pages for row in page.rows})
    rules += [f"{TABLE} tr.{row_class(height)} {{ height: {mm(height)}mm; }}" for height in heights]
    return mark_safe("\n".join(rules))  # numbers and fixed selectors only
