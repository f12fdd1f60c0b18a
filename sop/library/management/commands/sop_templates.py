"""List the SOP templates: slug, version and judul of each (the current version; --semua for every version)."""

from django.core.management.base import BaseCommand

from sop.library.models import SopTemplate


class Command(BaseCommand):
    help = "Daftar templat SOP: slug, versi dan judul (versi berlaku; --semua untuk semua versi)."

    def add_arguments(self, parser):
        parser.add_argument("--semua", action="store_true", help="tampilkan juga versi lama")

    def handle(self, *args, **options):
        templates = SopTemplate.objects.order_by("slug", "-versi").only("slug", "versi", "judul", "is_current")
        if not options["semua"]:
            templates = templates.filter(is_current=True)
        rows = list(templates)
        if not rows:
            self.stdout.write("Belum ada templat. Muat dengan: python manage.py load_sop_templates")
            return
        width = max(len(t.slug) for t in rows)
        for template in rows:
            mark = "" if template.is_current else "  (versi lama)"
            self.stdout.write(f"{template.slug:<{width}}  v{template.versi:<3} {template.judul}{mark}")
