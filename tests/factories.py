"""factory-boy factories for core. ``.build()`` works without the database; ``.create()``
needs an active tenant context (the ``tenant`` fixture provides one)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from anlaufstelle.core.models import (
    AuditEntry,
    District,
    OpeningHours,
    Organisation,
    OutboxMessage,
    Person,
    Position,
    Role,
    Section,
    Tenant,
    User,
)

PASSWORD = "correct horse battery staple"


class TenantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tenant
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"stadt{n}")
    name = factory.LazyAttribute(lambda o: f"Stadt {o.slug.title()}")
    name_de = factory.SelfAttribute("name")
    hostnames = factory.LazyAttribute(lambda o: f"{o.slug}.localhost")
    authority_name = "Ausländerbehörde"
    street = "Rathausplatz 1"
    postcode = "12345"
    city = factory.SelfAttribute("name")
    phone = "+49 123 4567-0"
    email = "auslaenderbehoerde@example.org"


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    code = factory.Sequence(lambda n: f"S{n}")
    name = factory.Sequence(lambda n: f"Sachgebiet {n}")
    name_de = factory.SelfAttribute("name")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Verein {n}")
    kind = Organisation.Kind.ASSOCIATION


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"Muster{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    role = Role.CASEWORKER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def sections(self, create: bool, extracted: list[Section] | None, **kwargs: object) -> None:
        if create and extracted:
            self.sections.set(extracted)

    @factory.post_generation
    def save_password(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save()


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "Authenticator"
    confirmed = True


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    given_names = factory.Sequence(lambda n: f"Amina{n}")
    family_name = factory.Sequence(lambda n: f"Haddad{n}")
    date_of_birth = dt.date(1990, 5, 17)
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    preferred_language = "ar"


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    title = factory.Sequence(lambda n: f"Sachbearbeitung {n}")
    fte = Decimal("1.00")


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Stadtteil {n}")
    geometry = {"type": "Polygon", "coordinates": [[[7.0, 51.0], [7.1, 51.0], [7.1, 51.1], [7.0, 51.0]]]}


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    weekday = 0
    opens = dt.time(8, 0)
    closes = dt.time(12, 0)


class AuditEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditEntry

    action = "view"
    object_type = "core.person"
    object_id = "1"


class OutboxMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutboxMessage

    recipients = ["a@example.org"]
    subject = "Betreff"
    body_text = "Text"
    message_id = factory.Sequence(lambda n: f"<msg{n}@example.org>")
    next_attempt_at = factory.LazyFunction(timezone.now)


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "appointments.Location"

    name = factory.Sequence(lambda n: f"Standort {n}")
    name_de = factory.SelfAttribute("name")


class CounterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "appointments.Counter"

    location = factory.SubFactory(LocationFactory)
    number = factory.Sequence(lambda n: f"{n + 1}")


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "appointments.Service"
        skip_postgeneration_save = True

    section = factory.SubFactory(SectionFactory)
    name = factory.Sequence(lambda n: f"Anliegen {n}")
    name_de = factory.SelfAttribute("name")
    duration_minutes = 30

    @factory.post_generation
    def qualified_staff(self, create: bool, extracted: list[User] | None, **kwargs: object) -> None:
        if create and extracted:
            self.qualified_staff.set(extracted)


class WeeklyAvailabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "appointments.WeeklyAvailability"

    staff = factory.SubFactory(UserFactory)
    location = factory.SubFactory(LocationFactory)
    weekday = 0
    starts = dt.time(8, 0)
    ends = dt.time(12, 0)
    valid_from = dt.date(2026, 1, 1)


class AvailabilityExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "appointments.AvailabilityException"

    staff = factory.SubFactory(UserFactory)
    kind = "absence"
    starts_at = dt.datetime(2026, 3, 2, 7, 0, tzinfo=dt.UTC)
    ends_at = dt.datetime(2026, 3, 2, 11, 0, tzinfo=dt.UTC)


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "appointments.Booking"

    service = factory.SubFactory(ServiceFactory)
    location = factory.SubFactory(LocationFactory)
    staff = factory.SubFactory(UserFactory)
    starts_at = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
    ends_at = dt.datetime(2026, 3, 2, 8, 30, tzinfo=dt.UTC)
    code = factory.Sequence(lambda n: f"T{n:07d}")


class BookingCellFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "appointments.BookingCell"

    booking = factory.SubFactory(BookingFactory)
    staff = factory.SelfAttribute("booking.staff")
    starts_at = factory.SelfAttribute("booking.starts_at")


class WaitlistEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "appointments.WaitlistEntry"

    service = factory.SubFactory(ServiceFactory)
    location = factory.SubFactory(LocationFactory)
    person = factory.SubFactory(PersonFactory)
    before = dt.date(2026, 3, 20)
    status = "waiting"


class AllocationRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "appointments.AllocationRun"

    started_at = dt.datetime(2026, 3, 2, 5, 0, tzinfo=dt.UTC)
    seed = 42


class AllocationRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "appointments.AllocationRequest"

    service = factory.SubFactory(ServiceFactory)
    location = factory.SubFactory(LocationFactory)
    person = factory.SubFactory(PersonFactory)
    duplicate_key = factory.Sequence(lambda n: f"{n:064d}")
    status = "pending"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "offers.Topic"

    code = factory.Sequence(lambda n: f"thema-{n}")
    name = factory.Sequence(lambda n: f"Thema {n}")
    name_de = factory.SelfAttribute("name")


class LifeSituationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "offers.LifeSituation"

    code = factory.Sequence(lambda n: f"lage-{n}")
    name = factory.Sequence(lambda n: f"Lebenslage {n}")
    name_de = factory.SelfAttribute("name")


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "offers.Place"

    name = factory.Sequence(lambda n: f"Treffpunkt {n}")
    name_de = factory.SelfAttribute("name")
    street = "Marktstraße 3"
    postcode = "12345"
    city = "Musterstadt"


class PlaceHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "offers.PlaceHours"

    place = factory.SubFactory(PlaceFactory)
    weekday = 0
    opens = dt.time(9, 0)
    closes = dt.time(17, 0)


class PlaceHoursExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "offers.PlaceHoursException"

    place = factory.SubFactory(PlaceFactory)
    starts_on = dt.date(2026, 12, 24)
    ends_on = dt.date(2026, 12, 31)
    kind = "closed"


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "offers.Offer"
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Angebot {n}")
    name_de = factory.SelfAttribute("name")
    summary_de = "Beratung und Begleitung"

    @factory.post_generation
    def topics(self, create: bool, extracted: list[object] | None, **kwargs: object) -> None:
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def life_situations(self, create: bool, extracted: list[object] | None, **kwargs: object) -> None:
        if create and extracted:
            self.life_situations.set(extracted)


class OfferLanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "offers.OfferLanguage"

    offer = factory.SubFactory(OfferFactory)
    code = "ar"


class OfferContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "offers.OfferContact"

    offer = factory.SubFactory(OfferFactory)
    name = "Frau Beispiel"


class OfferLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "offers.OfferLink"

    offer = factory.SubFactory(OfferFactory)
    label = "Anmeldung"
    label_de = "Anmeldung"
    url = "https://example.org/anmeldung"


class OfferPlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "offers.OfferPlace"

    offer = factory.SubFactory(OfferFactory)
    place = factory.SubFactory(PlaceFactory)


class OfferDateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "offers.OfferDate"

    offer = factory.SubFactory(OfferFactory)
    starts_at = dt.datetime(2026, 3, 4, 16, 0, tzinfo=dt.UTC)
    ends_at = dt.datetime(2026, 3, 4, 18, 0, tzinfo=dt.UTC)


class OfferChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "offers.OfferChange"

    offer = factory.SubFactory(OfferFactory)
    proposed = factory.LazyFunction(lambda: {"summary_de": "Neu"})
    author = factory.SubFactory(UserFactory)


class QueueRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "frontdesk.QueueRule"

    section = factory.SubFactory(SectionFactory)
    prefix = factory.Sequence(lambda n: f"Q{n % 100}")


class ServiceDeskRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "frontdesk.ServiceDeskRule"

    service = factory.SubFactory(ServiceFactory)
    walk_in = True


class TicketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "frontdesk.Ticket"

    location = factory.SubFactory(LocationFactory)
    service = factory.SubFactory(ServiceFactory)
    section = factory.SelfAttribute("service.section")
    day = dt.date(2026, 3, 2)
    prefix = "A"
    number = factory.Sequence(lambda n: n + 1)
    issued_at = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
    ready_at = factory.SelfAttribute("issued_at")


class CounterSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "frontdesk.CounterSession"

    counter = factory.SubFactory(CounterFactory)
    staff = factory.SubFactory(UserFactory)
    started_at = dt.datetime(2026, 3, 2, 7, 30, tzinfo=dt.UTC)


class TicketEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "frontdesk.TicketEvent"

    ticket = factory.SubFactory(TicketFactory)
    kind = "issued"
    at = factory.SelfAttribute("ticket.issued_at")
    location = factory.SelfAttribute("ticket.location")
    section = factory.SelfAttribute("ticket.section")


class CallbackRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "frontdesk.CallbackRequest"

    section = factory.SubFactory(SectionFactory)
    name = factory.Sequence(lambda n: f"Anrufer {n}")
    phone = "+49 170 0000000"
    language = "ar"
    window = "morning"


class CallbackAttemptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "frontdesk.CallbackAttempt"

    request = factory.SubFactory(CallbackRequestFactory)
    at = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    staff = factory.SubFactory(UserFactory)
    outcome = "no_answer"


class ContactMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "frontdesk.ContactMessage"

    section = factory.SubFactory(SectionFactory)
    name = factory.Sequence(lambda n: f"Absender {n}")
    email = factory.Sequence(lambda n: f"kontakt{n}@example.org")
    language = "en"
    subject = "Frage zur Aufenthaltserlaubnis"
    message = "Welche Unterlagen brauche ich?"


class LeadTimeSnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "controlling.LeadTimeSnapshot"

    day = dt.date(2026, 3, 2)
    service = factory.SubFactory(ServiceFactory)
    location = factory.SubFactory(LocationFactory)
    lead_days = 14
    window_days = 60


class ThresholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "controlling.Threshold"

    kpi = "lead_time_current_max"
    limit = Decimal("28")


class FeedbackInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "controlling.FeedbackInvitation"

    nonce_hash = factory.Sequence(lambda n: f"{n:064x}")
    day = dt.date(2026, 3, 2)
    service = factory.SubFactory(ServiceFactory)
    location = factory.SubFactory(LocationFactory)


class FeedbackMailingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "controlling.FeedbackMailing"

    day = factory.Sequence(lambda n: dt.date(2026, 1, 1) + dt.timedelta(days=n))


class FeedbackResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "controlling.FeedbackResponse"

    day = dt.date(2026, 3, 2)
    source = "mail"
    waiting = 4
    friendliness = 5
    clarity = 4
    result = 3


class MonthlyReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "controlling.MonthlyReport"

    month = factory.Sequence(lambda n: dt.date(2026 - n // 12, 12 - n % 12, 1))
    generated_at = factory.LazyFunction(timezone.now)
    html = "<!DOCTYPE html><html lang=de><title>Monatsbericht</title><h1>Monatsbericht</h1></html>"
    pdf = b"%PDF-1.7\n%%EOF\n"


class KpiDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "controlling.KpiDay"

    day = factory.Sequence(lambda n: dt.date(2026, 1, 1) + dt.timedelta(days=n))


class QueueFactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "controlling.QueueFact"

    day = dt.date(2026, 3, 2)
    hour = 9
    section = factory.SubFactory(SectionFactory)
    service = factory.SubFactory(ServiceFactory)
    location = factory.SubFactory(LocationFactory)
    tickets = 2
    waits = "120,600"


class BookingFactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "controlling.BookingFact"

    day = dt.date(2026, 3, 2)
    service = factory.SubFactory(ServiceFactory)
    location = factory.SubFactory(LocationFactory)
    channel = "online"
    made = 1
    lead_days = "14"


# Every tenant-owned model and how to make one: the tenant-isolation test walks this registry
# and fails for a tenant-owned model that is missing here.
TENANT_OWNED_FACTORIES: dict[str, type[factory.django.DjangoModelFactory]] = {
    "core.section": SectionFactory,
    "core.organisation": OrganisationFactory,
    "core.user": UserFactory,
    "core.person": PersonFactory,
    "core.position": PositionFactory,
    "core.district": DistrictFactory,
    "core.openinghours": OpeningHoursFactory,
    "core.auditentry": AuditEntryFactory,
    "core.outboxmessage": OutboxMessageFactory,
    "appointments.location": LocationFactory,
    "appointments.counter": CounterFactory,
    "appointments.service": ServiceFactory,
    "appointments.weeklyavailability": WeeklyAvailabilityFactory,
    "appointments.availabilityexception": AvailabilityExceptionFactory,
    "appointments.booking": BookingFactory,
    "appointments.bookingcell": BookingCellFactory,
    "appointments.waitlistentry": WaitlistEntryFactory,
    "appointments.allocationrequest": AllocationRequestFactory,
    "appointments.allocationrun": AllocationRunFactory,
    "offers.topic": TopicFactory,
    "offers.lifesituation": LifeSituationFactory,
    "offers.place": PlaceFactory,
    "offers.placehours": PlaceHoursFactory,
    "offers.placehoursexception": PlaceHoursExceptionFactory,
    "offers.offer": OfferFactory,
    "offers.offerlanguage": OfferLanguageFactory,
    "offers.offercontact": OfferContactFactory,
    "offers.offerlink": OfferLinkFactory,
    "offers.offerplace": OfferPlaceFactory,
    "offers.offerdate": OfferDateFactory,
    "offers.offerchange": OfferChangeFactory,
    "frontdesk.queuerule": QueueRuleFactory,
    "frontdesk.servicedeskrule": ServiceDeskRuleFactory,
    "frontdesk.ticket": TicketFactory,
    "frontdesk.countersession": CounterSessionFactory,
    "frontdesk.ticketevent": TicketEventFactory,
    "frontdesk.callbackrequest": CallbackRequestFactory,
    "frontdesk.callbackattempt": CallbackAttemptFactory,
    "frontdesk.contactmessage": ContactMessageFactory,
    "controlling.leadtimesnapshot": LeadTimeSnapshotFactory,
    "controlling.threshold": ThresholdFactory,
    "controlling.feedbackinvitation": FeedbackInvitationFactory,
    "controlling.feedbackmailing": FeedbackMailingFactory,
    "controlling.feedbackresponse": FeedbackResponseFactory,
    "controlling.monthlyreport": MonthlyReportFactory,
    "controlling.kpiday": KpiDayFactory,
    "controlling.queuefact": QueueFactFactory,
    "controlling.bookingfact": BookingFactFactory,
}
