"""The local certificate authority: one CA per Pemda and a certificate per signer, for the local backend.

Made by `manage.py signing_ca`. The CA's private key is stored encrypted with SIGNING_CA_PASSPHRASE (or, when
that is unset, a key derived from SECRET_KEY); a signer's key lives only inside a PKCS#12 encrypted with the
passphrase the signer chose, which is never stored: the signer types it at every signing (step-up).
"""

import hashlib
from datetime import UTC, datetime, timedelta

from asn1crypto import pem as asn1_pem
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from sakip.models import Pemda, User
from workflow.signing.models import OtoritasSertifikat, Sertifikat

CA_YEARS = 10
CERTIFICATE_DAYS = 730
MIN_PASSPHRASE = 8


class CaError(Exception):
    """Why a CA or a certificate could not be made, in words for the admin."""


def _ca_passphrase() -> bytes:
    if settings.SIGNING_CA_PASSPHRASE:
        return settings.SIGNING_CA_PASSPHRASE.encode()
    return hashlib.sha256(f"sakip-signing-ca:{settings.SECRET_KEY}".encode()).hexdigest().encode()


def _new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def ca_key(ca: OtoritasSertifikat) -> rsa.RSAPrivateKey:
    return serialization.load_pem_private_key(bytes(ca.kunci_terenkripsi), password=_ca_passphrase())


def ca_certificate(ca: OtoritasSertifikat) -> x509.Certificate:
    return x509.load_pem_x509_certificate(ca.sertifikat_pem.encode())


_LABELS = {
    NameOID.COMMON_NAME: "CN",
    NameOID.SERIAL_NUMBER: "NIP",
    NameOID.TITLE: "Jabatan",
    NameOID.ORGANIZATION_NAME: "O",
    NameOID.COUNTRY_NAME: "C",
}


def readable_name(name: x509.Name) -> str:
    """A certificate name as people read it: "CN=Dr. Kepala, M.Si; NIP=1980…; Jabatan=Kepala Badan; C=ID"."""
    order = list(_LABELS)
    attributes = sorted(name, key=lambda a: order.index(a.oid) if a.oid in order else len(order))
    return "; ".join(f"{_LABELS.get(a.oid, a.oid.dotted_string)}={a.value}" for a in attributes)


def asn1_certificate(pem: str) -> asn1_x509.Certificate:
    """A PEM certificate as pyHanko wants it (an asn1crypto Certificate)."""
    _type, _headers, der = asn1_pem.unarmor(pem.encode())
    return asn1_x509.Certificate.load(der)


def create_ca(pemda: Pemda) -> OtoritasSertifikat:
    """The Pemda's CA; refuses when it already has one (its certificates would stop being verifiable)."""
    if OtoritasSertifikat.objects.filter(pemda=pemda).exists():
        raise CaError(_("%(pemda)s sudah memiliki CA lokal.") % {"pemda": pemda})
    key = _new_key()
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, pemda.nama[:64]),
            x509.NameAttribute(NameOID.COMMON_NAME, f"CA TTE Lokal {pemda.nama}"[:64]),
        ]
    )
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=365 * CA_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, True, True, False, False), critical=True
        )  # digital_signature, key_cert_sign, crl_sign
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    encrypted = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(_ca_passphrase()),
    )
    return OtoritasSertifikat.objects.create(
        pemda=pemda,
        sertifikat_pem=certificate.public_bytes(serialization.Encoding.PEM).decode(),
        kunci_terenkripsi=encrypted,
    )


def _subject(user: User) -> x509.Name:
    pegawai = getattr(user, "pegawai", None)
    if pegawai is None:
        raise CaError(_("Akun %(user)s belum terhubung ke data pegawai (nama, NIP, jabatan).") % {"user": user})
    parts = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        x509.NameAttribute(NameOID.COMMON_NAME, pegawai.nama[:64]),
        x509.NameAttribute(NameOID.SERIAL_NUMBER, pegawai.nip),
    ]
    if pegawai.jabatan:
        parts.append(x509.NameAttribute(NameOID.TITLE, pegawai.jabatan[:64]))
    return x509.Name(parts)


@transaction.atomic
def issue_certificate(user: User, pemda: Pemda, passphrase: str, *, days: int = CERTIFICATE_DAYS) -> Sertifikat:
    """A new certificate for the signer; an earlier one stops being used (not revoked: what it signed holds)."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise CaError(_("Passphrase TTE paling sedikit %(n)d karakter.") % {"n": MIN_PASSPHRASE})
    try:
        ca = OtoritasSertifikat.objects.get(pemda=pemda)
    except OtoritasSertifikat.DoesNotExist:
        message = _("%(pemda)s belum memiliki CA lokal: buat dulu dengan signing_ca buat-ca.") % {"pemda": pemda}
        raise CaError(message) from None
    subject = _subject(user)
    authority = ca_certificate(ca)
    key = _new_key()
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(authority.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True
        )  # digital_signature, content_commitment (non-repudiation)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(authority.public_key()), critical=False)
        .sign(ca_key(ca), hashes.SHA256())
    )
    bundle = pkcs12.serialize_key_and_certificates(
        f"TTE {user.get_username()}".encode(),
        key,
        certificate,
        [authority],
        serialization.BestAvailableEncryption(passphrase.encode()),
    )
    Sertifikat.objects.filter(user=user, aktif=True).update(aktif=False)
    return Sertifikat.objects.create(
        user=user,
        otoritas=ca,
        sertifikat_pem=certificate.public_bytes(serialization.Encoding.PEM).decode(),
        pkcs12=bundle,
        serial=format(certificate.serial_number, "x"),
        subjek=readable_name(certificate.subject),
        berlaku_mulai=certificate.not_valid_before_utc,
        berlaku_sampai=certificate.not_valid_after_utc,
    )


def revocation_list(ca: OtoritasSertifikat) -> x509.CertificateRevocationList:
    """A fresh CRL of the CA (no certificate revoked so far: replaced ones stay valid for what they signed)."""
    now = datetime.now(UTC)
    authority = ca_certificate(ca)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(authority.subject)
        .last_update(now - timedelta(minutes=1))
        .next_update(now + timedelta(days=7))
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(authority.public_key()), critical=False)
        .add_extension(x509.CRLNumber(int(now.timestamp())), critical=False)
    )
    return builder.sign(ca_key(ca), hashes.SHA256())
