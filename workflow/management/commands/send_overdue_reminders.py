"""For cron: e-mail the holders of overdue tasks; idempotent, at most one reminder per task per day."""

from django.core.management.base import BaseCommand

from workflow.services import overdue_reminders_send


class Command(BaseCommand):
    help = "Kirim pengingat e-mail untuk tugas pelaksanaan SOP yang terlambat (sekali sehari per tugas)."

    def handle(self, *args, **options):
        sent = overdue_reminders_send()
        self.stdout.write(f"Pengingat terkirim: {sent}")
