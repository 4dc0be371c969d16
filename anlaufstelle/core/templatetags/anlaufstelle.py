"""Template helpers of the design system."""

from __future__ import annotations

from django import forms, template
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from ..i18n import SOURCE_LANGUAGE, column

register = template.Library()


@register.simple_tag
def kern_widget(field: forms.BoundField) -> SafeString:
    """Render a form field's widget with KERN classes and the ARIA links to hint and error."""
    widget = field.field.widget
    if isinstance(widget, forms.Select):
        css = "kern-form-input__select"
    elif isinstance(widget, forms.CheckboxInput):
        css = "kern-form-check__checkbox"
    else:
        css = "kern-form-input__input"
    if field.errors:
        css += f" {css}--error"
    described = []
    if field.help_text:
        described.append(f"{field.id_for_label}-hint")
    if field.errors:
        described.append(f"{field.id_for_label}-error")
    attrs: dict[str, str | bool] = {"class": css}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    html = field.as_widget(attrs=attrs)
    if isinstance(widget, forms.Select):
        return SafeString(f'<div class="kern-form-input__select-wrapper">{html}</div>')
    return SafeString(html)


@register.filter
def is_choice_list(field: forms.BoundField) -> bool:
    """Radio buttons and checkbox lists: rendered as a fieldset with one check per choice."""
    return isinstance(field.field.widget, forms.RadioSelect)  # CheckboxSelectMultiple is one too


@register.filter
def fallback_attrs(obj: object, field: str) -> SafeString:
    """`` lang="de" dir="ltr"`` where ``obj.field`` is shown in German because the active
    language has no translation of it, so screen readers and right-to-left pages get it right."""
    language = get_language() or SOURCE_LANGUAGE
    if language == SOURCE_LANGUAGE or getattr(obj, column(field, language), None):
        return SafeString("")
    if not getattr(obj, column(field, SOURCE_LANGUAGE), None):
        return SafeString("")
    return SafeString(' lang="de" dir="ltr"')
