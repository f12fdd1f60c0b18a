"""Signed documents of the scale dataset: one real signature per Pemda, its bytes shared by every signed SOP.

Per Pemda the local CA is made, its first Kepala given a certificate, and one disahkan SOP signed through the
application's own signing (`sign_approved_sop`: render, PAdES with the local backend, stored file and record).
Every other disahkan (or since replaced) SOP of that Pemda gets a DokumenTertandatangan row of its own — its own
token, OPD, title, number and signer in the record — that points at that one stored file, with its SHA-256. So the
verification page's checks pass (the stored file is the one signed, the signature is intact and chains to the
Pemda's CA), but the names and the QR address inside the shared file are those of the one SOP signed for real.
Signing 70,000 SOPs one by one would take half a day; the data is for measuring pages, not for auditing.
"""

import datetime

from django.db import transaction

from sakip.models import Pemda
from sop.models import Sop
from workflow.signing import ca
from workflow.signing.models import DokumenTertandatangan, new_token
from workflow.signing.services import sign_approved_sop

BATCH = 2000
PASSPHRASE = "skala-ttd-2026"  # the passphrase of each Pemda's one Kepala with a certificate


def build_signed(offices: list) -> int:
    """Sign one SOP per Pemda and give every other signed SOP of that Pemda a record of the same file."""
    by_pemda: dict[int, list] = {}
    for office in offices:
        by_pemda.setdefault(office.opd.pemda_id, []).append(office)
    made = 0
    for group in by_pemda.values():
        office = next((o for o in group if o.sops), None)
        if office is not None:
            made += _pemda_documents(office.opd.pemda, office, group)
    return made


def _pemda_documents(pemda: Pemda, office, group: list) -> int:
    kepala = office.users[0]
    ca.create_ca(pemda)
    ca.issue_certificate(kepala, pemda, PASSPHRASE)
    signed = sign_approved_sop(sop=office.sops[0], actor=kepala, passphrase=PASSPHRASE)
    kepala_of = {o.opd.pk: o.users[0] for o in group}
    sops = (
        Sop.objects.filter(opd__pemda=pemda, status__in=(Sop.Status.DISAHKAN, Sop.Status.DIGANTI))
        .exclude(pk=signed.sop_id)
        .order_by("pk")
        .values_list(
            "pk", "opd_id", "judul", "nomor", "disahkan_pada", "disahkan_nama", "disahkan_nip", "disahkan_jabatan"
        )
    )
    shared = {
        f: getattr(signed, f)
        for f in ("sha256", "ukuran", "tingkat", "subjek", "penerbit", "serial", "backend", "kertas")
    }
    rows = [
        DokumenTertandatangan(
            token=new_token(), jenis=DokumenTertandatangan.Jenis.SOP, opd_id=opd_id, sop_id=pk, judul=judul,
            nomor=nomor, berkas=signed.berkas.name, penandatangan=kepala_of[opd_id], penandatangan_nama=nama,
            penandatangan_nip=nip, penandatangan_jabatan=jabatan, ditandatangani_pada=when, **shared,
        )
        for pk, opd_id, judul, nomor, when, nama, nip, jabatan in sops
    ]  # fmt: skip
    for start in range(0, len(rows), BATCH):
        with transaction.atomic():
            DokumenTertandatangan.objects.bulk_create(rows[start : start + BATCH])
    return len(rows) + 1


def approval_time(made: datetime.date, now: datetime.datetime) -> datetime.datetime:
    """When a generated SOP was approved (and signed): ten days after it was written, never in the future."""
    when = datetime.datetime.combine(made + datetime.timedelta(days=10), datetime.time(2, 0), tzinfo=datetime.UTC)
    return min(when, now)
