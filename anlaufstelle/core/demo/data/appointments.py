"""The demo office's appointments: locations, services (Anliegen), staff skills and schedules.

Fees follow the residence ordinance (AufenthV) as offices state them. The ten most asked-for
services are translated in full into plain German, English, Arabic and Ukrainian; some others
have a name in a few languages only, the rest are German: the gaps are deliberate, so the
translation overview has something to show.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .names import NamePool

Texts = dict[str, dict[str, str]]  # field -> language -> text


def _lines(*items: str) -> str:
    """A document checklist: one document per line."""
    return "\n".join(items)


# --- Locations -------------------------------------------------------------------------------

MAIN = "main"
CAMPUS = "campus"


@dataclass(frozen=True)
class LocationSpec:
    key: str
    texts: Texts
    street: str
    postcode: str
    city: str
    emergency_share: int = 0
    # (number, section code or None, floor and room)
    counters: tuple[tuple[str, str | None, str], ...] = ()


LOCATIONS: list[LocationSpec] = [
    LocationSpec(
        key=MAIN,
        street="Rathausplatz 3",
        postcode="45500",
        city="Musterstadt",
        emergency_share=15,
        texts={
            "name": {
                "de": "Ausländerbehörde im Bürgerhaus",
                "de-simple": "Ausländer-Behörde im Bürger-Haus",
                "en": "Immigration Office in the Bürgerhaus",
                "ar": "دائرة الأجانب في مبنى المواطنين (Bürgerhaus)",
                "uk": "Відомство у справах іноземців у Бюргерхаусі",
                "tr": "Yabancılar Dairesi – Bürgerhaus",
                "fa": "ادارهٔ امور اتباع خارجی در ساختمان شهروندان (Bürgerhaus)",
                "ru": "Ведомство по делам иностранцев в Бюргерхаусе",
            },
            "directions": {
                "de": (
                    "Eingang B, mit dem Aufzug in die 2. Etage. Melden Sie sich zuerst an der Infotheke "
                    "gegenüber dem Aufzug; dort bekommen Sie Ihre Wartemarke. Die Sachgebiete 1 und 2 "
                    "finden Sie in der 2. Etage, die Sachgebiete 3 und 4 in der 3. Etage. Fertige "
                    "Aufenthaltskarten (eAT) geben wir im Erdgeschoss in Raum 0.05 aus."
                ),
                "de-simple": (
                    "Gehen Sie zum Eingang B. Fahren Sie mit dem Aufzug in den 2. Stock. Gehen Sie "
                    "zuerst zur Info-Theke. Dort bekommen Sie eine Warte-Nummer. Sie wollen nur Ihre "
                    "Aufenthalts-Karte abholen? Dann gehen Sie im Erd-Geschoss in Raum 0.05."
                ),
                "en": (
                    "Entrance B, take the lift to the 2nd floor. Please report to the information desk "
                    "opposite the lift first; you will get your ticket there. Sections 1 and 2 are on "
                    "the 2nd floor, sections 3 and 4 on the 3rd floor. Finished residence cards (eAT) "
                    "are handed out on the ground floor in room 0.05."
                ),
                "ar": (
                    "المدخل B، ثم المصعد إلى الطابق الثاني. يرجى التوجه أولاً إلى مكتب الاستعلامات "
                    "المقابل للمصعد، حيث تحصل على رقم الانتظار. القسمان 1 و2 في الطابق الثاني، والقسمان "
                    "3 و4 في الطابق الثالث. تُسلَّم بطاقات الإقامة الجاهزة (eAT) في الطابق الأرضي في "
                    "الغرفة 0.05."
                ),
                "uk": (
                    "Вхід B, ліфтом на третій поверх. Спершу підійдіть до інформаційної стійки навпроти "
                    "ліфта — там ви отримаєте талон. Відділи 1 і 2 розташовані на третьому поверсі, "
                    "відділи 3 і 4 — на четвертому. Готові посвідки на проживання (eAT) видаємо на "
                    "першому поверсі в кімнаті 0.05."
                ),
                "tr": (
                    "B girişi, asansörle 2. kata çıkın. Önce asansörün karşısındaki danışma bankosuna "
                    "uğrayın; sıra numaranızı orada alırsınız. 1. ve 2. birimler 2. katta, 3. ve 4. "
                    "birimler 3. kattadır. Hazır oturum kartları (eAT) zemin katta 0.05 numaralı odada "
                    "teslim edilir."
                ),
            },
        },
        counters=(
            ("N1", None, "2. Etage, Raum 2.02 (Notfallschalter neben der Infotheke)"),
            ("1.01", "1", "2. Etage, Raum 2.21"),
            ("1.02", "1", "2. Etage, Raum 2.22"),
            ("1.03", "1", "2. Etage, Raum 2.23"),
            ("2.01", "2", "2. Etage, Raum 2.31"),
            ("2.02", "2", "2. Etage, Raum 2.32"),
            ("2.03", "2", "2. Etage, Raum 2.33"),
            ("2.04", "2", "2. Etage, Raum 2.34"),
            ("2.05", "2", "2. Etage, Raum 2.35"),
            ("3.01", "3", "3. Etage, Raum 3.11"),
            ("3.02", "3", "3. Etage, Raum 3.12"),
            ("A1", "3", "Erdgeschoss, Raum 0.05 (Ausgabe eAT)"),
            ("A2", "3", "Erdgeschoss, Raum 0.05 (Ausgabe eAT)"),
            ("4.01", "4", "3. Etage, Raum 3.21"),
            ("4.02", "4", "3. Etage, Raum 3.22"),
            ("4.03", "4", "3. Etage, Raum 3.23"),
        ),
    ),
    LocationSpec(
        key=CAMPUS,
        street="Campusallee 10",
        postcode="45501",
        city="Musterstadt",
        texts={
            "name": {
                "de": "Welcome Center an der Hochschule",
                "de-simple": "Welcome Center an der Hoch-Schule",
                "en": "Welcome Center at the university",
                "ar": "مركز الترحيب (Welcome Center) في الجامعة",
                "uk": "Welcome Center в університеті",
            },
            "directions": {
                "de": (
                    "Campus Nord, Gebäude C, Erdgeschoss, Raum C.0.14 (im International Office). "
                    "Buslinie 627 bis „Hochschule“. Dienstag und Donnerstag vormittags, nur mit Termin."
                ),
                "de-simple": (
                    "Das Welcome Center ist an der Hoch-Schule. Gehen Sie in das Haus C. Der Raum ist "
                    "im Erd-Geschoss: Raum C.0.14. Fahren Sie mit dem Bus 627 bis „Hochschule“. Wir "
                    "sind am Dienstag und am Donnerstag am Vormittag da. Sie brauchen einen Termin."
                ),
                "en": (
                    "North campus, building C, ground floor, room C.0.14 (in the International "
                    "Office). Bus line 627 to “Hochschule”. Tuesday and Thursday mornings, by "
                    "appointment only."
                ),
            },
        },
        counters=(
            ("C1", "1", "Gebäude C, Erdgeschoss, Raum C.0.14"),
            ("C2", "1", "Gebäude C, Erdgeschoss, Raum C.0.14"),
        ),
    ),
]

BEISPIELHEIM_LOCATION = LocationSpec(
    key=MAIN,
    street="Marktstraße 1",
    postcode="59900",
    city="Beispielheim",
    texts={
        "name": {"de": "Ausländerbehörde im Rathaus"},
        "directions": {"de": "Rathaus, 1. Obergeschoss, Zimmer 104 und 105. Der Aufzug ist links vom Haupteingang."},
    },
    counters=(("104", "A", "1. Obergeschoss, Zimmer 104"), ("105", "B", "1. Obergeschoss, Zimmer 105")),
)

# --- Services ------------------------------------------------------------------------------

ONLINE, REQUEST, DESK = "online", "request", "desk"


@dataclass(frozen=True)
class ServiceSpec:
    key: str
    section: str
    mode: str
    minutes: int
    window: tuple[int, int]  # earliest and latest days ahead for online booking
    demand: int  # relative share of the appointments of the staff qualified for it
    texts: Texts
    # A translation made from an older German text: language -> (field, older German source).
    outdated: dict[str, tuple[str, str]] = field(default_factory=dict)


SERVICES: list[ServiceSpec] = [
    # 1 Beschäftigung und Studium -------------------------------------------------------------
    ServiceSpec(
        key="blaue_karte",
        section="1",
        mode=ONLINE,
        minutes=45,
        window=(2, 42),
        demand=6,
        texts={
            "name": {
                "de": "Blaue Karte EU – Erteilung",
                "de-simple": "Blaue Karte EU: Arbeiten mit Studium",
                "en": "EU Blue Card – first issue",
                "ar": "البطاقة الزرقاء الأوروبية – الإصدار الأول",
                "uk": "Блакитна карта ЄС — перша видача",
                "tr": "AB Mavi Kartı – ilk veriliş",
                "fa": "کارت آبی اتحادیهٔ اروپا – صدور نخستین",
                "ru": "Голубая карта ЕС — первичная выдача",
            },
            "description": {
                "de": (
                    "Aufenthaltstitel für Fachkräfte mit Hochschulabschluss und einem Arbeitsplatz mit "
                    "Mindestgehalt (jährlich festgelegt; niedriger in Engpassberufen und für "
                    "Berufseinsteiger). Für die erste Blaue Karte nach der Einreise mit Visum."
                ),
                "de-simple": (
                    "Sie haben an einer Hoch-Schule studiert? Sie haben eine Arbeit in Deutschland mit "
                    "einem guten Gehalt? Dann bekommen Sie vielleicht die Blaue Karte EU. Dieser Termin "
                    "ist für die erste Blaue Karte. Sie sind mit einem Visum nach Deutschland gekommen."
                ),
                "en": (
                    "Residence permit for skilled workers with a university degree and a job with a "
                    "minimum salary (set every year; lower in shortage occupations and for recent "
                    "graduates). For the first Blue Card after entering Germany with a visa."
                ),
                "ar": (
                    "تصريح إقامة للعمالة الماهرة الحاصلة على شهادة جامعية وعقد عمل براتب لا يقل عن حد "
                    "أدنى (يُحدَّد سنوياً، وهو أقل في المهن التي تعاني نقصاً وللخريجين الجدد). للبطاقة "
                    "الزرقاء الأولى بعد الدخول بتأشيرة."
                ),
                "uk": (
                    "Дозвіл на проживання для кваліфікованих фахівців із вищою освітою та роботою з "
                    "мінімальною зарплатою (визначається щороку; нижча для дефіцитних професій і "
                    "випускників). Для першої Блакитної карти після в’їзду з візою."
                ),
            },
            "documents": {
                "de": _lines(
                    "Gültiger Reisepass mit Visum",
                    "Arbeitsvertrag oder verbindliches Arbeitsplatzangebot",
                    "Erklärung zum Beschäftigungsverhältnis (vom Arbeitgeber ausgefüllt)",
                    "Hochschulabschluss mit Anerkennung oder Vergleichbarkeit (anabin oder ZAB)",
                    "Berufsausübungserlaubnis, falls Ihr Beruf sie verlangt (z. B. Ärztinnen und Ärzte)",
                    "Ein aktuelles biometrisches Passfoto",
                    "Meldebescheinigung und Nachweis der Krankenversicherung",
                ),
                "de-simple": _lines(
                    "Ihr Pass mit dem Visum",
                    "Ihr Arbeits-Vertrag",
                    "Das Formular „Erklärung zum Beschäftigungs-Verhältnis“. Ihr Arbeit-Geber füllt es aus.",
                    "Ihr Zeugnis von der Hoch-Schule. Und der Nachweis: Es ist in Deutschland anerkannt.",
                    "Manche Berufe brauchen eine Erlaubnis, zum Beispiel Ärzte. Dann bringen Sie die Erlaubnis mit.",
                    "Ein neues Foto für den Pass",
                    "Ihre Melde-Bescheinigung und ein Nachweis über Ihre Kranken-Versicherung",
                ),
                "en": _lines(
                    "Valid passport with visa",
                    "Employment contract or binding job offer",
                    "Declaration of employment relationship (completed by the employer)",
                    "University degree with recognition or comparability statement (anabin or ZAB)",
                    "Licence to practise, if your profession requires one (e.g. doctors)",
                    "One recent biometric passport photo",
                    "Certificate of registration and proof of health insurance",
                ),
                "ar": _lines(
                    "جواز سفر ساري المفعول مع التأشيرة",
                    "عقد العمل أو عرض عمل ملزم",
                    "إقرار علاقة العمل (يملؤه صاحب العمل)",
                    "الشهادة الجامعية مع الاعتراف بها أو إثبات معادلتها (anabin أو ZAB)",
                    "ترخيص مزاولة المهنة إذا كانت مهنتك تتطلبه (مثل الأطباء)",
                    "صورة شخصية بيومترية حديثة",
                    "شهادة تسجيل السكن وإثبات التأمين الصحي",
                ),
                "uk": _lines(
                    "Дійсний закордонний паспорт із візою",
                    "Трудовий договір або обов’язкова пропозиція роботи",
                    "Декларація про трудові відносини (заповнює роботодавець)",
                    "Диплом про вищу освіту з визнанням або підтвердженням відповідності (anabin або ZAB)",
                    "Дозвіл на професійну діяльність, якщо він потрібен для вашої професії (наприклад, для лікарів)",
                    "Одне актуальне біометричне фото",
                    "Довідка про реєстрацію місця проживання та підтвердження медичного страхування",
                ),
            },
            "fee": {"de": "100 €", "de-simple": "100 Euro", "en": "€100", "ar": "100 يورو", "uk": "100 євро"},
            "notes": {
                "de": (
                    "Die Zustimmung der Bundesagentur für Arbeit holen wir selbst ein, wenn sie nötig ist. "
                    "Ihr eAT ist nach etwa vier bis sechs Wochen fertig; bis dahin bekommen Sie eine "
                    "Bescheinigung."
                ),
                "de-simple": (
                    "Manchmal muss die Agentur für Arbeit zustimmen. Das machen wir für Sie. Ihre Karte ist "
                    "nach 4 bis 6 Wochen fertig. Bis dahin bekommen Sie ein Papier von uns."
                ),
                "en": (
                    "If the approval of the Federal Employment Agency is needed, we obtain it ourselves. "
                    "Your eAT is ready after about four to six weeks; until then you receive a certificate."
                ),
                "ar": (
                    "إذا لزمت موافقة الوكالة الاتحادية للعمل، نطلبها نحن بأنفسنا. تصبح بطاقة eAT جاهزة بعد "
                    "أربعة إلى ستة أسابيع تقريباً؛ وحتى ذلك الحين تحصل على شهادة مؤقتة."
                ),
                "uk": (
                    "Якщо потрібна згода Федерального агентства зайнятості, ми отримуємо її самі. Ваша eAT "
                    "буде готова приблизно за чотири–шість тижнів; до того ви отримаєте довідку."
                ),
            },
        },
    ),
    ServiceSpec(
        key="blaue_karte_verl",
        section="1",
        mode=ONLINE,
        minutes=30,
        window=(2, 42),
        demand=3,
        texts={
            "name": {
                "de": "Blaue Karte EU – Verlängerung und Arbeitgeberwechsel",
                "en": "EU Blue Card – extension and change of employer",
            },
            "description": {
                "de": (
                    "Verlängerung Ihrer Blauen Karte EU, auch wenn Sie den Arbeitgeber wechseln. In den "
                    "ersten zwölf Monaten zeigen Sie einen Wechsel vorher bei uns an."
                ),
                "en": (
                    "Extension of your EU Blue Card, also when you change employer. During the first "
                    "twelve months, tell us about a change beforehand."
                ),
            },
            "documents": {
                "de": _lines(
                    "Gültiger Reisepass",
                    "Aktuelle Blaue Karte EU (eAT)",
                    "Arbeitsvertrag und Gehaltsabrechnungen der letzten drei Monate",
                    "Bei Arbeitgeberwechsel: neuer Arbeitsvertrag und Erklärung zum Beschäftigungsverhältnis",
                    "Ein aktuelles biometrisches Passfoto",
                ),
            },
            "fee": {"de": "93 €"},
        },
    ),
    ServiceSpec(
        key="fachkraft",
        section="1",
        mode=ONLINE,
        minutes=45,
        window=(2, 42),
        demand=4,
        texts={
            "name": {
                "de": "Aufenthaltserlaubnis für Fachkräfte mit Berufsausbildung oder Studium",
                "en": "Residence permit for skilled workers",
                "uk": "Дозвіл на проживання для кваліфікованих фахівців",
            },
            "description": {
                "de": (
                    "Erteilung und Verlängerung für Fachkräfte (§§ 18a, 18b AufenthG), auch nach dem "
                    "beschleunigten Fachkräfteverfahren, und für Menschen mit ausgeprägter "
                    "Berufserfahrung (§ 19c Abs. 2 AufenthG)."
                ),
            },
            "documents": {
                "de": _lines(
                    "Gültiger Reisepass mit Visum oder bisherigem Aufenthaltstitel",
                    "Arbeitsvertrag",
                    "Erklärung zum Beschäftigungsverhältnis",
                    "Anerkennungsbescheid oder Zeugnisbewertung der ZAB",
                    "Berufsausübungserlaubnis, falls erforderlich (z. B. in der Pflege)",
                    "Ein aktuelles biometrisches Passfoto",
                    "Meldebescheinigung",
                ),
            },
            "fee": {"de": "100 € (Verlängerung: 93 €)"},
        },
    ),
    ServiceSpec(
        key="studium",
        section="1",
        mode=ONLINE,
        minutes=30,
        window=(1, 35),
        demand=6,
        texts={
            "name": {
                "de": "Aufenthaltserlaubnis zum Studium",
                "de-simple": "Aufenthalts-Erlaubnis für das Studium",
                "en": "Residence permit for study",
                "ar": "تصريح الإقامة للدراسة",
                "uk": "Дозвіл на проживання для навчання",
                "fa": "اجازهٔ اقامت برای تحصیل",
                "ru": "Вид на жительство для учёбы",
            },
            "description": {
                "de": (
                    "Erteilung und Verlängerung der Aufenthaltserlaubnis für ein Studium, ein "
                    "Studienkolleg oder einen Sprachkurs zur Studienvorbereitung. Studierende der "
                    "Hochschule Musterstadt buchen am besten im Welcome Center auf dem Campus."
                ),
                "de-simple": (
                    "Sie studieren in Musterstadt? Oder Sie wollen bald studieren? Hier bekommen oder "
                    "verlängern Sie Ihre Aufenthalts-Erlaubnis. Sie studieren an der Hoch-Schule "
                    "Musterstadt? Dann machen Sie den Termin am besten im Welcome Center an der Hoch-Schule."
                ),
                "en": (
                    "Issue and extension of the residence permit for a degree course, a preparatory "
                    "college (Studienkolleg) or a language course preparing for study. Students of "
                    "Hochschule Musterstadt are best served at the Welcome Center on campus."
                ),
                "ar": (
                    "إصدار وتمديد تصريح الإقامة للدراسة الجامعية أو الكلية التحضيرية (Studienkolleg) أو "
                    "دورة لغة تحضيرية للدراسة. يُفضَّل أن يحجز طلاب جامعة Musterstadt موعدهم في مركز "
                    "الترحيب (Welcome Center) داخل الحرم الجامعي."
                ),
                "uk": (
                    "Видача й продовження дозволу на проживання для навчання у виші, на підготовчих "
                    "курсах (Studienkolleg) або на мовних курсах для підготовки до навчання. Студентам "
                    "Hochschule Musterstadt найзручніше записуватися у Welcome Center на кампусі."
                ),
            },
            "documents": {
                "de": _lines(
                    "Gültiger Reisepass (mit Visum, wenn Sie mit Visum eingereist sind)",
                    "Immatrikulationsbescheinigung oder Zulassung",
                    "Finanzierungsnachweis, z. B. Sperrkonto, Stipendium oder Verpflichtungserklärung",
                    "Nachweis der Krankenversicherung",
                    "Mietvertrag oder Wohnheimvertrag",
                    "Bei Verlängerung: Studienverlaufsbescheinigung und Leistungsnachweise (Transcript of Records)",
                    "Ein aktuelles biometrisches Passfoto",
                ),
                "de-simple": _lines(
                    "Ihr Pass",
                    "Die Bescheinigung von der Hoch-Schule: Sie sind Studentin oder Student.",
                    "Ein Nachweis über Ihr Geld zum Leben. Zum Beispiel: ein Sperr-Konto oder ein Stipendium.",
                    "Ein Nachweis über Ihre Kranken-Versicherung",
                    "Ihr Miet-Vertrag oder der Vertrag vom Wohn-Heim",
                    "Zum Verlängern: eine Bescheinigung über Ihr bisheriges Studium und Ihre Noten",
                    "Ein neues Foto für den Pass",
                ),
                "en": _lines(
                    "Valid passport (with visa if you entered with one)",
                    "Certificate of enrolment or letter of admission",
                    "Proof of funds, e.g. blocked account, scholarship or formal obligation (Verpflichtungserklärung)",
                    "Proof of health insurance",
                    "Tenancy or student residence agreement",
                    "For an extension: certificate of study progress and transcript of records",
                    "One recent biometric passport photo",
                ),
                "ar": _lines(
                    "جواز سفر ساري المفعول (مع التأشيرة إن دخلت بتأشيرة)",
                    "شهادة القيد أو خطاب القبول",
                    "إثبات التمويل، مثل الحساب المجمَّد أو المنحة أو تعهد الكفالة (Verpflichtungserklärung)",
                    "إثبات التأمين الصحي",
                    "عقد الإيجار أو عقد السكن الطلابي",
                    "عند التمديد: شهادة سير الدراسة وكشف الدرجات",
                    "صورة شخصية بيومترية حديثة",
                ),
                "uk": _lines(
                    "Дійсний закордонний паспорт (з візою, якщо ви в’їхали з нею)",
                    "Довідка про зарахування або лист про вступ",
                    "Підтвердження фінансування, наприклад блокований рахунок, стипендія або зобов’язання "
                    "(Verpflichtungserklärung)",
                    "Підтвердження медичного страхування",
                    "Договір оренди або договір про проживання в гуртожитку",
                    "Для продовження: довідка про хід навчання та виписка з оцінками (Transcript of Records)",
                    "Одне актуальне біометричне фото",
                ),
            },
            "fee": {
                "de": "100 € (Verlängerung: 93 €)",
                "de-simple": "100 Euro. Verlängern: 93 Euro.",
                "en": "€100 (extension: €93)",
                "ar": "100 يورو (التمديد: 93 يورو)",
                "uk": "100 євро (продовження: 93 євро)",
            },
            "notes": {
                "de": (
                    "Neben dem Studium dürfen Sie 140 ganze oder 280 halbe Tage im Jahr arbeiten. "
                    "Studentische Nebentätigkeiten an der Hochschule zählen nicht mit."
                ),
                "de-simple": (
                    "Sie dürfen neben dem Studium arbeiten: 140 ganze Tage oder 280 halbe Tage im Jahr. "
                    "Arbeit an der Hoch-Schule zählt nicht mit."
                ),
                "en": (
                    "Besides your studies you may work 140 full or 280 half days a year. Student jobs at "
                    "the university do not count."
                ),
                "ar": (
                    "يُسمح لك إلى جانب الدراسة بالعمل 140 يوماً كاملاً أو 280 نصف يوم في السنة. لا تُحتسب "
                    "الوظائف الطلابية في الجامعة."
                ),
                "uk": (
                    "Під час навчання ви можете працювати 140 повних або 280 неповних днів на рік. "
                    "Студентська робота у виші не враховується."
                ),
            },
        },
    ),
    ServiceSpec(
        key="ausbildung",
        section="1",
        mode=ONLINE,
        minutes=30,
        window=(1, 35),
        demand=2,
        texts={
            "name": {
                "de": "Aufenthaltserlaubnis zur Berufsausbildung",
                "en": "Residence permit for vocational training",
                "ar": "تصريح الإقامة للتدريب المهني",
            },
            "description": {
                "de": (
                    "Für eine qualifizierte Berufsausbildung in einem Betrieb oder an einer "
                    "Berufsfachschule und für die Suche nach einem Ausbildungsplatz."
                ),
            },
            "documents": {
                "de": _lines(
                    "Gültiger Reisepass",
                    "Ausbildungsvertrag (bei der Kammer eingetragen) oder Schulvertrag",
                    "Nachweis der Deutschkenntnisse (in der Regel B1)",
                    "Nachweis des Lebensunterhalts, z. B. Ausbildungsvergütung",
                    "Nachweis der Krankenversicherung",
                    "Ein aktuelles biometrisches Passfoto",
                ),
            },
            "fee": {"de": "100 €"},
        },
    ),
    ServiceSpec(
        key="chancenkarte",
        section="1",
        mode=ONLINE,
        minutes=30,
        window=(2, 42),
        demand=2,
        texts={
            "name": {
                "de": "Chancenkarte – Wechsel in eine Beschäftigung",
                "en": "Opportunity Card – switching to employment",
            },
            "description": {
                "de": (
                    "Sie sind mit der Chancenkarte eingereist und haben eine Arbeit gefunden? Dann "
                    "beantragen Sie hier die passende Aufenthaltserlaubnis. Auch für Fragen zur "
                    "Probebeschäftigung und zur Nebenbeschäftigung bis 20 Stunden in der Woche."
                ),
            },
            "documents": {
                "de": _lines(
                    "Gültiger Reisepass mit Chancenkarte (Visum)",
                    "Arbeitsvertrag oder Arbeitsplatzangebot",
                    "Erklärung zum Beschäftigungsverhältnis",
                    "Anerkennungsbescheid oder Zeugnisbewertung",
                    "Nachweis der Krankenversicherung",
                    "Ein aktuelles biometrisches Passfoto",
                ),
            },
            "fee": {"de": "100 €"},
        },
    ),
    # 2 Familie und Aufenthalt ----------------------------------------------------------------
    ServiceSpec(
        key="verlaengerung",
        section="2",
        mode=ONLINE,
        minutes=30,
        window=(2, 42),
        demand=12,
        texts={
            "name": {
                "de": "Verlängerung der Aufenthaltserlaubnis",
                "de-simple": "Aufenthalts-Erlaubnis verlängern",
                "en": "Extension of a residence permit",
                "ar": "تمديد تصريح الإقامة",
                "uk": "Продовження дозволу на проживання",
                "tr": "Oturum izninin uzatılması",
                "fa": "تمدید اجازهٔ اقامت",
                "ru": "Продление вида на жительство",
            },
            "description": {
                "de": (
                    "Ihre Aufenthaltserlaubnis läuft bald ab und der Zweck Ihres Aufenthalts bleibt "
                    "gleich (zum Beispiel Familie oder Arbeit beim selben Arbeitgeber)? Beantragen Sie "
                    "die Verlängerung frühzeitig, am besten sechs bis acht Wochen vor Ablauf."
                ),
                "de-simple": (
                    "Ihre Aufenthalts-Erlaubnis ist bald zu Ende? Sie wollen weiter in Deutschland "
                    "bleiben? Dann müssen Sie die Erlaubnis verlängern. Machen Sie früh einen Termin. "
                    "Am besten 6 bis 8 Wochen vorher."
                ),
                # Made from the older German text below: shows as outdated.
                "en": (
                    "Your residence permit expires soon? Apply for the extension at least four weeks before it expires."
                ),
                "ar": (
                    "ينتهي تصريح إقامتك قريباً ويبقى غرض إقامتك كما هو (مثلاً الأسرة أو العمل لدى صاحب "
                    "العمل نفسه)؟ قدّم طلب التمديد مبكراً، ويُفضَّل قبل انتهاء التصريح بستة إلى ثمانية "
                    "أسابيع."
                ),
                "uk": (
                    "Строк дії вашого дозволу на проживання скоро закінчується, а мета перебування "
                    "залишається тією самою (наприклад, сім’я або робота в того самого роботодавця)? "
                    "Подайте заяву на продовження заздалегідь — найкраще за шість–вісім тижнів до "
                    "закінчення строку."
                ),
            },
            "documents": {
                "de": _lines(
                    "Gültiger Reisepass",
                    "Aktueller elektronischer Aufenthaltstitel (eAT)",
                    "Ein aktuelles biometrisches Passfoto",
                    "Ausgefüllter Antrag auf Verlängerung",
                    "Einkommensnachweise der letzten drei Monate (z. B. Gehaltsabrechnungen)",
                    "Mietvertrag oder Wohnungsgeberbestätigung",
                    "Nachweis der Krankenversicherung",
                ),
                "de-simple": _lines(
                    "Ihr Pass",
                    "Ihre Aufenthalts-Karte (eAT)",
                    "Ein neues Foto für den Pass",
                    "Das Antrags-Formular. Füllen Sie es vorher aus.",
                    "Nachweise über Ihr Geld: zum Beispiel Lohn-Zettel von den letzten 3 Monaten",
                    "Ihr Miet-Vertrag",
                    "Ein Nachweis über Ihre Kranken-Versicherung",
                ),
                "en": _lines(
                    "Valid passport",
                    "Current electronic residence permit (eAT)",
                    "One recent biometric passport photo",
                    "Completed application form for the extension",
                    "Proof of income for the last three months (e.g. payslips)",
                    "Tenancy agreement or landlord's confirmation (Wohnungsgeberbestätigung)",
                    "Proof of health insurance",
                ),
                "ar": _lines(
                    "جواز سفر ساري المفعول",
                    "بطاقة الإقامة الإلكترونية الحالية (eAT)",
                    "صورة شخصية بيومترية حديثة",
                    "استمارة طلب التمديد معبّأة",
                    "إثبات الدخل عن الأشهر الثلاثة الأخيرة (مثل كشوف الراتب)",
                    "عقد الإيجار أو تأكيد المؤجِّر (Wohnungsgeberbestätigung)",
                    "إثبات التأمين الصحي",
                ),
                "uk": _lines(
                    "Дійсний закордонний паспорт",
                    "Чинна електронна посвідка на проживання (eAT)",
                    "Одне актуальне біометричне фото",
                    "Заповнена заява на продовження",
                    "Підтвердження доходу за останні три місяці (наприклад, розрахункові листи)",
                    "Договір оренди або підтвердження орендодавця (Wohnungsgeberbestätigung)",
                    "Підтвердження медичного страхування",
                ),
            },
            "fee": {"de": "93 €", "de-simple": "93 Euro", "en": "€93", "ar": "93 يورو", "uk": "93 євро"},
            "notes": {
                "de": (
                    "Bitte kommen Sie pünktlich; die Gebühr zahlen Sie beim Termin mit Karte. Läuft Ihr "
                    "Titel in weniger als zwei Wochen ab und finden Sie keinen Termin, nutzen Sie die "
                    "Notfalltermine, die jeden Morgen frei werden."
                ),
                "de-simple": (
                    "Kommen Sie pünktlich. Sie bezahlen beim Termin mit Karte. Ihre Erlaubnis endet in "
                    "weniger als 2 Wochen und es gibt keinen Termin? Dann nehmen Sie einen Notfall-Termin. "
                    "Die gibt es jeden Morgen."
                ),
                "en": (
                    "Please be on time; you pay the fee at the appointment by card. If your permit expires "
                    "in less than two weeks and you cannot find an appointment, use the emergency "
                    "appointments released every morning."
                ),
                "ar": (
                    "يرجى الحضور في الموعد المحدد؛ تُدفع الرسوم أثناء الموعد بالبطاقة. إذا كان تصريحك ينتهي "
                    "خلال أقل من أسبوعين ولم تجد موعداً، فاستخدم مواعيد الطوارئ التي تُتاح كل صباح."
                ),
                "uk": (
                    "Будь ласка, приходьте вчасно; збір ви сплачуєте під час прийому карткою. Якщо ваш "
                    "дозвіл спливає менш ніж за два тижні, а вільного запису немає, скористайтеся "
                    "екстреним записом, який відкривається щоранку."
                ),
            },
        },
        outdated={
            "en": (
                "description",
                "Ihre Aufenthaltserlaubnis läuft bald ab? Beantragen Sie die Verlängerung spätestens "
                "vier Wochen vor Ablauf.",
            ),
        },
    ),
    ServiceSpec(
        key="nachzug_ehe",
        section="2",
        mode=ONLINE,
        minutes=45,
        window=(2, 42),
        demand=6,
        texts={
            "name": {
                "de": "Familiennachzug – Ehegattin oder Ehegatte",
                "de-simple": "Ehe-Partner kommt nach Deutschland",
                "en": "Family reunification – spouse",
                "ar": "لمّ شمل الأسرة – الزوجة أو الزوج",
                "uk": "Возз’єднання сім’ї — дружина або чоловік",
                "tr": "Aile birleşimi – eş",
                "fa": "پیوستن خانواده – همسر",
                "ru": "Воссоединение семьи — супруга или супруг",
            },
            "description": {
                "de": (
                    "Aufenthaltserlaubnis für Ihre Ehefrau oder Ihren Ehemann, die oder der mit einem "
                    "Visum zum Familiennachzug eingereist ist. Bitte kommen Sie gemeinsam zum Termin."
                ),
                "de-simple": (
                    "Ihr Mann oder Ihre Frau ist mit einem Visum nach Deutschland gekommen? Dann braucht er "
                    "oder sie jetzt eine Aufenthalts-Erlaubnis. Kommen Sie zusammen zum Termin."
                ),
                "en": (
                    "Residence permit for your wife or husband who entered Germany with a family "
                    "reunification visa. Please come to the appointment together."
                ),
                "ar": (
                    "تصريح إقامة لزوجتك أو زوجك الذي دخل ألمانيا بتأشيرة لمّ شمل الأسرة. يرجى الحضور إلى الموعد معاً."
                ),
                "uk": (
                    "Дозвіл на проживання для вашої дружини або чоловіка, які в’їхали до Німеччини з візою "
                    "для возз’єднання сім’ї. Будь ласка, приходьте на прийом разом."
                ),
            },
            "documents": {
                "de": _lines(
                    "Reisepässe beider Eheleute",
                    "Visum zum Familiennachzug",
                    "Heiratsurkunde (mit Übersetzung, falls nicht auf Deutsch)",
                    "Aufenthaltstitel oder Personalausweis der Person, zu der der Nachzug erfolgt",
                    "Ein aktuelles biometrisches Passfoto",
                    "Meldebescheinigung",
                    "Nachweis der Krankenversicherung",
                    "Einkommensnachweise der letzten drei Monate und Mietvertrag",
                ),
                "de-simple": _lines(
                    "Die Pässe von Ihnen beiden",
                    "Das Visum",
                    "Die Heirats-Urkunde. Sie ist nicht auf Deutsch? Dann bringen Sie auch eine Übersetzung mit.",
                    "Die Aufenthalts-Karte oder der Ausweis von Ihrem Ehe-Partner in Deutschland",
                    "Ein neues Foto für den Pass",
                    "Die Melde-Bescheinigung",
                    "Ein Nachweis über die Kranken-Versicherung",
                    "Nachweise über Ihr Geld von den letzten 3 Monaten und Ihr Miet-Vertrag",
                ),
                "en": _lines(
                    "Passports of both spouses",
                    "Family reunification visa",
                    "Marriage certificate (with translation if not in German)",
                    "Residence permit or ID card of the person being joined",
                    "One recent biometric passport photo",
                    "Certificate of registration (Meldebescheinigung)",
                    "Proof of health insurance",
                    "Proof of income for the last three months and tenancy agreement",
                ),
                "ar": _lines(
                    "جوازا سفر الزوجين",
                    "تأشيرة لمّ شمل الأسرة",
                    "عقد الزواج (مع ترجمة إن لم يكن باللغة الألمانية)",
                    "تصريح الإقامة أو بطاقة الهوية للشخص الذي يتم اللحاق به",
                    "صورة شخصية بيومترية حديثة",
                    "شهادة تسجيل السكن (Meldebescheinigung)",
                    "إثبات التأمين الصحي",
                    "إثبات الدخل عن الأشهر الثلاثة الأخيرة وعقد الإيجار",
                ),
                "uk": _lines(
                    "Закордонні паспорти обох подружжя",
                    "Віза для возз’єднання сім’ї",
                    "Свідоцтво про шлюб (з перекладом, якщо воно не німецькою мовою)",
                    "Дозвіл на проживання або посвідчення особи того, до кого приїжджає член сім’ї",
                    "Одне актуальне біометричне фото",
                    "Довідка про реєстрацію місця проживання (Meldebescheinigung)",
                    "Підтвердження медичного страхування",
                    "Підтвердження доходу за останні три місяці та договір оренди",
                ),
            },
            "fee": {"de": "100 €", "de-simple": "100 Euro", "en": "€100", "ar": "100 يورو", "uk": "100 євро"},
            "notes": {
                "de": (
                    "Deutschkenntnisse (A1) haben Sie in der Regel schon für das Visum nachgewiesen; "
                    "bringen Sie das Zertifikat trotzdem mit."
                ),
                "de-simple": "Sie haben ein Deutsch-Zertifikat A1? Bringen Sie es bitte mit.",
                "en": (
                    "German language skills (A1) were usually proven for the visa already; please bring the "
                    "certificate anyway."
                ),
                "ar": (
                    "عادةً ما تكون المعرفة باللغة الألمانية (المستوى A1) قد أُثبتت عند طلب التأشيرة؛ يرجى "
                    "إحضار الشهادة على أي حال."
                ),
                "uk": (
                    "Знання німецької мови (рівень A1) зазвичай уже підтверджено для візи; усе ж візьміть "
                    "сертифікат із собою."
                ),
            },
        },
    ),
    ServiceSpec(
        key="nachzug_kind",
        section="2",
        mode=ONLINE,
        minutes=30,
        window=(2, 42),
        demand=4,
        texts={
            "name": {
                "de": "Familiennachzug – Kind (auch nach Geburt in Deutschland)",
                "de-simple": "Aufenthalts-Erlaubnis für ein Kind",
                "en": "Residence permit for a child (family reunification and birth in Germany)",
                "ar": "تصريح إقامة لطفل (لمّ الشمل أو الولادة في ألمانيا)",
                "uk": "Дозвіл на проживання для дитини (возз’єднання сім’ї та народження в Німеччині)",
            },
            "description": {
                "de": (
                    "Aufenthaltserlaubnis für ein Kind, das zu seinen Eltern nachgezogen ist oder in "
                    "Deutschland geboren wurde und nicht automatisch Deutsche oder Deutscher ist. Ein "
                    "Elternteil kommt mit dem Kind zum Termin."
                ),
                "de-simple": (
                    "Ihr Kind ist nach Deutschland gekommen? Oder Ihr Kind ist in Deutschland geboren? Dann "
                    "braucht es vielleicht eine Aufenthalts-Erlaubnis. Ein Eltern-Teil kommt mit dem Kind "
                    "zum Termin."
                ),
                "en": (
                    "Residence permit for a child who has joined their parents or was born in Germany and "
                    "is not automatically a German citizen. One parent comes to the appointment with the "
                    "child."
                ),
                "ar": (
                    "تصريح إقامة لطفل لحق بوالديه أو وُلد في ألمانيا ولا يحصل تلقائياً على الجنسية "
                    "الألمانية. يحضر أحد الوالدين مع الطفل إلى الموعد."
                ),
                "uk": (
                    "Дозвіл на проживання для дитини, яка приїхала до батьків або народилася в Німеччині й "
                    "не отримала автоматично німецького громадянства. Один із батьків приходить на прийом "
                    "разом із дитиною."
                ),
            },
            "documents": {
                "de": _lines(
                    "Reisepass des Kindes (oder Nachweis, dass er beantragt ist)",
                    "Geburtsurkunde des Kindes",
                    "Visum des Kindes (beim Nachzug)",
                    "Aufenthaltstitel beider Eltern",
                    "Ein aktuelles biometrisches Passfoto des Kindes",
                    "Nachweis des Sorgerechts, wenn nur ein Elternteil in Deutschland lebt",
                    "Meldebescheinigung",
                ),
                "de-simple": _lines(
                    "Der Pass von dem Kind. Es hat noch keinen? Dann bringen Sie den Nachweis mit: Der Pass "
                    "ist beantragt.",
                    "Die Geburts-Urkunde von dem Kind",
                    "Das Visum von dem Kind, wenn es eins hat",
                    "Die Aufenthalts-Karten von beiden Eltern",
                    "Ein neues Pass-Foto von dem Kind",
                    "Nur ein Eltern-Teil lebt in Deutschland? Dann bringen Sie einen Nachweis über das "
                    "Sorge-Recht mit.",
                    "Die Melde-Bescheinigung",
                ),
                "en": _lines(
                    "Child's passport (or proof that it has been applied for)",
                    "Child's birth certificate",
                    "Child's visa (after entry for family reunification)",
                    "Residence permits of both parents",
                    "One recent biometric passport photo of the child",
                    "Proof of custody if only one parent lives in Germany",
                    "Certificate of registration (Meldebescheinigung)",
                ),
                "ar": _lines(
                    "جواز سفر الطفل (أو إثبات تقديم طلب الحصول عليه)",
                    "شهادة ميلاد الطفل",
                    "تأشيرة الطفل (في حالة لمّ الشمل)",
                    "تصريحا إقامة الوالدين",
                    "صورة شخصية بيومترية حديثة للطفل",
                    "إثبات الحضانة إذا كان أحد الوالدين فقط يعيش في ألمانيا",
                    "شهادة تسجيل السكن (Meldebescheinigung)",
                ),
                "uk": _lines(
                    "Паспорт дитини (або підтвердження, що його замовлено)",
                    "Свідоцтво про народження дитини",
                    "Віза дитини (у разі возз’єднання сім’ї)",
                    "Дозволи на проживання обох батьків",
                    "Одне актуальне біометричне фото дитини",
                    "Підтвердження права опіки, якщо в Німеччині живе лише один із батьків",
                    "Довідка про реєстрацію місця проживання (Meldebescheinigung)",
                ),
            },
            "fee": {
                "de": "50 € (Kinder unter 18 Jahren)",
                "de-simple": "50 Euro",
                "en": "€50 (children under 18)",
                "ar": "50 يورو (للأطفال دون 18 عاماً)",
                "uk": "50 євро (для дітей до 18 років)",
            },
            "notes": {
                "de": "Für ein in Deutschland geborenes Kind stellen Sie den Antrag innerhalb von sechs Monaten.",
                "de-simple": (
                    "Ihr Kind ist in Deutschland geboren? Dann stellen Sie den Antrag in den ersten 6 Monaten "
                    "nach der Geburt."
                ),
                "en": "For a child born in Germany, apply within six months of the birth.",
                "ar": "للطفل المولود في ألمانيا، قدّم الطلب خلال ستة أشهر من الولادة.",
                "uk": "Для дитини, народженої в Німеччині, подайте заяву протягом шести місяців після народження.",
            },
        },
    ),
    ServiceSpec(
        key="niederlassung",
        section="2",
        mode=REQUEST,
        minutes=45,
        window=(3, 60),
        demand=5,
        texts={
            "name": {
                "de": "Niederlassungserlaubnis",
                "de-simple": "Niederlassungs-Erlaubnis: für immer in Deutschland bleiben",
                "en": "Settlement permit (Niederlassungserlaubnis)",
                "ar": "تصريح الإقامة الدائمة (Niederlassungserlaubnis)",
                "uk": "Дозвіл на поселення (Niederlassungserlaubnis)",
                "tr": "Süresiz oturum izni (Niederlassungserlaubnis)",
                "fa": "اجازهٔ اقامت دائم (Niederlassungserlaubnis)",
                "ru": "Разрешение на поселение (Niederlassungserlaubnis)",
            },
            "description": {
                "de": (
                    "Unbefristeter Aufenthaltstitel, wenn Sie die Voraussetzungen erfüllen: in der Regel "
                    "fünf Jahre Aufenthalt, gesicherter Lebensunterhalt, 60 Monate Rentenbeiträge und "
                    "Deutsch auf Niveau B1; für Fachkräfte und Inhaber der Blauen Karte EU gelten kürzere "
                    "Fristen. Die Termine werden über eine Bedarfsanmeldung fair vergeben: Sie melden "
                    "sich an, und wir bieten Ihnen einen Termin an."
                ),
                "de-simple": (
                    "Mit der Niederlassungs-Erlaubnis dürfen Sie für immer in Deutschland bleiben. Dafür "
                    "gibt es Regeln. Zum Beispiel: Sie leben schon 5 Jahre hier. Sie verdienen selbst genug "
                    "Geld. Sie sprechen Deutsch auf dem Niveau B1. Sie bekommen den Termin nicht sofort. "
                    "Sie melden sich an. Dann bieten wir Ihnen einen Termin an."
                ),
                "en": (
                    "Permanent residence permit if you meet the requirements: usually five years of "
                    "residence, secure income, 60 months of pension contributions and German at level B1; "
                    "shorter periods apply to skilled workers and EU Blue Card holders. Appointments are "
                    "allocated fairly through a registration of need: you register, and we offer you an "
                    "appointment."
                ),
                "ar": (
                    "تصريح إقامة غير محدد المدة إذا استوفيت الشروط: عادةً خمس سنوات من الإقامة، ودخل مضمون، "
                    "و60 شهراً من اشتراكات التأمين التقاعدي، ومعرفة باللغة الألمانية بمستوى B1؛ وتنطبق مدد "
                    "أقصر على العمالة الماهرة وحاملي البطاقة الزرقاء الأوروبية. تُوزَّع المواعيد بشكل عادل "
                    "عبر تسجيل الحاجة: تسجّل طلبك ثم نعرض عليك موعداً."
                ),
                "uk": (
                    "Безстроковий дозвіл на проживання, якщо ви виконуєте умови: зазвичай п’ять років "
                    "перебування, забезпечені засоби до існування, 60 місяців пенсійних внесків і знання "
                    "німецької мови на рівні B1; для кваліфікованих фахівців і власників Блакитної карти ЄС "
                    "діють коротші строки. Записи розподіляються справедливо через реєстрацію потреби: ви "
                    "реєструєтеся, і ми пропонуємо вам час прийому."
                ),
            },
            "documents": {
                "de": _lines(
                    "Gültiger Reisepass",
                    "Aktueller Aufenthaltstitel",
                    "Ein aktuelles biometrisches Passfoto",
                    "Versicherungsverlauf der Deutschen Rentenversicherung",
                    "Arbeitsvertrag und Gehaltsabrechnungen der letzten sechs Monate",
                    "Mietvertrag",
                    "Deutsch-Zertifikat B1 und Zertifikat „Leben in Deutschland“",
                    "Nachweis der Krankenversicherung",
                ),
                "de-simple": _lines(
                    "Ihr Pass",
                    "Ihre Aufenthalts-Karte",
                    "Ein neues Foto für den Pass",
                    "Ihr Renten-Verlauf von der Deutschen Renten-Versicherung",
                    "Ihr Arbeits-Vertrag und Lohn-Zettel von den letzten 6 Monaten",
                    "Ihr Miet-Vertrag",
                    "Ihr Deutsch-Zertifikat B1 und das Zertifikat „Leben in Deutschland“",
                    "Ein Nachweis über Ihre Kranken-Versicherung",
                ),
                "en": _lines(
                    "Valid passport",
                    "Current residence permit",
                    "One recent biometric passport photo",
                    "Pension insurance record (from Deutsche Rentenversicherung)",
                    "Employment contract and payslips for the last six months",
                    "Tenancy agreement",
                    "German certificate B1 and the certificate „Leben in Deutschland“",
                    "Proof of health insurance",
                ),
                "ar": _lines(
                    "جواز سفر ساري المفعول",
                    "تصريح الإقامة الحالي",
                    "صورة شخصية بيومترية حديثة",
                    "سجل التأمين التقاعدي (من Deutsche Rentenversicherung)",
                    "عقد العمل وكشوف الراتب عن الأشهر الستة الأخيرة",
                    "عقد الإيجار",
                    "شهادة اللغة الألمانية B1 وشهادة اختبار «الحياة في ألمانيا» (Leben in Deutschland)",
                    "إثبات التأمين الصحي",
                ),
                "uk": _lines(
                    "Дійсний закордонний паспорт",
                    "Чинний дозвіл на проживання",
                    "Одне актуальне біометричне фото",
                    "Виписка з пенсійного страхування (від Deutsche Rentenversicherung)",
                    "Трудовий договір і розрахункові листи за останні шість місяців",
                    "Договір оренди",
                    "Сертифікат з німецької мови B1 і сертифікат «Життя в Німеччині» (Leben in Deutschland)",
                    "Підтвердження медичного страхування",
                ),
            },
            "fee": {
                "de": "113 € (für Hochqualifizierte: 147 €)",
                "de-simple": "113 Euro. Für Hoch-Qualifizierte: 147 Euro.",
                "en": "€113 (highly qualified persons: €147)",
                "ar": "113 يورو (لذوي المؤهلات العالية: 147 يورو)",
                "uk": "113 євро (для висококваліфікованих фахівців: 147 євро)",
            },
            "notes": {
                "de": (
                    "Bitte melden Sie sich erst an, wenn Sie alle Voraussetzungen erfüllen. Läuft Ihr "
                    "Aufenthaltstitel vorher ab, buchen Sie stattdessen eine Verlängerung."
                ),
                "de-simple": (
                    "Melden Sie sich erst an, wenn Sie alle Regeln erfüllen. Ihre Aufenthalts-Erlaubnis "
                    "endet vorher? Dann machen Sie einen Termin zum Verlängern."
                ),
                "en": (
                    "Please register only once you meet all requirements. If your residence permit expires "
                    "before then, book an extension instead."
                ),
                "ar": (
                    "يرجى التسجيل فقط بعد استيفاء جميع الشروط. إذا كان تصريح إقامتك سينتهي قبل ذلك، فاحجز "
                    "موعداً للتمديد بدلاً من ذلك."
                ),
                "uk": (
                    "Будь ласка, реєструйтеся лише тоді, коли виконуєте всі умови. Якщо ваш дозвіл на "
                    "проживання закінчується раніше, запишіться натомість на продовження."
                ),
            },
        },
    ),
    ServiceSpec(
        key="daueraufenthalt_eu",
        section="2",
        mode=REQUEST,
        minutes=45,
        window=(3, 60),
        demand=2,
        texts={
            "name": {
                "de": "Erlaubnis zum Daueraufenthalt – EU",
                "en": "EU long-term residence permit",
                "tr": "AB uzun süreli oturum izni",
            },
            "description": {
                "de": (
                    "Unbefristeter Aufenthaltstitel nach fünf Jahren Aufenthalt, der auch den Umzug in "
                    "einen anderen EU-Staat erleichtert. Die Termine werden über die Bedarfsanmeldung "
                    "vergeben."
                ),
                "en": (
                    "Permanent residence permit after five years of residence that also makes it easier "
                    "to move to another EU country. Appointments are allocated through the registration "
                    "of need."
                ),
            },
            "documents": {
                "de": _lines(
                    "Gültiger Reisepass",
                    "Aktueller Aufenthaltstitel",
                    "Versicherungsverlauf der Deutschen Rentenversicherung",
                    "Einkommensnachweise der letzten sechs Monate",
                    "Deutsch-Zertifikat B1",
                    "Mietvertrag",
                    "Ein aktuelles biometrisches Passfoto",
                ),
            },
            "fee": {"de": "109 €"},
            "notes": {
                "de": (
                    "Sie können die Erlaubnis zum Daueraufenthalt – EU auch neben einer Niederlassungserlaubnis haben."
                ),
            },
        },
    ),
    ServiceSpec(
        key="fiktion",
        section="2",
        mode=ONLINE,
        minutes=15,
        window=(1, 28),
        demand=2,
        texts={
            "name": {
                "de": "Fiktionsbescheinigung",
                "de-simple": "Fiktions-Bescheinigung: Papier für die Wartezeit",
                "en": "Provisional permit certificate (Fiktionsbescheinigung)",
                "ar": "شهادة استمرار الإقامة المؤقتة (Fiktionsbescheinigung)",
                "uk": "Тимчасова довідка про право на перебування (Fiktionsbescheinigung)",
                "tr": "Geçici oturum belgesi (Fiktionsbescheinigung)",
                "ru": "Временная справка о праве на пребывание (Fiktionsbescheinigung)",
            },
            "description": {
                "de": (
                    "Bescheinigung, dass Ihr Aufenthalt weiter erlaubt ist, solange über Ihren rechtzeitig "
                    "gestellten Antrag noch nicht entschieden ist – zum Beispiel für Arbeitgeber, Behörden "
                    "oder Reisen."
                ),
                "de-simple": (
                    "Sie haben eine neue Aufenthalts-Erlaubnis beantragt? Aber es gibt noch keine "
                    "Entscheidung? Dann bekommen Sie ein Papier. Darauf steht: Sie dürfen weiter in "
                    "Deutschland bleiben. Das Papier können Sie zum Beispiel Ihrem Arbeit-Geber zeigen."
                ),
                "en": (
                    "Certificate that your stay remains lawful while a decision on your application, made "
                    "in time, is pending – for example for employers, authorities or travel."
                ),
                "ar": (
                    "شهادة تثبت أن إقامتك لا تزال مسموحة ما دام لم يُبتّ بعد في طلبك المقدَّم في الوقت "
                    "المحدد – مثلاً لصاحب العمل أو للدوائر الحكومية أو للسفر."
                ),
                "uk": (
                    "Довідка, яка підтверджує, що ваше перебування й надалі законне, доки не ухвалено "
                    "рішення щодо вашої вчасно поданої заяви, — наприклад, для роботодавця, установ або "
                    "подорожей."
                ),
            },
            "documents": {
                "de": _lines(
                    "Gültiger Reisepass",
                    "Aktueller oder gerade abgelaufener Aufenthaltstitel",
                    "Eingangsbestätigung Ihres Antrags (E-Mail oder Brief), falls vorhanden",
                    "Ein aktuelles biometrisches Passfoto",
                ),
                "de-simple": _lines(
                    "Ihr Pass",
                    "Ihre Aufenthalts-Karte. Auch wenn sie gerade abgelaufen ist.",
                    "Die Bestätigung für Ihren Antrag (E-Mail oder Brief), wenn Sie eine haben",
                    "Ein neues Foto für den Pass",
                ),
                "en": _lines(
                    "Valid passport",
                    "Current or just expired residence permit",
                    "Confirmation of receipt of your application (e-mail or letter), if you have one",
                    "One recent biometric passport photo",
                ),
                "ar": _lines(
                    "جواز سفر ساري المفعول",
                    "تصريح الإقامة الحالي أو المنتهي للتو",
                    "تأكيد استلام طلبك (بريد إلكتروني أو رسالة) إن وُجد",
                    "صورة شخصية بيومترية حديثة",
                ),
                "uk": _lines(
                    "Дійсний закордонний паспорт",
                    "Чинний або щойно прострочений дозвіл на проживання",
                    "Підтвердження отримання вашої заяви (електронний лист або лист), якщо є",
                    "Одне актуальне біометричне фото",
                ),
            },
            "fee": {"de": "13 €", "de-simple": "13 Euro", "en": "€13", "ar": "13 يورو", "uk": "13 євро"},
            "notes": {
                "de": (
                    "Eine Fiktionsbescheinigung gibt es nur, wenn Sie den Antrag vor Ablauf Ihres "
                    "Aufenthaltstitels gestellt haben."
                ),
                "de-simple": (
                    "Sie bekommen das Papier nur: wenn Sie den Antrag gestellt haben, bevor Ihre Erlaubnis zu Ende war."
                ),
                "en": "You can only get a Fiktionsbescheinigung if you applied before your residence permit expired.",
                "ar": "لا تحصل على هذه الشهادة إلا إذا قدّمت طلبك قبل انتهاء تصريح إقامتك.",
                "uk": (
                    "Таку довідку можна отримати лише тоді, якщо ви подали заяву до закінчення строку дії "
                    "дозволу на проживання."
                ),
            },
        },
    ),
    ServiceSpec(
        key="nebenbestimmung",
        section="2",
        mode=ONLINE,
        minutes=15,
        window=(1, 28),
        demand=2,
        texts={
            "name": {"de": "Änderung der Nebenbestimmung zur Erwerbstätigkeit"},
            "description": {
                "de": (
                    "Sie wechseln den Arbeitgeber oder möchten zusätzlich arbeiten, und in Ihrem "
                    "Aufenthaltstitel steht eine Beschränkung? Wir prüfen und ändern die Nebenbestimmung."
                ),
            },
            "documents": {
                "de": _lines(
                    "Gültiger Reisepass",
                    "Aktueller Aufenthaltstitel (eAT)",
                    "Neuer Arbeitsvertrag oder Stellenbeschreibung",
                    "Erklärung zum Beschäftigungsverhältnis",
                ),
            },
            "fee": {"de": "50 €"},
        },
    ),
    ServiceSpec(
        key="pass_uebertrag",
        section="2",
        mode=ONLINE,
        minutes=15,
        window=(1, 28),
        demand=3,
        texts={
            "name": {
                "de": "Neuer Pass: Aufenthaltstitel übertragen",
                "en": "New passport: transfer of the residence permit",
                "ar": "جواز سفر جديد: نقل تصريح الإقامة",
                "uk": "Новий паспорт: перенесення дозволу на проживання",
            },
            "description": {
                "de": (
                    "Sie haben einen neuen Reisepass? Wir übertragen Ihren Aufenthaltstitel. Beim "
                    "elektronischen Aufenthaltstitel (eAT) bestellen wir meist eine neue Karte mit den "
                    "neuen Passdaten."
                ),
            },
            "documents": {
                "de": _lines(
                    "Neuer Reisepass",
                    "Alter Reisepass, falls Sie ihn noch haben",
                    "Aktueller Aufenthaltstitel (eAT)",
                    "Ein aktuelles biometrisches Passfoto",
                ),
            },
            "fee": {"de": "67 € (neue eAT-Karte)"},
        },
    ),
    ServiceSpec(
        key="verpflichtung",
        section="2",
        mode=ONLINE,
        minutes=30,
        window=(2, 42),
        demand=3,
        texts={
            "name": {
                "de": "Verpflichtungserklärung für einen Besuch",
                "en": "Formal obligation (Verpflichtungserklärung) for a visit",
                "tr": "Ziyaret için taahhütname (Verpflichtungserklärung)",
                "fa": "تعهدنامهٔ هزینه‌ها برای دعوت مهمان (Verpflichtungserklärung)",
                "ru": "Гарантийное обязательство (Verpflichtungserklärung) для приглашения",
            },
            "description": {
                "de": (
                    "Sie möchten Verwandte oder Freunde zu Besuch einladen und übernehmen die Kosten ihres "
                    "Aufenthalts? Die Verpflichtungserklärung unterschreiben Sie persönlich bei uns."
                ),
            },
            "documents": {
                "de": _lines(
                    "Personalausweis, Reisepass oder Aufenthaltstitel",
                    "Einkommensnachweise der letzten drei Monate (Selbstständige: letzter Steuerbescheid)",
                    "Mietvertrag (Größe der Wohnung)",
                    "Passdaten und Adresse der eingeladenen Person",
                ),
            },
            "fee": {"de": "29 €"},
            "notes": {
                "de": "Die Verpflichtung umfasst auch Kosten bei Krankheit und gilt bis zu fünf Jahre.",
            },
        },
    ),
    # 3 EU, Einbürgerung und Dokumente --------------------------------------------------------
    ServiceSpec(
        key="eat_ausgabe",
        section="3",
        mode=DESK,
        minutes=15,
        window=(1, 28),
        demand=0,
        texts={
            "name": {
                "de": "Aushändigung des elektronischen Aufenthaltstitels (eAT)",
                "de-simple": "Aufenthalts-Karte (eAT) abholen",
                "en": "Collection of the electronic residence permit (eAT)",
                "ar": "استلام بطاقة الإقامة الإلكترونية (eAT)",
                "uk": "Отримання електронної посвідки на проживання (eAT)",
                "tr": "Elektronik oturum kartının (eAT) teslim alınması",
                "fa": "تحویل کارت اقامت الکترونیکی (eAT)",
                "ru": "Получение электронного вида на жительство (eAT)",
            },
            "description": {
                "de": (
                    "Ihr eAT ist fertig, wenn Sie unseren Brief oder unsere SMS bekommen haben. Sie brauchen "
                    "keinen Termin: Kommen Sie zu den Öffnungszeiten zur Ausgabestelle und ziehen Sie am "
                    "Empfang eine Wartemarke."
                ),
                "de-simple": (
                    "Ihre neue Aufenthalts-Karte ist fertig? Sie haben einen Brief oder eine SMS von uns "
                    "bekommen? Dann kommen Sie vorbei. Sie brauchen keinen Termin. Nehmen Sie am Empfang "
                    "eine Warte-Nummer."
                ),
                "en": (
                    "Your eAT is ready once you have received our letter or text message. You do not need "
                    "an appointment: come to the issuing counter during opening hours and take a ticket at "
                    "the reception desk."
                ),
                "ar": (
                    "تكون بطاقة eAT جاهزة عندما تصلك رسالتنا البريدية أو رسالتنا النصية. لا تحتاج إلى موعد: "
                    "تعال إلى مكتب التسليم خلال ساعات الدوام واسحب رقم انتظار من الاستقبال."
                ),
                "uk": (
                    "Ваша eAT готова, коли ви отримали від нас лист або SMS. Запис не потрібен: приходьте "
                    "до пункту видачі в години роботи й візьміть талон на рецепції."
                ),
            },
            "documents": {
                "de": _lines(
                    "Gültiger Reisepass",
                    "Bisheriger Aufenthaltstitel, Fiktionsbescheinigung oder Zusatzblatt",
                    "Abholbenachrichtigung (Brief oder SMS)",
                    "Für Kinder: ein sorgeberechtigter Elternteil mit eigenem Ausweis",
                ),
                "de-simple": _lines(
                    "Ihr Pass",
                    "Ihre alte Aufenthalts-Karte oder Ihr Papier für die Wartezeit (Fiktions-Bescheinigung)",
                    "Der Brief oder die SMS: Ihre Karte ist fertig",
                    "Für ein Kind: Ein Eltern-Teil kommt mit und bringt den eigenen Ausweis mit.",
                ),
                "en": _lines(
                    "Valid passport",
                    "Previous residence permit, Fiktionsbescheinigung or supplementary sheet",
                    "Notification that the card is ready (letter or text message)",
                    "For children: a parent with custody and their own ID",
                ),
                "ar": _lines(
                    "جواز سفر ساري المفعول",
                    "تصريح الإقامة السابق أو شهادة Fiktionsbescheinigung أو الورقة الإضافية",
                    "إشعار الاستلام (رسالة بريدية أو نصية)",
                    "للأطفال: أحد الوالدين الحاضنين مع بطاقة هويته",
                ),
                "uk": _lines(
                    "Дійсний закордонний паспорт",
                    "Попередній дозвіл на проживання, Fiktionsbescheinigung або додатковий аркуш",
                    "Повідомлення про готовність (лист або SMS)",
                    "Для дітей: один із батьків, що має право опіки, з власним посвідченням особи",
                ),
            },
            "fee": {
                "de": "keine (schon bei der Antragstellung bezahlt)",
                "de-simple": "Sie bezahlen nichts. Sie haben schon beim Antrag bezahlt.",
                "en": "None (paid when you applied)",
                "ar": "لا توجد رسوم (دُفعت عند تقديم الطلب)",
                "uk": "Безкоштовно (сплачено під час подання заяви)",
            },
            "notes": {
                "de": "Die Ausgabe dauert etwa zehn Minuten. Holen Sie Ihren eAT bitte innerhalb von drei Monaten ab.",
                "de-simple": (
                    "Das Abholen dauert etwa 10 Minuten. Holen Sie Ihre Karte bitte in den nächsten 3 Monaten ab."
                ),
                "en": "Collection takes about ten minutes. Please collect your eAT within three months.",
                "ar": "يستغرق الاستلام نحو عشر دقائق. يرجى استلام بطاقتك خلال ثلاثة أشهر.",
                "uk": "Видача триває близько десяти хвилин. Будь ласка, заберіть eAT протягом трьох місяців.",
            },
        },
    ),
    ServiceSpec(
        key="einb_beratung",
        section="3",
        mode=ONLINE,
        minutes=30,
        window=(3, 60),
        demand=5,
        texts={
            "name": {
                "de": "Einbürgerung – Beratung",
                "de-simple": "Deutscher Pass: Beratung zur Einbürgerung",
                "en": "Naturalisation – advice",
                "ar": "التجنس – استشارة",
                "uk": "Натуралізація — консультація",
                "tr": "Vatandaşlığa geçiş – danışmanlık",
                "fa": "مشاوره برای اخذ تابعیت",
                "ru": "Натурализация — консультация",
            },
            "description": {
                "de": (
                    "Persönliche Beratung, ob und wann Sie eingebürgert werden können: Aufenthaltszeit (in "
                    "der Regel fünf Jahre), Sprachkenntnisse, Einbürgerungstest, Lebensunterhalt und "
                    "Mehrstaatigkeit. Danach wissen Sie, welche Unterlagen Sie für den Antrag brauchen."
                ),
                "de-simple": (
                    "Sie möchten Deutsche oder Deutscher werden? Wir beraten Sie. Wir sagen Ihnen: Welche "
                    "Regeln gibt es? Zum Beispiel: Wie lange müssen Sie schon hier leben? Wie gut müssen "
                    "Sie Deutsch sprechen? Welche Papiere brauchen Sie?"
                ),
                "en": (
                    "Personal advice on whether and when you can be naturalised: length of residence "
                    "(usually five years), language skills, naturalisation test, income and multiple "
                    "citizenship. Afterwards you know which documents you need for the application."
                ),
                "ar": (
                    "استشارة شخصية حول إمكانية تجنسك وموعده: مدة الإقامة (عادةً خمس سنوات)، والمعرفة "
                    "اللغوية، واختبار التجنس، وتأمين المعيشة، وتعدد الجنسيات. بعدها تعرف المستندات التي "
                    "تحتاجها للطلب."
                ),
                "uk": (
                    "Особиста консультація про те, чи і коли ви можете отримати німецьке громадянство: строк "
                    "перебування (зазвичай п’ять років), знання мови, тест на натуралізацію, забезпечення "
                    "засобів до існування та множинне громадянство. Після цього ви знатимете, які документи "
                    "потрібні для заяви."
                ),
            },
            "documents": {
                "de": _lines(
                    "Gültiger Reisepass",
                    "Aktueller Aufenthaltstitel",
                    "Falls vorhanden: Deutsch-Zertifikat (B1 oder höher) und Einbürgerungstest",
                    "Falls vorhanden: Schul- oder Berufsabschlüsse aus Deutschland",
                ),
                "de-simple": _lines(
                    "Ihr Pass",
                    "Ihre Aufenthalts-Karte",
                    "Ihr Deutsch-Zertifikat und Ihr Zertifikat vom Einbürgerungs-Test, wenn Sie welche haben",
                    "Ihre Zeugnisse von Schule oder Ausbildung in Deutschland, wenn Sie welche haben",
                ),
                "en": _lines(
                    "Valid passport",
                    "Current residence permit",
                    "If you have them: German certificate (B1 or higher) and naturalisation test",
                    "If you have them: school or vocational qualifications from Germany",
                ),
                "ar": _lines(
                    "جواز سفر ساري المفعول",
                    "تصريح الإقامة الحالي",
                    "إن وُجدت: شهادة اللغة الألمانية (B1 أو أعلى) وشهادة اختبار التجنس",
                    "إن وُجدت: شهادات مدرسية أو مهنية من ألمانيا",
                ),
                "uk": _lines(
                    "Дійсний закордонний паспорт",
                    "Чинний дозвіл на проживання",
                    "За наявності: сертифікат з німецької мови (B1 або вище) і тест на натуралізацію",
                    "За наявності: шкільні або професійні атестати й дипломи з Німеччини",
                ),
            },
            "fee": {"de": "keine", "de-simple": "kostenlos", "en": "None", "ar": "مجاناً", "uk": "Безкоштовно"},
            "notes": {
                "de": "Die Beratung ersetzt nicht den Antrag. Den Antrag geben Sie in einem eigenen Termin ab.",
                "de-simple": (
                    "Bei der Beratung stellen Sie noch keinen Antrag. Für den Antrag machen Sie einen neuen Termin."
                ),
                "en": (
                    "The advice does not replace the application. You hand in the application at a separate "
                    "appointment."
                ),
                "ar": "الاستشارة لا تُغني عن الطلب. تقدّم الطلب في موعد منفصل.",
                "uk": "Консультація не замінює заяви. Заяву ви подаєте під час окремого прийому.",
            },
        },
    ),
    ServiceSpec(
        key="einb_antrag",
        section="3",
        mode=REQUEST,
        minutes=60,
        window=(3, 60),
        demand=3,
        texts={
            "name": {
                "de": "Einbürgerung – Antrag abgeben",
                "en": "Naturalisation – handing in the application",
                "ar": "التجنس – تقديم الطلب",
                "uk": "Натуралізація — подання заяви",
                "tr": "Vatandaşlığa geçiş – başvurunun teslimi",
                "ru": "Натурализация — подача заявления",
            },
            "description": {
                "de": (
                    "Sie haben sich beraten lassen und alle Unterlagen zusammen? Im Termin prüfen wir Ihren "
                    "Antrag auf Vollständigkeit und nehmen ihn entgegen. Wegen der großen Nachfrage "
                    "vergeben wir diese Termine über die Bedarfsanmeldung."
                ),
            },
            "documents": {
                "de": _lines(
                    "Ausgefüllter Einbürgerungsantrag mit allen Anlagen",
                    "Gültiger Reisepass und Aufenthaltstitel",
                    "Geburtsurkunde, gegebenenfalls Heiratsurkunde (mit Übersetzung)",
                    "Deutsch-Zertifikat B1 oder höher",
                    "Zertifikat über den bestandenen Einbürgerungstest",
                    "Einkommensnachweise der letzten sechs Monate und Versicherungsverlauf der Rentenversicherung",
                    "Lebenslauf",
                ),
            },
            "fee": {"de": "255 € (miteingebürgerte minderjährige Kinder: 51 €)"},
            "notes": {"de": "Die Gebühr zahlen Sie bei der Abgabe des Antrags."},
        },
    ),
    ServiceSpec(
        key="eu_familie",
        section="3",
        mode=ONLINE,
        minutes=30,
        window=(2, 42),
        demand=3,
        texts={
            "name": {
                "de": "Aufenthaltskarte und Daueraufenthaltskarte für Familienangehörige von EU-Bürgern",
                "en": "Residence card for family members of EU citizens",
            },
            "description": {
                "de": (
                    "Für Familienangehörige aus Staaten außerhalb der EU, die mit einer Unionsbürgerin "
                    "oder einem Unionsbürger in Deutschland leben; nach fünf Jahren gibt es die "
                    "Daueraufenthaltskarte."
                ),
            },
            "documents": {
                "de": _lines(
                    "Gültiger Reisepass",
                    "Pass oder Personalausweis der Unionsbürgerin oder des Unionsbürgers",
                    "Heiratsurkunde oder Geburtsurkunde als Nachweis der Verwandtschaft",
                    "Nachweis über Arbeit, Studium oder ausreichende Mittel der Unionsbürgerin oder des Unionsbürgers",
                    "Meldebescheinigung",
                    "Ein aktuelles biometrisches Passfoto",
                ),
            },
            "fee": {"de": "37 € (unter 24 Jahren: 22,80 €)"},
        },
    ),
    ServiceSpec(
        key="reiseausweis",
        section="3",
        mode=ONLINE,
        minutes=30,
        window=(2, 42),
        demand=2,
        texts={
            "name": {
                "de": "Reiseausweis für Flüchtlinge, Staatenlose und Ausländer",
                "en": "Travel document for refugees, stateless persons and foreigners",
                "ar": "وثيقة سفر للاجئين وعديمي الجنسية والأجانب",
                "fa": "سند سفر برای پناهندگان، افراد بی‌تابعیت و اتباع خارجی",
            },
            "description": {
                "de": (
                    "Sie können keinen Pass Ihres Herkunftslandes bekommen oder dürfen als anerkannter "
                    "Flüchtling keinen beantragen? Dann stellen wir unter bestimmten Voraussetzungen einen "
                    "Reiseausweis aus."
                ),
            },
            "documents": {
                "de": _lines(
                    "Aufenthaltstitel",
                    "Bescheid des Bundesamts für Migration und Flüchtlinge (BAMF)",
                    "Nachweise, dass Sie sich um einen Pass bemüht haben (beim Reiseausweis für Ausländer)",
                    "Ein aktuelles biometrisches Passfoto",
                    "Bisheriger Reiseausweis, falls vorhanden",
                ),
            },
            "fee": {"de": "70 € (unter 24 Jahren: 37,50 €)"},
            "notes": {"de": "Die Herstellung dauert etwa vier bis sechs Wochen."},
        },
    ),
    # 4 Humanitärer Aufenthalt, Ausreise und Sicherheit ---------------------------------------
    ServiceSpec(
        key="ukraine",
        section="4",
        mode=ONLINE,
        minutes=30,
        window=(1, 35),
        demand=5,
        texts={
            "name": {
                "de": "Aufenthaltserlaubnis für Geflüchtete aus der Ukraine (§ 24 AufenthG)",
                "de-simple": "Schutz für Menschen aus der Ukraine",
                "en": "Residence permit for refugees from Ukraine (section 24 Residence Act)",
                "ar": "تصريح الإقامة للاجئين من أوكرانيا (المادة 24 من قانون الإقامة)",
                "uk": "Дозвіл на проживання для біженців з України (§ 24 Закону про перебування)",
                "ru": "Вид на жительство для беженцев из Украины (§ 24 Закона о пребывании)",
            },
            "description": {
                "de": (
                    "Erteilung und Verlängerung der Aufenthaltserlaubnis zum vorübergehenden Schutz für "
                    "Menschen, die wegen des Krieges aus der Ukraine geflohen sind. Die Aufenthaltserlaubnis "
                    "erlaubt die Arbeit ohne weitere Zustimmung."
                ),
                "de-simple": (
                    "Sie sind vor dem Krieg in der Ukraine geflohen? Dann bekommen Sie hier Ihre "
                    "Aufenthalts-Erlaubnis. Oder Sie verlängern sie hier. Mit der Erlaubnis dürfen Sie "
                    "auch arbeiten."
                ),
                "en": (
                    "Issue and extension of the residence permit for temporary protection for people who "
                    "fled Ukraine because of the war. The permit allows you to work without further "
                    "approval."
                ),
                "ar": (
                    "إصدار وتمديد تصريح الإقامة للحماية المؤقتة للأشخاص الذين فرّوا من أوكرانيا بسبب الحرب. "
                    "يسمح التصريح بالعمل دون موافقة إضافية."
                ),
                "uk": (
                    "Видача й продовження дозволу на проживання з тимчасовим захистом для людей, які "
                    "втекли з України через війну. Дозвіл дає право працювати без додаткової згоди."
                ),
            },
            "documents": {
                "de": _lines(
                    "Ukrainischer Reisepass oder Personalausweis (auch abgelaufen)",
                    "Bisheriger Aufenthaltstitel oder Fiktionsbescheinigung",
                    "Meldebescheinigung",
                    "Ein aktuelles biometrisches Passfoto",
                    "Für Kinder: Geburtsurkunde",
                ),
                "de-simple": _lines(
                    "Ihr Pass oder Ihr Ausweis aus der Ukraine. Er darf auch abgelaufen sein.",
                    "Ihre bisherige Aufenthalts-Karte oder Ihr Papier für die Wartezeit",
                    "Ihre Melde-Bescheinigung",
                    "Ein neues Foto für den Pass",
                    "Für Kinder: die Geburts-Urkunde",
                ),
                "en": _lines(
                    "Ukrainian passport or ID card (expired is fine)",
                    "Previous residence permit or Fiktionsbescheinigung",
                    "Certificate of registration (Meldebescheinigung)",
                    "One recent biometric passport photo",
                    "For children: birth certificate",
                ),
                "ar": _lines(
                    "جواز السفر الأوكراني أو بطاقة الهوية (حتى لو كانت منتهية الصلاحية)",
                    "تصريح الإقامة السابق أو شهادة Fiktionsbescheinigung",
                    "شهادة تسجيل السكن (Meldebescheinigung)",
                    "صورة شخصية بيومترية حديثة",
                    "للأطفال: شهادة الميلاد",
                ),
                "uk": _lines(
                    "Український закордонний паспорт або ID-картка (можна й прострочені)",
                    "Попередній дозвіл на проживання або Fiktionsbescheinigung",
                    "Довідка про реєстрацію місця проживання (Meldebescheinigung)",
                    "Одне актуальне біометричне фото",
                    "Для дітей: свідоцтво про народження",
                ),
            },
            "fee": {"de": "keine", "de-simple": "kostenlos", "en": "None", "ar": "مجاناً", "uk": "Безкоштовно"},
            "notes": {
                "de": (
                    "Verlängert die EU den vorübergehenden Schutz, verlängern wir Ihre Aufenthaltserlaubnis. "
                    "Achten Sie auf unsere Hinweise auf der Startseite."
                ),
                "de-simple": (
                    "Die EU verlängert den Schutz vielleicht. Dann verlängern wir auch Ihre Erlaubnis. "
                    "Lesen Sie dazu die Hinweise auf unserer Start-Seite."
                ),
                "en": (
                    "When the EU extends temporary protection, we extend your residence permit. Please "
                    "watch for our notices on the start page."
                ),
                "ar": (
                    "عندما يمدد الاتحاد الأوروبي الحماية المؤقتة، نمدد تصريح إقامتك. يرجى متابعة إشعاراتنا "
                    "على الصفحة الرئيسية."
                ),
                "uk": (
                    "Коли ЄС продовжує тимчасовий захист, ми продовжуємо ваш дозвіл на проживання. Стежте "
                    "за нашими повідомленнями на головній сторінці."
                ),
            },
        },
    ),
    ServiceSpec(
        key="humanitaer",
        section="4",
        mode=ONLINE,
        minutes=30,
        window=(2, 42),
        demand=4,
        texts={
            "name": {
                "de": "Aufenthaltserlaubnis nach Anerkennung (Flüchtlingsschutz, subsidiärer Schutz)",
                "en": "Residence permit after recognition (refugee status, subsidiary protection)",
                "ar": "تصريح الإقامة بعد الاعتراف (صفة اللاجئ، الحماية الفرعية)",
                "fa": "اجازهٔ اقامت پس از پذیرش (پناهندگی، حمایت تکمیلی)",
            },
            "description": {
                "de": (
                    "Erteilung und Verlängerung der Aufenthaltserlaubnis, wenn das Bundesamt für Migration "
                    "und Flüchtlinge Sie als Flüchtling, subsidiär Schutzberechtigten oder "
                    "Asylberechtigten anerkannt oder ein Abschiebungsverbot festgestellt hat."
                ),
                "en": (
                    "Issue and extension of the residence permit once the Federal Office for Migration and "
                    "Refugees has recognised you as a refugee, as entitled to subsidiary protection or to "
                    "asylum, or has found a ban on deportation."
                ),
            },
            "documents": {
                "de": _lines(
                    "Bescheid des BAMF",
                    "Aufenthaltsgestattung oder bisheriger Aufenthaltstitel",
                    "Reisepass oder Reiseausweis, falls vorhanden",
                    "Meldebescheinigung",
                    "Ein aktuelles biometrisches Passfoto",
                ),
            },
            "fee": {"de": "100 € (bei Bezug von Sozialleistungen in der Regel keine)"},
        },
    ),
    ServiceSpec(
        key="beschaeftigungserlaubnis",
        section="4",
        mode=ONLINE,
        minutes=15,
        window=(1, 28),
        demand=2,
        texts={
            "name": {
                "de": "Beschäftigungserlaubnis bei Duldung oder Aufenthaltsgestattung",
                "en": "Work permission with a Duldung or Aufenthaltsgestattung",
                "ar": "إذن العمل لحاملي Duldung أو Aufenthaltsgestattung",
                "fa": "اجازهٔ کار برای دارندگان Duldung یا Aufenthaltsgestattung",
            },
            "description": {
                "de": (
                    "Sie haben ein Arbeits- oder Ausbildungsangebot und eine Duldung oder "
                    "Aufenthaltsgestattung? Dann beantragen Sie hier die Erlaubnis zur Beschäftigung. "
                    "Reichen Sie die Unterlagen möglichst vorher ein."
                ),
            },
            "documents": {
                "de": _lines(
                    "Duldung oder Aufenthaltsgestattung",
                    "Arbeitsvertrag, Ausbildungsvertrag oder konkretes Stellenangebot",
                    "Erklärung zum Beschäftigungsverhältnis (vom Arbeitgeber ausgefüllt)",
                    "Nachweise zur Identität (Pass, Personalausweis oder Geburtsurkunde)",
                ),
            },
            "fee": {"de": "keine"},
        },
    ),
    ServiceSpec(
        key="wohnsitzauflage",
        section="4",
        mode=ONLINE,
        minutes=30,
        window=(2, 42),
        demand=2,
        texts={
            "name": {
                "de": "Änderung oder Aufhebung der Wohnsitzauflage",
                "en": "Change or lifting of the residence obligation (Wohnsitzauflage)",
                "uk": "Зміна або скасування зобов’язання щодо місця проживання (Wohnsitzauflage)",
            },
            "description": {
                "de": (
                    "Sie haben eine Wohnsitzregelung und möchten umziehen, zum Beispiel wegen einer Arbeit, "
                    "einer Ausbildung oder zu Ihrer Familie? Wir prüfen, ob die Auflage aufgehoben oder "
                    "geändert werden kann."
                ),
            },
            "documents": {
                "de": _lines(
                    "Aufenthaltstitel oder Duldung",
                    "Arbeits- oder Ausbildungsvertrag (mindestens 15 Stunden in der Woche) oder andere "
                    "Gründe für den Umzug",
                    "Mietangebot oder Mietvertrag am neuen Wohnort",
                    "Beim Umzug zur Familie: Nachweis der Verwandtschaft",
                ),
            },
            "fee": {"de": "keine"},
        },
    ),
    ServiceSpec(
        key="bleiberecht",
        section="4",
        mode=ONLINE,
        minutes=45,
        window=(2, 42),
        demand=2,
        texts={
            "name": {
                "de": "Bleiberecht für gut integrierte Menschen und Chancen-Aufenthaltsrecht",
                "en": "Right to stay for well-integrated people and opportunity residence right",
            },
            "description": {
                "de": (
                    "Beratung und Antrag auf eine Aufenthaltserlaubnis nach §§ 25a, 25b oder 104c "
                    "AufenthG, wenn Sie seit Jahren mit Duldung in Deutschland leben."
                ),
            },
            "documents": {
                "de": _lines(
                    "Duldung",
                    "Reisepass oder Nachweise über die Passbeschaffung",
                    "Schul- und Ausbildungszeugnisse, Arbeitsvertrag und Gehaltsabrechnungen",
                    "Deutsch-Zertifikat, falls vorhanden",
                    "Nachweise über ehrenamtliches Engagement, falls vorhanden",
                ),
            },
            "fee": {"de": "100 € (bei Bezug von Sozialleistungen in der Regel keine)"},
        },
    ),
    ServiceSpec(
        key="duldung",
        section="4",
        mode=DESK,
        minutes=15,
        window=(1, 28),
        demand=3,
        texts={
            "name": {
                "de": "Duldung – Verlängerung (nach Einladung)",
                "en": "Toleration (Duldung) – extension (by invitation)",
                "ar": "تمديد وقف الترحيل (Duldung) – بدعوة",
            },
            "description": {
                "de": (
                    "Die Duldung verlängern wir nach Einladung durch Ihre Sachbearbeitung. Den Termin finden "
                    "Sie in unserem Schreiben; bei Fragen hilft Ihnen der Empfang."
                ),
            },
            "documents": {
                "de": _lines(
                    "Bisherige Duldung",
                    "Einladungsschreiben",
                    "Reisepass oder andere Nachweise zur Identität, falls vorhanden",
                    "Nachweise, dass Sie bei der Passbeschaffung mitwirken",
                ),
            },
            "fee": {"de": "keine"},
        },
    ),
]

# Beispielheim: a small office, German only.
BEISPIELHEIM_SERVICES: list[ServiceSpec] = [
    ServiceSpec(
        key="verlaengerung",
        section="A",
        mode=ONLINE,
        minutes=30,
        window=(2, 42),
        demand=1,
        texts={
            "name": {"de": "Verlängerung der Aufenthaltserlaubnis"},
            "documents": {
                "de": _lines("Gültiger Reisepass", "Aktueller Aufenthaltstitel", "Ein biometrisches Passfoto")
            },
            "fee": {"de": "93 €"},
        },
    ),
    ServiceSpec(
        key="familie",
        section="A",
        mode=ONLINE,
        minutes=45,
        window=(2, 42),
        demand=1,
        texts={
            "name": {"de": "Familiennachzug"},
            "documents": {
                "de": _lines("Reisepässe", "Visum", "Heiratsurkunde oder Geburtsurkunde", "Meldebescheinigung")
            },
            "fee": {"de": "100 €"},
        },
    ),
    ServiceSpec(
        key="einbuergerung",
        section="B",
        mode=ONLINE,
        minutes=30,
        window=(3, 60),
        demand=1,
        texts={"name": {"de": "Einbürgerung – Beratung"}, "fee": {"de": "keine"}},
    ),
]

# --- Staff: skills and weekly presence -----------------------------------------------------

AM = (dt.time(8, 0), dt.time(12, 0))
TUESDAY_PM = (dt.time(13, 30), dt.time(17, 0))
THURSDAY_PM = (dt.time(13, 30), dt.time(18, 0))  # the late Thursday for people in work

Window = tuple[int, tuple[dt.time, dt.time]]  # (weekday, (starts, ends))

# Hours with appointments; the rest of a working week is casework at the desk.
SCHEDULES: dict[str, list[list[Window]]] = {
    "1.00": [
        [(0, AM), (1, TUESDAY_PM), (3, AM), (3, THURSDAY_PM)],
        [(1, AM), (2, AM), (3, THURSDAY_PM), (4, AM)],
        [(0, AM), (1, AM), (1, TUESDAY_PM), (4, AM)],
    ],
    "0.75": [
        [(0, AM), (3, AM), (3, THURSDAY_PM)],
        [(1, AM), (1, TUESDAY_PM), (2, AM)],
    ],
    "0.50": [
        [(1, AM), (3, AM)],
        [(0, AM), (4, AM)],
    ],
}


@dataclass(frozen=True)
class StaffPlan:
    """What the holders of a position serve by appointment, and where.

    Without ``schedule`` the holders get the weekly windows of their working time in turn
    (see SCHEDULES); ``campus`` lists the windows they spend at the Welcome Center.
    """

    skills: tuple[str, ...]
    schedule: list[Window] | None = None
    campus: frozenset[Window] = frozenset()
    scheduled: bool = True


STAFF_PLANS: dict[str, StaffPlan] = {
    "Sachbearbeitung Fachkräfteeinwanderung": StaffPlan(
        ("blaue_karte", "blaue_karte_verl", "fachkraft", "studium", "fiktion"), campus=frozenset({(3, AM)})
    ),
    "Sachbearbeitung beschleunigtes Fachkräfteverfahren": StaffPlan(("fachkraft", "blaue_karte")),
    "Sachbearbeitung Studium und Forschung": StaffPlan(
        ("studium", "ausbildung", "fiktion"), schedule=[(1, AM), (3, AM)], campus=frozenset({(1, AM), (3, AM)})
    ),
    "Sachbearbeitung Selbstständigkeit und Chancenkarte": StaffPlan(
        ("chancenkarte", "fachkraft", "blaue_karte_verl", "ausbildung", "fiktion")
    ),
    "Sachbearbeitung Familiennachzug": StaffPlan(
        ("nachzug_ehe", "nachzug_kind", "verlaengerung", "verpflichtung", "fiktion")
    ),
    "Sachbearbeitung Verlängerungen": StaffPlan(
        ("verlaengerung", "fiktion", "pass_uebertrag", "nebenbestimmung", "verpflichtung", "nachzug_kind")
    ),
    "Sachbearbeitung Niederlassung und Daueraufenthalt": StaffPlan(
        ("niederlassung", "daueraufenthalt_eu", "verlaengerung", "pass_uebertrag")
    ),
    "Sachbearbeitung Einbürgerung": StaffPlan(("einb_beratung", "einb_antrag")),
    "Sachbearbeitung EU-Freizügigkeit": StaffPlan(("eu_familie", "reiseausweis", "pass_uebertrag")),
    "Sachbearbeitung humanitärer Aufenthalt": StaffPlan(
        ("ukraine", "humanitaer", "wohnsitzauflage", "reiseausweis", "fiktion")
    ),
    "Sachbearbeitung Duldung und Chancen-Aufenthaltsrecht": StaffPlan(
        ("duldung", "beschaeftigungserlaubnis", "bleiberecht", "wohnsitzauflage")
    ),
    # The issuing counter hands out cards to people with a ticket: no appointments.
    "Ausgabe eAT und Dokumente": StaffPlan(("eat_ausgabe",), scheduled=False),
}

# Beispielheim: (username, service keys, windows)
BEISPIELHEIM_STAFF: list[tuple[str, tuple[str, ...], list[Window]]] = [
    ("sb1", ("verlaengerung", "familie"), [(0, AM), (2, AM), (3, (dt.time(14, 0), dt.time(17, 0)))]),
    ("sb2", ("einbuergerung",), [(0, AM), (3, (dt.time(14, 0), dt.time(17, 0)))]),
]

# Absences, relative to the day of loading. Vacations: (offset of a day in the week it
# starts, working days); each goes to another caseworker.
VACATIONS: list[tuple[int, int]] = [(-70, 5), (-42, 10), (-21, 5), (-7, 3), (5, 5), (12, 10), (19, 5)]
SICK_DAYS = 7  # single days off spread over the past weeks
# (note, section code, days ahead): everyone of the section on one Tuesday.
TRAINING = ("Fortbildung Staatsangehörigkeitsrecht (neues StAG)", "3", 9)
PAST_TRAINING = ("Schulung neues Fachverfahren", "2", -35)
# The whole main building closes on a Wednesday morning this many days ahead.
STAFF_ASSEMBLY = ("Personalversammlung – keine Termine am Vormittag", 16)

# --- People who book -----------------------------------------------------------------------

# Countries of origin of the office's customers besides the newcomer pools of the demo.
CLIENT_POOLS: list[tuple[int, NamePool]] = [
    (
        3,
        NamePool(
            "China",
            "Li Na, Wang Fang, Zhang Min, Liu Yang, Chen Jing, Yang Xue",
            "Wang Wei, Li Qiang, Zhang Lei, Liu Bo, Chen Hao, Zhao Jun",
            "Wang, Li, Zhang, Liu, Chen, Yang, Zhao, Huang",
            "en, de",
        ),
    ),
    (
        2,
        NamePool(
            "Vietnam",
            "Thi Lan, Thu Hang, Ngoc Anh, Phuong, Huong",
            "Van Nam, Duc Anh, Minh Tuan, Quoc Bao, Thanh",
            "Nguyen, Tran, Le, Pham, Hoang, Vu, Dang, Bui",
            "de, en",
        ),
    ),
    (
        2,
        NamePool(
            "Marokko",
            "Fatima Zahra, Khadija, Salma, Imane, Hajar",
            "Youssef, Hamza, Mehdi, Anas, Rachid",
            "El Amrani, Benali, Bennani, El Idrissi, Alaoui, Tazi, Chraibi",
            "ar, de",
        ),
    ),
    (
        2,
        NamePool(
            "Kosovo und Albanien",
            "Albina, Besarta, Vjosa, Elira, Fjolla",
            "Arbër, Besnik, Ilir, Valon, Gentian",
            "Krasniqi, Berisha, Gashi, Hoxha, Shala, Morina, Bytyqi",
            "de",
        ),
    ),
    (
        2,
        NamePool(
            "Serbien und Bosnien",
            "Jelena, Milica, Ana, Amra, Selma",
            "Nikola, Stefan, Marko, Emir, Adnan",
            "Petrović, Jovanović, Nikolić, Hodžić, Kovačević, Begić",
            "de, en",
        ),
    ),
    (
        2,
        NamePool(
            "Ägypten",
            "Mariam, Nourhan, Aya, Mona, Heba",
            "Mahmoud, Mostafa, Ahmed, Karim, Amr",
            "Abdelrahman, Ibrahim, El-Sayed, Mahmoud, Farouk, Hassan, Mostafa",
            "ar, en",
        ),
    ),
    (
        2,
        NamePool(
            "Pakistan",
            "Ayesha, Sana, Hira, Mahnoor, Zainab",
            "Usman, Bilal, Hamza, Faisal, Imran",
            "Khan, Malik, Qureshi, Butt, Chaudhry, Raza, Sheikh",
            "en",
        ),
    ),
    (
        2,
        NamePool(
            "Eritrea",
            "Senait, Helen, Selam, Meron, Yohana",
            "Yonas, Dawit, Samuel, Filmon, Robel",
            "Tesfaye, Gebremedhin, Habte, Kidane, Berhane, Tekle",
            "de, en",
        ),
    ),
    (
        2,
        NamePool(
            "Philippinen",
            "Maria Cristina, Joy, Angelica, Rowena, Jasmine",
            "John Paul, Mark Anthony, Jerome, Rommel, Christian",
            "Santos, Reyes, Cruz, Bautista, Garcia, Mendoza, Villanueva",
            "en",
        ),
    ),
    (
        1,
        NamePool(
            "Kolumbien und Mexiko",
            "Valentina, Daniela, Camila, Mariana, Paola",
            "Santiago, Andrés, Diego, Alejandro, Carlos",
            "Gómez, Rodríguez, Martínez, Hernández, López, Ramírez",
            "en, de",
        ),
    ),
]

EMAIL_DOMAINS = ("example.org", "example.com", "example.net")
