"""The Content-Security-Policy header: on every HTML page, with a fresh nonce, and nowhere else."""

import re

import pytest
from django.http import FileResponse, HttpResponse, JsonResponse
from django.test import Client, RequestFactory
from django.urls import path, reverse

from sakip.csp import HEADER, REPORT_ONLY_HEADER, ContentSecurityPolicyMiddleware
from tests.sop.factories import build_sop

pytestmark = pytest.mark.django_db


def broken(request):
    raise RuntimeError("rusak")


urlpatterns = [path("rusak/", broken)]  # for the 500 page, with @pytest.mark.urls(__name__)

STRICT = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "frame-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def directives(header: str) -> dict[str, str]:
    return {name: rest.strip() for name, _, rest in (part.strip().partition(" ") for part in header.split(";"))}


def nonce_of(header: str) -> str:
    return re.search(r"'nonce-([A-Za-z0-9_-]+)'", header).group(1)


def test_the_login_page_carries_the_strict_policy(client):
    response = client.get(reverse("login"))

    policy = directives(response[HEADER])
    nonce = nonce_of(response[HEADER])
    assert response.status_code == 200 and REPORT_ONLY_HEADER not in response
    assert {name: policy[name] for name in STRICT} == STRICT
    assert policy["script-src"] == f"'self' 'nonce-{nonce}'"
    assert policy["style-src"] == f"'self' 'nonce-{nonce}'"
    assert "unsafe-inline" not in response[HEADER] and "unsafe-eval" not in response[HEADER]


def test_every_request_gets_a_new_nonce_the_page_and_the_header_share(client, penyusun):
    sop = build_sop(opd=penyusun.keanggotaan.first().opd)
    client.force_login(penyusun)
    url = reverse("sop:sop-detail", args=[sop.pk])

    pages = [client.get(url) for _ in range(3)]

    nonces = [nonce_of(page[HEADER]) for page in pages]
    assert len(set(nonces)) == 3 and all(len(nonce) >= 22 for nonce in nonces)
    for page, nonce in zip(pages, nonces, strict=True):
        assert page.wsgi_request.csp_nonce == nonce
        assert f'<style nonce="{nonce}">' in page.content.decode()  # the drawing's sizes


def test_the_print_preview_style_block_carries_the_nonce(client, penyusun):
    sop = build_sop(opd=penyusun.keanggotaan.first().opd)
    client.force_login(penyusun)

    response = client.get(reverse("sop:sop-print", args=[sop.pk]))

    assert f'<style nonce="{nonce_of(response[HEADER])}">' in response.content.decode()


def test_error_pages_carry_the_policy_too(client, penyusun):
    client.force_login(penyusun)

    response = client.get("/tidak-ada/")

    assert response.status_code == 404 and "'nonce-" in response[HEADER]


@pytest.mark.urls(__name__)
def test_the_500_page_is_under_the_policy_with_only_a_static_stylesheet():
    response = Client(raise_request_exception=False).get("/rusak/")

    page = response.content.decode()
    assert response.status_code == 500 and "Terjadi kesalahan di server" in page
    assert "'nonce-" in response[HEADER]
    assert "style=" not in page and "<style" not in page and "<script" not in page
    assert re.search(r'<link rel="stylesheet" href="/static/css/error[.\w]*\.css">', page)


def test_report_only_mode_sends_the_same_policy_without_enforcing_it(client, settings):
    settings.CSP_REPORT_ONLY = True
    settings.CSP_REPORT_URI = "https://laporan.contoh.go.id/csp"

    response = client.get(reverse("login"))

    assert HEADER not in response
    policy = directives(response[REPORT_ONLY_HEADER])
    assert {name: policy[name] for name in STRICT} == STRICT
    assert policy["report-uri"] == "https://laporan.contoh.go.id/csp"


def test_a_pdf_download_carries_no_page_policy(client, penyusun):
    sop = build_sop(opd=penyusun.keanggotaan.first().opd)
    client.force_login(penyusun)

    response = client.get(reverse("sop:sop-pdf", args=[sop.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert HEADER not in response and REPORT_ONLY_HEADER not in response


@pytest.mark.parametrize(
    "answer",
    [
        lambda: JsonResponse({"ok": True}),
        lambda: FileResponse(iter([b"%PDF-1.7"]), content_type="application/pdf"),
        lambda: HttpResponse(b"body{}", content_type="text/css"),
    ],
    ids=["json", "pdf", "css"],
)
def test_non_html_answers_get_no_policy_but_html_does(answer):
    request = RequestFactory().get("/x/")

    response = ContentSecurityPolicyMiddleware(lambda request: answer())(request)
    html = ContentSecurityPolicyMiddleware(lambda request: HttpResponse("<p>x</p>"))(request)

    assert HEADER not in response and REPORT_ONLY_HEADER not in response
    assert HEADER in html and html["Content-Type"].startswith("text/html")


def test_a_policy_a_view_set_itself_is_left_alone():
    def view(request):
        response = HttpResponse("<p>x</p>")
        response[HEADER] = "default-src 'none'"
        return response

    response = ContentSecurityPolicyMiddleware(view)(RequestFactory().get("/x/"))

    assert response[HEADER] == "default-src 'none'"


def test_path_directives_replace_only_under_their_prefix(settings):
    settings.CSP_PATH_DIRECTIVES = {"/khusus/": {"style-src": ["'self'", "'unsafe-inline'"]}}
    middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse("<p>x</p>"))

    inside = directives(middleware(RequestFactory().get("/khusus/halaman/"))[HEADER])
    outside = directives(middleware(RequestFactory().get("/sop/"))[HEADER])

    assert inside["style-src"] == "'self' 'unsafe-inline'" and inside["script-src"].startswith("'self' 'nonce-")
    assert outside["style-src"].startswith("'self' 'nonce-")


def test_djangos_own_debug_pages_are_left_without_a_policy_in_development(settings):
    """They style themselves inline; production never shows them (DEBUG is off)."""
    settings.DEBUG = True
    missing = ContentSecurityPolicyMiddleware(lambda request: HttpResponse("<h1>Page not found</h1>", status=404))
    ok = ContentSecurityPolicyMiddleware(lambda request: HttpResponse("<p>x</p>"))

    assert HEADER not in missing(RequestFactory().get("/x/"))
    assert HEADER in ok(RequestFactory().get("/x/"))
