"""Step-up at signing: the passphrase is typed at every signing; wrong ones in a row lock signing for a while.

Every try is recorded (PercobaanTandaTangan), good or bad, outside the signing's transaction so a rolled-back
signing still leaves its record. After SIGNING_MAX_TRIES wrong passphrases since the last good signing, signing is
locked for SIGNING_LOCK_MINUTES from the last wrong one; each further wrong one after that locks again.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from sakip.models import User
from workflow.signing.backends import SigningError
from workflow.signing.models import PercobaanTandaTangan

PASSPHRASE = "passphrase"


def locked_until(user: User) -> datetime | None:
    """When signing opens again for the user, or None when it is open now."""
    last_good = (
        PercobaanTandaTangan.objects.filter(user=user, berhasil=True).order_by("-waktu").values_list("waktu", flat=True)
    )
    wrong = PercobaanTandaTangan.objects.filter(user=user, berhasil=False, jenis_gagal=PASSPHRASE)
    if (since := last_good.first()) is not None:
        wrong = wrong.filter(waktu__gt=since)
    recent = list(wrong.order_by("-waktu").values_list("waktu", flat=True)[: settings.SIGNING_MAX_TRIES])
    if len(recent) < settings.SIGNING_MAX_TRIES:
        return None
    until = recent[0] + timedelta(minutes=settings.SIGNING_LOCK_MINUTES)
    return until if until > timezone.now() else None


def tries_left(user: User) -> int:
    """Wrong passphrases the user may still type before signing locks (for the review page)."""
    last_good = PercobaanTandaTangan.objects.filter(user=user, berhasil=True).order_by("-waktu").first()
    wrong = PercobaanTandaTangan.objects.filter(user=user, berhasil=False, jenis_gagal=PASSPHRASE)
    if last_good is not None:
        wrong = wrong.filter(waktu__gt=last_good.waktu)
    return max(settings.SIGNING_MAX_TRIES - wrong.count(), 0)


def refuse_if_locked(user: User) -> None:
    if (until := locked_until(user)) is not None:
        raise SigningError(
            _(
                "Penandatanganan dikunci sampai pukul %(time)s karena passphrase salah %(n)d kali berturut-turut. "
                "Tunggu, lalu coba lagi dengan passphrase yang benar."
            )
            % {"time": formats.time_format(timezone.localtime(until), "H:i"), "n": settings.SIGNING_MAX_TRIES},
            "locked",
        )


def record(user: User, *, objek: str, error: SigningError | None = None, ip: str | None = None) -> None:
    PercobaanTandaTangan.objects.create(
        user=user,
        berhasil=error is None,
        jenis_gagal="" if error is None else error.kind,
        objek=objek[:300],
        pesan="" if error is None else str(error)[:500],
        alamat_ip=ip,
    )


def wrong_passphrase_message(user: User, error: SigningError) -> str:
    """The backend's message with how many tries are left, after the wrong try was recorded."""
    left = tries_left(user)
    if left == 0:
        return str(error) + " " + _("Penandatanganan kini dikunci %(m)d menit.") % {"m": settings.SIGNING_LOCK_MINUTES}
    return str(error) + " " + _("Sisa percobaan: %(n)d.") % {"n": left}
