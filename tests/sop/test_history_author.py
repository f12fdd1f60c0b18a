"""The history names the person who made a change, also where no request is (a command, a service call)."""

import io

import pytest
from django.core.management import call_command

from sakip.models import Keanggotaan
from sop.models import Langkah, Sop
from sop.services import content_of, sop_update
from sop.transitions import sop_revise, sop_submit
from tests.sakip.factories import UserFactory
from tests.sop.factories import build_sop
from tests.sop.importing.conftest import SEED_FILES, SEEDS

pytestmark = pytest.mark.django_db


def test_an_edit_outside_a_request_records_its_author(opd, penyusun):
    sop = build_sop(opd=opd, steps=2)
    content = content_of(sop)
    content.identity["judul"] = "Judul yang diperbaiki"
    content.langkah[0].uraian = "Uraian yang diperbaiki"

    sop_update(sop=sop, content=content, expected_version=sop.lock_version, updated_by=penyusun)

    assert sop.history.first().history_user == penyusun
    step = sop.langkah.get(urutan=1)
    assert step.history.first().history_user == penyusun


def test_a_command_line_import_records_the_user_it_names(opd):
    importer = UserFactory(username="pengimpor", roles=[(opd, Keanggotaan.Peran.ADMIN_OPD)])

    call_command("import_sop", str(SEEDS / SEED_FILES[3]), "--opd", str(opd.pk), "--user", "pengimpor",
                 stdout=io.StringIO())  # fmt: skip

    sop = Sop.objects.get(opd=opd)
    assert {record.history_user for record in sop.history.all()} == {importer}
    authors = {record.history_user for record in Langkah.history.filter(sop_id=sop.pk)}
    assert authors == {importer}


def test_a_transition_and_a_revision_record_the_actor(opd, penyusun):
    sop = build_sop(opd=opd)

    sop_submit(sop=sop, actor=penyusun)
    assert sop.history.first().history_user == penyusun

    Sop.objects.filter(pk=sop.pk).update(status=Sop.Status.DISAHKAN)
    new = sop_revise(sop=Sop.objects.get(pk=sop.pk), actor=penyusun)
    assert new.history.first().history_user == penyusun
    assert {r.history_user for r in Langkah.history.filter(sop_id=new.pk)} == {penyusun}
