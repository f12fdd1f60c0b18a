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


def _wrong_since_last_good(user: User):
    """The user's wrong passphrases since their last good signing."""
    wrong = PercobaanTandaTangan.objects.filter(user=user, berhasil=False, jenis_gagal=PASSPHRASE)
    last_good = PercobaanTandaTangan.objects.filter(user=user, berhasil=True).order_by("-waktu")
    if (since := last_good.values_list("waktu", flat=True).first()) is not None:
        wrong = wrong.filter(waktu__gt=since)
    return wrong


def locked_until(user: User) -> datetime | None:
    """When signing opens again for the user, or None when it is open now."""
    recent = _wrong_since_last_good(user).order_by("-waktu").values_list("waktu", flat=True)
    recent = list(recent[: settings.SIGNING_MAX_TRIES])
    if len(recent) < settings.SIGNING_MAX_TRIES:
        return None
    until = recent[0] + timedelta(minutes=settings.SIGNING_LOCK_MINUTES)
    return until if until > timezone.now() else None


def tries_left(user: User) -> int:
    """Wrong passphrases the user may still type before signing locks (for the review page)."""
    return max(settings.SIGNING_MAX_TRIES - _wrong_since_last_good(user).count(), 0)


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
