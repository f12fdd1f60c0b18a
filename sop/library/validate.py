"""Reading a template document with the editor's own rules: its forms for each row, sop.structure across rows."""

import json

from django.utils.translation import gettext as _

from sop.content import LANGKAH_FIELDS, LangkahInput, PelaksanaInput, SopContent
from sop.forms import ItemForm, LangkahForm, PelaksanaForm, SopEditor, SopForm
from sop.library.format import (
    FORMAT,
    MAX_BYTES,
    MAX_ITEMS,
    MAX_LANGKAH,
    MAX_PELAKSANA,
    MAX_TEXT,
    PLACEHOLDERS,
    REQUIRED_KEYS,
    SLUG_RE,
    STEP_KEYS,
    TEMPLATE_IDENTITY,
    TOP_KEYS,
    Template,
    TemplateError,
    item_inputs,
    role_key,
    unknown_placeholders,
)
from sop.models import SopItem
from sop.structure import check_structure


def parse_json(data: bytes | str, *, source: str = "") -> list[dict]:
    """The template documents of a file: one object, or a list of them."""
    if len(data) > MAX_BYTES:
        raise TemplateError([_("berkas lebih dari %(n)s KB.") % {"n": MAX_BYTES // 1000}], source=source)
    try:
        raw = json.loads(data)
    except (UnicodeDecodeError, ValueError) as error:
        line = getattr(error, "lineno", None)
        where = _(" (baris %(n)s)") % {"n": line} if line else ""
        raise TemplateError(
            [_("berkas bukan JSON yang sah%(where)s; periksa koma, tanda kutip dan kurung.") % {"where": where}],
            source=source,
        ) from None
    documents = raw if isinstance(raw, list) else [raw]
    if not documents or not all(isinstance(d, dict) for d in documents):
        raise TemplateError([_("berkas harus berisi satu templat (objek JSON) atau daftar templat.")], source=source)
    return documents


def _form_errors(form, where: str) -> list[str]:
    messages = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = f"{where}, {str(field.label).lower()}" if field is not None and field.label else where
        messages.extend(f"{label}: {message}" for message in errors)
    return messages


def _texts(value, where: str, problems: list[str]) -> None:
    """Every string of the document, named by where it stands: bounded, placeholders known."""
    if isinstance(value, dict):
        for key, inner in value.items():
            _texts(inner, f"{where} {key}".strip(), problems)
    elif isinstance(value, list):
        for number, inner in enumerate(value, start=1):
            _texts(inner, f"{where} {number}", problems)
    elif isinstance(value, str):
        if len(value) > MAX_TEXT:
            problems.append(_("%(w)s: teks lebih dari %(n)s karakter.") % {"w": where, "n": MAX_TEXT})
        for name in unknown_placeholders(value):
            problems.append(
                _("%(w)s: penanda {%(name)s} tidak dikenal; yang boleh: %(allowed)s (kurung kurawal ditulis {{ }}).")
                % {"w": where, "name": name, "allowed": ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)}
            )


def _check_top(raw: dict, problems: list[str]) -> None:
    missing = [key for key in REQUIRED_KEYS if key not in raw]
    if missing:
        problems.append(_("kunci %(k)s belum ada.") % {"k": ", ".join(missing)})
    unknown = sorted(set(raw) - TOP_KEYS)
    if unknown:
        problems.append(_("kunci %(k)s tidak dikenal.") % {"k": ", ".join(unknown)})
    if "format" in raw and raw["format"] != FORMAT:
        problems.append(_("format harus “%(f)s”.") % {"f": FORMAT})
    slug = raw.get("slug")
    if "slug" in raw and not (isinstance(slug, str) and len(slug) <= 80 and SLUG_RE.match(slug)):
        problems.append(_("slug harus huruf kecil, angka dan tanda hubung (mis. pengukuran-kinerja), paling 80."))
    versi = raw.get("versi")
    if "versi" in raw and not (type(versi) is int and 1 <= versi <= 100000):
        problems.append(_("versi harus bilangan bulat 1 atau lebih (mis. 2)."))
    if not isinstance(raw.get("deskripsi", ""), str):
        problems.append(_("deskripsi harus teks."))


def _identity(raw: dict, problems: list[str]) -> dict:
    identitas = raw.get("identitas", {})
    if not isinstance(identitas, dict) or not all(isinstance(v, str) for v in identitas.values()):
        problems.append(_("identitas harus objek berisi teks."))
        return {}
    unknown = sorted(set(identitas) - set(TEMPLATE_IDENTITY))
    if unknown:
        problems.append(
            _("identitas: kunci %(k)s tidak dikenal; yang boleh: %(allowed)s.")
            % {"k": ", ".join(unknown), "allowed": ", ".join(TEMPLATE_IDENTITY)}
        )
    judul = raw.get("judul")
    form = SopForm(
        {f"sop-{k}": v for k, v in {**identitas, "judul": judul if isinstance(judul, str) else ""}.items()},
        opd=None,
        prefix="sop",
    )
    if not form.is_valid():
        problems.extend(_form_errors(form, _("Identitas")))
        return {}
    return {"judul": form.cleaned_data["judul"], **{name: form.cleaned_data[name] for name in TEMPLATE_IDENTITY}}


def _pelaksana(raw: dict, problems: list[str]) -> list[PelaksanaInput]:
    names = raw.get("pelaksana", [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names) or len(names) > MAX_PELAKSANA:
        problems.append(_("pelaksana harus daftar nama (teks), paling banyak %(n)s.") % {"n": MAX_PELAKSANA})
        return []
    columns = []
    for index, name in enumerate(names):
        form = PelaksanaForm({"nama": name})
        if form.is_valid():
            columns.append(PelaksanaInput(kunci=role_key(index), nama=form.cleaned_data["nama"]))
        else:
            problems.extend(_form_errors(form, _("Pelaksana kolom %(n)s") % {"n": index + 1}))
    return columns


_DEFAULTS = LangkahInput(uraian="")


def _step_data(step: dict, keys: dict[str, str]) -> dict:
    """The step as the editor's form would receive it; a key left out takes the editor's default."""
    data = {}
    for name in LANGKAH_FIELDS:
        value = step.get(name, getattr(_DEFAULTS, name))
        data[name] = "" if value is None else str(value)
    data["pelaksana"] = keys.get(step.get("pelaksana") or "", "")
    return data


def _langkah(raw: dict, columns: list[PelaksanaInput], problems: list[str]) -> list:
    steps = raw.get("langkah", [])
    if not isinstance(steps, list) or not steps or len(steps) > MAX_LANGKAH:
        problems.append(_("langkah harus daftar berisi 1–%(n)s langkah.") % {"n": MAX_LANGKAH})
        return []
    keys = {column.nama: column.kunci for column in columns}
    result = []
    for number, step in enumerate(steps, start=1):
        where = _("Langkah %(n)s") % {"n": number}
        if not isinstance(step, dict):
            problems.append(_("%(w)s harus objek.") % {"w": where})
            continue
        unknown = sorted(set(step) - set(STEP_KEYS))
        if unknown:
            problems.append(_("%(w)s: kunci %(k)s tidak dikenal.") % {"w": where, "k": ", ".join(unknown)})
        pelaksana = step.get("pelaksana") or ""
        if pelaksana and pelaksana not in keys:
            problems.append(
                _("%(w)s: pelaksana “%(p)s” tidak ada di daftar pelaksana templat.") % {"w": where, "p": pelaksana}
            )
        form = LangkahForm(_step_data(step, keys), pelaksana_choices=[(c.kunci, c.nama) for c in columns])
        if form.is_valid():
            result.append(SopEditor._langkah_input(form))
        else:
            problems.extend(_form_errors(form, where))
    return result


def _daftar(raw: dict, problems: list[str]) -> dict:
    daftar = raw.get("daftar", {})
    labels = dict(SopItem.Jenis.choices)
    if not isinstance(daftar, dict):
        problems.append(_("daftar harus objek: jenis daftar → daftar teks."))
        return {}
    items = {}
    for jenis, texts in daftar.items():
        if jenis not in labels:
            problems.append(
                _("daftar: “%(j)s” tidak dikenal; yang boleh: %(allowed)s.")
                % {"j": jenis, "allowed": ", ".join(labels)}
            )
        elif not isinstance(texts, list) or not all(isinstance(t, str) for t in texts) or len(texts) > MAX_ITEMS:
            problems.append(_("daftar %(j)s harus daftar teks, paling banyak %(n)s.") % {"j": jenis, "n": MAX_ITEMS})
        else:
            for number, text in enumerate(texts, start=1):
                form = ItemForm({"teks": text})
                if not form.is_valid():
                    problems.extend(_form_errors(form, f"{labels[jenis]} {number}"))
            items[jenis] = item_inputs([t.strip() for t in texts if t.strip()])
    return items


def read_template(raw: dict, *, source: str = "") -> Template:
    """The template a document describes, checked whole; TemplateError lists every problem found."""
    problems: list[str] = []
    _check_top(raw, problems)
    _texts(raw, "", problems)
    identity = _identity(raw, problems)
    columns = _pelaksana(raw, problems)
    before = len(problems)
    steps = _langkah(raw, columns, problems)
    # Step numbers and exits mean something only when every step could be read.
    structure = check_structure(columns, steps if len(problems) == before else [])
    problems.extend(str(message) for message in structure.messages())
    items = _daftar(raw, problems)
    if problems:
        slug = raw.get("slug") if isinstance(raw.get("slug"), str) else ""
        raise TemplateError(problems, source=f"{source} {slug}".strip())
    content = SopContent(identity=identity, pelaksana=columns, langkah=steps, items=items)
    return Template(
        slug=raw["slug"],
        versi=raw["versi"],
        judul=identity["judul"],
        deskripsi=raw.get("deskripsi", ""),
        content=content,
    )
