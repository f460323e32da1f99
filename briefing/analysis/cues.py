"""Word lists the quote and engagement rules share: reporting verbs and nouns, pronouns, triggers.

Lists, not patterns for single sentences: each entry is a lemma that introduces speech (or an
engagement) wherever it occurs, so the rules generalise to articles they were not written on.
"""

from __future__ import annotations

# Verbs whose subject is a source and whose clausal complement is what the source said or holds.
REPORT_VERBS = frozenset("""
say tell state add claim assert warn note explain announce confirm report insist argue write post
tweet comment observe believe think suggest reveal deny acknowledge admit declare predict estimate
conclude emphasise emphasize stress urge reply respond recall reiterate indicate maintain allege
contend concede testify mention promise pledge vow threaten hint underline underscore remark caution
complain disclose forecast hope fear propose recommend demand speculate affirm boast charge joke
reckon signal find learn feel agree counter retort quip inform assure advise remind point read
describe blog show rule reason
""".split())
# Reporting verbs with other common senses ("showed the court how", "showed videos demonstrating"):
# they report only a that-clause or a finite clause with its own subject right after them.
WEAK_REPORT_VERBS = frozenset("show rule reason".split())

# Verbs that report a question or a request only through a wh- or that-clause ("asked officials
# how such documents wound up on the street", "asked that a decision be made"), never through an
# object alone ("asked a question") or an infinitive.
QUESTION_VERBS = frozenset("ask inquire enquire wonder query".split())
QUESTION_WORDS = frozenset("how why what whether if when where who whom which that".split())

# Verbs that frame a direct quote but seldom take a that-clause ("she continued: ...").
FRAME_VERBS = REPORT_VERBS | frozenset(
    "continue ask shout exclaim wonder put begin conclude plead call term dub brand label characterize "
    "characterise".split())

# Nouns that carry reported content in a that-clause ("voiced concerns that ...").
REPORT_NOUNS = frozenset("""
concern claim warning statement belief fear assertion allegation assessment view suggestion
announcement insistence argument prediction estimate admission acknowledgement acknowledgment
assurance promise pledge threat report message hope conclusion opinion impression sensation
""".split())

# Adjectives whose that-clause is what their subject holds ("Djamal is concerned that ...").
REPORT_ADJECTIVES = frozenset("concerned worried confident convinced adamant optimistic pessimistic hopeful".split())

# Subjects that are a channel of someone else's words ("Cornyn's statement added").
CHANNEL_NOUNS = frozenset("""
statement letter report post release message tweet blog website site article paper study survey
poll spokesman spokeswoman spokesperson office account
""".split())

PERSON_PRONOUNS = frozenset("he she him her his hers".split())
GROUP_PRONOUNS = frozenset("it its they them their".split())

# Engagement triggers: verbs (lemma) and nouns (lemma).
ENGAGE_VERBS = frozenset("""
meet visit address attend travel tour host hold testify vote fly head arrive lunch dine
""".split())
ENGAGE_NOUNS = frozenset("""
meeting visit talk talks summit conference address trip tour hearing vote session negotiation
negotiations forum congress convention rally ceremony funeral lunch dinner breakfast
""".split())
# Verbs that turn an engagement noun into an engagement ("attend a conference", "hold talks").
ENGAGE_LIGHT_VERBS = frozenset("attend hold host have join chair convene open lead make pay go begin start".split())
# Verbs whose object is the party met ("met X", "visited X").
MEET_VERBS = frozenset("meet visit host".split())

FUTURE_CUES = frozenset("will shall 'll wo".split())
FUTURE_VERBS = frozenset("plan expect schedule set intend aim prepare hope due go wish want".split())
FUTURE_ADJECTIVES = frozenset("upcoming forthcoming next planned scheduled proposed".split())
