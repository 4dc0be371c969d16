"""A small directory: topics, life situations, places with hours, offers in several languages.

Shared by the directory's tests (``tests/offers``) and its browser test; call it inside a tenant."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from anlaufstelle.core.models import Organisation
from anlaufstelle.offers.models import LifeSituation, Offer, Place, Topic
from anlaufstelle.offers.services import search_index_rebuild

from ..factories import (
    DistrictFactory,
    LifeSituationFactory,
    OfferFactory,
    OfferLanguageFactory,
    OfferPlaceFactory,
    OrganisationFactory,
    PlaceFactory,
    PlaceHoursFactory,
    TopicFactory,
)


@dataclass
class Directory:
    organisation: Organisation
    language: Topic
    housing: Topic
    refugee: LifeSituation
    everyone: LifeSituation
    student: LifeSituation
    place: Place
    course: Offer
    cafe: Offer
    flat: Offer


def make_directory() -> Directory:
    """Two offers of a language school at one place (open Monday to Friday, 9 to 17) and a paid
    housing offer without a place; the search index built."""
    organisation = OrganisationFactory(name="Volkshochschule Musterstadt")
    language = TopicFactory(code="sprache", name="Sprache", name_en="Language", name_ar="اللغة")
    housing = TopicFactory(code="wohnen", name="Wohnen", name_en="Housing")
    refugee = LifeSituationFactory(code="flucht", name="Ich bin geflüchtet", name_ar="أنا لاجئ")
    everyone = LifeSituationFactory(code="alle", name="Für alle", is_everyone=True)
    student = LifeSituationFactory(code="studium", name="Ich studiere")
    district = DistrictFactory(name="Altstadt")
    place = PlaceFactory(name="Bürgerhaus Altstadt", district=district, latitude="51.050000", longitude="7.050000")
    for weekday in range(5):
        PlaceHoursFactory(place=place, weekday=weekday, opens=dt.time(9, 0), closes=dt.time(17, 0))
    course = OfferFactory(
        organisation=organisation,
        name="Integrationskurs Deutsch",
        name_ar="دورة الاندماج",
        summary_de="Deutsch bis B1 mit Orientierungskurs.",
        summary_en="German up to B1 with an orientation course.",
        topics=[language],
        life_situations=[refugee],
        walk_in=True,
    )
    cafe = OfferFactory(
        organisation=organisation,
        name="Sprachcafé",
        summary_de="Deutsch sprechen bei Kaffee und Tee.",
        summary_uk="Розмовляйте німецькою за кавою.",
        topics=[language],
        life_situations=[everyone],
        cost="free",
    )
    flat = OfferFactory(
        organisation=OrganisationFactory(name="Mieterverein"),
        name="Wohnungssuche: Beratung",
        summary_de="Hilfe beim Mietvertrag.",
        topics=[housing],
        life_situations=[everyone],
        cost="paid",
    )
    OfferLanguageFactory(offer=course, code="ar")
    OfferLanguageFactory(offer=cafe, code="uk")
    OfferPlaceFactory(offer=course, place=place)
    OfferPlaceFactory(offer=cafe, place=place)
    search_index_rebuild()
    return Directory(organisation, language, housing, refugee, everyone, student, place, course, cafe, flat)
