import pytest

from sakip.models import Keanggotaan
from tests.sakip.factories import OpdFactory, PegawaiFactory, UserFactory

Peran = Keanggotaan.Peran


@pytest.fixture(scope="session", autouse=True)
def _import_uploads_in_the_run_folder(tmp_path_factory):
    """Uploads waiting for their confirmation never go to the machine's shared temporary folder during tests."""
    from django.conf import settings

    settings.SOP_IMPORT_DIR = str(tmp_path_factory.mktemp("impor"))


@pytest.fixture
def opd(db):
    return OpdFactory()


@pytest.fixture
def other_opd(db):
    return OpdFactory()


@pytest.fixture
def penyusun(opd):
    """Alice: writes SOPs in her OPD."""
    return UserFactory(username="alice", roles=[(opd, Peran.PENYUSUN)])


@pytest.fixture
def kepala(opd):
    """The head of the OPD, who approves and signs."""
    user = UserFactory(username="kepala", roles=[(opd, Peran.KEPALA)])
    PegawaiFactory(opd=opd, user=user, nama="Dr. Kepala Badan, M.Si", jabatan="Kepala Badan", golongan="IV/c")
    return user


@pytest.fixture
def sekretaris(opd):
    return UserFactory(username="sekretaris", roles=[(opd, Peran.SEKRETARIS)])


@pytest.fixture
def outsider(other_opd):
    """Charlie: a penyusun of another OPD."""
    return UserFactory(username="charlie", roles=[(other_opd, Peran.PENYUSUN)])
