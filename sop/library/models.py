"""SOP templates: an SOP without an OPD, versioned by slug, and which SOP was made from which version."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sop.models import Sop


class SopTemplate(models.Model):
    """One version of a template; loading a newer version of the slug makes it the current one, the old stays."""

    slug = models.SlugField(_("slug"), max_length=80)
    versi = models.PositiveIntegerField(_("versi"))
    judul = models.CharField(_("judul"), max_length=300)
    deskripsi = models.TextField(_("deskripsi"), blank=True)
    # The template document (sop.library.format): identitas, pelaksana, langkah, daftar.
    content = models.JSONField(_("isi templat"))
    is_current = models.BooleanField(_("versi berlaku"), default=True)
    dimuat_pada = models.DateTimeField(_("dimuat pada"), default=timezone.now)
    dimuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("dimuat oleh"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("templat SOP")
        verbose_name_plural = _("templat SOP")
        ordering = ["slug", "-versi"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "versi"], name="templat_slug_versi_unik"),
            models.UniqueConstraint(
                fields=["slug"], condition=models.Q(is_current=True), name="templat_satu_versi_berlaku"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.judul} (versi {self.versi})"

    def get_absolute_url(self) -> str:
        return reverse("sop:template-use", kwargs={"slug": self.slug})

    @property
    def jumlah_langkah(self) -> int:
        return len(self.content.get("langkah", []))


class TemplateUse(models.Model):
    """An SOP drafted from a template version; its later versions (same seri) share the record."""

    sop = models.OneToOneField(Sop, on_delete=models.CASCADE, related_name="template_use", verbose_name=_("SOP"))
    template = models.ForeignKey(
        SopTemplate, on_delete=models.PROTECT, related_name="uses", verbose_name=_("templat (versi)")
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("pemakaian templat")
        verbose_name_plural = _("pemakaian templat")

    def __str__(self) -> str:
        return f"{self.sop} ← {self.template}"
