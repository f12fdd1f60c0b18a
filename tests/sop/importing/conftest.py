from pathlib import Path

import pytest
from django.core.management import call_command

from sakip.models import User

SEEDS = Path(__file__).resolve().parents[3] / "fixtures" / "seeds"
# SOP pk in fixtures/sop_seeds.json → the seed document it was transcribed from.
SEED_FILES = {
    1: "000_0bd9111288b09e51.txt",
    2: "001_c72d5443e8427b78.txt",
    3: "003_e6710e4ad12b4b05.txt",
    4: "004_a811afc54436499c.txt",
}


def seed_bytes(pk: int) -> bytes:
    return (SEEDS / SEED_FILES[pk]).read_bytes()


@pytest.fixture(autouse=True)
def import_dir(settings, tmp_path):
    """Uploads waiting for confirmation go to a per-test directory."""
    settings.SOP_IMPORT_DIR = str(tmp_path / "impor")
    return tmp_path / "impor"


@pytest.fixture
def seeded(db):
    """The organisation, demo users and the four seed SOPs of fixtures/."""
    call_command("loaddata", "organisasi", "demo_users", "sop_seeds", verbosity=0)


@pytest.fixture
def admin_banggai(seeded):
    return User.objects.get(username="admin.banggai")
