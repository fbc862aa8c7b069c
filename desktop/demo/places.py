"""Where the demo communities are: countries, regions and districts, and the formal actors
(social welfare, police, health, schools, councils, NGOs, faith and traditional leaders)
that a field office would meet in each district.

Countries, regions and districts are real so that maps and lists look right; coordinates
are district centres, approximately. Every community and every person is made up, and
stakeholders are described by function ("District social welfare office") rather than as
real, named offices with real contacts. E-mail addresses use the reserved example.org domain.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class District:
    country: str
    region: str
    name: str
    latitude: float
    longitude: float
    languages: str
    style: str  # naming tradition, see names.community_name
    words: str  # language of the community's own words (indicators, planning group)
    office: str  # language of the office's records about formal actors
    kinds: tuple[tuple[str, int], ...]  # community kinds with weights


_V, _U, _C, _K = "village", "urban_neighbourhood", "camp", "collective"

DISTRICTS: tuple[District, ...] = (
    District("Tanzania", "Kigoma", "Kasulu", -4.58, 30.10, "Swahili, Ha", "swahili", "sw", "sw",
             ((_V, 6), (_C, 4))),
    District("Tanzania", "Kigoma", "Kibondo", -3.59, 30.72, "Swahili, Ha", "swahili", "sw", "sw",
             ((_V, 6), (_C, 4))),
    District("Tanzania", "Kigoma", "Uvinza", -5.10, 30.39, "Swahili, Ha", "swahili", "sw", "sw",
             ((_V, 1),)),
    District("Tanzania", "Dodoma", "Chamwino", -6.35, 35.98, "Swahili, Gogo", "swahili", "sw",
             "sw", ((_V, 1),)),
    District("Tanzania", "Dodoma", "Dodoma Urban", -6.17, 35.74, "Swahili", "swahili", "sw",
             "sw", ((_U, 8), (_V, 2))),
    District("Tanzania", "Mara", "Tarime", -1.35, 34.37, "Swahili, Kurya", "swahili", "sw", "sw",
             ((_V, 1),)),
    District("Uganda", "Northern", "Gulu", 2.78, 32.30, "Acholi, English", "acholi", "en", "en",
             ((_V, 6), (_U, 4))),
    District("Uganda", "Northern", "Amuru", 2.85, 31.94, "Acholi, English", "acholi", "en", "en",
             ((_V, 1),)),
    District("Uganda", "West Nile", "Arua", 3.02, 30.91, "Lugbara, English", "acholi", "en",
             "en", ((_V, 5), (_C, 3), (_U, 2))),
    District("Uganda", "West Nile", "Yumbe", 3.47, 31.25, "Aringa, Lugbara, English", "acholi",
             "en", "en", ((_C, 7), (_V, 3))),
    District("Burkina Faso", "Centre-Nord", "Kaya", 13.09, -1.08, "Mooré, Fulfulde, French",
             "moore", "fr", "fr", ((_V, 5), (_C, 3), (_U, 2))),
    District("Burkina Faso", "Centre-Nord", "Kongoussi", 13.33, -1.53, "Mooré, French", "moore",
             "fr", "fr", ((_V, 6), (_C, 3), (_K, 1))),
    District("Burkina Faso", "Nord", "Ouahigouya", 13.58, -2.42, "Mooré, Fulfulde, French",
             "moore", "fr", "fr", ((_V, 6), (_U, 4))),
    District("Burkina Faso", "Centre-Est", "Tenkodogo", 11.78, -0.37, "Bissa, Mooré, French",
             "moore", "fr", "fr", ((_V, 1),)),
    District("DR Congo", "Sud-Kivu", "Uvira", -3.40, 29.14, "Swahili, Kifuliiru, French", "kivu",
             "sw", "fr", ((_U, 4), (_V, 4), (_C, 2))),
    District("DR Congo", "Sud-Kivu", "Fizi", -4.30, 28.94, "Swahili, Kibembe, French", "kivu",
             "sw", "fr", ((_V, 6), (_C, 3), (_K, 1))),
    District("DR Congo", "Sud-Kivu", "Kalehe", -2.10, 28.91, "Swahili, Kihavu, French", "kivu",
             "sw", "fr", ((_V, 7), (_C, 3))),
    District("Mozambique", "Nampula", "Nampula", -15.12, 39.27, "Makhuwa, Portuguese",
             "makhuwa", "pt", "pt", ((_U, 8), (_V, 2))),
    District("Mozambique", "Nampula", "Mogovolas", -15.60, 39.15, "Makhuwa, Portuguese",
             "makhuwa", "pt", "pt", ((_V, 1),)),
    District("Mozambique", "Cabo Delgado", "Metuge", -12.95, 40.33,
             "Makhuwa, Kimwani, Portuguese", "makhuwa", "pt", "pt", ((_C, 6), (_V, 3), (_K, 1))),
    District("Mozambique", "Zambézia", "Mocuba", -16.84, 36.98, "Chuwabo, Lomwe, Portuguese",
             "makhuwa", "pt", "pt", ((_V, 1),)),
    District("Jordan", "Mafraq", "Mafraq", 32.34, 36.21, "Arabic", "arabic_jo", "ar", "ar",
             ((_U, 5), (_V, 3), (_C, 2))),
    District("Jordan", "Irbid", "Irbid", 32.55, 35.85, "Arabic", "arabic_jo", "ar", "ar",
             ((_U, 8), (_K, 2))),
    District("Jordan", "Zarqa", "Russeifa", 32.02, 36.05, "Arabic", "arabic_jo", "ar", "ar",
             ((_U, 1),)),
    District("Lebanon", "Bekaa", "Zahle", 33.85, 35.90, "Arabic", "arabic_lb", "ar", "ar",
             ((_C, 6), (_K, 2), (_U, 2))),
    District("Lebanon", "Baalbek-Hermel", "Baalbek", 34.00, 36.21, "Arabic", "arabic_lb", "ar",
             "ar", ((_C, 5), (_U, 3), (_K, 2))),
    District("Lebanon", "Akkar", "Akkar", 34.54, 36.08, "Arabic", "arabic_lb", "ar", "ar",
             ((_C, 5), (_V, 3), (_K, 2))),
    District("Lebanon", "North", "Tripoli", 34.44, 35.83, "Arabic", "arabic_lb", "ar", "ar",
             ((_U, 7), (_K, 3))),
)  # fmt: skip

# How many people live in a community of each kind (Lebanese informal settlements are small).
POPULATION: dict[str, tuple[int, int]] = {
    _V: (300, 4_000),
    _U: (2_000, 20_000),
    _C: (1_500, 12_000),
    _K: (60, 600),
}
SMALL_CAMP = (40, 400)


@dataclass(frozen=True)
class StakeholderTemplate:
    """A formal actor found in every district; ``{d}`` is the district, ``{r}`` the region,
    ``{p}`` a made-up place name in the district."""

    type: str
    level: str
    name: str
    contact: str = ""


_T = StakeholderTemplate

STAKEHOLDERS: dict[str, tuple[StakeholderTemplate, ...]] = {
    "en": (
        _T("social_welfare", "district", "{d} District Probation and Social Welfare Office",
           "Probation and social welfare officer"),
        _T("police", "district", "{d} Central Police Station, Child and Family Protection Unit",
           "Officer in charge of the unit"),
        _T("health", "district", "{d} Health Centre IV", "In-charge, maternal and child health"),
        _T("health", "community", "{p} Health Centre II", "Enrolled nurse"),
        _T("education", "community", "{p} Primary School", "Head teacher"),
        _T("education", "district", "{d} Seed Secondary School", "Deputy head teacher"),
        _T("local_government", "district", "{d} District Community Development Office",
           "Community development officer"),
        _T("local_government", "community", "{p} Sub-county Chief's Office", "Parish chief"),
        _T("ngo", "district", "{p} Women's Savings Association", "Chairperson"),
        _T("ngo", "national", "National child helpline (116)"),
        _T("faith_traditional", "community", "Council of clan elders, {p}", "Rwot (clan chief)"),
        _T("faith_traditional", "district", "{d} Inter-religious Council", "Secretary"),
        _T("social_welfare", "provincial", "{r} Regional Referral Hospital, social work unit"),
        _T("other", "district", "{d} community radio", "Programme manager"),
    ),
    "sw": (
        _T("social_welfare", "district", "Ofisi ya Ustawi wa Jamii, Wilaya ya {d}",
           "Afisa ustawi wa jamii"),
        _T("police", "district", "Dawati la Jinsia na Watoto, Kituo cha Polisi {d}",
           "Mkuu wa dawati"),
        _T("health", "district", "Hospitali ya Wilaya ya {d}", "Muuguzi mkuu"),
        _T("health", "community", "Zahanati ya {p}", "Tabibu"),
        _T("education", "community", "Shule ya Msingi {p}", "Mwalimu mkuu"),
        _T("education", "district", "Shule ya Sekondari {d}", "Mkuu wa shule"),
        _T("local_government", "district", "Halmashauri ya Wilaya ya {d}",
           "Afisa maendeleo ya jamii"),
        _T("local_government", "community", "Ofisi ya Mtendaji wa Kijiji, {p}",
           "Mtendaji wa kijiji"),
        _T("ngo", "district", "Kikundi cha Wanawake {p}", "Mwenyekiti"),
        _T("ngo", "national", "Huduma ya simu kwa mtoto (116)"),
        _T("faith_traditional", "community", "Baraza la Wazee wa {p}", "Mwenyekiti wa wazee"),
        _T("faith_traditional", "district", "Kamati ya Amani ya Viongozi wa Dini, {d}", "Katibu"),
        _T("social_welfare", "provincial", "Ofisi ya Ustawi wa Jamii, Mkoa wa {r}"),
        _T("other", "district", "Redio ya jamii {d}", "Mtangazaji"),
    ),
    "fr": (
        _T("social_welfare", "district", "Service départemental de l'action sociale de {d}",
           "Agent d'action sociale"),
        _T("police", "district", "Commissariat de {d}, brigade des mineurs",
           "Officier de police judiciaire"),
        _T("health", "district", "Centre médical de {d}", "Sage-femme d'État"),
        _T("health", "community", "Centre de santé de {p}", "Infirmier chef de poste"),
        _T("education", "community", "École primaire publique de {p}", "Directrice d'école"),
        _T("education", "district", "Lycée départemental de {d}", "Proviseur"),
        _T("local_government", "district", "Mairie de {d}, service de l'état civil",
           "Secrétaire général"),
        _T("local_government", "community", "Conseil villageois de développement de {p}",
           "Président du conseil"),
        _T("ngo", "district", "Association des femmes de {p}", "Présidente"),
        _T("ngo", "national", "Ligne verte d'écoute pour les enfants (116)"),
        _T("faith_traditional", "community", "Chefferie coutumière de {p}", "Chef coutumier"),
        _T("faith_traditional", "district", "Cadre de concertation des religieux de {d}",
           "Secrétaire"),
        _T("social_welfare", "provincial", "Direction régionale de l'action sociale, {r}"),
        _T("other", "district", "Radio communautaire de {d}", "Animatrice"),
    ),
    "pt": (
        _T("social_welfare", "district", "Serviço Distrital de Saúde, Mulher e Acção Social de {d}",
           "Técnica de acção social"),
        _T("police", "district",
           "Gabinete de Atendimento à Família e Menores Vítimas de Violência, {d}",
           "Agente do gabinete"),
        _T("health", "district", "Hospital Distrital de {d}", "Enfermeira de SMI"),
        _T("health", "community", "Centro de Saúde de {p}", "Técnico de medicina"),
        _T("education", "community", "Escola Primária Completa de {p}", "Director da escola"),
        _T("education", "district", "Escola Secundária de {d}", "Directora pedagógica"),
        _T("local_government", "district", "Governo do Distrito de {d}",
           "Técnico de desenvolvimento comunitário"),
        _T("local_government", "community", "Secretaria do Bairro {p}", "Secretário do bairro"),
        _T("ngo", "district", "Associação das Mulheres de {p}", "Presidente"),
        _T("ngo", "national", "Linha de apoio à criança (116)"),
        _T("faith_traditional", "community", "Régulo e conselho de anciãos de {p}", "Régulo"),
        _T("faith_traditional", "district", "Conselho de Líderes Religiosos de {d}", "Secretário"),
        _T("social_welfare", "provincial",
           "Direcção Provincial de Género, Criança e Acção Social, {r}"),
        _T("other", "district", "Rádio Comunitária de {d}", "Locutora"),
    ),
    "ar": (
        _T("social_welfare", "district", "مديرية التنمية الاجتماعية، {d}", "أخصائية اجتماعية"),
        _T("police", "district", "قسم حماية الأسرة والأحداث، {d}", "ضابط القسم"),
        _T("health", "district", "مستشفى {d} الحكومي", "ممرضة صحة الأم والطفل"),
        _T("health", "community", "مركز صحي {p}", "طبيبة المركز"),
        _T("education", "community", "مدرسة {p} الأساسية", "مديرة المدرسة"),
        _T("education", "district", "مدرسة {d} الثانوية", "المرشد التربوي"),
        _T("local_government", "district", "بلدية {d}", "رئيس قسم الخدمات"),
        _T("local_government", "community", "لجنة الحي، {p}", "رئيس اللجنة"),
        _T("ngo", "district", "جمعية {p} الخيرية للسيدات", "رئيسة الجمعية"),
        _T("ngo", "national", "خط مساندة الطفل (110)"),
        _T("faith_traditional", "community", "لجنة وجهاء {p}", "مختار"),
        _T("faith_traditional", "district", "مجلس رجال الدين في {d}", "أمين السر"),
        _T("social_welfare", "provincial", "مركز الخدمات الإنمائية، {r}"),
        _T("other", "district", "إذاعة {d} المجتمعية", "مقدمة البرامج"),
    ),
}  # fmt: skip
