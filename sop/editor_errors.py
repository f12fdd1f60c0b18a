"""Every mistake of one editor save, each at its field and once more in the list at the top of the page.

The editor validates the identity form, every row, the rules across rows (sop.structure) and the nomor in one
pass, so a person fixes all of it at once instead of meeting the mistakes one save at a time.
"""

from dataclasses import dataclass

from django.forms.forms import NON_FIELD_ERRORS
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from sop.structure import RowErrors

# The field a row's own messages (those not about one field) point to: the first thing a person types there.
FIRST_FIELD = {"pelaksana": "nama", "langkah": "uraian"}
ITEM_FIRST_FIELD = "teks"


@dataclass(frozen=True)
class EditorError:
    anchor: str  # the id of the field (or section) the message belongs to
    text: str


def add_row_errors(forms_: list, rows: dict[int, RowErrors]) -> None:
    """Put cross-row messages on their rows, except where the field already says what is wrong with it."""
    for index, row in rows.items():
        form = forms_[index]
        for field_name, message in row.by_field():
            if field_name and form.errors.get(field_name):
                continue
            form.add_error(field_name, message)


def _with_label(label: str, message: str) -> str:
    """A message with the name of its field in front, unless the message names it already."""
    if label and label.casefold() in message.casefold():
        return message
    return f"{capfirst(label)}: {message}" if label else message


def _form_errors(form, *, prefix: str, first_field: str) -> list[EditorError]:
    found = []
    # In the order of the fields on the page, whichever check found the message first.
    names = [name for name in (NON_FIELD_ERRORS, *form.fields) if name in form.errors]
    names += [name for name in form.errors if name not in names]
    for name in names:
        messages = form.errors[name]
        field_name = first_field if name == NON_FIELD_ERRORS or name not in form.fields else name
        anchor = form[field_name].auto_id if field_name in form.fields else form.prefix
        label = "" if name == NON_FIELD_ERRORS or name not in form.fields else str(form.fields[name].label or name)
        for message in messages:
            text = str(message)
            if prefix and not text.startswith(prefix):
                text = f"{prefix}: {_with_label(label, text)}"
            elif not prefix:
                text = _with_label(label, text)
            found.append(EditorError(anchor, text))
    return found


def editor_errors(editor, ordered) -> list[EditorError]:
    """All messages of an editor, in page order; `ordered(formset)` gives the rows as the page numbers them."""
    found = _form_errors(editor.form, prefix="", first_field="judul")
    sections = [
        (editor.pelaksana, "bagian-pelaksana", _("Pelaksana kolom %(n)s"), FIRST_FIELD["pelaksana"]),
        (editor.langkah, "bagian-langkah", _("Langkah %(n)s"), FIRST_FIELD["langkah"]),
        *[
            (formset, f"daftar-{jenis}", f"{formset.label} " + _("butir %(n)s"), ITEM_FIRST_FIELD)
            for jenis, formset in editor.items.items()
        ],
    ]
    for formset, section, row_name, first_field in sections:
        if not formset.is_bound:
            continue
        found.extend(EditorError(section, str(message)) for message in formset.non_form_errors())
        for number, form in enumerate(ordered(formset), start=1):
            found.extend(_form_errors(form, prefix=row_name % {"n": number}, first_field=first_field))
    return found
