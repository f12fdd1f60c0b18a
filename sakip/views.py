"""What the views of every app share: one shape for a POST that makes a state move."""

import mimetypes
import sys

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import InterfaceError, OperationalError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template import loader
from django.views import View
from django.views.defaults import server_error as plain_server_error
from django.views.generic import TemplateView

from sakip.beranda import sections_for
from sakip.forms import first_error
from sakip.models import Pemda
from sakip.states import TransitionError


class TransitionView(LoginRequiredMixin, View):
    """POST-only: form → transition → message → redirect (pretix's OrderTransition).

    A subclass names the object (`get_object`), may say why the user cannot make the move before any input is
    read (`check`, raising TransitionError), may take a form (`form_class`, `get_form_kwargs`), and makes the
    move (`perform`, returning the object to go to). A refusal becomes an error message on the object's page.
    """

    http_method_names = ["post"]
    form_class = None
    success_message = ""

    def get_object(self):
        raise NotImplementedError

    def check(self, obj) -> None:
        """Raise TransitionError when the user may not make this move at all (before any input is read)."""

    def get_form_kwargs(self, obj) -> dict:
        return {}

    def perform(self, obj, data: dict):
        raise NotImplementedError

    def get_success_message(self, obj, result, data: dict) -> str:
        return str(self.success_message)

    def get_success_url(self, obj, result) -> str:
        return result.get_absolute_url()

    def get_failure_url(self, obj) -> str:
        return obj.get_absolute_url()

    def form_invalid(self, obj, form):
        messages.error(self.request, first_error(form))
        return redirect(self.get_failure_url(obj))

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        data: dict = {}
        try:
            self.check(obj)
            if self.form_class is not None:
                form = self.form_class(request.POST, request.FILES, **self.get_form_kwargs(obj))
                if not form.is_valid():
                    return self.form_invalid(obj, form)
                data = form.cleaned_data
            result = self.perform(obj, data)
        except TransitionError as error:
            messages.error(request, str(error))
            return redirect(self.get_failure_url(obj))
        messages.success(request, self.get_success_message(obj, result, data))
        return redirect(self.get_success_url(obj, result))


class BerandaView(LoginRequiredMixin, TemplateView):
    """The home page: what waits for this person, section by section (sakip.beranda)."""

    template_name = "beranda.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(sections=sections_for(self.request.user), **kwargs)


def pemda_logo(request, pk: int) -> FileResponse:
    """The Pemda's logo, the one uploaded file that is public (it heads every printed SOP); /media/ is not served."""
    pemda = get_object_or_404(Pemda.objects.exclude(logo=""), pk=pk)
    response = FileResponse(pemda.logo.open("rb"), content_type=mimetypes.guess_type(pemda.logo.name)[0])
    response["Cache-Control"] = "public, max-age=3600"
    return response


RETRY_AFTER_SECONDS = 5


def server_error(request) -> HttpResponse:
    """handler500: a database that cannot be reached for a moment (restarted, failing over) is a 503 with
    Retry-After, not "an error in the server"; whatever the request was doing was rolled back with it.

    The exception is read from sys.exc_info(): Django calls this inside its `except`, also for a failure in a
    middleware (the session is read there first), which no middleware's process_exception would see. Rendered
    without a request, like the 500 page: the context processors would ask the same database."""
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        context = {"retry_after": RETRY_AFTER_SECONDS, "reload": request.method in ("GET", "HEAD")}
        response = HttpResponse(loader.render_to_string("503.html", context), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return plain_server_error(request)
