"""Content-Security-Policy on HTML pages: everything from this origin, inline code only with the request's nonce.

Django 5.2 has no CSP of its own. The middleware gives every request a fresh nonce, `request.csp_nonce`, for the
few <style>/<script> blocks that have to stay inline (templates write `nonce="{{ request.csp_nonce }}"`), and puts
the policy of settings.CSP_DIRECTIVES on every HTML response. With CSP_REPORT_ONLY the same policy is sent as
Content-Security-Policy-Report-Only: browsers then report what it would block and block nothing. Other responses
(PDF, JSON, files) carry no policy; there is nothing in them that a page policy would govern.
"""

import secrets

from django.conf import settings

HEADER = "Content-Security-Policy"
REPORT_ONLY_HEADER = "Content-Security-Policy-Report-Only"
NONCE_PLACEHOLDER = "{nonce}"


def new_nonce() -> str:
    """128 bits of randomness, base64url: a fresh one for every request."""
    return secrets.token_urlsafe(16)


def directives_for(path: str) -> dict[str, list[str]]:
    """settings.CSP_DIRECTIVES, with the directives CSP_PATH_DIRECTIVES replaces under a path prefix."""
    directives = dict(settings.CSP_DIRECTIVES)
    for prefix, replaced in settings.CSP_PATH_DIRECTIVES.items():
        if path.startswith(prefix):
            directives.update(replaced)
    if settings.CSP_REPORT_URI:
        directives["report-uri"] = [settings.CSP_REPORT_URI]
    return directives


def policy(directives: dict[str, list[str]], nonce: str) -> str:
    """The header value: `name source source; …`, with {nonce} filled in."""
    return "; ".join(
        " ".join([name, *(source.replace(NONCE_PLACEHOLDER, nonce) for source in sources)])
        for name, sources in directives.items()
    )


def is_html(response) -> bool:
    return response.get("Content-Type", "").partition(";")[0].strip().lower() == "text/html"


def is_debug_page(response) -> bool:
    """With DEBUG on, a 404 or 500 is Django's technical page, which styles (and scripts) itself inline."""
    return settings.DEBUG and response.status_code in (404, 500)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = new_nonce()
        response = self.get_response(request)
        if HEADER in response or REPORT_ONLY_HEADER in response or is_debug_page(response):
            return response
        if is_html(response):
            header = REPORT_ONLY_HEADER if settings.CSP_REPORT_ONLY else HEADER
            response[header] = policy(directives_for(request.path_info), request.csp_nonce)
        return response
