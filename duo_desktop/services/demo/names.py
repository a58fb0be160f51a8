"""Synthetic names from the cultures of the programme's participants, each
written the way a coordinator would type it: in Latin script (with accents),
Arabic script (Arabic, Dari), Ge'ez (Tigrinya, Amharic) or Cyrillic.

A last name "X|Y" has a masculine form X and a feminine form Y. Every list is
a tuple, so that draws from a seeded random generator are reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Culture:
    key: str
    male: tuple[str, ...]
    female: tuple[str, ...]
    last: tuple[str, ...]
    countries: tuple[str, ...]  # ISO 3166-1 codes of birth
    languages: tuple[str, ...]  # native language first, then others often spoken
    latin: bool = True  # whether names are typed in Latin script (for e-mail addresses)


def _t(text: str) -> tuple[str, ...]:
    return tuple(w.replace("_", " ") for w in text.split())


# --- mentees ------------------------------------------------------------------
MENTEE_CULTURES: dict[str, Culture] = {c.key: c for c in (
    Culture("arabic",
            _t("محمد أحمد يوسف عمر خالد إبراهيم حسن علي كريم سامي مصطفى رامي"),
            _t("فاطمة مريم عائشة نور سارة ليلى هبة ياسمين آية رانيا سلمى"),
            _t("العلي الحسن الخطيب الأحمد الشامي حداد النجار السيد منصور عبد_الله الزين قاسم"),
            ("SY", "IQ", "SD", "PS", "YE"), ("ar", "ku", "en"), latin=False),
    Culture("maghreb",
            _t("Mohamed Youssef Anass Bilal Hamza Ayoub Mehdi Karim Rachid Ilyas"),
            _t("Imane Khadija Salma Nisrine Soukaïna Zineb Hajar Meryem Loubna Ikram"),
            _t("El_Amrani Benali Bouzid El_Idrissi Ouali Haddou Aït_Ouahmane Belkacem Chaoui Ben_Saïd Zerrouki"),
            ("MA", "DZ", "TN"), ("ar", "fr", "en")),
    Culture("dari",
            _t("احمد محمود فرید جاوید سهراب نوید رحیم مسعود"),
            _t("زهرا مریم فرشته شبنم پروانه نرگس ملالی"),
            _t("احمدی رحیمی حیدری کریمی نوری صدیقی هاشمی محمدی"),
            ("AF",), ("prs", "ps", "fa"), latin=False),
    Culture("tigrinya",
            _t("ዮናስ ተስፋይ ፍሊሞን ብርሃነ ኪዳነ ሙሴ ዳኒኤል ሰመረ"),
            _t("ሰላም ሳባ ሄለን ሉላ ፅጌ ሚልኪ ሩታ"),
            _t("ተስፋይ ገብረመድህን ሃይለ ወልደሚካኤል ኪዳነ ብርሃነ መሓሪ ዘርአይ"),
            ("ER",), ("ti", "am", "ar"), latin=False),
    Culture("amharic",
            _t("አበበ ዳዊት ብሩክ ታደሰ ግርማ ሄኖክ ሚኪያስ"),
            _t("መሰረት ትግስት ሰላማዊት ሀና ቤተልሄም ሜሮን ኤደን"),
            _t("ከበደ በቀለ አለሙ ታደሰ ግርማ ወልዴ ደሳለኝ ተፈራ"),
            ("ET",), ("am", "en", "ti"), latin=False),
    Culture("somali",
            _t("Abdi Abdirahman Mahad Liban Farah Hassan Mustafe Guled"),
            _t("Hodan Ayaan Ifrah Sahra Hibo Nasra Fadumo Ubah"),
            _t("Warsame Abdullahi Jama Hirsi Farah Mohamud Osman Yusuf Ismail Egal"),
            ("SO",), ("so", "ar", "en")),
    Culture("cyrillic",
            _t("Александр Дмитрий Иван Олег Максим Артём Тимур Богдан"),
            _t("Фатима Анна Ольга Наталья Марина Юлия Дарья Оксана"),
            _t("Иванов|Иванова Петренко Шевченко Ковальчук Смирнов|Смирнова Кузнецов|Кузнецова "
               "Бондаренко Мельник Кадыров|Кадырова Алиев|Алиева"),
            ("UA", "UA", "UA", "RU", "BY", "GE"), ("uk", "ru", "en"), latin=False),
    Culture("turkish",
            _t("Mehmet Emre Burak Çağrı Oğuz Yiğit Furkan Serkan"),
            _t("Ayşe Elif Zeynep Büşra Gülşen Şeyma İrem Özlem"),
            _t("Yılmaz Kaya Demir Şahin Çelik Öztürk Aydın Arslan Doğan Kılıç"),
            ("TR",), ("tr", "ku", "en")),
    Culture("latam",
            _t("José Andrés Julián Sebastián Matías Joaquín Tomás João"),
            _t("María Sofía Lucía Camila Daniela Inés Mónica Conceição"),
            _t("Martínez González Rodríguez Pérez Gómez Hernández Ramírez Núñez Peña Muñoz"),
            ("CO", "VE", "PE", "BR"), ("es", "en", "pt")),
    Culture("central_africa",
            _t("Jérémie Héritier Dieudonné Fiston Christian Désiré Prince Aimé"),
            _t("Grâce Bénédicte Esther Chancelle Merveille Joëlle Dorcas Prisca"),
            _t("Mbuyi Kabongo Tshibangu Ilunga Mukendi Kalala Nkulu Lukusa Mbappé Nguéma"),
            ("CD", "CD", "CM", "GN"), ("ln", "fr", "sw")),
)}

# --- mentors --------------------------------------------------------------------
MENTOR_CULTURES: dict[str, Culture] = {c.key: c for c in (
    Culture("flemish",
            _t("Jan Luc Marc Dirk Geert Patrick Willy Koen Paul Rudi"),
            _t("Annemie Hilde Greet Lieve Kristien Marleen Els Rita Veerle"),
            _t("Peeters Janssens Maes Jacobs Mertens Willems Claes Goossens Wouters De_Smet Van_den_Broeck "
               "Vermeulen De_Clercq Van_Damme"),
            ("BE",), ("nl", "en", "fr")),
    Culture("walloon",
            _t("Jean-Pierre Philippe Michel Alain Pierre Daniel Benoît François Thierry Jacques"),
            _t("Joëlle Françoise Martine Brigitte Christine Anne Véronique Cécile Hélène Marie-Thérèse"),
            _t("Dubois Lambert Dupont Leclercq Martin Simon Laurent Lefèvre Denis Renard Collignon Gérard "
               "Lemaître"),
            ("BE",), ("fr", "en", "nl")),
    Culture("french",
            _t("Jean-Luc Bernard Gérard Olivier Christophe Hervé Didier Rémi"),
            _t("Sylvie Nathalie Isabelle Dominique Catherine Évelyne Agnès Maïté"),
            _t("Moreau Garnier Petit Durand Leroy Roux Fournier Girard Bonnet Mercier Lefèbvre"),
            ("FR",), ("fr", "en", "es")),
    Culture("dutch",
            _t("Henk Kees Wim Pieter Johan Gert-Jan Ruud Bram"),
            _t("Ingrid Marijke Annelies Petra Wilma Yvonne Saskia Ineke"),
            _t("de_Vries van_den_Berg Bakker Visser Smit Meijer de_Boer Mulder van_Dijk Jansen"),
            ("NL",), ("nl", "en", "de")),
    Culture("mentor_migrant",
            _t("Mustapha Ahmed Hüseyin Abdelkader Kemal Vladimir"),
            _t("Fatiha Naïma Hatice Malika Latifa Ljudmila"),
            _t("El_Khattabi Bouhaddi Yıldız Azzouzi Karaca Bensalah Kovač"),
            ("MA", "TR", "DZ", "BA"), ("fr", "ar", "tr")),
)}

COORDINATOR_NAMES: dict[str, tuple[tuple[str, str], ...]] = {
    "BXL": (("Camille", "Vandenberghe"), ("Nadia", "El Ouardi"), ("Thomas", "Lejeune")),
    "ANT": (("Sofie", "Verstraeten"), ("Youssef", "Amrani"), ("Lotte", "Van Hecke")),
    "LGE": (("Aurélie", "Henrard"), ("Gaëtan", "Pirotte")),
    "GNT": (("Pieter", "De Meyer"), ("Fien", "Claeys")),
    "PAR": (("Léa", "Rousseau"), ("Karim", "Benhamou"), ("Margaux", "Faure")),
    "RTM": (("Eva", "Hoogendijk"), ("Mehmet", "Yurt")),
}


def person_name(culture: Culture, female: bool, rng) -> tuple[str, str]:  # noqa: ANN001
    first = rng.choice(culture.female if female else culture.male)
    last = rng.choice(culture.last)
    if "|" in last:
        masculine, feminine = last.split("|")
        last = feminine if female else masculine
    return first, last
