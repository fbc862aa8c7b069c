"""Made-up names for the demo: people, communities and localities in several languages.

Every community name is assembled from syllables and common words of a naming tradition
(Swahili, Mooré, Kivu, Makhuwa, Acholi, Arabic), so names look plausible to people who
work there, are spelt with accents or in Arabic script where the language is, and belong
to no real person or place. Arabic names carry a Latin transliteration in ``other_names``,
which also makes them findable from a Latin keyboard.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoUser:
    username: str
    display_name: str
    role: str
    language: str


# The four well-known accounts first (the README and the CLI refer to them), then more
# facilitators and mentors so that lists and filters have several names to show.
USERS: tuple[DemoUser, ...] = (
    DemoUser("admin", "Dorcas Achieng", "admin", "en"),
    DemoUser("manager", "Élise Kaboré", "manager", "fr"),
    DemoUser("facilitator", "Neema Mushi", "facilitator", "sw"),
    DemoUser("mentor", "رانيا حداد", "mentor", "ar"),
    DemoUser("jpouedraogo", "Jean-Pierre Ouédraogo", "facilitator", "fr"),
    DemoUser("amwakyusa", "Amani Mwakyusa", "facilitator", "sw"),
    DemoUser("kalomari", "خالد العمري", "facilitator", "ar"),
    DemoUser("jmacuacua", "Joana Macuácua", "facilitator", "pt"),
    DemoUser("dokot", "Denis Okot", "facilitator", "en"),
    DemoUser("amukamana", "Aline Mukamana", "facilitator", "fr"),
    DemoUser("fzoungrana", "Fatimata Zoungrana", "facilitator", "fr"),
    DemoUser("tsitoe", "Tomás Sitoe", "mentor", "pt"),
    DemoUser("satim", "Sarah Atim", "mentor", "en"),
)

# Which facilitator usually works in which naming tradition (the shared `facilitator`
# account also takes a share everywhere; see community.py).
FACILITATOR_BY_STYLE: dict[str, tuple[str, ...]] = {
    "swahili": ("amwakyusa", "facilitator"),
    "acholi": ("dokot",),
    "moore": ("jpouedraogo", "fzoungrana"),
    "kivu": ("amukamana", "amwakyusa"),
    "makhuwa": ("jmacuacua",),
    "arabic_jo": ("kalomari",),
    "arabic_lb": ("kalomari",),
}

_SW_PREFIX = ("Ki", "Mwa", "Nya", "Bu", "Ma", "Ka", "Mu", "Ru", "Ndo", "Lu")
_SW_ROOT = (
    "tete", "londo", "hembe", "sanga", "lamba", "kulu", "yovu", "senga", "bale", "nzali",
    "gombe", "lenge", "tumbi", "hanga", "sozi", "rungu", "kanga", "wanga", "heza", "bugu",
)  # fmt: skip
_SW_QUAL = ("", "", "", " Juu", " Chini", " Kati", " Mpya", " A", " B")
_SW_WORD = (
    "Amani", "Tumaini", "Upendo", "Furaha", "Neema", "Umoja", "Mshikamano", "Faraja",
    "Baraka", "Mwangaza", "Matumaini", "Uhuru",
)  # fmt: skip

_MO_ROOT = (
    "Kou", "Ta", "Bi", "Saa", "Zi", "Na", "Pou", "Oué", "Sa", "Ké", "Ti", "Ya", "Gou",
    "Da", "Lâ", "Ba", "Toé", "Si", "Nou", "Ka",
)  # fmt: skip
_MO_END = (
    "lwéogo", "nghin", "ssiga", "tenga", "doré", "bila", "rsé", "réwé", "gyalé", "mkin",
    "pélé", "goudou", "ntenga", "ssé",
)  # fmt: skip
_FR_QUAL = ("", "", "", "", "-Centre", "-Nord", "-Sud", " I", " II")
_FR_SAINT = (
    "Sainte-Thérèse", "Saint-Joseph", "Saint-Étienne", "Notre-Dame-de-la-Paix",
    "Sainte-Geneviève", "Saint-Michel", "Sainte-Bernadette", "Saint-Benoît", "Sainte-Anne",
)  # fmt: skip

_KV_PREFIX = ("Ka", "Mu", "Ki", "Lu", "Bu", "Ma", "Nya")
_KV_ROOT = (
    "lembe", "songo", "hanga", "tobo", "bumba", "nyanja", "kundu", "ganda", "rhinda",
    "shenge", "kavu", "lungwe",
)  # fmt: skip

_MK_START = ("Nam", "Muc", "Nac", "Mur", "Mep", "Nih", "Mut", "Lur", "Nap", "Mar")
_MK_END = ("uali", "ala", "ane", "ico", "essa", "uli", "ola", "ocone", "ipo", "aca")
_PT_NAMED = (
    "São João", "Santa Luzia", "São José", "Nova Esperança", "Santo António", "Vila Paz",
    "Sete de Abril", "São Pedro", "Nossa Senhora da Conceição", "Boa Vista",
)  # fmt: skip
_PT_QUAL = ("", "", "", " A", " B", " Sede", " Expansão")

_AC_START = ("Pa", "Lu", "Ka", "Omi", "Aw", "Ony", "Ab", "Ol", "Te", "Ko")
_AC_END = ("lwak", "kodi", "wach", "dwong", "cer", "lim", "ok", "ama", "oro", "gen", "yeng")
_EN_QUAL = ("", "", "", " Central", " East", " West", " Upper", " Lower")
_EN_PLACE = ("Hillside", "Riverside", "Stadium", "Market", "Railway", "Mission", "Pece", "Layibi")

# Arabic words used in neighbourhood, camp and shelter names, with a transliteration.
_AR_WORD = (
    ("الزهور", "al-Zuhour"), ("الياسمين", "al-Yasmin"), ("الزيتون", "al-Zaytoun"),
    ("السلام", "al-Salam"), ("النور", "al-Nour"), ("الأمل", "al-Amal"),
    ("الربيع", "al-Rabie"), ("الصفصاف", "al-Safsaf"), ("الرمان", "al-Rumman"),
    ("التلال", "al-Tilal"), ("الوادي", "al-Wadi"), ("البستان", "al-Bustan"),
    ("السنديان", "al-Sindiyan"), ("الكرمة", "al-Karma"), ("النخيل", "al-Nakheel"),
    ("الينابيع", "al-Yanabie"), ("الفجر", "al-Fajr"), ("الغدير", "al-Ghadir"),
    ("الريحان", "al-Rayhan"), ("الجوري", "al-Jouri"),
)  # fmt: skip
_AR_QUAL = (
    ("", ""), ("", ""), ("", ""), (" الشمالي", " al-Shamali"), (" الجنوبي", " al-Janoubi"),
    (" الشرقي", " al-Sharqi"), (" الغربي", " al-Gharbi"), (" الجديد", " al-Jadid"),
)  # fmt: skip
_AR_QUAL_FEMININE = (  # for قرية (village), a feminine noun
    ("", ""), ("", ""), ("", ""), (" الشمالية", " al-Shamaliya"), (" الجنوبية", " al-Janoubiya"),
    (" الشرقية", " al-Sharqiya"), (" الغربية", " al-Gharbiya"), (" الجديدة", " al-Jadida"),
)  # fmt: skip
_AR_KIND = {
    "urban_neighbourhood": ("حي", "Hay"),
    "camp": ("مخيم", "Mukhayyam"),
    "collective": ("مركز إيواء", "Markaz Iwaa"),
    "village": ("قرية", "Qaryat"),
}
_AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _sw_village(rng: random.Random) -> str:
    return rng.choice(_SW_PREFIX) + rng.choice(_SW_ROOT)


def _community_swahili(rng: random.Random, kind: str) -> tuple[str, str]:
    if kind == "urban_neighbourhood":
        word = rng.choice(_SW_WORD)
        return f"Mtaa wa {word}", f"{word} street"
    if kind == "camp":
        word, zone = rng.choice(_SW_WORD), rng.randint(1, 14)
        return f"Kambi ya {word}, Zoni {zone}", f"{word} camp, zone {zone}"
    if kind == "collective":
        return f"Kituo cha {rng.choice(_SW_WORD)}", ""
    return _sw_village(rng) + rng.choice(_SW_QUAL), ""


def _moore_village(rng: random.Random) -> str:
    return rng.choice(_MO_ROOT) + rng.choice(_MO_END)


def _community_moore(rng: random.Random, kind: str) -> tuple[str, str]:
    if kind == "urban_neighbourhood":
        sector = rng.randint(1, 30)
        return f"Quartier {rng.choice(_FR_SAINT)}", f"Secteur {sector}"
    if kind == "camp":
        return f"Site de personnes déplacées de {_moore_village(rng)}", ""
    if kind == "collective":
        return f"Centre d'accueil de {_moore_village(rng)}", ""
    return _moore_village(rng) + rng.choice(_FR_QUAL), ""


def _kivu_village(rng: random.Random) -> str:
    return rng.choice(_KV_PREFIX) + rng.choice(_KV_ROOT)


def _community_kivu(rng: random.Random, kind: str) -> tuple[str, str]:
    if kind == "urban_neighbourhood":
        return f"Quartier {rng.choice(_FR_SAINT)}", f"Mtaa wa {rng.choice(_SW_WORD)}"
    if kind == "camp":
        return f"Site de déplacés de {_kivu_village(rng)}", ""
    if kind == "collective":
        return f"Centre collectif {rng.choice(_FR_SAINT)}", ""
    return _kivu_village(rng) + rng.choice(_FR_QUAL), ""


def _makhuwa_village(rng: random.Random) -> str:
    return rng.choice(_MK_START) + rng.choice(_MK_END)


def _community_makhuwa(rng: random.Random, kind: str) -> tuple[str, str]:
    if kind == "urban_neighbourhood":
        block = rng.randint(1, 40)
        return f"Bairro {rng.choice(_PT_NAMED)}{rng.choice(_PT_QUAL)}", f"Quarteirão {block}"
    if kind == "camp":
        return f"Centro de Reassentamento de {_makhuwa_village(rng)}", ""
    if kind == "collective":
        return f"Centro de Acomodação {rng.choice(_PT_NAMED)}", ""
    return f"Aldeia {_makhuwa_village(rng)}{rng.choice(_PT_QUAL)}", ""


def _acholi_village(rng: random.Random) -> str:
    return rng.choice(_AC_START) + rng.choice(_AC_END)


def _community_acholi(rng: random.Random, kind: str) -> tuple[str, str]:
    if kind == "urban_neighbourhood":
        return f"{rng.choice(_EN_PLACE)} Cell", ""
    if kind == "camp":
        name = _acholi_village(rng).capitalize()
        return f"{name} Settlement, Village {rng.randint(1, 30)}", ""
    if kind == "collective":
        return f"{_acholi_village(rng).capitalize()} Reception Centre", ""
    return _acholi_village(rng).capitalize() + rng.choice(_EN_QUAL), ""


def _community_arabic(rng: random.Random, kind: str, numbered: bool) -> tuple[str, str]:
    qualifiers = _AR_QUAL_FEMININE if kind == "village" else _AR_QUAL
    (word, latin), (qual, latin_qual) = rng.choice(_AR_WORD), rng.choice(qualifiers)
    prefix, latin_prefix = _AR_KIND[kind]
    if numbered:  # informal settlements are known by a number as much as by a name
        number = rng.randint(1, 180)
        arabic_number = str(number).translate(_AR_DIGITS)
        return (
            f"تجمع {word} {arabic_number}",
            f"Tajammu {latin} {number}; ITS {number:03d}",
        )
    return f"{prefix} {word}{qual}", f"{latin_prefix} {latin}{latin_qual}"


def community_name(rng: random.Random, style: str, kind: str) -> tuple[str, str]:
    """A made-up community name and its other names (transliteration, older name)."""
    if style == "swahili":
        return _community_swahili(rng, kind)
    if style == "moore":
        return _community_moore(rng, kind)
    if style == "kivu":
        return _community_kivu(rng, kind)
    if style == "makhuwa":
        return _community_makhuwa(rng, kind)
    if style == "acholi":
        return _community_acholi(rng, kind)
    numbered = style == "arabic_lb" and kind == "camp"
    return _community_arabic(rng, kind, numbered)


def locality_name(rng: random.Random, style: str) -> str:
    """A ward, commune or sub-county name for the level below the district."""
    if style == "swahili":
        return f"Kata ya {_sw_village(rng)}"
    if style == "moore":
        return f"Commune de {_moore_village(rng)}"
    if style == "kivu":
        return f"Groupement de {_kivu_village(rng)}"
    if style == "makhuwa":
        return f"Posto Administrativo de {_makhuwa_village(rng)}"
    if style == "acholi":
        return f"{_acholi_village(rng).capitalize()} Sub-county"
    word, _latin = rng.choice(_AR_WORD)
    return f"بلدة {word}"


def place_word(rng: random.Random, style: str) -> str:
    """A short made-up place name (for schools, clinics and groups named after a place)."""
    if style == "swahili":
        return _sw_village(rng)
    if style == "moore":
        return _moore_village(rng)
    if style == "kivu":
        return _kivu_village(rng)
    if style == "makhuwa":
        return _makhuwa_village(rng)
    if style == "acholi":
        return _acholi_village(rng).capitalize()
    return rng.choice(_AR_WORD)[0]
