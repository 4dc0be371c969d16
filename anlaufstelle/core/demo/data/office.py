"""The demo immigration office: sections, budgeted positions, opening hours.

Staffing reflects a mid-sized German Ausländerbehörde under pressure: 41 positions, some
part-time, six vacant (above all where demand grew fastest: naturalisation, skilled
immigration, family reunification, returns).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ...models import Role

SECTIONS: list[dict[str, Any]] = [
    {
        "code": "1",
        "name": {
            "de": "Beschäftigung und Studium",
            "de-simple": "Arbeit und Studium",
            "en": "Employment and study",
            "ar": "العمل والدراسة",
            "uk": "Працевлаштування та навчання",
            "tr": "Çalışma ve öğrenim",
            "fa": "اشتغال و تحصیل",
            "ru": "Трудоустройство и учёба",
        },
        "description": {
            "de": (
                "Aufenthaltstitel für Fachkräfte, Studierende, Auszubildende, Forschende und "
                "Selbstständige – zum Beispiel Blaue Karte EU, beschleunigtes "
                "Fachkräfteverfahren und Chancenkarte."
            ),
            "de-simple": (
                "Sie wollen in Deutschland arbeiten? Oder studieren? Oder eine Ausbildung "
                "machen? Dann hilft Ihnen dieses Sachgebiet."
            ),
            "en": (
                "Residence permits for skilled workers, students, trainees, researchers and "
                "self-employed people – for example the EU Blue Card, the fast-track procedure "
                "for skilled workers and the Opportunity Card."
            ),
            "ar": (
                "تصاريح الإقامة للعمالة الماهرة والطلاب والمتدربين المهنيين والباحثين وأصحاب "
                "الأعمال الحرة – مثل البطاقة الزرقاء الأوروبية وإجراءات العمالة الماهرة المعجّلة "
                "وبطاقة الفرص."
            ),
            "uk": (
                "Дозволи на проживання для кваліфікованих працівників, студентів, учнів "
                "професійного навчання, науковців і самозайнятих — наприклад, Блакитна карта ЄС, "
                "прискорена процедура для фахівців і Карта можливостей (Chancenkarte)."
            ),
            "tr": (
                "Nitelikli çalışanlar, öğrenciler, meslek eğitimi alanlar, araştırmacılar ve "
                "serbest çalışanlar için oturum izinleri – örneğin AB Mavi Kartı, hızlandırılmış "
                "nitelikli işgücü prosedürü ve Fırsat Kartı (Chancenkarte)."
            ),
            "fa": (
                "اجازه‌های اقامت برای نیروهای متخصص، دانشجویان، کارآموزان حرفه‌ای، پژوهشگران و "
                "خویش‌فرمایان – برای مثال کارت آبی اتحادیهٔ اروپا، روند تسریع‌شدهٔ جذب نیروی "
                "متخصص و کارت فرصت (Chancenkarte)."
            ),
            "ru": (
                "Виды на жительство для квалифицированных специалистов, студентов, учеников "
                "профессионального обучения, исследователей и самозанятых — например, Голубая "
                "карта ЕС, ускоренная процедура для специалистов и Карта возможностей "
                "(Chancenkarte)."
            ),
        },
    },
    {
        "code": "2",
        "name": {
            "de": "Familie und Aufenthalt",
            "de-simple": "Familie und Aufenthalt",
            "en": "Family and residence",
            "ar": "الأسرة والإقامة",
            "uk": "Сім’я та перебування",
            "tr": "Aile ve oturum",
            "fa": "خانواده و اقامت",
            "ru": "Семья и пребывание",
        },
        "description": {
            "de": (
                "Familiennachzug und Aufenthalt aus familiären Gründen, Verlängerung von "
                "Aufenthaltstiteln, Niederlassungserlaubnis und Erlaubnis zum "
                "Daueraufenthalt – EU."
            ),
            "de-simple": (
                "Ihre Familie soll nach Deutschland kommen? Ihr Aufenthaltstitel muss "
                "verlängert werden? Sie möchten für immer hierbleiben? Dann hilft Ihnen dieses "
                "Sachgebiet."
            ),
            "en": (
                "Family reunification and residence on family grounds, extension of residence "
                "permits, settlement permit and EU long-term residence permit."
            ),
            "ar": (
                "لمّ شمل الأسرة والإقامة لأسباب عائلية، وتمديد تصاريح الإقامة، وتصريح الإقامة "
                "الدائمة (Niederlassungserlaubnis)، وتصريح الإقامة الدائمة في الاتحاد الأوروبي."
            ),
            "uk": (
                "Возз’єднання сім’ї та перебування з сімейних причин, продовження дозволів на "
                "проживання, дозвіл на поселення та дозвіл на довгострокове перебування в ЄС."
            ),
            # Made from the older German text (see "outdated"): shows as outdated.
            "tr": ("Aile birleşimi ve aile nedenleriyle oturum, oturum izinlerinin uzatılması ve süresiz oturum izni."),
            "fa": (
                "پیوستن به خانواده و اقامت به دلایل خانوادگی، تمدید اجازهٔ اقامت، اجازهٔ اقامت "
                "دائم و اجازهٔ اقامت بلندمدت اتحادیهٔ اروپا."
            ),
            "ru": (
                "Воссоединение семьи и пребывание по семейным основаниям, продление видов на "
                "жительство, разрешение на поселение и разрешение на долгосрочное пребывание "
                "в ЕС."
            ),
        },
        "outdated": {
            "tr": (
                "description",
                "Familiennachzug und Aufenthalt aus familiären Gründen, Verlängerung von "
                "Aufenthaltstiteln und Niederlassungserlaubnis.",
            ),
        },
    },
    {
        "code": "3",
        "name": {
            "de": "EU, Einbürgerung und Dokumente",
            "de-simple": "EU, Einbürgerung und Papiere",
            "en": "EU, naturalisation and documents",
            "ar": "الاتحاد الأوروبي والتجنس والوثائق",
            "uk": "ЄС, натуралізація та документи",
            "tr": "AB, vatandaşlığa geçiş ve belgeler",
            "fa": "اتحادیهٔ اروپا، تابعیت و مدارک",
            "ru": "ЕС, натурализация и документы",
        },
        "description": {
            "de": (
                "Freizügigkeit für Unionsbürgerinnen und Unionsbürger und ihre Familien, "
                "Einbürgerung, Ausgabe elektronischer Aufenthaltstitel (eAT), Reiseausweise "
                "und Bescheinigungen."
            ),
            "de-simple": (
                "Sie kommen aus einem Land der EU? Sie möchten den deutschen Pass bekommen? "
                "Sie brauchen ein Papier von uns? Dann hilft Ihnen dieses Sachgebiet."
            ),
            "en": (
                "Freedom of movement for EU citizens and their families, naturalisation, issue "
                "of electronic residence permits (eAT), travel documents and certificates."
            ),
            "ar": (
                "حرية التنقل لمواطني الاتحاد الأوروبي وأسرهم، والتجنس، وإصدار بطاقات الإقامة "
                "الإلكترونية (eAT)، ووثائق السفر والشهادات."
            ),
            "uk": (
                "Свобода пересування для громадян ЄС та їхніх сімей, натуралізація, видача "
                "електронних посвідок на проживання (eAT), проїзних документів і довідок."
            ),
            "tr": (
                "AB vatandaşları ve aileleri için serbest dolaşım, vatandaşlığa geçiş, "
                "elektronik oturum kartlarının (eAT) verilmesi, seyahat belgeleri ve resmî "
                "yazılar."
            ),
            "fa": (
                "آزادی تردد برای شهروندان اتحادیهٔ اروپا و خانواده‌هایشان، تابعیت، صدور کارت "
                "اقامت الکترونیکی (eAT)، سند سفر و گواهی‌ها."
            ),
            "ru": (
                "Свобода передвижения для граждан ЕС и их семей, натурализация, выдача "
                "электронных видов на жительство (eAT), проездных документов и справок."
            ),
        },
    },
    {
        "code": "4",
        "name": {
            "de": "Humanitärer Aufenthalt, Ausreise und Sicherheit",
            "de-simple": "Schutz, Ausreise und Sicherheit",
            "en": "Humanitarian residence, departure and security",
            "ar": "الإقامة الإنسانية والمغادرة والأمن",
            "uk": "Гуманітарне перебування, виїзд і безпека",
            "tr": "İnsani oturum, ülkeden çıkış ve güvenlik",
            "fa": "اقامت بشردوستانه، خروج و امنیت",
            "ru": "Гуманитарное пребывание, выезд и безопасность",
        },
        # No plain-German description yet: a gap the translation overview shows.
        "description": {
            "de": (
                "Aufenthalt aus humanitären Gründen, Aufenthaltsgestattung und Duldung, "
                "Chancen-Aufenthaltsrecht, freiwillige Ausreise und Rückführung sowie "
                "sicherheitsrechtliche Prüfungen."
            ),
            "en": (
                "Residence on humanitarian grounds, permission to stay during the asylum "
                "procedure (Aufenthaltsgestattung) and toleration (Duldung), the opportunity "
                "residence right, voluntary departure and removal, and security checks."
            ),
            "ar": (
                "الإقامة لأسباب إنسانية، وإذن البقاء أثناء إجراءات اللجوء (Aufenthaltsgestattung) "
                "ووقف الترحيل (Duldung)، وحق الإقامة بالفرصة (Chancen-Aufenthaltsrecht)، والمغادرة "
                "الطوعية والترحيل، والفحوصات الأمنية."
            ),
            "uk": (
                "Перебування з гуманітарних причин, дозвіл на перебування на час процедури "
                "надання притулку (Aufenthaltsgestattung) і толерування (Duldung), право на "
                "перебування «шанс» (Chancen-Aufenthaltsrecht), добровільний виїзд і "
                "повернення, а також перевірки з питань безпеки."
            ),
            "tr": (
                "İnsani nedenlerle oturum, sığınma süreci boyunca kalış izni "
                "(Aufenthaltsgestattung) ve sınır dışı etmenin ertelenmesi (Duldung), fırsat "
                "oturum hakkı (Chancen-Aufenthaltsrecht), gönüllü ayrılış ve geri gönderme ile "
                "güvenlik incelemeleri."
            ),
            "fa": (
                "اقامت به دلایل بشردوستانه، اجازهٔ ماندن در طول روند پناهندگی "
                "(Aufenthaltsgestattung) و تعلیق اخراج (Duldung)، حق اقامت فرصت "
                "(Chancen-Aufenthaltsrecht)، خروج داوطلبانه و بازگرداندن، و بررسی‌های امنیتی."
            ),
            "ru": (
                "Пребывание по гуманитарным основаниям, разрешение на пребывание на время "
                "процедуры предоставления убежища (Aufenthaltsgestattung) и приостановление "
                "депортации (Duldung), право на пребывание «шанс» (Chancen-Aufenthaltsrecht), "
                "добровольный выезд и возвращение, а также проверки в сфере безопасности."
            ),
        },
    },
]


@dataclass(frozen=True)
class PositionSpec:
    """One budgeted position; ``login`` names the persona account holding it, if any."""

    section: str | None
    title: str
    role: Role
    fte: Decimal = Decimal("1.00")
    vacant: bool = False
    login: str | None = None


def _p(
    section: str | None,
    title: str,
    role: Role,
    fte: str = "1.00",
    *,
    vacant: bool = False,
    login: str | None = None,
) -> PositionSpec:
    return PositionSpec(section, title, role, Decimal(fte), vacant=vacant, login=login)


CW, LEAD, DESK, ADMIN = Role.CASEWORKER, Role.LEAD, Role.FRONT_DESK, Role.ADMINISTRATOR

POSITIONS: list[PositionSpec] = [
    # Head of office and cross-cutting tasks (no section)
    _p(None, "Leitung der Ausländerbehörde", LEAD, login="leitung"),
    _p(None, "Stellvertretende Leitung", LEAD),
    _p(None, "Grundsatz, Widerspruch und Klageverfahren", CW),
    _p(None, "Fachadministration und IT-Koordination", ADMIN, login="admin"),
    _p(None, "Controlling und Qualitätsmanagement", LEAD, "0.50"),
    _p(None, "Empfang und Infotheke", DESK, login="empfang"),
    _p(None, "Empfang und Infotheke", DESK),
    _p(None, "Empfang und Infotheke", DESK, "0.50"),
    _p(None, "Teamassistenz, Post und Scanstelle", DESK, "0.50", vacant=True),
    # 1 Beschäftigung und Studium
    _p("1", "Teamleitung Beschäftigung und Studium", LEAD),
    _p("1", "Sachbearbeitung Fachkräfteeinwanderung", CW, login="sb1"),
    _p("1", "Sachbearbeitung Fachkräfteeinwanderung", CW),
    _p("1", "Sachbearbeitung Fachkräfteeinwanderung", CW, "0.75"),
    _p("1", "Sachbearbeitung beschleunigtes Fachkräfteverfahren", CW),
    _p("1", "Sachbearbeitung beschleunigtes Fachkräfteverfahren", CW, vacant=True),
    _p("1", "Sachbearbeitung Studium und Forschung", CW, vacant=True),
    _p("1", "Sachbearbeitung Studium und Forschung", CW, "0.50"),
    _p("1", "Sachbearbeitung Selbstständigkeit und Chancenkarte", CW, "0.75"),
    # 2 Familie und Aufenthalt
    _p("2", "Teamleitung Familie und Aufenthalt", LEAD),
    _p("2", "Sachbearbeitung Familiennachzug", CW, login="sb2"),
    _p("2", "Sachbearbeitung Familiennachzug", CW),
    _p("2", "Sachbearbeitung Familiennachzug", CW, vacant=True),
    _p("2", "Sachbearbeitung Verlängerungen", CW),
    _p("2", "Sachbearbeitung Verlängerungen", CW, "0.75"),
    _p("2", "Sachbearbeitung Verlängerungen", CW, "0.50"),
    _p("2", "Sachbearbeitung Niederlassung und Daueraufenthalt", CW),
    _p("2", "Sachbearbeitung Niederlassung und Daueraufenthalt", CW, "0.75"),
    # 3 EU, Einbürgerung und Dokumente
    _p("3", "Teamleitung EU, Einbürgerung und Dokumente", LEAD),
    _p("3", "Sachbearbeitung Einbürgerung", CW, login="sb3"),
    _p("3", "Sachbearbeitung Einbürgerung", CW),
    _p("3", "Sachbearbeitung Einbürgerung", CW, vacant=True),
    _p("3", "Sachbearbeitung EU-Freizügigkeit", CW, "0.75"),
    _p("3", "Ausgabe eAT und Dokumente", DESK),
    _p("3", "Ausgabe eAT und Dokumente", DESK, "0.50"),
    # 4 Humanitärer Aufenthalt, Ausreise und Sicherheit
    _p("4", "Teamleitung Humanitärer Aufenthalt, Ausreise und Sicherheit", LEAD),
    _p("4", "Sachbearbeitung humanitärer Aufenthalt", CW, login="sb4"),
    _p("4", "Sachbearbeitung humanitärer Aufenthalt", CW),
    _p("4", "Sachbearbeitung Duldung und Chancen-Aufenthaltsrecht", CW),
    _p("4", "Sachbearbeitung Duldung und Chancen-Aufenthaltsrecht", CW, "0.75", vacant=True),
    _p("4", "Sachbearbeitung Rückkehr und Rückführung", CW),
    _p("4", "Sachbearbeitung Sicherheit und Ausweisung", CW),
]

# Persona logins that hold no position of the office, with their role.
OTHER_LOGINS: list[tuple[str, Role]] = [
    ("integration", Role.COORDINATOR),
    ("partner", Role.PARTNER_EDITOR),
    ("pate", Role.VOLUNTEER),
    ("statistik", Role.STATISTICIAN),
]
# The order in which the persona logins are printed.
PERSONA_ORDER = ["admin", "leitung", "sb1", "sb2", "sb3", "sb4", "empfang"] + [
    username for username, _role in OTHER_LOGINS
]

# How long the vacant positions have been open, in days before the load (a range per post).
VACANCY_DAYS = (45, 420)

# Mo, Tu and Th with afternoons; Wednesday only with an appointment (no walk-ins).
OPENING_NOTES: dict[str, dict[str, str]] = {
    "afternoon": {
        "de": "Nachmittags nur mit Termin",
        "de-simple": "Am Nachmittag nur mit Termin",
        "en": "Afternoons by appointment only",
        "ar": "بعد الظهر بموعد مسبق فقط",
        "uk": "Після обіду — лише за записом",
        "tr": "Öğleden sonra yalnızca randevu ile",
        "fa": "بعدازظهرها فقط با وقت قبلی",
        "ru": "После обеда — только по записи",
    },
    "appointment_only": {
        "de": "Nur mit Termin, keine offene Sprechstunde",
        "de-simple": "Nur mit Termin. Ohne Termin geht es heute nicht.",
        "en": "By appointment only, no walk-in hours",
        "ar": "بموعد مسبق فقط، دون ساعات استقبال مفتوحة",
        "uk": "Лише за записом, без вільного прийому",
        "tr": "Yalnızca randevu ile, randevusuz kabul yoktur",
        "fa": "فقط با وقت قبلی، بدون ساعت مراجعهٔ آزاد",
        "ru": "Только по записи, без свободного приёма",
    },
    "late_thursday": {
        "de": "Langer Donnerstag für Berufstätige",
        "de-simple": "Am Donnerstag sind wir länger da. Gut für Menschen mit Arbeit.",
        "en": "Late opening on Thursdays for people in work",
        "ar": "دوام مسائي ممتد يوم الخميس للعاملين",
        "uk": "Довгий четвер для тих, хто працює",
        "tr": "Çalışanlar için perşembe günü uzun çalışma saatleri",
        "fa": "ساعات کاری طولانی‌تر پنجشنبه برای شاغلان",
        "ru": "Длинный четверг для работающих",
    },
}

OPENING_HOURS: list[tuple[int, dt.time, dt.time, str | None]] = [
    (0, dt.time(7, 30), dt.time(12, 0), None),
    (1, dt.time(7, 30), dt.time(12, 0), None),
    (1, dt.time(13, 30), dt.time(17, 30), "afternoon"),
    (2, dt.time(8, 0), dt.time(12, 0), "appointment_only"),
    (3, dt.time(7, 30), dt.time(12, 0), None),
    (3, dt.time(13, 30), dt.time(18, 0), "late_thursday"),
    (4, dt.time(7, 30), dt.time(12, 0), None),
]

BEISPIELHEIM_SECTIONS = [
    ("A", "Aufenthalt und Familie"),
    ("B", "Arbeit, Studium und Einbürgerung"),
]
# (username, role, section code)
BEISPIELHEIM_LOGINS: list[tuple[str, Role, str | None]] = [
    ("admin", Role.ADMINISTRATOR, None),
    ("leitung", Role.LEAD, None),
    ("sb1", Role.CASEWORKER, "A"),
    ("sb2", Role.CASEWORKER, "B"),
    ("empfang", Role.FRONT_DESK, None),
]

BEISPIELHEIM_OPENING_HOURS: list[tuple[int, dt.time, dt.time, str | None]] = [
    (0, dt.time(8, 0), dt.time(12, 0), None),
    (2, dt.time(8, 0), dt.time(12, 0), None),
    (3, dt.time(14, 0), dt.time(17, 0), None),
]
