"""The words of the process: meeting places and records, planning group roles, partnership
decisions, reflections, mentor reviews and links with formal actors.

Places and planning group roles are in the community's language; records the office writes
(decisions, notes, reviews) are in English, the demo office's reporting language. ``{harm}``
stands for a harm as it reads in a sentence.
"""

from __future__ import annotations

PLACES: dict[str, tuple[str, ...]] = {
    "en": ("Primary school classroom", "Under the big mango tree", "Church hall",
           "Sub-county hall", "Health centre veranda", "Market shelter", "Community hall"),
    "sw": ("Ofisi ya kijiji", "Chini ya mwembe mkubwa", "Darasa la shule ya msingi",
           "Ukumbi wa kanisa", "Uwanja wa soko", "Nyumbani kwa mwenyekiti wa kijiji"),
    "fr": ("Sous le hangar du marché", "Salle de classe de l'école primaire",
           "Cour du chef de village", "Salle paroissiale", "Devant le centre de santé",
           "Sous le grand karité"),
    "pt": ("Escola primária", "Debaixo da mangueira grande", "Sede do bairro",
           "Salão da igreja", "Varanda do posto de saúde", "Casa do régulo"),
    "ar": ("المركز المجتمعي", "مدرسة الحي", "خيمة التجمع الكبيرة", "مكتب لجنة المخيم",
           "قاعة الجمعية", "ساحة المسجد"),
}  # fmt: skip
HOME: dict[str, str] = {
    "en": "Family home",
    "sw": "Nyumbani kwa familia",
    "fr": "Domicile de la famille",
    "pt": "Casa da família",
    "ar": "منزل العائلة",
}

# Planning group members are recorded by role (or initials), with the group they speak for.
ROLES: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (("Chair (woman elder)", "elders"), ("Secretary (young man)", "men"),
           ("Treasurer (mother)", "women"), ("Youth representative (girl)", "girls"),
           ("Youth representative (boy)", "boys"),
           ("Representative of people with disabilities", "disability"),
           ("Faith leader", "men"), ("Elder", "elders"), ("Women's group leader", "women")),
    "sw": (("Mwenyekiti (mama mzee)", "elders"), ("Katibu (kijana wa kiume)", "men"),
           ("Mweka hazina (mama)", "women"), ("Mwakilishi wa wasichana", "girls"),
           ("Mwakilishi wa wavulana", "boys"),
           ("Mwakilishi wa watu wenye ulemavu", "disability"), ("Kiongozi wa dini", "men"),
           ("Mzee wa kijiji", "elders"), ("Kiongozi wa kikundi cha wanawake", "women")),
    "fr": (("Présidente (femme âgée)", "elders"), ("Secrétaire (jeune homme)", "men"),
           ("Trésorière (mère de famille)", "women"), ("Représentante des filles", "girls"),
           ("Représentant des garçons", "boys"),
           ("Représentant des personnes handicapées", "disability"),
           ("Responsable religieux", "men"), ("Ancien du village", "elders"),
           ("Responsable du groupement féminin", "women")),
    "pt": (("Presidente (anciã)", "elders"), ("Secretário (jovem)", "men"),
           ("Tesoureira (mãe)", "women"), ("Representante das raparigas", "girls"),
           ("Representante dos rapazes", "boys"),
           ("Representante das pessoas com deficiência", "disability"),
           ("Líder religioso", "men"), ("Ancião", "elders"),
           ("Líder da associação de mulheres", "women")),
    "ar": (("رئيسة اللجنة (سيدة مسنّة)", "elders"), ("أمين السر (شاب)", "men"),
           ("أمينة الصندوق (أم)", "women"), ("ممثلة الفتيات", "girls"),
           ("ممثل الفتيان", "boys"), ("ممثل الأشخاص ذوي الإعاقة", "disability"),
           ("إمام المسجد", "men"), ("أحد الوجهاء", "elders"), ("مسؤولة مجموعة النساء", "women")),
}  # fmt: skip
INITIALS: dict[str, str] = {"latin": "ABCDEFGHIJKLMNOPRSTWYZ", "ar": "ابتحخدرسعفقكمنهي"}

DECISIONS: dict[str, tuple[str, ...]] = {
    "whole_community": (
        "Agreed to hold the learning sessions with each group separately before meeting "
        "together again.",
        "Confirmed the planning group and asked it to report back every two months.",
        "The findings were accepted, with one correction from the elders.",
        "Agreed that girls and boys speak first at the next meeting.",
    ),
    "small_group": (
        "Agreed to meet again next week at the same time.",
        "Chose two people to present the group's findings at the feedback meeting.",
        "",
    ),
    "home_visit": ("", "The family will come to the next community meeting."),
    "planning_group": (
        "Agreed who follows up each action before the next meeting.",
        "Agreed to count at the school gate on the first Monday of each month.",
        "Moved the deadline of the door-to-door visits by a month.",
        "Asked the facilitator to arrange a meeting with the social welfare office.",
        "Agreed to invite the head teacher to the next meeting.",
    ),
    "reflection": (
        "Keep the groups that worked and add a session for fathers.",
        "Stop the suggestion box: pupils did not use it.",
        "Start the next cycle's learning with the boys, who were heard least this time.",
        "Carry on with {harm} for another season before choosing a new harm.",
    ),
    "formal_dialogue": (
        "The social welfare officer agreed to visit once a month.",
        "The head teacher agreed that girls who left to give birth can come back.",
        "The police family desk gave a number the community watch can call.",
        "The ward office will lend the field for the evening sessions.",
    ),
}
SELECTION = "The community chose to work on {harm}, after each group's ranking was read out."
NOTES: dict[str, tuple[str, ...]] = {
    "whole_community": (
        "Many women came late because of the market; next time the meeting starts after midday.",
        "Girls spoke through their representatives; some asked to present themselves next time.",
        "The men were quieter than usual when the girls' body map was shown.",
        "Rain shortened the meeting.",
        "The village leader opened the meeting and left the discussion to the planning group.",
        "",
    ),
    "small_group": (
        "The group used drawings; few participants write.",
        "Mothers brought young children; a volunteer looked after them.",
        "Participants asked that what they said stays within the group.",
        "",
    ),
    "home_visit": (
        "The family had not heard about the process; they were glad to be asked.",
        "Visit with the representative of people with disabilities to invite families.",
        "A grandmother cares for the children; she asked for the meetings to be nearer.",
    ),
    "planning_group": (
        "Two members absent (harvest).",
        "The chair led the meeting; the facilitator only took notes.",
        "Members reported on what they had done; most actions on track.",
        "",
    ),
    "reflection": (
        "An honest discussion about what did not work.",
        "The youth representatives presented the monitoring figures themselves.",
        "",
    ),
    "formal_dialogue": (
        "Community members presented their action plan themselves.",
        "The officer asked for a written copy of the agreement.",
        "",
    ),
}

PARTNERSHIP_REASONS: dict[str, tuple[str, ...]] = {
    "exploring": (
        "First visit to the community leaders to introduce the approach.",
        "The community's leaders invited the office after hearing about a neighbouring village.",
    ),
    "agreed": (
        "The community meeting agreed to take part, by show of hands.",
        "Leaders, women's group and youth agreed together after two open meetings.",
    ),
    "declined": (
        "The elders thanked the office and said the community is focused on rebuilding "
        "after the floods; they may approach us later.",
        "The community prefers to carry on with the committee it already has. We respect "
        "this and remain available.",
        "Leaders said they do not want an outside organisation involved in family matters "
        "at this time.",
    ),
    "paused": (
        "Paused at the community's request during the planting season.",
        "Paused: the road is not safe and the facilitator cannot visit.",
        "Paused while the camp committee is re-elected.",
    ),
    "resumed": ("The community asked to resume after the harvest.",),
    "phased_out": (
        "The planning group meets and follows up on its own; the office steps back and "
        "visits on request.",
        "Phased out as planned after the last cycle; links with social welfare continue.",
    ),
}

WHAT_WORKED = (
    "Working in separate groups first let girls and people with disabilities speak.",
    "The planning group led the actions on {harm} itself; the facilitator only supported.",
    "Counting every month kept people interested in the results.",
    "The agreement with the school was kept.",
    "Faith leaders speaking at the evening dialogues changed how fathers talk about it.",
)
CHALLENGES = (
    "Fewer people came during the harvest.",
    "Girls' attendance dropped when the sessions moved to the evening.",
    "Some parents felt blamed at first.",
    "The social welfare officer could not come as often as promised.",
    "The monitoring counts were not always taken on the agreed day.",
)
ADJUSTMENTS = (
    "Move the sessions to the afternoon and hold them at the school.",
    "Ask the women's group to take over the counting.",
    "Invite fathers personally rather than by announcement.",
    "Pair each action with a second person so it continues when someone travels.",
    "Agree a fixed monthly day with the social welfare officer.",
)

OVERALL = (
    "The community leads most of the work now; keep the facilitator in the background.",
    "Good progress on actions; participation of some groups needs attention.",
    "Monitoring is regular and the planning group uses the figures in its meetings.",
    "A slow start after the pause, but the planning group is meeting again.",
    "Strong ownership; the next step is a lasting link with the formal system.",
)
BENCHMARK_COMMENTS: dict[str, dict[str, tuple[str, ...]]] = {
    "inclusive_participation": {
        "on_track": ("Every group took part in the ranking.", "Girls presented their own map."),
        "needs_attention": ("No people with disabilities at the last meetings.",
                            "Girls were absent from the planning meetings."),
        "not_yet": ("Only men spoke at the feedback meeting.",),
    },
    "community_ownership": {
        "on_track": ("The planning group chairs its own meetings.",
                     "Resources come from the community."),
        "needs_attention": ("The facilitator still calls most meetings.",),
        "not_yet": ("Actions wait for the office to act.",),
    },
    "collective_reflection": {
        "on_track": ("The community compared options before choosing.",),
        "needs_attention": ("Options were chosen quickly, without comparing them.",),
        "not_yet": ("No reflection meeting yet.",),
    },
    "formal_linkage": {
        "on_track": ("Referrals to social welfare work both ways.",),
        "needs_attention": ("A first meeting with the police desk, no follow-up yet.",),
        "not_yet": ("No contact with formal services yet.",),
    },
    "sustainability": {
        "on_track": ("The group plans to continue without the facilitator.",),
        "needs_attention": ("Depends on two people; others should share the lead.",),
        "not_yet": ("Too early to judge.",),
    },
}  # fmt: skip
FOLLOW_UPS: dict[str, tuple[str, ...]] = {
    "inclusive_participation": (
        "Visit families of children with disabilities with their representative before the "
        "next meeting.",
        "Hold a girls-only session to prepare their part in the planning meeting.",
    ),
    "community_ownership": (
        "Let the chair call and run the next planning group meeting.",
        "List with the planning group what the community can bring to each action.",
    ),
    "collective_reflection": ("Plan a reflection meeting after the next monitoring round.",),
    "formal_linkage": (
        "Arrange a visit by the social welfare officer to the planning group.",
        "Agree with the police family desk how reports reach them.",
    ),
    "sustainability": ("Agree with the planning group who takes over the counting.",),
}
FOLLOW_UP_OWNERS = ("Facilitator", "Planning group chair", "Mentor", "Facilitator and chair")
RESPONSES = (
    "Agreed. The visits are planned with the women's representative.",
    "The group chose the evening on purpose; we will ask the girls again.",
    "Done: the chair ran the last meeting.",
    "The officer has been transferred; we are waiting for the replacement.",
    "Thank you. We will discuss it at the next planning group meeting.",
)

AGREEMENTS: dict[str, str] = {
    "social_welfare": "The officer visits monthly and takes referrals from the planning group.",
    "police": "Reports from the community watch go to the family desk, which calls back.",
    "health": "The health centre runs a monthly session for adolescents.",
    "education": "The school readmits children who left, without fees for the first term.",
    "local_government": "The ward office lends its hall and attends the reflection meetings.",
    "ngo": "The association supports the savings group that pays school contributions.",
    "faith_traditional": "Leaders speak about the community's agreement in their gatherings.",
    "other": "The radio gives the youth group a monthly slot.",
}
LINKAGE_KIND: dict[str, tuple[str, ...]] = {
    "social_welfare": ("referral_pathway", "referral_pathway", "support"),
    "police": ("referral_pathway", "dialogue"),
    "health": ("referral_pathway", "support"),
    "education": ("agreement", "agreement", "dialogue"),
    "local_government": ("dialogue", "support", "agreement"),
    "ngo": ("support",),
    "faith_traditional": ("dialogue", "agreement"),
    "other": ("support", "dialogue"),
}
LINKAGE_NOTES: dict[str, tuple[str, ...]] = {
    "proposed": ("Suggested by the planning group.", "Idea raised at the feedback meeting."),
    "in_dialogue": ("First meeting held with the planning group.", "Two meetings so far."),
    "active": ("Agreement confirmed at a joint meeting.", "Working as agreed."),
    "lapsed": ("The officer was transferred; no contact since.", "No meetings for months."),
    "ended": ("Ended by mutual agreement: the need was met.", "The service closed."),
}
PHASE_NOTES = (
    "",
    "",
    "",
    "Delayed by two weeks because of the rains.",
    "The planning group asked for more time.",
)
FALLBACK_TITLE = "Learning about our children's safety"
TITLES: dict[str, str] = {
    "out_of_school": "Back to school together",
    "child_marriage": "Letting girls grow up first",
    "heavy_work": "Lighter loads for children",
    "teen_pregnancy": "Growing up safely",
    "sexual_exploitation": "Safe paths for girls",
    "violence_home": "Homes without beating",
    "violence_school": "Schools without the cane",
    "neglect": "No young child left alone",
    "separation": "Keeping families together",
    "substance_use": "Evenings without alcohol",
    "online_harm": "Safe phones",
    "trafficking": "Children stay close to home",
}
