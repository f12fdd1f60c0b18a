"""The local CA: `signing_ca buat-ca --pemda ID`, `signing_ca terbitkan USERNAME`, `signing_ca daftar`.

For development, demos and an office that runs its own CA. The signer's passphrase is asked at the prompt (or read
from the environment variable named by --passphrase-env, for scripted demos); it is never stored.
"""

import getpass
import os

from django.core.management.base import BaseCommand, CommandError

from sakip.models import Pemda, User
from workflow.signing import ca
from workflow.signing.models import OtoritasSertifikat, Sertifikat


class Command(BaseCommand):
    help = "CA lokal untuk tanda tangan elektronik: buat CA per Pemda, terbitkan sertifikat penanda tangan."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="perintah", required=True)
        create = commands.add_parser("buat-ca", help="Buat CA lokal untuk satu Pemda.")
        create.add_argument("--pemda", type=int, required=True, help="ID Pemda")
        issue = commands.add_parser("terbitkan", help="Terbitkan sertifikat untuk seorang penanda tangan.")
        issue.add_argument("username")
        issue.add_argument("--pemda", type=int, help="ID Pemda (bawaan: Pemda OPD pertama pengguna)")
        issue.add_argument("--passphrase-env", help="Nama variabel lingkungan yang memuat passphrase (untuk skrip)")
        issue.add_argument("--buat-ca", action="store_true", help="Buat CA Pemda itu bila belum ada")
        commands.add_parser("daftar", help="Tampilkan CA dan sertifikat yang aktif.")

    def handle(self, *args, **options):
        try:
            {"buat-ca": self.create_ca, "terbitkan": self.issue, "daftar": self.list}[options["perintah"]](options)
        except ca.CaError as error:
            raise CommandError(str(error)) from error

    def create_ca(self, options):
        pemda = self._pemda(options["pemda"])
        authority = ca.create_ca(pemda)
        self.stdout.write(
            self.style.SUCCESS(
                f"CA lokal dibuat untuk {pemda}: {ca.readable_name(ca.ca_certificate(authority).subject)}"
            )
        )

    def issue(self, options):
        try:
            user = User.objects.select_related("pegawai").get(username=options["username"])
        except User.DoesNotExist:
            raise CommandError(f"Pengguna {options['username']} tidak ada.") from None
        pemda = self._pemda(options["pemda"]) if options["pemda"] else self._pemda_of(user)
        if options["buat_ca"] and not OtoritasSertifikat.objects.filter(pemda=pemda).exists():
            ca.create_ca(pemda)
        passphrase = self._passphrase(options["passphrase_env"])
        certificate = ca.issue_certificate(user, pemda, passphrase)
        self.stdout.write(
            self.style.SUCCESS(
                f"Sertifikat diterbitkan: {certificate.subjek}, berlaku sampai {certificate.berlaku_sampai:%d-%m-%Y}."
            )
        )

    def list(self, options):
        for authority in OtoritasSertifikat.objects.select_related("pemda"):
            self.stdout.write(f"CA {authority.pemda} (dibuat {authority.dibuat_pada:%d-%m-%Y})")
            for certificate in Sertifikat.objects.filter(otoritas=authority, aktif=True).select_related("user"):
                until = f"{certificate.berlaku_sampai:%d-%m-%Y}"
                self.stdout.write(f"  {certificate.user.username:<24} {certificate.subjek}  s.d. {until}")

    def _pemda(self, pk: int) -> Pemda:
        try:
            return Pemda.objects.get(pk=pk)
        except Pemda.DoesNotExist:
            raise CommandError(f"Pemda dengan ID {pk} tidak ada.") from None

    def _pemda_of(self, user: User) -> Pemda:
        membership = user.keanggotaan.select_related("opd__pemda").first()
        if membership is None:
            raise CommandError(f"{user.username} bukan anggota OPD mana pun; sebutkan --pemda.")
        return membership.opd.pemda

    def _passphrase(self, variable: str | None) -> str:
        if variable:
            value = os.environ.get(variable, "")
            if not value:
                raise CommandError(f"Variabel lingkungan {variable} kosong.")
            return value
        first = getpass.getpass("Passphrase TTE baru: ")
        if first != getpass.getpass("Ulangi passphrase: "):
            raise CommandError("Kedua passphrase tidak sama.")
        return first
