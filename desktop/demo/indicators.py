"""Signs of change the demo communities watch, in their own words and languages.

Each idea is worded in English, French, Swahili, Portuguese and Arabic; a community uses
the wording of its own language. Counted indicators move from a baseline towards a target
(some stall, as in real life); described ones move along a scale of words.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IndicatorIdea:
    words: dict[str, tuple[str, str]]  # language -> (wording, unit)
    method: str
    baseline: tuple[int, int] = (0, 0)  # range of a starting count
    target: tuple[int, int] = (0, 0)  # range of the count hoped for

    @property
    def counted(self) -> bool:
        return self.baseline != self.target


_I = IndicatorIdea

IDEAS: dict[str, tuple[IndicatorIdea, ...]] = {
    "out_of_school": (
        _I({"en": ("Number of girls back in class after the harvest", "girls"),
            "fr": ("Nombre de filles revenues en classe après les récoltes", "filles"),
            "sw": ("Idadi ya wasichana waliorudi darasani baada ya mavuno", "wasichana"),
            "pt": ("Número de raparigas que voltaram às aulas depois da colheita", "raparigas"),
            "ar": ("عدد الفتيات اللواتي عدن إلى الصف بعد موسم القطاف", "فتاة")},
           "Two planning group members count with the class teachers", (3, 9), (18, 30)),
        _I({"en": ("Children with disabilities who go to school at least three days a week",
                   "children"),
            "fr": ("Enfants handicapés qui vont à l'école au moins trois jours par semaine",
                   "enfants"),
            "sw": ("Watoto wenye ulemavu wanaokwenda shule angalau siku tatu kwa wiki",
                   "watoto"),
            "pt": ("Crianças com deficiência que vão à escola pelo menos três dias por semana",
                   "crianças"),
            "ar": ("الأطفال ذوو الإعاقة الذين يذهبون إلى المدرسة ثلاثة أيام أسبوعياً على الأقل",
                   "طفل")},
           "The representative of people with disabilities asks the families", (0, 3), (8, 14)),
    ),
    "child_marriage": (
        _I({"en": ("Fathers say openly that they will wait until their daughters finish "
                   "school", ""),
            "fr": ("Les pères disent ouvertement qu'ils attendront que leurs filles finissent "
                   "l'école", ""),
            "sw": ("Akina baba wanasema wazi kwamba watasubiri binti zao wamalize shule", ""),
            "pt": ("Os pais dizem abertamente que vão esperar que as filhas terminem a escola",
                   ""),
            "ar": ("الآباء يقولون علناً إنهم سينتظرون حتى تنهي بناتهم المدرسة", "")},
           "Asked at the fathers' dialogue evenings"),
        _I({"en": ("Marriages of girls under 18 that the elders heard of this season",
                   "marriages"),
            "fr": ("Mariages de filles de moins de 18 ans connus des anciens cette saison",
                   "mariages"),
            "sw": ("Ndoa za wasichana chini ya miaka 18 ambazo wazee wamezisikia msimu huu",
                   "ndoa"),
            "pt": ("Casamentos de raparigas com menos de 18 anos de que os anciãos souberam",
                   "casamentos"),
            "ar": ("حالات زواج فتيات دون الثامنة عشرة سمع بها الوجهاء هذا الموسم", "حالة")},
           "The elders' council keeps a tally and reports it to the planning group",
           (5, 9), (0, 1)),
    ),
    "heavy_work": (
        _I({"en": ("Boys under 15 seen carrying loads on market day", "boys"),
            "fr": ("Garçons de moins de 15 ans vus portant des charges le jour du marché",
                   "garçons"),
            "sw": ("Wavulana chini ya miaka 15 wanaoonekana wakibeba mizigo siku ya gulio",
                   "wavulana"),
            "pt": ("Rapazes com menos de 15 anos vistos a carregar fardos em dia de feira",
                   "rapazes"),
            "ar": ("الأولاد دون الخامسة عشرة الذين يُشاهَدون يحملون الأثقال يوم السوق", "ولد")},
           "Youth volunteers walk through the market at midday", (15, 30), (0, 5)),
        _I({"en": ("Girls say they reach school on time after fetching water", ""),
            "fr": ("Les filles disent qu'elles arrivent à l'heure à l'école après la corvée "
                   "d'eau", ""),
            "sw": ("Wasichana wanasema wanafika shuleni kwa wakati baada ya kuchota maji", ""),
            "pt": ("As raparigas dizem que chegam a tempo à escola depois de ir buscar água",
                   ""),
            "ar": ("الفتيات يقلن إنهن يصلن إلى المدرسة في الوقت بعد جلب الماء", "")},
           "Asked in the girls' club"),
    ),
    "teen_pregnancy": (
        _I({"en": ("Girls who came back to school after having a baby", "girls"),
            "fr": ("Filles revenues à l'école après avoir eu un bébé", "filles"),
            "sw": ("Wasichana waliorudi shule baada ya kujifungua", "wasichana"),
            "pt": ("Raparigas que voltaram à escola depois de terem um bebé", "raparigas"),
            "ar": ("الفتيات اللواتي عدن إلى المدرسة بعد الولادة", "فتاة")},
           "Checked with the head teacher each term", (0, 2), (5, 10)),
        _I({"en": ("Parents say they feel able to talk to their daughters", ""),
            "fr": ("Les parents disent qu'ils se sentent capables de parler avec leurs filles",
                   ""),
            "sw": ("Wazazi wanasema wanajisikia huru kuongea na binti zao", ""),
            "pt": ("Os pais dizem que se sentem capazes de conversar com as filhas", ""),
            "ar": ("الأهل يقولون إنهم يشعرون بالقدرة على التحدث مع بناتهم", "")},
           "Asked at the mothers' circles and the men's group"),
    ),
    "sexual_exploitation": (
        _I({"en": ("Girls say they feel safe on the way to the water point", ""),
            "fr": ("Les filles disent qu'elles se sentent en sécurité sur le chemin du point "
                   "d'eau", ""),
            "sw": ("Wasichana wanasema wanajisikia salama njiani kwenda kisimani", ""),
            "pt": ("As raparigas dizem que se sentem seguras no caminho para o fontanário", ""),
            "ar": ("الفتيات يقلن إنهن يشعرن بالأمان في الطريق إلى نقطة المياه", "")},
           "Asked by the girls' representative in small groups"),
        _I({"en": ("Worries taken by the community watch to the police family desk", "reports"),
            "fr": ("Inquiétudes transmises par les volontaires à la brigade des mineurs",
                   "signalements"),
            "sw": ("Taarifa zilizopelekwa na walinzi wa jamii kwenye dawati la jinsia",
                   "taarifa"),
            "pt": ("Preocupações levadas pelos voluntários ao gabinete de atendimento", "casos"),
            "ar": ("البلاغات التي نقلها المتطوعون إلى قسم حماية الأسرة", "بلاغ")},
           "The elders' council keeps a tally", (0, 1), (3, 6)),
    ),
    "violence_home": (
        _I({"en": ("Children say adults at home talk with them instead of beating them", ""),
            "fr": ("Les enfants disent que les adultes à la maison leur parlent au lieu de les "
                   "frapper", ""),
            "sw": ("Watoto wanasema watu wazima nyumbani wanaongea nao badala ya kuwapiga", ""),
            "pt": ("As crianças dizem que os adultos em casa falam com elas em vez de lhes "
                   "bater", ""),
            "ar": ("الأطفال يقولون إن الكبار في البيت يتحدثون معهم بدلاً من ضربهم", "")},
           "Asked in the children's groups with drawings"),
        _I({"en": ("Parents taking part in the parents' group sessions", "parents"),
            "fr": ("Parents qui participent aux séances du groupe de parents", "parents"),
            "sw": ("Wazazi wanaohudhuria vikao vya kikundi cha wazazi", "wazazi"),
            "pt": ("Pais e mães que participam nas sessões do grupo de pais", "pais"),
            "ar": ("الأهل المشاركون في جلسات مجموعة الأهل", "وليّ أمر")},
           "Attendance list kept by the group", (8, 15), (30, 40)),
    ),
    "violence_school": (
        _I({"en": ("Pupils who say a teacher hit them this month", "pupils"),
            "fr": ("Élèves qui disent qu'un enseignant les a frappés ce mois-ci", "élèves"),
            "sw": ("Wanafunzi wanaosema mwalimu aliwapiga mwezi huu", "wanafunzi"),
            "pt": ("Alunos que dizem que um professor lhes bateu este mês", "alunos"),
            "ar": ("التلاميذ الذين يقولون إن معلماً ضربهم هذا الشهر", "تلميذ")},
           "Anonymous show of hands in two classes", (20, 35), (0, 5)),
    ),
    "neglect": (
        _I({"en": ("Young children found alone at home during the planting season visits",
                   "children"),
            "fr": ("Jeunes enfants trouvés seuls à la maison pendant les visites des semis",
                   "enfants"),
            "sw": ("Watoto wadogo wanaokutwa peke yao nyumbani wakati wa msimu wa kupanda",
                   "watoto"),
            "pt": ("Crianças pequenas encontradas sozinhas em casa na época das sementeiras",
                   "crianças"),
            "ar": ("الأطفال الصغار الذين وُجدوا وحدهم في البيت خلال موسم الزراعة", "طفل")},
           "Counted by the women's group during their rota visits", (10, 20), (0, 3)),
        _I({"en": ("Grandmothers say they know which children need looking in on", ""),
            "fr": ("Les grands-mères disent qu'elles savent quels enfants ont besoin d'une "
                   "visite", ""),
            "sw": ("Bibi wanasema wanajua watoto gani wanahitaji kutembelewa", ""),
            "pt": ("As avós dizem que sabem que crianças precisam de uma visita", ""),
            "ar": ("الجدّات يقلن إنهن يعرفن أي الأطفال يحتاجون إلى من يطمئن عليهم", "")},
           "Asked at the women's group meeting"),
    ),
    "separation": (
        _I({"en": ("Separated children whose families have been traced", "children"),
            "fr": ("Enfants séparés dont la famille a été retrouvée", "enfants"),
            "sw": ("Watoto waliotengana ambao familia zao zimepatikana", "watoto"),
            "pt": ("Crianças separadas cujas famílias foram localizadas", "crianças"),
            "ar": ("الأطفال المنفصلون الذين عُثر على أسرهم", "طفل")},
           "The elders' council keeps the list", (0, 2), (5, 10)),
    ),
    "substance_use": (
        _I({"en": ("Shops seen selling alcohol or glue to children on the walk-around",
                   "shops"),
            "fr": ("Boutiques vues vendant de l'alcool ou de la colle à des enfants pendant la "
                   "tournée", "boutiques"),
            "sw": ("Maduka yanayoonekana yakiuza pombe au gundi kwa watoto", "maduka"),
            "pt": ("Lojas vistas a vender álcool ou cola a crianças durante a ronda", "lojas"),
            "ar": ("المحلات التي شوهدت تبيع الكحول أو الغراء للأطفال خلال الجولة", "محل")},
           "Two elders walk past the shops on a Friday evening", (6, 12), (0, 2)),
        _I({"en": ("Girls and boys at the evening football and music sessions", "young people"),
            "fr": ("Filles et garçons présents aux séances du soir de football et de musique",
                   "jeunes"),
            "sw": ("Wasichana na wavulana wanaohudhuria michezo na muziki jioni", "vijana"),
            "pt": ("Raparigas e rapazes nas sessões de futebol e música ao fim da tarde",
                   "jovens"),
            "ar": ("البنات والأولاد في جلسات كرة القدم والموسيقى المسائية", "شاب وشابة")},
           "Counted by the volunteer coaches", (10, 20), (40, 60)),
    ),
    "online_harm": (
        _I({"en": ("Young people say they know whom to tell when something bad happens online",
                   ""),
            "fr": ("Les jeunes disent qu'ils savent à qui parler quand quelque chose de mal "
                   "arrive en ligne", ""),
            "sw": ("Vijana wanasema wanajua wamwambie nani jambo baya likitokea mtandaoni", ""),
            "pt": ("Os jovens dizem que sabem a quem contar quando algo de mau acontece na "
                   "internet", ""),
            "ar": ("الشباب يقولون إنهم يعرفون لمن يلجؤون عندما يحدث شيء سيئ على الإنترنت", "")},
           "Asked in the youth club"),
    ),
    "trafficking": (
        _I({"en": ("Parents say they would ask the elders before a child goes to work in town",
                   ""),
            "fr": ("Les parents disent qu'ils consulteraient les anciens avant qu'un enfant "
                   "parte travailler en ville", ""),
            "sw": ("Wazazi wanasema wangewauliza wazee kabla mtoto hajaenda kufanya kazi mjini",
                   ""),
            "pt": ("Os pais dizem que perguntariam aos anciãos antes de uma criança ir trabalhar "
                   "na cidade", ""),
            "ar": ("الأهل يقولون إنهم سيستشيرون الوجهاء قبل ذهاب أي طفل للعمل في المدينة", "")},
           "Asked at the information evenings"),
    ),
}  # fmt: skip

# An indicator on a community's own harm, in any language.
OWN_HARM_IDEA = _I(
    {"en": ("Children the planning group counted doing it this month", "children"),
     "fr": ("Enfants que le groupe de planification a comptés ce mois-ci", "enfants"),
     "sw": ("Watoto waliohesabiwa na kamati ya mipango mwezi huu", "watoto"),
     "pt": ("Crianças que o grupo de planificação contou este mês", "crianças"),
     "ar": ("الأطفال الذين أحصتهم لجنة التخطيط هذا الشهر", "طفل")},
    "Counted by planning group members on an agreed day", (12, 25), (0, 5),
)  # fmt: skip

# A described indicator moves along these words, from hardly anyone to most people.
SCALE = (
    "Hardly anyone yet",
    "A few, mostly people who come to the groups",
    "Some, and more than last time",
    "About half of those asked",
    "Most of those asked",
)

COLLECTED_BY = (
    "Two planning group members",
    "Youth volunteers",
    "Women's group",
    "Elders' council",
    "Girls' and boys' representatives",
)
FREQUENCY = ("Monthly", "Monthly", "Every two months", "Each school term", "After market day")
OBSERVATION_NOTES = (
    "Counted after the rains; some families were still at the fields.",
    "Lower than expected: the school was closed for two weeks.",
    "Checked against the teachers' register.",
    "Asked at the women's group meeting.",
    "Several new families arrived this month.",
    "The volunteers disagreed about one count; the lower figure is recorded.",
)
