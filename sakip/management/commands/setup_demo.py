"""Prepare the embedded demo: migrate, collect the static files, load the seed SOPs and demo users, print the logins."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from sakip.models import Keanggotaan, User
from sop.models import Sop
from workflow.signing import ca
from workflow.signing.models import OtoritasSertifikat, Sertifikat
from workflow.signing.services import sign_approved_sop

FIXTURES = ["organisasi", "demo_users", "sop_seeds", "workflow_demo", "sop_templates", "kinerja_demo"]
DEMO_PASSWORD = "demo12345"
# The passphrase of the demo Kepala's signing certificates (local CA); typed at every signing, like BSrE's.
DEMO_SIGNING_PASSPHRASE = "ttd-demo-2026"


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
        self.demo_certificates()
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(f"Akun demo (kata sandi semua akun: {DEMO_PASSWORD})"))
        for user in User.objects.order_by("username").prefetch_related("keanggotaan__opd"):
            roles = ", ".join(f"{m.get_peran_display()} {m.opd}" for m in user.keanggotaan.all())
            if user.is_superuser:
                roles = "superadmin seluruh instalasi"
            nip = getattr(getattr(user, "pegawai", None), "nip_tampil", "")
            self.stdout.write(f"  {user.username:<26} {roles}" + (f"  (NIP {nip})" if nip else ""))
        self.stdout.write("")
        self.stdout.write(f"Passphrase TTE para Kepala (sertifikat CA lokal demo): {DEMO_SIGNING_PASSPHRASE}")
        self.stdout.write("")

    def demo_certificates(self) -> None:
        """A local CA per Pemda and a certificate for every Kepala of the demo, so that signing works at once."""
        heads = Keanggotaan.objects.filter(peran=Keanggotaan.Peran.KEPALA, user__pegawai__isnull=False)
        for membership in heads.select_related("opd__pemda", "user__pegawai"):
            pemda = membership.opd.pemda
            if not OtoritasSertifikat.objects.filter(pemda=pemda).exists():
                ca.create_ca(pemda)
            if not Sertifikat.objects.filter(user=membership.user, aktif=True).exists():
                ca.issue_certificate(membership.user, pemda, DEMO_SIGNING_PASSPHRASE)
        self.sign_seed_sops(heads)

    def sign_seed_sops(self, heads) -> None:
        """The seed SOPs were approved on paper: the demo signs them with their OPD's Kepala's certificate, so a
        newcomer sees signed documents, scans the QR code and reaches a verification page that says sah."""
        kepala_of = {m.opd_id: m.user for m in heads}
        unsigned = Sop.objects.filter(status=Sop.Status.DISAHKAN, tanda_tangan__isnull=True, opd_id__in=kepala_of)
        base_url = settings.SIGNING_PUBLIC_URL or "http://127.0.0.1:8000"  # make run passes its own address
        for sop in unsigned.select_related("opd__pemda"):
            signer = kepala_of[sop.opd_id]
            document = sign_approved_sop(sop=sop, actor=signer, passphrase=DEMO_SIGNING_PASSPHRASE, base_url=base_url)
            self.stdout.write(
                f"SOP {sop.nomor} ditandatangani (CA lokal demo); verifikasi: {base_url}/v/{document.token}/"
            )
