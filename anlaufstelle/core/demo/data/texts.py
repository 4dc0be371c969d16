"""Public texts of the demo tenants, German source and translations.

Translations are keyed by language code (``de-simple`` is plain German). Gaps are on
purpose, so the staff translation overview has something to show: the imprint and privacy
notice exist only in German and English, and the Russian directions were translated from
an older German text (``HOW_TO_REACH_DE_PREVIOUS``) and are therefore outdated.
"""

from __future__ import annotations

MUSTERSTADT_NAME = {
    "de": "Musterstadt",
    "de-simple": "Musterstadt",
    "en": "Musterstadt",
    "ar": "موسترشتات",
    "uk": "Мустерштадт",
    "tr": "Musterstadt",
    "fa": "موسترشتات",
    "ru": "Мустерштадт",
}

MUSTERSTADT_LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64"'
    ' aria-hidden="true" focusable="false">'
    '<path d="M8 6h48v26c0 14-10 22-24 27C18 54 8 46 8 32z" fill="#00457d"/>'
    '<path d="M14 12h36v20c0 10-7 16-18 20-11-4-18-10-18-20z" fill="#fff"/>'
    '<path d="M20 44V26h6v-6h4v6h4v-6h4v6h6v18z" fill="#c4161c"/>'
    '<path d="M29 44v-8a3 3 0 0 1 6 0v8z" fill="#fff"/>'
    "</svg>"
)

MUSTERSTADT_INTRO = {
    "de": (
        "Die Anlaufstelle ist Ihr erster Weg bei allen Fragen zu "
        "Ankommen, Aufenthalt und Einbürgerung. Hier finden Sie die Angebote der "
        "Ausländerbehörde und ihrer Partner in der Stadt, buchen Ihren Termin online und sehen, "
        "welche Unterlagen Sie mitbringen müssen. Wenn es dringend ist – zum Beispiel, weil Ihr "
        "Aufenthaltstitel in wenigen Tagen abläuft –, können Sie an jedem Arbeitstag einen "
        "Termin am Notfallschalter buchen."
    ),
    "de-simple": (
        "Sie sind neu in der Stadt? Oder Sie haben Fragen zu Ihrem "
        "Aufenthalt? Dann sind Sie hier richtig. Hier finden Sie alle Angebote der "
        "Ausländerbehörde. Und die Angebote von anderen Stellen in der Stadt. Sie können hier "
        "einen Termin machen. Sie sehen auch: Diese Papiere müssen Sie mitbringen. Ist es "
        "dringend? Zum Beispiel: Ihr Aufenthaltstitel ist bald nicht mehr gültig. Dann machen "
        "Sie einen Termin am Notfall-Schalter. Das geht von Montag bis Freitag."
    ),
    "en": (
        "The contact point is your first stop for all questions about "
        "arriving, residence and naturalisation. Here you will find the services of the "
        "immigration office and its partners in the city, can book your appointment online and "
        "see which documents you need to bring. If it is urgent – for example because your "
        "residence permit expires in a few days – you can book an appointment at the emergency "
        "counter on every working day."
    ),
    "ar": (
        "مركز الاستقبال هو محطتكم الأولى لجميع الأسئلة المتعلقة "
        "بالوصول والإقامة والتجنس. ستجدون هنا خدمات دائرة الأجانب وشركائها في المدينة، ويمكنكم "
        "حجز موعدكم عبر الإنترنت ومعرفة المستندات التي يجب إحضارها. إذا كان الأمر عاجلاً – على "
        "سبيل المثال لأن تصريح إقامتكم ينتهي خلال أيام قليلة – يمكنكم حجز موعد عند شباك "
        "الطوارئ في كل يوم عمل."
    ),
    "uk": (
        "Контактний пункт — ваше перше звернення з усіх питань "
        "щодо прибуття, перебування та натуралізації. Тут ви знайдете послуги відомства у "
        "справах іноземців і його партнерів у місті, зможете записатися на прийом онлайн і "
        "дізнатися, які документи потрібно взяти з собою. Якщо справа термінова — наприклад, "
        "ваш дозвіл на проживання закінчується через кілька днів, — у кожен робочий день ви "
        "можете записатися на прийом до віконця для термінових звернень."
    ),
    "tr": (
        "Başvuru noktası; şehre varış, oturum ve vatandaşlığa geçiş "
        "ile ilgili tüm sorularınız için ilk adresinizdir. Burada Yabancılar Dairesi'nin ve "
        "şehirdeki ortaklarının hizmetlerini bulabilir, randevunuzu çevrimiçi alabilir ve "
        "yanınızda hangi belgeleri getirmeniz gerektiğini görebilirsiniz. Acil bir durumda – "
        "örneğin oturum izninizin süresi birkaç gün içinde doluyorsa – her iş günü acil durum "
        "gişesinden randevu alabilirsiniz."
    ),
    "fa": (
        "مرکز پذیرش نخستین نشانی شما برای همهٔ پرسش‌ها دربارهٔ ورود، "
        "اقامت و تابعیت است. در اینجا خدمات ادارهٔ اتباع خارجی و شرکای آن در شهر را پیدا "
        "می‌کنید، وقت ملاقات خود را به‌صورت آنلاین رزرو می‌کنید و می‌بینید چه مدارکی باید همراه "
        "داشته باشید. اگر موضوع فوری است – برای مثال چون اجازهٔ اقامت شما تا چند روز دیگر "
        "منقضی می‌شود – می‌توانید در هر روز کاری برای باجهٔ اضطراری وقت بگیرید."
    ),
    "ru": (
        "Контактный пункт — ваш первый адрес по всем вопросам "
        "прибытия, пребывания и натурализации. Здесь вы найдёте услуги ведомства по делам "
        "иностранцев и его партнёров в городе, сможете записаться на приём онлайн и узнать, "
        "какие документы нужно взять с собой. Если дело срочное — например, срок действия "
        "вашего вида на жительство истекает через несколько дней, — в любой рабочий день вы "
        "можете записаться на приём в окно срочных обращений."
    ),
}

# The directions before bus line 625 was added; the Russian text still translates this one.
HOW_TO_REACH_DE_PREVIOUS = (
    "Sie finden uns im Bürgerhaus am Rathausplatz 3, Eingang B, 2. Etage. Mit Bus und Bahn: "
    "S-Bahn S9 bis „Musterstadt Mitte“, von dort sind es 5 Minuten zu Fuß; oder die Buslinie "
    "620 bis zur Haltestelle „Rathaus“. Der Eingang ist barrierefrei, ein Aufzug ist vorhanden. "
    "Parkplätze gibt es im Parkhaus Rathausgalerie (gebührenpflichtig)."
)

# German counts floors above the ground floor ("2. Etage"); Ukrainian and Russian count the
# ground floor as the first, hence "third floor" there.
MUSTERSTADT_HOW_TO_REACH = {
    "de": (
        "Sie finden uns im Bürgerhaus am Rathausplatz 3, Eingang B, 2. Etage. Mit Bus und Bahn: "
        "S-Bahn S9 bis „Musterstadt Mitte“, von dort sind es 5 Minuten zu Fuß; oder die "
        "Buslinien 620 und 625 bis zur Haltestelle „Rathaus“. Der Eingang ist barrierefrei, ein "
        "Aufzug ist vorhanden. Parkplätze gibt es im Parkhaus Rathausgalerie (gebührenpflichtig)."
    ),
    "de-simple": (
        "So kommen Sie zu uns: Die Adresse ist Rathausplatz 3. Das Haus heißt Bürgerhaus. Gehen "
        "Sie zum Eingang B. Wir sind im 2. Stock. Es gibt einen Aufzug. Sie kommen mit dem Zug? "
        "Fahren Sie mit der S9 bis „Musterstadt Mitte“. Dann gehen Sie 5 Minuten zu Fuß. Sie "
        "kommen mit dem Bus? Fahren Sie mit dem Bus 620 oder 625 bis „Rathaus“. Sie kommen mit "
        "dem Auto? Dann parken Sie im Parkhaus Rathausgalerie. Das kostet Geld."
    ),
    "en": (
        "You will find us in the Bürgerhaus at Rathausplatz 3, entrance B, 2nd floor. By public "
        "transport: S-Bahn S9 to “Musterstadt Mitte”, then a 5-minute walk; or bus lines 620 and "
        "625 to the stop “Rathaus”. The entrance is step-free and there is a lift. Parking is "
        "available in the Rathausgalerie multi-storey car park (charges apply)."
    ),
    "ar": (
        "تجدوننا في مبنى المواطنين (Bürgerhaus)، Rathausplatz 3، المدخل B، الطابق الثاني. "
        "بالمواصلات العامة: القطار السريع S9 حتى محطة «Musterstadt Mitte»، ومن هناك 5 دقائق "
        "سيراً على الأقدام؛ أو خطا الحافلات 620 و625 حتى موقف «Rathaus». المدخل خالٍ من العوائق "
        "ويوجد مصعد. تتوفر مواقف للسيارات في مرآب «Rathausgalerie» مقابل رسوم."
    ),
    "uk": (
        "Ви знайдете нас у Бюргерхаусі (Bürgerhaus) за адресою Rathausplatz 3, вхід B, третій "
        "поверх. Громадським транспортом: електричкою S9 до станції «Musterstadt Mitte», звідти "
        "5 хвилин пішки; або автобусами 620 і 625 до зупинки «Rathaus». Вхід без бар’єрів, є "
        "ліфт. Паркування — у багатоповерховому паркінгу Rathausgalerie (платне)."
    ),
    "tr": (
        "Bizi Rathausplatz 3 adresindeki Bürgerhaus binasında, B girişi, 2. katta "
        "bulabilirsiniz. Toplu taşıma ile: S9 banliyö treniyle “Musterstadt Mitte” istasyonuna "
        "gelin, oradan 5 dakika yürüyün; ya da 620 ve 625 numaralı otobüslerle “Rathaus” "
        "durağına gelin. Giriş engelsizdir, asansör vardır. Rathausgalerie katlı otoparkında "
        "ücretli park yeri bulunmaktadır."
    ),
    "fa": (
        "ما را در ساختمان شهروندان (Bürgerhaus) به نشانی Rathausplatz 3، ورودی B، طبقهٔ دوم "
        "پیدا می‌کنید. با وسایل نقلیهٔ عمومی: قطار شهری S9 تا ایستگاه «Musterstadt Mitte» و از "
        "آنجا ۵ دقیقه پیاده‌روی؛ یا اتوبوس‌های خط 620 و 625 تا ایستگاه «Rathaus». ورودی بدون "
        "مانع است و آسانسور دارد. پارکینگ طبقاتی Rathausgalerie در دسترس است (پولی)."
    ),
    # Translated from HOW_TO_REACH_DE_PREVIOUS: it names only bus line 620.
    "ru": (
        "Вы найдёте нас в здании Бюргерхаус (Bürgerhaus) по адресу Rathausplatz 3, вход B, "
        "третий этаж. На общественном транспорте: электричкой S9 до станции «Musterstadt "
        "Mitte», оттуда 5 минут пешком; или автобусом 620 до остановки «Rathaus». Вход без "
        "барьеров, есть лифт. Парковка — в многоуровневом паркинге Rathausgalerie (платная)."
    ),
}

MUSTERSTADT_IMPRINT = {
    "de": (
        "Stadt Musterstadt – Der Oberbürgermeister\n"
        "Fachbereich Bürgerservice, Ordnung und Migration – Ausländerbehörde\n"
        "Rathausplatz 3, 45500 Musterstadt\n"
        "Telefon: +49 2300 4711-0\n"
        "E-Mail: auslaenderbehoerde@musterstadt.example\n\n"
        "Die Stadt Musterstadt ist eine Körperschaft des öffentlichen Rechts. Sie wird durch den "
        "Oberbürgermeister vertreten.\n"
        "Inhaltlich verantwortlich: die Leitung der Ausländerbehörde, Anschrift wie oben.\n\n"
        "Dies ist eine Demonstrationsinstallation. Stadt, Personen und Daten sind erfunden."
    ),
    "en": (
        "City of Musterstadt – The Lord Mayor\n"
        "Department of Citizen Services, Public Order and Migration – Immigration Office\n"
        "Rathausplatz 3, 45500 Musterstadt, Germany\n"
        "Phone: +49 2300 4711-0\n"
        "Email: auslaenderbehoerde@musterstadt.example\n\n"
        "The City of Musterstadt is a public-law corporation. It is represented by the Lord "
        "Mayor.\n"
        "Responsible for the content: the head of the immigration office, address as above.\n\n"
        "This is a demonstration installation. The city, the people and the data are fictitious."
    ),
}

MUSTERSTADT_PRIVACY = {
    "de": (
        "Verantwortlich für die Verarbeitung Ihrer Daten ist die Stadt Musterstadt, "
        "Ausländerbehörde, Rathausplatz 3, 45500 Musterstadt. Die behördliche "
        "Datenschutzbeauftragte erreichen Sie unter datenschutz@musterstadt.example.\n\n"
        "Wir verarbeiten Ihre Angaben, um Ihr Anliegen zu bearbeiten und Termine zu vergeben "
        "(Art. 6 Abs. 1 Buchst. e DSGVO in Verbindung mit § 86 Aufenthaltsgesetz). Ihre Daten "
        "werden nur so lange gespeichert, wie es für diesen Zweck und die gesetzlichen "
        "Aufbewahrungsfristen nötig ist. Jeder Zugriff unserer Beschäftigten auf Ihre Daten wird "
        "protokolliert.\n\n"
        "Sie haben das Recht auf Auskunft, Berichtigung, Einschränkung der Verarbeitung und "
        "Widerspruch (Art. 15 bis 21 DSGVO) sowie das Recht auf Beschwerde bei der "
        "Landesbeauftragten für Datenschutz und Informationsfreiheit Nordrhein-Westfalen.\n\n"
        "Diese Website setzt nur technisch notwendige Cookies (Sitzung und Schutz vor "
        "Fälschung von Formularen). Es gibt keine Analyse- oder Werbedienste."
    ),
    "en": (
        "The controller responsible for processing your data is the City of Musterstadt, "
        "Immigration Office, Rathausplatz 3, 45500 Musterstadt, Germany. You can reach the "
        "data protection officer at datenschutz@musterstadt.example.\n\n"
        "We process your information to deal with your request and to give you appointments "
        "(Art. 6(1)(e) GDPR in conjunction with Section 86 of the Residence Act). Your data is "
        "kept only as long as this purpose and the statutory retention periods require. Every "
        "access by our staff to your data is logged.\n\n"
        "You have the right of access, rectification, restriction of processing and objection "
        "(Art. 15 to 21 GDPR), and the right to lodge a complaint with the State Commissioner "
        "for Data Protection and Freedom of Information of North Rhine-Westphalia.\n\n"
        "This website only sets technically necessary cookies (session and protection against "
        "forged forms). There are no analytics or advertising services."
    ),
}

BEISPIELHEIM_INTRO = {
    "de": (
        "Die Ausländerbehörde Beispielheim berät und entscheidet in allen Fragen des "
        "Aufenthalts. Bitte buchen Sie vor Ihrem Besuch einen Termin."
    ),
}

BEISPIELHEIM_HOW_TO_REACH = {
    "de": (
        "Kreishaus Beispielheim, Marktstraße 1, Erdgeschoss, Zimmer 012. Bus 34 bis "
        "Haltestelle „Markt“. Der Eingang ist barrierefrei."
    ),
}

BEISPIELHEIM_IMPRINT = {
    "de": (
        "Gemeinde Beispielheim – Der Bürgermeister\n"
        "Marktstraße 1, 59900 Beispielheim\n"
        "Dies ist ein zweiter Demo-Mandant mit erfundenen Daten."
    ),
}
