import pytest
from django.core.management import call_command

from sop.library.models import SopTemplate


@pytest.fixture
def seeds(db):
    """The four seed SOPs with their OPDs, demo users and role holders."""
    call_command("loaddata", "organisasi", "demo_users", "sop_seeds", "workflow_demo", verbosity=0)


@pytest.fixture
def library(db):
    """The shipped templates, loaded as an admin would."""
    call_command("loaddata", "sop_templates", verbosity=0)
    return {t.slug: t for t in SopTemplate.objects.all()}
