"""Prepare the embedded demo: migrate, collect the static files, load the seed SOPs and demo users, print the logins."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from sakip.models import User

FIXTURES = ["organisasi", "demo_users", "sop_seeds", "workflow_demo", "sop_templates", "kinerja_demo"]
DEMO_PASSWORD = "demo12345"


class Command(BaseCommand):
    help = "Migrasi basis data, muat SOP contoh dan akun demo, lalu tampilkan akun demo."

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        if not User.objects.filter(username="superadmin").exists():
            call_command("loaddata", *FIXTURES, verbosity=0)
            self.stdout.write(
                self.style.SUCCESS("Data contoh dimuat: 4 SOP dari dokumen asli, OPD dan pegawainya, 9 templat SOP.")
            )
        else:
            self.stdout.write("Data contoh sudah ada; tidak dimuat ulang.")
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(f"Akun demo (kata sandi semua akun: {DEMO_PASSWORD})"))
        for user in User.objects.order_by("username").prefetch_related("keanggotaan__opd"):
            roles = ", ".join(f"{m.get_peran_display()} {m.opd}" for m in user.keanggotaan.all())
            if user.is_superuser:
                roles = "superadmin seluruh instalasi"
            nip = getattr(getattr(user, "pegawai", None), "nip_tampil", "")
            self.stdout.write(f"  {user.username:<26} {roles}" + (f"  (NIP {nip})" if nip else ""))
        self.stdout.write("")
