"""Name pools: staff of the office, newcomers by country of origin, district names.

Names are listed comma-separated. Family names written "masculine/feminine" take the form
that matches the given name.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(",") if name.strip())


@dataclass(frozen=True)
class NamePool:
    label: str
    female_text: str
    male_text: str
    family_text: str
    languages_text: str = "de"  # preferred languages, drawn in proportion
    female: tuple[str, ...] = field(init=False)
    male: tuple[str, ...] = field(init=False)
    family: tuple[str, ...] = field(init=False)
    languages: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        for name in ("female", "male", "family", "languages"):
            object.__setattr__(self, name, _names(getattr(self, f"{name}_text")))


# Staff: most without, about a third with a family history of migration.
STAFF_POOLS: list[tuple[int, NamePool]] = [
    (
        20,
        NamePool(
            "deutsch",
            "Anna, Sabine, Julia, Katrin, Laura, Petra, Nina, Melanie, Sarah, Birgit, Lena, "
            "Claudia, Stefanie, Miriam, Kerstin",
            "Thomas, Michael, Stefan, Markus, Tobias, Andreas, Christian, Frank, Daniel, Jens, "
            "Martin, Jan, Sebastian, Dirk, Florian",
            "Schmidt, Becker, Wagner, Hoffmann, Schulz, Koch, Richter, Klein, Wolf, Neumann, "
            "Schwarz, Zimmermann, Krüger, Hartmann, Lange, Werner, Krause, Lehmann, Köhler, "
            "Brandt, Vogel, Busch, Schäfer, Peters, Franke, Sommer, Berger, Kühn, Arnold",
        ),
    ),
    (
        3,
        NamePool(
            "türkisch",
            "Ayşe, Elif, Zeynep, Derya, Melek",
            "Mehmet, Emre, Murat, Serkan, Cem",
            "Yılmaz, Kaya, Demir, Şahin, Çelik, Öztürk, Aydın",
        ),
    ),
    (
        2,
        NamePool(
            "russlanddeutsch",
            "Olga, Irina, Natalia, Swetlana",
            "Alexander, Viktor, Eugen, Waldemar",
            "Schneider, Dick, Janzen, Friesen, Penner",
        ),
    ),
    (
        1,
        NamePool(
            "polnisch",
            "Katarzyna, Agnieszka, Monika",
            "Piotr, Tomasz, Marek",
            "Nowak, Kowalski/Kowalska, Wiśniewski/Wiśniewska",
        ),
    ),
    (
        1,
        NamePool(
            "italienisch",
            "Giulia, Francesca, Chiara",
            "Marco, Luca, Giuseppe",
            "Russo, Esposito, Romano, Bianchi",
        ),
    ),
    (
        1,
        NamePool(
            "griechisch",
            "Eleni, Maria, Sofia",
            "Nikolaos, Dimitrios, Georgios",
            "Papadopoulos/Papadopoulou, Georgiou, Nikolaidis/Nikolaidou",
        ),
    ),
    (
        1,
        NamePool(
            "arabisch",
            "Leila, Samira, Amira",
            "Karim, Tarek, Bilal",
            "Haddad, Nasser, El-Khoury, Saleh",
        ),
    ),
    (
        1,
        NamePool(
            "kosovarisch",
            "Arta, Drita, Blerta",
            "Arben, Blerim, Driton",
            "Krasniqi, Berisha, Gashi, Hoxha",
        ),
    ),
    (
        1,
        NamePool(
            "vietnamesisch",
            "Linh, Thu Trang, Mai",
            "Minh, Duc, Quang",
            "Nguyen, Tran, Pham, Le",
        ),
    ),
]

# Newcomers by country of origin, with the interface languages they would choose.
NEWCOMER_POOLS: list[tuple[int, NamePool]] = [
    (
        6,
        NamePool(
            "Syrien",
            "Rania, Lina, Yara, Nour, Amal, Hiba, Reem",
            "Ahmad, Mohammad, Omar, Khaled, Hussein, Yousef, Ammar",
            "Al-Hassan, Haddad, Khalil, Darwish, Al-Ali, Sabbagh, Hamdan, Mansour, Al-Masri",
            "ar, ar, ar, en, de",
        ),
    ),
    (
        5,
        NamePool(
            "Ukraine",
            "Olena, Iryna, Kateryna, Yuliia, Nataliia, Oksana",
            "Oleksandr, Dmytro, Andrii, Serhii, Mykola",
            "Shevchenko, Kovalenko, Bondarenko, Tkachenko, Kravchenko, Melnyk, Boiko, Marchenko, Savchenko",
            "uk, uk, uk, ru, de",
        ),
    ),
    (
        4,
        NamePool(
            "Afghanistan",
            "Mariam, Zahra, Shabnam, Fatima, Mursal",
            "Farid, Hamid, Nasir, Sohrab, Mustafa",
            "Ahmadi, Rahimi, Karimi, Hakimi, Sultani, Noori, Habibi, Popal",
            "fa, fa, fa, en",
        ),
    ),
    (
        4,
        NamePool(
            "Türkei",
            "Ayşe, Elif, Zeynep, Merve, Büşra",
            "Mehmet, Emre, Burak, Hakan, Oğuz",
            "Yılmaz, Kaya, Demir, Öztürk, Arslan, Doğan, Aydın, Koç",
            "tr, tr, tr, de",
        ),
    ),
    (
        3,
        NamePool(
            "Indien",
            "Priya, Ananya, Sneha, Deepika, Lakshmi",
            "Arjun, Rahul, Vikram, Karthik, Rohan",
            "Sharma, Patel, Reddy, Iyer, Nair, Gupta, Singh, Krishnan",
            "en",
        ),
    ),
    (
        3,
        NamePool(
            "Nigeria",
            "Ngozi, Adaeze, Funmilayo, Chiamaka, Blessing",
            "Chinedu, Oluwaseun, Emeka, Tunde, Ifeanyi",
            "Okafor, Adeyemi, Okonkwo, Balogun, Eze, Nwosu, Adebayo",
            "en",
        ),
    ),
    (
        3,
        NamePool(
            "Iran",
            "Maryam, Niloufar, Sara, Parisa, Shirin",
            "Reza, Ali, Hossein, Mehdi, Babak",
            "Hosseini, Moradi, Jafari, Rezaei, Tehrani, Ghorbani, Sadeghi",
            "fa, fa, en",
        ),
    ),
    (
        2,
        NamePool(
            "Russische Föderation",
            "Anastasia, Ekaterina, Daria",
            "Dmitrii, Ivan, Artem",
            "Smirnov/Smirnova, Sokolov/Sokolova, Popov/Popova, Volkov/Volkova",
            "ru",
        ),
    ),
    (
        2,
        NamePool(
            "Irak",
            "Zainab, Shilan, Rozhin",
            "Ali, Haidar, Karwan",
            "Al-Jubouri, Hassan, Abdullah, Rashid",
            "ar",
        ),
    ),
    (
        1,
        NamePool(
            "Brasilien",
            "Ana Clara, Juliana",
            "Lucas, Rafael",
            "Silva, Oliveira, Santos, Costa",
            "en, de",
        ),
    ),
]

# The district nearest the centre is the old town; the directional names go to the districts
# that lie in that direction; the rest are drawn from the general pool.
CENTRE_DISTRICT = "Altstadt"
SECOND_DISTRICT = "Bahnhofsviertel"
DIRECTIONAL_DISTRICTS = {0: "Nordstadt", 90: "Oststadt", 180: "Südviertel", 270: "Weststadt"}
DISTRICT_NAMES = _names(
    "Rosenhügel, Lindenau, Kirchfeld, Mühlenbach, Eichholz, Am Stadtwald, Sonnenberg, "
    "Ruhrufer, Schlossberg, Wiesental, Heide, Buchholz, Brückenfeld, Hohenhagen, Kottenberg, "
    "Ziegeleiviertel, Gartenstadt, Hellweg"
)
