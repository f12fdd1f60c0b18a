"""Printing SOPs in the Permenpan RB 35/2012 format: layout, flowchart drawing, HTML and PDF."""

from sop.printing.render import cached_sop_pdf, content_key, render_sop_html, render_sop_pdf

__all__ = ["cached_sop_pdf", "content_key", "render_sop_html", "render_sop_pdf"]
