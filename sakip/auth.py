"""Log in with a username or an 18-digit NIP."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from sakip.nip import normalize_nip


class UsernameOrNipBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user_model = get_user_model()
        digits = normalize_nip(username)
        user = None
        if len(digits) == 18 and digits.isdigit():
            user = user_model.objects.filter(pegawai__nip=digits).first()
        if user is None:
            user = user_model.objects.filter(username__iexact=username.strip()).first()
        if user is None:
            user_model().set_password(password)  # same work as a real check: no timing hint
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
