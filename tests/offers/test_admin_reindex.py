"""What the coordinator changes in the Django admin reaches the search index, deletions too."""

from __future__ import annotations

import pytest

from anlaufstelle.offers.models import Place, Topic
from anlaufstelle.offers.selectors import offer_ids_matching

from ..conftest import Personas
from .directory import Directory

pytestmark = pytest.mark.django_db


def test_a_place_deleted_in_the_admin_leaves_the_search(  # type: ignore[no-untyped-def]
    directory: Directory, personas: Personas, client_for
) -> None:
    admin = client_for(personas.admin)
    at_the_place = sorted([directory.course.pk, directory.cafe.pk])
    assert sorted(offer_ids_matching("Bürgerhaus")) == at_the_place

    url = f"/admin/offers/place/{directory.place.pk}/delete/"
    assert admin.post(url, {"post": "yes"}).status_code == 302
    assert not Place.objects.filter(pk=directory.place.pk).exists()
    assert offer_ids_matching("Bürgerhaus") == []
    assert sorted(offer_ids_matching("deutsch")) == at_the_place  # the offers stay


def test_topics_deleted_as_a_selection_leave_the_search(  # type: ignore[no-untyped-def]
    directory: Directory, personas: Personas, client_for
) -> None:
    admin = client_for(personas.admin)
    assert sorted(offer_ids_matching("Wohnen")) == [directory.flat.pk]
    response = admin.post(
        "/admin/offers/topic/",
        {"action": "delete_selected", "_selected_action": [directory.housing.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Topic.objects.filter(pk=directory.housing.pk).exists()
    assert offer_ids_matching("Wohnen") == []
