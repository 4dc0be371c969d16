"""Contact channels, staff side: the callback queue with its call log, and contact messages
answered by e-mail. Caseworkers see the requests of their sections; opening one is audited."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from anlaufstelle.core.middleware import request_id
from anlaufstelle.core.models import AuditAction
from anlaufstelle.core.permissions import staff_view
from anlaufstelle.core.services import audit_record

from ..forms import AnswerForm, CallbackAttemptForm
from ..models import CallbackRequest, ContactMessage
from ..selectors import callback_attempts, callback_queue, contact_message_queue
from ..services import FrontdeskError, callback_attempt_record, contact_message_answer, contact_message_take


def _audit_view(request: HttpRequest, object_type: str, pk: int) -> None:
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type=object_type,
        object_id=str(pk),
        request_id=request_id(request),
    )


@staff_view("frontdesk.work_contact")
def callbacks(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", CallbackRequest.Status.OPEN)
    if status not in CallbackRequest.Status.values:
        status = CallbackRequest.Status.OPEN
    return render(
        request,
        "frontdesk/callbacks.html",
        {
            "requests": callback_queue(user=request.user, status=status)[:200],  # type: ignore[arg-type]
            "status": status,
            "statuses": CallbackRequest.Status.choices,
        },
    )


@staff_view("frontdesk.work_contact")
def callback_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = CallbackRequest.objects.select_related("section", "service").filter(pk=pk).first()
    if item is None:
        raise Http404
    if not request.user.has_perm("frontdesk.handle_contact", item):
        raise PermissionDenied
    form = CallbackAttemptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            callback_attempt_record(
                request=item, actor=request.user, outcome=form.cleaned_data["outcome"], note=form.cleaned_data["note"]
            )
        except FrontdeskError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Der Anruf wurde eingetragen."))
        return redirect("frontdesk:callback_detail", pk=pk)
    _audit_view(request, "frontdesk.callbackrequest", pk)
    return render(
        request,
        "frontdesk/callback_detail.html",
        {"item": item, "attempts": callback_attempts(request=item), "form": form},
    )


@staff_view("frontdesk.work_contact")
def contact_messages(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", ContactMessage.Status.NEW)
    if status not in ContactMessage.Status.values:
        status = ContactMessage.Status.NEW
    return render(
        request,
        "frontdesk/messages.html",
        {
            "items": contact_message_queue(user=request.user, status=status)[:200],  # type: ignore[arg-type]
            "status": status,
            "statuses": ContactMessage.Status.choices,
        },
    )


@staff_view("frontdesk.work_contact")
def contact_message_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = ContactMessage.objects.select_related("section", "service", "assigned_to").filter(pk=pk).first()
    if item is None:
        raise Http404
    if not request.user.has_perm("frontdesk.handle_contact", item):
        raise PermissionDenied
    form = AnswerForm(request.POST or None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "take":
                contact_message_take(message=item, actor=request.user)
                messages.success(request, _("Sie bearbeiten diese Anfrage."))
                return redirect("frontdesk:message_detail", pk=pk)
            if form.is_valid():
                contact_message_answer(message=item, actor=request.user, answer=form.cleaned_data["answer"])
                messages.success(request, _("Die Antwort wird per E-Mail verschickt."))
                return redirect("frontdesk:message_detail", pk=pk)
        except FrontdeskError as exc:
            messages.error(request, str(exc))
            return redirect("frontdesk:message_detail", pk=pk)
    else:
        _audit_view(request, "frontdesk.contactmessage", pk)
    return render(request, "frontdesk/message_detail.html", {"item": item, "form": form})


urlpatterns = [
    path("mitarbeit/empfang/rueckrufe/", callbacks, name="callbacks"),
    path("mitarbeit/empfang/rueckrufe/<int:pk>/", callback_detail, name="callback_detail"),
    path("mitarbeit/empfang/anfragen/", contact_messages, name="messages"),
    path("mitarbeit/empfang/anfragen/<int:pk>/", contact_message_detail, name="message_detail"),
]
