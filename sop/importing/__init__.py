"""Import SOP documents offices already have: Word (.docx) and its text export.

`read_document(data=…, filename=…)` reads a file into a ParsedDocument (the SOP's content in the editor's
shape, plus the kop, suggestions and warnings) or raises SopImportError; `sop_import(document=…, opd=…,
user=…)` saves it as a draft through the editor's services; `sop_import_files` does a batch, one outcome per
file. The pages are in `views`, the command is `import_sop`.
"""

from sop.importing.choices import Choices
from sop.importing.read import MAX_BYTES, read_document
from sop.importing.result import Kop, Note, OpdNeeded, ParsedDocument, SopImportError
from sop.importing.services import Outcome, sop_import, sop_import_dry_run, sop_import_files

__all__ = [
    "MAX_BYTES",
    "Choices",
    "Kop",
    "Note",
    "OpdNeeded",
    "Outcome",
    "ParsedDocument",
    "SopImportError",
    "read_document",
    "sop_import",
    "sop_import_dry_run",
    "sop_import_files",
]
