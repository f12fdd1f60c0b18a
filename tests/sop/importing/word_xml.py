"""Pieces of .docx as Word writes them, added to python-docx documents: flowchart shapes anchored in a table
cell (DrawingML `wps:wsp` inside `mc:AlternateContent` with its VML fallback, or VML alone as older Word and
converters write it), shapes drawn as one group, symbol characters (`w:sym`), a table nested in a cell."""

import io
import itertools

from docx import Document
from docx.oxml import parse_xml

NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office"'
)
# VML shape types Word writes as the fallback of each DrawingML preset (o:spt numbers).
VML_TYPE = {
    "flowChartTerminator": 116,
    "flowChartProcess": 109,
    "flowChartDecision": 110,
    "flowChartOffpageConnector": 177,
    "straightConnector1": 32,
    "bentConnector3": 34,
}
_ids = itertools.count(1)


def _txbx(text: str) -> str:
    return f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>" if text else ""


def _wsp(prst: str, text: str) -> str:
    body = f"<wps:txbx>{_txbx(text)}</wps:txbx>" if text else ""
    return (
        '<wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="561975" cy="276225"/></a:xfrm>'
        f'<a:prstGeom prst="{prst}"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>'
        f'<a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>{body}'
        '<wps:bodyPr rot="0" vert="horz" wrap="square" anchor="ctr"/></wps:wsp>'
    )


def _anchor(number: int, name: str, graphic: str, uri: str) -> str:
    return (
        '<w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        'relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>95250</wp:posOffset>'
        '</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>47625</wp:posOffset></wp:positionV>'
        '<wp:extent cx="561975" cy="276225"/><wp:effectExtent l="0" t="0" r="28575" b="28575"/><wp:wrapNone/>'
        f'<wp:docPr id="{number}" name="{name} {number}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{uri}">{graphic}</a:graphicData></a:graphic></wp:anchor></w:drawing>'
    )


def _vml(prst: str, text: str, number: int) -> str:
    spt = VML_TYPE[prst]
    box = f"<v:textbox>{_txbx(text)}</v:textbox>" if text else ""
    return (
        f'<v:shapetype id="_x0000_t{spt}" coordsize="21600,21600" o:spt="{spt}" path="m,l,21600r21600,l21600,xe">'
        '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
        f'<v:shape id="Shape {number}" o:spid="_x0000_s{1025 + number}" type="#_x0000_t{spt}" '
        'style="position:absolute;margin-left:7.5pt;margin-top:3.75pt;width:44.25pt;height:21.75pt;'
        f'z-index:251659264" fillcolor="white" strokecolor="black">{box}</v:shape>'
    )


def shape_run(prst: str, text: str = "") -> str:
    """One shape as Word 2010+ writes it: DrawingML in mc:Choice, the same shape in VML in mc:Fallback."""
    number = next(_ids)
    drawing = _anchor(
        number, "Flowchart", _wsp(prst, text), "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
    )
    fallback = f"<mc:Fallback><w:pict>{_vml(prst, text, number)}</w:pict></mc:Fallback>"
    return (
        f'<w:r {NAMESPACES}><w:rPr><w:noProof/></w:rPr><mc:AlternateContent><mc:Choice Requires="wps">{drawing}'
        f"</mc:Choice>{fallback}</mc:AlternateContent></w:r>"
    )


def vml_run(prst: str, text: str = "") -> str:
    """A shape as Word 2003/2007 and converters write it: VML only."""
    return f"<w:r {NAMESPACES}><w:pict>{_vml(prst, text, next(_ids))}</w:pict></w:r>"


def group_run(*prsts: str) -> str:
    """Several shapes drawn as one grouped picture (wpg:wgp), anchored in one paragraph."""
    number = next(_ids)
    shapes = "".join(_wsp(prst, "") for prst in prsts)
    group = f"<wpg:wgp><wpg:cNvGrpSpPr/><wpg:grpSpPr/>{shapes}</wpg:wgp>"
    drawing = _anchor(number, "Group", group, "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup")
    choice = f'<mc:Choice Requires="wpg">{drawing}</mc:Choice>'
    return f"<w:r {NAMESPACES}><mc:AlternateContent>{choice}</mc:AlternateContent></w:r>"


def sym_run(char: str, font: str = "Wingdings") -> str:
    """A character of a symbol font as Insert → Symbol writes it (Wingdings F0FC is the tick)."""
    return f'<w:r {NAMESPACES}><w:sym w:font="{font}" w:char="{char}"/></w:r>'


def add_run(cell, xml: str) -> None:
    """Append a run to the cell's first paragraph."""
    cell.paragraphs[0]._p.append(parse_xml(xml))


def fill(cell, *lines: str) -> None:
    cell.text = lines[0] if lines else ""
    for line in lines[1:]:
        cell.add_paragraph(line)


def table(container, rows: list[list[str]]):
    """A table of the given rows (each cell's lines split at "\\n") in a document or a cell."""
    width = max(len(row) for row in rows)
    made = container.add_table(rows=len(rows), cols=width)
    for tr, cells in zip(made.rows, rows, strict=True):
        for cell, value in zip(tr.cells, cells, strict=False):
            fill(cell, *value.split("\n"))
    return made


def saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def new_document():
    return Document()
