"""The Perjanjian Kinerja page of an OPD's year: every version with its targets, and the form that changes them."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from sakip.kinerja import permissions, pk, pk_signing, selectors
from sakip.kinerja.forms import PkSimpanForm, TargetRowForm
from sakip.kinerja.models import Indikator, SkalaNilai
from sakip.kinerja.views.common import checked_year
from sakip.states import TransitionError
from workflow.signing import stepup
from workflow.signing.backends import get_backend
from workflow.signing.forms import SignForm
from workflow.signing.services import nik_of


def _initial(target) -> dict:
    return {name: getattr(target, name) for name in pk.FIELDS} if target is not None else {}


def _text_check(form: TargetRowForm, indikator: Indikator, texts: dict[str, list[str]], had_text: str) -> None:
    """A text target only where the satuan has a scale (or the target already was one), and not with a number."""
    data = form.cleaned_data
    teks = data.get("teks", "").strip()
    if teks and data.get("tahunan") is not None:
        form.add_error("teks", _("Isi target tahunan berupa angka atau teks, bukan keduanya."))
        return
    known = texts.get(indikator.satuan.casefold(), [])
    if teks and known and teks.casefold() not in (t.casefold() for t in known):
        form.add_error("teks", _("“%(teks)s” tidak ada di skala satuan %(satuan)s: %(daftar)s.") % {
            "teks": teks, "satuan": indikator.satuan, "daftar": ", ".join(known)
        })  # fmt: skip
    elif teks and not known and teks != had_text:
        form.add_error("teks", _("Satuan %(satuan)s tidak punya skala nilai teks; isi target berupa angka.") % {
            "satuan": indikator.satuan
        })  # fmt: skip


def _frozen_check(form: TargetRowForm, target, start: int) -> None:
    """The quarterly targets before the version starts stay those the triwulan were measured against."""
    for name in pk.frozen_fields(start):
        before = getattr(target, name) if target is not None else None
        if name in form.cleaned_data and form.cleaned_data[name] != before:
            message = _("Triwulan ini sudah berlaku dengan target %(nilai)s; tidak dapat diubah di sini.")
            form.add_error(name, message % {"nilai": pk.shown(before)})


class PkView(LoginRequiredMixin, View):
    template_name = "kinerja/pk.html"

    def setup_page(self, opd: int, tahun: int) -> None:
        self.opd = selectors.opd_get(user=self.request.user, pk=opd)
        self.tahun = checked_year(tahun)
        self.indikator = list(
            Indikator.objects.filter(sasaran__opd=self.opd, sasaran__tahun=self.tahun)
            .select_related("sasaran")
            .order_by("sasaran__urutan", "sasaran_id", "urutan", "pk")
        )
        self.table = pk.versions_table(self.opd, self.tahun, self.indikator)
        self.reported = pk.last_reported(self.opd, self.tahun)
        self.signed = self.table[-1].pk.dokumen_berlaku if self.table else None
        self.choices = pk.choices([v.pk for v in self.table], self.reported, self.signed is not None)
        self.may_edit = permissions.may_edit_pk(self.request.user, self.opd.pk) and bool(self.choices)
        texts: dict[str, list[str]] = {}
        for satuan, teks in SkalaNilai.objects.filter(pemda_id=self.opd.pemda_id).values_list("satuan", "teks"):
            texts.setdefault(satuan.casefold(), []).append(teks)
        self.texts = texts

    def url(self) -> str:
        return reverse("kinerja:pk", args=(self.opd.pk, self.tahun))

    def current(self) -> dict:
        """indikator id → its target in the version in force (what the form starts from)."""
        return {row.indikator.pk: row.target for row in self.table[-1].baris} if self.table else {}

    def get(self, request, **kwargs):
        self.setup_page(**kwargs)
        return self.render_page()

    def render_page(self, head=None, rows=None, errors=(), status=200):
        current = self.current()
        rows = rows or {
            ind.pk: TargetRowForm(prefix=f"t{ind.pk}", initial=_initial(current.get(ind.pk))) for ind in self.indikator
        }
        entries = [
            (ind, rows[ind.pk], bool(self.texts.get(ind.satuan.casefold()) or getattr(current.get(ind.pk), "teks", "")))
            for ind in self.indikator
        ]
        context = {
            "opd": self.opd,
            "tahun": self.tahun,
            "table": self.table,
            "reported": self.reported,
            "may_edit": self.may_edit,
            "head": head or PkSimpanForm(choices=self.choices),
            "entries": entries,
            "errors": errors,
            "texts": self.texts,
            "start": self.table[-1].pk.berlaku_mulai if self.table else 1,
            "is_member_only": not permissions.may_edit_pk(self.request.user, self.opd.pk),
            **self.signing_context(),
        }
        return render(self.request, self.template_name, context, status=status)

    def signing_context(self) -> dict:
        """The panel of the version in force: its signed document, or who signs it and what is still missing."""
        if not self.table:
            return {"latest": None}
        latest = self.table[-1].pk
        may_sign = pk_signing.may_sign(self.request.user, latest)
        return {
            "latest": latest,
            "signed": self.signed,
            "may_sign": may_sign,
            "sign_gaps": []
            if self.signed
            else pk_signing.gap_words(
                has_indikator=bool(self.indikator),
                missing=[row.indikator.nama for row in self.table[-1].baris if row.target is None],
            ),
            "sign_form": SignForm() if may_sign and self.signed is None else None,
            "locked_until": stepup.locked_until(self.request.user) if may_sign else None,
            "has_certificate": may_sign
            and get_backend().has_certificate(user_id=self.request.user.pk, nik=nik_of(self.request.user)),
        }

    def post(self, request, **kwargs):
        self.setup_page(**kwargs)
        if not permissions.may_edit_pk(request.user, self.opd.pk):
            messages.error(
                request, _("Hanya Admin OPD, Sekretaris atau Kepala yang dapat mengubah Perjanjian Kinerja.")
            )
            return redirect(self.url())
        head = PkSimpanForm(request.POST, choices=self.choices)
        current = self.current()
        rows = {ind.pk: TargetRowForm(request.POST, prefix=f"t{ind.pk}") for ind in self.indikator}
        errors = list(self.row_errors(head, rows, current))
        if not errors:
            values = {pk_: form.cleaned_data for pk_, form in rows.items()}
            try:
                version, changed = pk.simpan(
                    opd=self.opd, tahun=self.tahun, berlaku=head.cleaned_data["berlaku"], values=values,
                    alasan=head.cleaned_data["alasan"], user=request.user,
                )  # fmt: skip
            except (TransitionError, ValidationError) as error:
                errors.append(("", "", " ".join(getattr(error, "messages", [str(error)]))))
            else:
                messages.success(request, _("%(nama)s tersimpan: %(n)d indikator berubah.") % {
                    "nama": version.nama, "n": changed
                })  # fmt: skip
                return redirect(self.url())
        return self.render_page(head=head, rows=rows, errors=errors, status=422)

    def row_errors(self, head, rows, current):
        """(indikator, field, message) for every mistake of the POST, the head first, then row by row."""
        if not head.is_valid():
            for name, messages_ in head.errors.items():
                for message in messages_:
                    yield "", str(head.fields[name].label), message
        berlaku = head.cleaned_data.get("berlaku") if head.is_valid() else None
        if berlaku == pk.EDIT:
            start = self.table[-1].pk.berlaku_mulai
        else:
            start = 1 if berlaku in (None, pk.MURNI) else int(berlaku)
        for ind in self.indikator:
            form = rows[ind.pk]
            if form.is_valid():
                target = current.get(ind.pk)
                _text_check(form, ind, self.texts, getattr(target, "teks", ""))
                _frozen_check(form, target, start)
                for name in pk.FIELDS:
                    value = form.cleaned_data.get(name)
                    if name != "teks" and value is not None and value < 0:
                        form.add_error(name, _("Target tidak boleh negatif."))
            for name, messages_ in form.errors.items():
                for message in messages_:
                    yield ind.nama, pk.LABELS.get(name, name), message
