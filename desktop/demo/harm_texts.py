"""What communities in the demo learn, decide and do about each harm in the catalogue.

All text is written for the demo: community-level observations, never a story about an
identifiable child. Keys are the harm codes seeded by migration 0001.
"""

from __future__ import annotations

from dataclasses import dataclass

# How a harm reads inside an English sentence ("chose to work on child marriage").
PHRASE: dict[str, str] = {
    "out_of_school": "children out of school",
    "child_marriage": "child marriage",
    "heavy_work": "heavy and dangerous work",
    "teen_pregnancy": "teenage pregnancy",
    "sexual_exploitation": "sexual exploitation",
    "violence_home": "violence at home",
    "violence_school": "violence at school",
    "neglect": "neglect of young children",
    "separation": "children separated from their families",
    "substance_use": "alcohol and drug use",
    "online_harm": "online abuse",
    "trafficking": "trafficking of children",
}

# The seeded catalogue's names in the office languages (written as HarmName rows).
TRANSLATIONS: dict[str, dict[str, str]] = {
    "out_of_school": {"fr": "Enfants non scolarisés", "ar": "الأطفال خارج المدرسة",
                      "sw": "Watoto walio nje ya shule", "pt": "Crianças fora da escola"},
    "child_marriage": {"fr": "Mariage d'enfants", "ar": "زواج الأطفال",
                       "sw": "Ndoa za utotoni", "pt": "Casamento prematuro"},
    "heavy_work": {"fr": "Travaux lourds ou dangereux", "ar": "الأعمال الشاقة أو الخطرة",
                   "sw": "Kazi nzito au za hatari", "pt": "Trabalho pesado ou perigoso"},
    "teen_pregnancy": {"fr": "Grossesses précoces", "ar": "الحمل في سن المراهقة",
                       "sw": "Mimba za utotoni", "pt": "Gravidez precoce"},
    "sexual_exploitation": {"fr": "Exploitation sexuelle", "ar": "الاستغلال الجنسي",
                            "sw": "Unyonyaji wa kingono", "pt": "Exploração sexual"},
    "violence_home": {"fr": "Violence à la maison", "ar": "العنف في المنزل",
                      "sw": "Ukatili nyumbani", "pt": "Violência em casa"},
    "violence_school": {"fr": "Violence à l'école", "ar": "العنف في المدرسة",
                        "sw": "Ukatili shuleni", "pt": "Violência na escola"},
    "neglect": {"fr": "Négligence", "ar": "الإهمال", "sw": "Kutelekezwa", "pt": "Negligência"},
    "separation": {"fr": "Séparation familiale", "ar": "الانفصال عن الأسرة",
                   "sw": "Kutenganishwa na familia", "pt": "Separação da família"},
    "substance_use": {"fr": "Consommation d'alcool et de drogues",
                      "ar": "تعاطي الكحول والمخدرات",
                      "sw": "Matumizi ya pombe na dawa za kulevya",
                      "pt": "Consumo de álcool e drogas"},
    "online_harm": {"fr": "Abus en ligne", "ar": "الإساءة عبر الإنترنت",
                    "sw": "Unyanyasaji mtandaoni", "pt": "Abuso online"},
    "trafficking": {"fr": "Traite des enfants", "ar": "الاتجار بالأطفال",
                    "sw": "Usafirishaji haramu wa watoto", "pt": "Tráfico de crianças"},
}  # fmt: skip

FINDINGS: dict[str, tuple[str, ...]] = {
    "out_of_school": (
        "Many children stop going to school at harvest time and do not return afterwards; "
        "parents link it to school contributions and uniforms.",
        "Children with disabilities are mostly kept at home; families said the school is far "
        "and the teachers are not used to them.",
        "Boys leave school at around fourteen to earn money; girls leave to look after "
        "younger brothers and sisters.",
    ),
    "child_marriage": (
        "Elders and women described girls being married soon after puberty, often when a "
        "family faces debt or a poor harvest.",
        "Girls said they have no say in the decision; several mothers disagree but do not "
        "feel able to speak against it.",
        "Men said an early marriage protects the family's good name; boys and girls "
        "questioned this during the body mapping.",
    ),
    "heavy_work": (
        "Boys of ten and older carry heavy loads at the market and work long hours in the "
        "fields; several spoke of back pain and injuries.",
        "Children collect scrap or work in small workshops for cash that families need for rent.",
        "Girls do most of the water and firewood collection and walk long distances before school.",
    ),
    "teen_pregnancy": (
        "Girls linked pregnancies to gifts and money from older men, and to not knowing "
        "where to find information.",
        "Girls who become pregnant leave school, and the community says few go back after "
        "the baby is born.",
    ),
    "sexual_exploitation": (
        "Girls named the path to the water point and the video hall as places where men "
        "approach them with offers of money or lifts.",
        "Women said that when food runs out some girls are pressed into exchanging sex for "
        "food or phone credit; people find it hard to talk about.",
    ),
    "violence_home": (
        "Children described being beaten with sticks or belts as punishment; parents said "
        "they were raised the same way and know no other way.",
        "Women and girls connected violence at home with heavy drinking on market days.",
    ),
    "violence_school": (
        "Children said some teachers still use the cane and that pupils stay away on the "
        "days those teachers teach.",
        "Boys described bullying and fights on the way to and from school, especially for "
        "children from newly arrived families.",
    ),
    "neglect": (
        "Young children are left with older brothers and sisters for whole days when "
        "parents go to the fields or to work in town.",
        "Elders said nobody follows the children whose parents migrated for work.",
    ),
    "separation": (
        "Some children live with relatives or neighbours since their parents left to look "
        "for work; nobody knows how many.",
        "Families were separated during the last displacement; some children still live "
        "with host families.",
    ),
    "substance_use": (
        "Boys said cheap alcohol and glue are easy to buy near the market and that many "
        "start at around twelve.",
        "Parents worry about children gathering at night near the bars; children say there "
        "is nothing else to do in the evening.",
    ),
    "online_harm": (
        "Girls described strangers sending them messages and pictures on social media; most "
        "had not told an adult.",
        "Parents said they do not understand what children do on their phones and feel "
        "unable to guide them.",
    ),
    "trafficking": (
        "Elders described people coming to recruit children for work in town with promises "
        "of schooling; some children have not come back.",
        "Women said some girls went to work as domestic helpers across the border and their "
        "families lost contact.",
    ),
}

TOOLS = (
    "Body mapping", "Timeline", "Community mapping", "Risk mapping", "Seasonal calendar",
    "Problem tree", "Story circle", "Daily activity clock", "Transect walk",
    "Venn diagram of services", "Pairwise ranking",
)  # fmt: skip
WITH_WHOM = (
    ("girls", "with girls"), ("boys", "with boys"), ("women", "with women"),
    ("men", "with men"), ("elders", "with elders"),
    ("disability", "with people with disabilities"), ("girls", "with adolescent girls"),
    ("women", "with mothers of young children"), ("boys", "with out-of-school boys"),
)  # fmt: skip


@dataclass(frozen=True)
class ActionIdea:
    what: str
    lead: str
    participants: str
    community: str  # what the community puts in
    outside: str  # what it asks of others
    partners: tuple[str, ...]  # stakeholder types that can help


_A = ActionIdea

ACTIONS: dict[str, tuple[ActionIdea, ...]] = {
    "out_of_school": (
        _A("Door-to-door visits to families whose children stopped school after the harvest",
           "Women's representatives of the planning group", "Women's group, girls and boys",
           "Volunteers' time; the list of families from the school register", "",
           ("education",)),
        _A("Parents agree with the head teacher to pay school contributions in instalments",
           "Planning group chair", "Parents, head teacher, school committee",
           "The savings group lends to families who need it", "The school committee's consent",
           ("education", "local_government")),
        _A("Build a ramp and walk children with disabilities to school",
           "Representative of people with disabilities", "Youth volunteers, parents",
           "Bricks, sand and labour", "Cement from the ward office",
           ("education", "local_government")),
    ),
    "child_marriage": (
        _A("Evening dialogues between fathers, faith leaders and elders on the age of marriage",
           "Faith leaders with the elders' council", "Fathers, elders, faith leaders",
           "Meeting place and tea", "The social welfare officer explains the law",
           ("faith_traditional", "social_welfare")),
        _A("Weekly girls' club where girls plan how to talk with their families",
           "Two young women of the planning group", "Adolescent girls, volunteer mothers",
           "A classroom after lessons", "", ("education",)),
        _A("Community agreement, announced on market day, that no girl under 18 is married",
           "Village leader with the planning group", "Whole community",
           "The leader's announcement; drummers", "The registry confirms ages",
           ("local_government", "faith_traditional")),
    ),
    "heavy_work": (
        _A("Agreement with traders that children under 15 do not carry loads at the market",
           "Market committee chair", "Traders, porters, boys' representatives",
           "The market committee's rules", "", ("local_government",)),
        _A("Water rota with carts so that girls do not walk to the river before school",
           "Women's group", "Women, men who own carts", "Carts and jerrycans",
           "The water committee repairs the borehole", ("local_government", "ngo")),
        _A("Parents and workshop owners agree on hours that leave time for school",
           "Planning group secretary", "Parents, workshop owners, youth", "Elders mediate",
           "The labour officer attends", ("social_welfare", "local_government")),
    ),
    "teen_pregnancy": (
        _A("Sessions on growing up and relationships, for girls and boys apart, then together",
           "Youth representatives", "Adolescent girls and boys", "A classroom after school",
           "The health centre nurse's time", ("health", "education")),
        _A("Mothers' circles on talking with daughters about growing up",
           "Women's representative", "Mothers and aunts", "Women's group meeting time", "", ()),
        _A("Agreement with the school that girls who have a baby come back to class",
           "Planning group chair", "Parents, head teacher, girls' representative",
           "Grandmothers look after babies during lessons",
           "The district education office confirms the policy", ("education",)),
    ),
    "sexual_exploitation": (
        _A("Girls go to the water point and the firewood area in groups at agreed times",
           "Girls' representative", "Girls, volunteer mothers", "Volunteers' time", "", ()),
        _A("Community watch with a safe way to tell the police family desk",
           "Elders' council", "Men and women volunteers", "Volunteers' time and phones",
           "The police family desk follows up", ("police", "social_welfare")),
        _A("Riders' association agrees a code: no lifts for girls in exchange for favours",
           "Youth representative", "Motorbike riders, boys", "The association's code", "",
           ("local_government",)),
    ),
    "violence_home": (
        _A("Parents' groups practise ways of guiding children without beating",
           "Volunteer mothers and fathers", "Parents of young children",
           "Meeting space lent by faith leaders", "The social welfare officer visits twice",
           ("social_welfare", "faith_traditional")),
        _A("Men's discussion group on drinking and family life",
           "Respected fathers of the planning group", "Men",
           "Meeting space lent by faith leaders", "A counsellor from the health centre",
           ("health", "faith_traditional")),
        _A("Elders bring families together after serious beatings and refer when needed",
           "Elders' council", "Elders, women's representatives", "Elders' time",
           "Social welfare receives referrals", ("social_welfare", "police")),
    ),
    "violence_school": (
        _A("Parents and teachers agree a school code without the cane",
           "School committee chair", "Teachers, parents, pupils' representatives",
           "Parents' time", "The district inspector endorses the code", ("education",)),
        _A("Older pupils walk younger ones to and from school",
           "Youth representative", "Secondary school girls and boys", "Volunteers", "",
           ("education",)),
        _A("Suggestion box and a trusted teacher for pupils to raise problems",
           "Head teacher with the planning group", "Pupils, teachers",
           "A box made by a local carpenter", "", ("education",)),
    ),
    "neglect": (
        _A("Neighbours look in on young children left alone during the planting season",
           "Women's group", "Neighbours, grandmothers", "A rota made by the women's group", "",
           ()),
        _A("Community play space for young children on market days", "Women's representative",
           "Mothers, older girls who volunteer", "Space at the community hall, home-made toys",
           "Mats from the ward office", ("local_government", "ngo")),
        _A("Elders keep a list of children whose parents migrated and share it with social "
           "welfare", "Elders' council", "Elders, planning group",
           "The elders' knowledge of families", "The social welfare officer follows up",
           ("social_welfare",)),
    ),
    "separation": (
        _A("Elders and faith leaders help families trace relatives and stay in touch",
           "Elders' council", "Elders, faith leaders", "Phones and contacts",
           "A tracing service run by a partner organisation", ("ngo", "faith_traditional")),
        _A("Host families meet monthly and agree when to involve social welfare",
           "Host families' representative", "Host families", "Meeting time",
           "The social welfare officer attends", ("social_welfare",)),
    ),
    "substance_use": (
        _A("Evening football and music near the market for girls and boys",
           "Youth representative", "Young people, volunteer coaches",
           "Pitch cleared by volunteers; balls bought with contributions",
           "The ward office lends the field", ("local_government",)),
        _A("Shop and bar owners agree not to sell alcohol or glue to children",
           "Planning group chair", "Shopkeepers, bar owners, elders", "Elders' follow-up visits",
           "Police remind sellers of the by-law", ("police", "local_government")),
    ),
    "online_harm": (
        _A("Young people show parents how phones and social media work",
           "Youth representatives", "Parents, adolescents", "Volunteers' phones, a classroom",
           "", ("education",)),
        _A("Girls and boys agree rules for sharing photos and whom to tell",
           "Girls' and boys' representatives", "Adolescents", "Club time",
           "The child helpline number is shared", ("ngo",)),
    ),
    "trafficking": (
        _A("Families check with the elders' council before a child leaves with a recruiter",
           "Elders' council", "Parents, elders", "Elders' time", "Police check recruiters' papers",
           ("police", "local_government")),
        _A("Evenings on the risks of work offers in town, with young people who came back",
           "Youth representative", "Young people, parents", "Meeting space",
           "The social welfare officer takes part", ("social_welfare", "ngo")),
    ),
}  # fmt: skip

# Harms each group tends to rank as most serious (ranks still differ by community).
GROUP_CONCERNS: dict[str, tuple[str, ...]] = {
    "girls": ("child_marriage", "teen_pregnancy", "sexual_exploitation", "violence_school"),
    "boys": ("heavy_work", "substance_use", "violence_school", "out_of_school"),
    "women": ("child_marriage", "violence_home", "teen_pregnancy", "neglect"),
    "men": ("out_of_school", "heavy_work", "substance_use", "trafficking"),
    "elders": ("teen_pregnancy", "neglect", "separation", "substance_use"),
    "disability": ("out_of_school", "neglect", "violence_home", "separation"),
}

# Which harms come up most, by setting (codes repeated to weigh them).
LIKELY_HARMS: dict[str, tuple[str, ...]] = {
    "village": ("out_of_school", "out_of_school", "child_marriage", "child_marriage",
                "heavy_work", "teen_pregnancy", "violence_home", "neglect", "trafficking"),
    "urban_neighbourhood": ("substance_use", "substance_use", "online_harm", "violence_school",
                            "sexual_exploitation", "out_of_school", "violence_home"),
    "camp": ("child_marriage", "child_marriage", "heavy_work", "out_of_school", "separation",
             "violence_home", "sexual_exploitation", "online_harm"),
    "collective": ("out_of_school", "heavy_work", "violence_home", "separation", "neglect",
                   "child_marriage", "online_harm"),
}  # fmt: skip


@dataclass(frozen=True)
class OwnHarm:
    """A harm a community adds to the catalogue itself, named in its own language."""

    code: str
    phrase: str  # in an English sentence
    names: dict[str, str]
    description: str


OWN_HARMS: tuple[OwnHarm, ...] = (
    OwnHarm("river_crossing", "children crossing the river in the rains",
            {"en": "Children crossing the river to school in the rainy season",
             "sw": "Watoto kuvuka mto kwenda shule wakati wa mvua",
             "fr": "Enfants qui traversent la rivière pour aller à l'école en saison des pluies",
             "pt": "Crianças que atravessam o rio para ir à escola na época das chuvas",
             "ar": "عبور الأطفال الوادي إلى المدرسة في موسم الأمطار"},
            "Added by the community after the learning sessions: the ford floods every year."),
    OwnHarm("night_guarding", "children guarding fields at night",
            {"en": "Children sent to guard fields and cattle at night",
             "sw": "Watoto kutumwa kulinda mashamba na mifugo usiku",
             "fr": "Enfants envoyés garder les champs et le bétail la nuit",
             "pt": "Crianças enviadas para guardar as machambas e o gado à noite",
             "ar": "إرسال الأطفال لحراسة الحقول والمواشي في الليل"},
            "Raised by boys and their mothers; not in the office's list."),
    OwnHarm("roadside_selling", "children selling at the roadside at night",
            {"en": "Children selling at the roadside late at night",
             "sw": "Watoto kuuza bidhaa barabarani hadi usiku",
             "fr": "Enfants qui vendent au bord de la route tard le soir",
             "pt": "Crianças a vender na estrada até tarde da noite",
             "ar": "أطفال يبيعون عند الإشارات حتى ساعات متأخرة من الليل"},
            "The community's own words for a harm it sees every evening."),
    OwnHarm("gold_panning", "children working at the gold panning sites",
            {"en": "Children working at the gold panning sites",
             "sw": "Watoto kufanya kazi kwenye machimbo ya dhahabu",
             "fr": "Enfants qui travaillent sur les sites d'orpaillage",
             "pt": "Crianças a trabalhar nos garimpos de ouro"},
            "Named separately from heavy work because the sites are far from home."),
    OwnHarm("scrap_collecting", "children collecting scrap",
            {"en": "Children collecting scrap and plastic to sell",
             "sw": "Watoto kuokota vyuma chakavu na plastiki ili kuuza",
             "fr": "Enfants qui ramassent la ferraille et le plastique pour les vendre",
             "pt": "Crianças a apanhar sucata e plástico para vender",
             "ar": "أطفال يجمعون الخردة والبلاستيك لبيعها"},
            "The community wanted it named as it is, not as heavy work."),
)  # fmt: skip

SELECTED_REASONS = (
    "Girls and women ranked {harm} first, and the men agreed after the discussion.",
    "Every group ranked {harm} among its top two, and the community can act on it with "
    "its own resources.",
    "Seen as the harm that leads to others, such as leaving school and early pregnancy.",
    "The elders argued for it after hearing the girls' findings at the feedback meeting.",
    "People are already willing to lead on {harm}, and the school will support them.",
)
GIRLS_ONLY_REASON = (
    "Ranked high by the girls only; the community agreed to come back to it next cycle."
)
"""Why a harm the girls ranked first, and no other group near the top, was not selected."""
NOT_SELECTED_REASONS = (
    "Serious, but the community feels it needs outside support before acting.",
    "Less common here than the community first thought.",
    "The school and the ward office are already acting on it.",
    "",
)
