"""Create a draft SOP of an OPD from a template and print its id."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from sakip.models import Opd, User
from sop.library.create import sop_from_template
from sop.library.models import SopTemplate


class Command(BaseCommand):
    help = "Buat draf SOP di sebuah OPD dari templat (versi berlaku, atau --versi) lalu cetak ID-nya."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="slug templat (lihat: manage.py sop_templates)")
        parser.add_argument("--opd", type=int, required=True, help="ID OPD tujuan")
        parser.add_argument("--user", help="nama pengguna penyusun (harus berhak menyusun SOP di OPD itu)")
        parser.add_argument("--versi", type=int, help="versi templat (bawaan: versi berlaku)")

    def handle(self, *args, **options):
        found = SopTemplate.objects.filter(slug=options["slug"])
        found = found.filter(versi=options["versi"]) if options["versi"] else found.filter(is_current=True)
        template = found.first()
        if template is None:
            raise CommandError(f"Templat “{options['slug']}” tidak ada; lihat daftar dengan: manage.py sop_templates")
        opd = Opd.objects.select_related("pemda").filter(pk=options["opd"]).first()
        if opd is None:
            raise CommandError(f"OPD dengan ID {options['opd']} tidak ada.")
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Pengguna “{options['user']}” tidak ada.")
        try:
            sop = sop_from_template(template=template, opd=opd, created_by=user)
        except PermissionDenied as error:
            raise CommandError(f"{user.username}: {error}") from error
        except ValidationError as error:
            raise CommandError("Draf tidak bisa dibuat: " + " ".join(error.messages)) from error
        self.stdout.write(str(sop.pk))
