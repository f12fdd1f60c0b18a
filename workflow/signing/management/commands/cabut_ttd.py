"""Revoke a signed document: `cabut_ttd TOKEN --alasan "…"`. The file stays as it was; its page says dicabut."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from workflow.signing.models import DokumenTertandatangan


class Command(BaseCommand):
    help = "Cabut dokumen bertanda tangan: halaman verifikasinya menyatakan dicabut (berkasnya tidak diubah)."

    def add_arguments(self, parser):
        parser.add_argument("token", help="token alamat verifikasi (/v/<token>/)")
        parser.add_argument("--alasan", required=True, help="mengapa dicabut (tampil di halaman verifikasi)")

    def handle(self, *args, **options):
        reason = options["alasan"].strip()
        if not reason:
            raise CommandError("Tuliskan alasan pencabutan.")
        updated = DokumenTertandatangan.objects.filter(token=options["token"], dicabut_pada__isnull=True).update(
            dicabut_pada=timezone.now(), alasan_dicabut=reason[:500]
        )
        if not updated:
            raise CommandError("Tidak ada dokumen berlaku dengan token itu (salah ketik, atau sudah dicabut).")
        self.stdout.write(self.style.SUCCESS("Dokumen dicabut."))
