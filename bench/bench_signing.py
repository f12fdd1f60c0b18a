"""Benchmark: signing an SOP, the verification page, and taking numbers, each against a baseline of the same run.

Run: .venv/bin/python bench/bench_signing.py [--repeat N] [--numbers N]
Uses a throwaway SQLite database and media folder. When DATABASE_URL names a PostgreSQL server, the numbering is
measured there too, in a throwaway database created on that server and dropped afterwards. Loopback only (the test
TSA runs in this process). Prints figures and ratios; it never fails on time.

(a) sign_sop of a 14-step SOP with the local backend (PAdES B-B) vs render_sop_pdf of the same SOP (no signing);
(b) B-T with the test TSA vs B-B; (c) GET /v/<token>/, first (verdict computed) and cached, vs a bare view;
(d) N numbers taken in a row, each in its own transaction.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WORK = tempfile.mkdtemp(prefix="bench-signing-")
POSTGRES = os.environ.get("DATABASE_URL", "") if os.environ.get("DATABASE_URL", "").startswith("postgres") else ""
os.environ["DJANGO_SETTINGS_MODULE"] = "sakip.settings.test"
if os.environ.get("BENCH_SIGNING_DB"):  # the PostgreSQL numbering run, started by this script itself
    os.environ["DATABASE_URL"] = os.environ["BENCH_SIGNING_DB"]
else:
    os.environ["DATABASE_URL"] = f"sqlite:///{WORK}/bench.sqlite3"
os.environ["MEDIA_ROOT"] = f"{WORK}/media"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import include, path  # noqa: E402

from sakip.models import Keanggotaan  # noqa: E402
from sop.models import Sop  # noqa: E402
from sop.printing import render_sop_pdf  # noqa: E402
from tests.sakip.factories import OpdFactory, PegawaiFactory, UserFactory  # noqa: E402
from tests.signing.helpers import PASSPHRASE, give_certificate  # noqa: E402
from tests.signing.tsa_server import TimestampServer  # noqa: E402
from tests.sop.factories import build_sop  # noqa: E402
from workflow.signing.models import JenisNomor  # noqa: E402
from workflow.signing.numbering import take_number  # noqa: E402
from workflow.signing.services import sign_sop  # noqa: E402

STEPS = 14


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare), path("", include("sakip.urls"))]


def median_ms(function, repeat: int, before=None) -> float:
    """Median milliseconds of `repeat` runs; `before` (untimed) runs ahead of each."""
    runs = []
    for _ in range(repeat):
        if before:
            before()
        started = time.perf_counter()
        function()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs)


def make_kepala():
    opd = OpdFactory()
    user = UserFactory(username=f"kepala{opd.pk}", roles=[(opd, Keanggotaan.Peran.KEPALA)])
    PegawaiFactory(opd=opd, user=user, nama="Dr. Kepala Badan, M.Si", jabatan="Kepala Badan", golongan="IV/c")
    give_certificate(user, opd.pemda)
    return opd, user


def submitted(opd, kepala) -> Sop:
    return build_sop(opd=opd, steps=STEPS, status=Sop.Status.DIAJUKAN, pengesah=kepala.pegawai, nomor="")


def signer(opd, kepala, repeat: int):
    """Each timed run signs a fresh submitted SOP (a signed one cannot be signed again)."""
    queue = [submitted(opd, kepala) for _ in range(repeat + 1)]
    signed = []

    def sign():
        signed.append(sign_sop(sop=queue.pop(), actor=kepala, passphrase=PASSPHRASE))

    return sign, signed


def bare_pyhanko(pdf: bytes, kepala):
    """A bare pyHanko PAdES signature of the same PDF with the same key: no field, no stamp, no database, no render;
    the PKCS#12 is opened once beforehand (sign_sop opens it at every signing, as the passphrase arrives then)."""
    from io import BytesIO

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    from workflow.signing.models import Sertifikat

    certificate = Sertifikat.objects.get(user=kepala, aktif=True)
    signer = signers.SimpleSigner.load_pkcs12_data(bytes(certificate.pkcs12), [], passphrase=PASSPHRASE.encode())
    meta = signers.PdfSignatureMetadata(
        field_name="Sig", subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256"
    )

    def run():
        signers.sign_pdf(IncrementalPdfFileWriter(BytesIO(pdf)), meta, signer=signer, output=BytesIO())

    return run


def bench_signing(repeat: int) -> list:
    opd, kepala = make_kepala()
    sop = submitted(opd, kepala)
    render_sop_pdf(sop)  # warm fonts and templates
    render = median_ms(lambda: render_sop_pdf(sop), repeat)
    bare_sign = bare_pyhanko(render_sop_pdf(sop), kepala)
    bare_sign()
    pyhanko_ms = median_ms(bare_sign, repeat)
    sign, signed = signer(opd, kepala, repeat)
    sign()  # warm-up
    bb = median_ms(sign, repeat)
    with TimestampServer() as tsa, override_settings(SIGNING_TSA_URL=tsa.url):
        sign_t, signed_t = signer(opd, kepala, repeat)
        sign_t()
        bt = median_ms(sign_t, repeat)
        assert signed_t[-1].tingkat == "B-T", signed_t[-1].tingkat
    print(f"(a) render_sop_pdf, {STEPS} langkah (baseline)   {render:8.1f} ms")
    print(f"    bare pyHanko signature of that PDF       {pyhanko_ms:8.1f} ms   (baseline)")
    print(
        f"    sign_sop B-B, local backend              {bb:8.1f} ms   × {bb / render:.2f} of the render, "
        f"× {bb / pyhanko_ms:.1f} of the bare signature, × {bb / (render + pyhanko_ms):.2f} of render + bare signature"
    )
    print(f"(b) sign_sop B-T, test TSA on loopback       {bt:8.1f} ms   × {bt / bb:.2f} of B-B")
    return signed


def bench_verification(documents: list, repeat: int) -> None:
    client = Client()
    with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"]):
        assert client.get("/bench/bare/").status_code == 200
        baseline = median_ms(lambda: client.get("/bench/bare/"), repeat * 5)
        urls = [document.get_absolute_url() for document in documents]
        assert client.get(urls[0]).status_code == 200
        pending = list(urls)

        def first():
            assert client.get(pending.pop()).status_code == 200

        first_ms = median_ms(first, min(repeat, len(urls)), before=cache.clear)
        cached = median_ms(lambda: client.get(urls[0]), repeat * 5)
    print(f"(c) bare view (baseline)                     {baseline:8.1f} ms")
    print(f"    /v/<token>/ first (verdict computed)     {first_ms:8.1f} ms   × {first_ms / baseline:.1f} of bare")
    print(f"    /v/<token>/ cached                       {cached:8.1f} ms   × {cached / baseline:.1f} of bare")


def bench_numbers(count: int) -> float:
    opd = OpdFactory()

    def one():
        with transaction.atomic():
            take_number(opd, JenisNomor.SOP, untuk="bench")

    one()
    started = time.perf_counter()
    for _ in range(count - 1):
        one()
    total = (time.perf_counter() - started) * 1000
    print(f"(d) {count} numbers on {connection.vendor:<10}  {total:8.1f} ms   {total / (count - 1):.2f} ms each")
    return total


def postgres_numbers(count: int) -> None:
    """The numbering again on PostgreSQL, in a database of its own on the server DATABASE_URL names."""
    import psycopg

    base, _, _ = POSTGRES.rpartition("/")
    name = f"bench_signing_{os.getpid()}"
    with psycopg.connect(POSTGRES, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        env = {**os.environ, "BENCH_SIGNING_DB": f"{base}/{name}"}
        subprocess.run([sys.executable, __file__, "--numbers-only", "--numbers", str(count)], env=env, check=True)
    finally:
        with psycopg.connect(POSTGRES, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--numbers", type=int, default=200)
    parser.add_argument("--numbers-only", action="store_true")
    args = parser.parse_args()
    setup_test_environment()
    call_command("migrate", verbosity=0)
    if args.numbers_only:
        bench_numbers(args.numbers)
        return
    print(f"SIGNING_TTE_BACKEND={settings.SIGNING_TTE_BACKEND}, repeat={args.repeat}")
    documents = bench_signing(args.repeat)
    bench_verification(documents, args.repeat)
    bench_numbers(args.numbers)
    if POSTGRES:
        postgres_numbers(args.numbers)


if __name__ == "__main__":
    main()
