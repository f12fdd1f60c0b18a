"""The Admin OPD makes a PK Perubahan in the browser: the earlier triwulan's inputs turn read-only, the new
version shows what changed, under the page's Content-Security-Policy.

Data: the demo users and the demo performance data (fixtures organisasi, demo_users, kinerja_demo).
"""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from sakip.kinerja.models import PerjanjianKinerja
from sakip.models import User
from tests.e2e.test_workflow_run import DEMO_PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db):
    call_command("loaddata", "organisasi", "demo_users", "kinerja_demo", verbosity=0)
    for user in User.objects.all():
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])


def test_admin_makes_a_pk_perubahan_from_tw3(page, live_server, login, demo):
    login(page, "admin.banggai", DEMO_PASSWORD)
    page.get_by_test_id("nav-kinerja").click()
    page.get_by_test_id("open-pk").click()
    expect(page.get_by_test_id("pk-versi-1")).to_be_visible()
    row = page.locator("[data-testid^='target-row-']").first
    tw1, tw3 = row.locator("[data-pk-tw='1']"), row.locator("[data-pk-tw='3']")
    expect(tw1).not_to_have_attribute("readonly", "")
    page.get_by_label("Perubahan", exact=True).select_option(label="PK Perubahan 1, berlaku mulai Triwulan III")
    expect(tw1).to_have_attribute("readonly", "")
    expect(tw3).not_to_have_attribute("readonly", "")
    tw3.fill("9,5")
    page.get_by_test_id("save-pk").click()
    expect(page.get_by_test_id("pk-errors")).to_contain_text("Tulis alasan perubahan target.")
    expect(tw3).to_have_value("9,5")  # what was typed is kept
    page.get_by_label("Alasan perubahan (wajib)").fill("Refocusing anggaran")
    page.get_by_test_id("save-pk").click()
    expect(page.get_by_test_id("pk-versi-2")).to_contain_text("PK Perubahan 1")
    expect(page.get_by_test_id("pk-versi-2").get_by_test_id("change").first).to_contain_text("→ 9,5")
    assert PerjanjianKinerja.objects.get(versi=2).berlaku_mulai == 3
