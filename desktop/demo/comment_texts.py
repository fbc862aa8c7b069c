"""What a mentor and a facilitator write to each other about a cycle's records.

Each kind of record has questions a mentor raises, the facilitator's answers, questions
the facilitator brings to the mentor and the mentor's advice. In English, the demo
office's reporting language.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Exchange:
    """The words of the threads on one kind of record."""

    asks: tuple[str, ...]  # the mentor asks
    answers: tuple[str, ...]  # the facilitator answers
    seeks: tuple[str, ...]  # the facilitator asks the mentor
    advice: tuple[str, ...]  # the mentor advises


EXCHANGES: dict[str, Exchange] = {
    "action": Exchange(
        asks=(
            "Who from the community leads this now? The plan still names the old chair.",
            "Are the girls' group part of this action, or only told about it afterwards?",
            "Does the district social welfare office know this is planned? They may help "
            "with transport.",
        ),
        answers=(
            "The women's group leader took over in March. I have asked the secretary to "
            "update the plan with her.",
            "Two girls joined the last planning meeting and will speak at the school "
            "meeting themselves.",
            "Yes, the officer came to the dialogue meeting and offered the vehicle for "
            "the home visits.",
        ),
        seeks=(
            "The community wants to pay the volunteers from the savings group. Should I "
            "raise the risk that it will not last?",
            "The chair asked whether our office can print the posters. How have other "
            "communities handled outside support like this?",
        ),
        advice=(
            "Let them weigh it at the next planning meeting: ask what happens when the "
            "savings run out, and let the decision be theirs.",
            "Ask the planning group first what they can do themselves; the office can "
            "add what is missing, and we note it as outside support.",
        ),
    ),
    "indicator": Exchange(
        asks=(
            "Who collects this now that the teacher has moved away?",
            "The target looks far from the baseline. Did the community set it themselves?",
        ),
        answers=(
            "The youth representatives count at the school gate every Monday; the head "
            "teacher checks the register with them.",
            "Yes, the women's group insisted on it. They will look at it again at the "
            "reflection meeting.",
        ),
        seeks=(
            "The elders want to add a second indicator about night-time gatherings. Is "
            "two per harm too many for them to follow?",
        ),
        advice=(
            "Two is fine if the same people can collect both without extra meetings. "
            "Ask them who would do it and how often.",
        ),
    ),
    "meeting": Exchange(
        asks=(
            "No one from the disability group came to this meeting. Was there a reason?",
            "Which decisions here were taken by the community, and which came from us?",
            "Could you add how many boys took part? The counts stop at the women's group.",
        ),
        answers=(
            "The meeting place has steps. The next one will be at the health centre "
            "veranda, and two members will be visited at home before it.",
            "All three came from the planning group; I only explained the options "
            "the district office offers.",
            "Added. Eleven boys came, most of them from the football team.",
        ),
        seeks=(
            "The elders talked over the youth again. Do you have a way of running the "
            "next meeting so the young people are heard?",
        ),
        advice=(
            "Try small groups first, each reporting back in its own words, then the "
            "whole meeting. I can join you for that one.",
        ),
    ),
    "reflection": Exchange(
        asks=(
            "The adjustments are clear. Who will tell the families who were not at the reflection?",
            "Did the community link these changes to the actions they affect?",
        ),
        answers=(
            "The chair will announce them at the market day meeting, and the youth "
            "representatives will visit the families further out.",
            "Yes, both actions are linked; the home visits move to the afternoons.",
        ),
        seeks=(
            "The group wants to drop the school committee action. Should I encourage "
            "them to keep it?",
        ),
        advice=(
            "Ask what they learned from it first. If they still want to drop it, that "
            "is their decision to make, and a useful one to record.",
        ),
    ),
}

LATE_ACTION = (
    "This action is past its due date. Has the planning group talked about what is holding it up?",
    "The rains delayed it. The planning group agreed a new date at their last meeting; "
    "I will change the due date once the chair confirms it.",
)
"""The mentor's question on an overdue action, and the facilitator's answer."""

THANKS = (
    "Thank you, that answers it.",
    "Good, thank you. I will look at it again at my next visit.",
    "Thanks, that is clear now.",
)

KINDS = tuple(EXCHANGES)
"""The kinds of record the demo comments on."""
