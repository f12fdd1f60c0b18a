import pytest
from django.core.management import CommandError, call_command

from workflow.signing.models import OtoritasSertifikat, Sertifikat


def test_issue_with_a_new_ca_and_refuse_a_short_passphrase(kepala, opd, monkeypatch):
    monkeypatch.setenv("PASS_TTE", "pendek")
    with pytest.raises(CommandError, match="paling sedikit 8"):
        call_command("signing_ca", "terbitkan", "kepala", "--buat-ca", "--passphrase-env", "PASS_TTE")
    monkeypatch.setenv("PASS_TTE", "passphrase-yang-cukup")
    call_command("signing_ca", "terbitkan", "kepala", "--passphrase-env", "PASS_TTE")
    assert OtoritasSertifikat.objects.filter(pemda=opd.pemda).count() == 1
    certificate = Sertifikat.objects.get(user=kepala, aktif=True)
    assert b"passphrase-yang-cukup" not in bytes(certificate.pkcs12)  # kept only encrypted
    assert "CN=Dr. Kepala Badan" in certificate.subjek
    with pytest.raises(CommandError, match="sudah memiliki CA"):
        call_command("signing_ca", "buat-ca", "--pemda", str(opd.pemda_id))
