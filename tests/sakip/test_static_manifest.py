"""The production static files: the manifest storage finds every file the assets name (source maps included)."""

import json

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

# The production storage (settings.MANIFEST_STATICFILES) is this one plus compression, which takes most of a
# minute; CI's production check runs that one in full.
MANIFEST = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}


def test_collectstatic_with_the_manifest_storage_names_every_asset(tmp_path):
    assert settings.MANIFEST_STATICFILES["BACKEND"].startswith("whitenoise.storage.CompressedManifest")
    with override_settings(STATIC_ROOT=tmp_path, STORAGES={**settings.STORAGES, "staticfiles": MANIFEST}):
        call_command("collectstatic", interactive=False, verbosity=0)

    paths = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    assert paths["vendor/bootstrap/bootstrap.bundle.min.js"].startswith("vendor/bootstrap/bootstrap.bundle.min.")
    assert (tmp_path / paths["css/app.css"]).exists()
    assert (tmp_path / paths["vendor/bootstrap-icons/fonts/bootstrap-icons.woff2"]).exists()
