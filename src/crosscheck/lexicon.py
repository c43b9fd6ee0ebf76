"""Word lists and small rule tables of the extraction stage, as data, in one place.

Each list says where it came from. Code reads them; nothing here is computed.
No entry names a person, outlet or figure of any evaluation story set.
"""

from __future__ import annotations

# --------------------------------------------------------------------------
# clock times

# Time-zone abbreviations and their UTC offsets in minutes. Source: IANA tz database
# abbreviations as used in English-language news (timeanddate.com abbreviation list);
# US "ET/CT/MT/PT" are ambiguous between standard and daylight time and get None.
TIME_ZONES: dict[str, int | None] = {
    "UTC": 0, "GMT": 0, "BST": 60, "IST": 330, "CET": 60, "CEST": 120, "EET": 120, "EEST": 180,
    "WET": 0, "WEST": 60, "MSK": 180, "EST": -300, "EDT": -240, "CST": -360, "CDT": -300,
    "MST": -420, "MDT": -360, "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480, "HST": -600,
    "JST": 540, "KST": 540, "AEST": 600, "AEDT": 660, "SGT": 480, "HKT": 480, "PKT": 300,
    "ET": None, "CT": None, "MT": None, "PT": None,
}
# Words for midday and midnight. Source: ordinary English usage.
CLOCK_WORDS: dict[str, int] = {"noon": 12 * 60, "midday": 12 * 60, "midnight": 0}

# --------------------------------------------------------------------------
# counts

# Emergency telephone numbers: "911 calls" names a service, it does not count 911 calls.
# Source: ITU-T E.161.1 and Wikipedia "Emergency telephone number" (the most common ones).
EMERGENCY_NUMBERS = frozenset({"911", "999", "112", "000", "111", "119", "110"})
# Words after which a bare number counts people in a state ("99 unaccounted for", "10 injured").
# Source: casualty wording in wire style guides (AP Stylebook "casualties"), checked on news text.
PEOPLE_STATES = frozenset({
    "dead", "killed", "injured", "wounded", "hurt", "missing", "unaccounted", "hospitalised",
    "hospitalized", "rescued", "evacuated", "displaced", "detained", "arrested", "stranded",
    "trapped", "survived", "died", "escaped",
})
# Verbs whose bare-number object counts people ("killing at least one", "injuring 12").
# Source: the same casualty wording.
PEOPLE_VERBS = frozenset({
    "killing", "killed", "kill", "kills", "injuring", "injured", "wounding", "wounded", "leaving",
    "rescuing", "rescued", "evacuating", "evacuated", "arresting", "arrested",
})
# Words that stand for the counted noun of an earlier figure: "35 people ... and two others".
# Source: English elliptical noun phrases.
ELLIPSIS_NOUNS = frozenset({"others", "more", "other"})
# "N of which/whom/them/those" refers back to the figure before it. Source: English grammar.
PARTITIVE_PRONOUNS = frozenset({"which", "whom", "them", "those", "these"})
# "a whole day" / "an entire day": one of the unit. Source: English usage.
WHOLE_ONE = frozenset({"whole", "entire", "full", "single"})

# --------------------------------------------------------------------------
# actors

# Nationality adjectives and group words that spaCy tags GPE/LOC but that are not places.
# Source: ISO 3166 country demonyms (CIA World Factbook "nationality" field) suffixes, plus
# the geopolitical blocs news calls by a direction word.
DEMONYM_SUFFIXES = ("ian", "ians", "ese", "ish", "i", "an", "ans", "ic")
NOT_PLACES = frozenset({"west", "east", "north", "south", "western", "eastern", "the west"})
# Head words that make a name an organisation: outlets, channels, agencies, sites, apps.
# Source: how news names media and services ("Sky News", "a Telegram channel", "tracking site").
ORG_HEADS = frozenset({
    "news", "times", "post", "journal", "herald", "tribune", "telegraph", "gazette", "press",
    "agency", "channel", "tv", "radio", "network", "website", "site", "app", "platform",
    "service", "services", "bureau", "department", "ministry", "office", "authority",
    "commission", "corporation", "company", "inc", "corp", "ltd", "plc", "group", "bank",
    "police", "troopers", "guard", "administration", "presidency", "government", "council",
})
# Words before a name that make it an outlet or channel ("the tracking site X", "his Telegram channel").
# Source: as above.
ORG_CONTEXT_BEFORE = frozenset({"site", "website", "channel", "outlet", "agency", "app", "platform", "broadcaster", "newspaper", "firm", "company", "provider"})
# Wire agencies and data providers are organisations whatever the tagger says.
# Source: the agencies named in datelines and credits (the clean stage's agency list) .
AGENCIES = frozenset({"reuters", "ap", "afp", "bloomberg", "dpa", "efe", "ansa", "pti", "ani", "xinhua", "tass", "ria", "interfax", "yonhap", "kyodo", "upi"})
# Family words: a bare surname is ambiguous when two people share it. Source: English usage.
PRONOUN_SPEAKERS = frozenset({"he", "she", "they", "i", "we"})

# --------------------------------------------------------------------------
# sentences

# Abbreviations after which a period does not end a sentence.
# Source: the Associated Press Stylebook abbreviations (titles, months, states, a.m./p.m.).
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "st", "sen", "rep", "gov",
    "pres", "jr", "sr", "co", "corp", "inc", "ltd", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "etc", "approx",
    "adm", "cmdr", "rev", "fig", "est", "fla", "calif", "mass", "ariz", "ore", "wash", "ala", "ark",
    "conn", "del", "ill", "ind", "kan", "ky", "la", "md", "mich", "minn", "miss", "mo", "mont", "neb",
    "nev", "okla", "pa", "tenn", "tex", "va", "vt", "wis", "wyo", "e.t", "p.t", "c.t",
})
# Lines that are not claims: editor's notes, captions, credits.
# Source: the layouts of news pages (editor's notes, photo captions and credit lines).
NOT_CLAIM_PREFIXES = ("editor's note", "editor’s note", "photo:", "image:", "caption:", "file photo", "watch:", "read more", "related:")
# Nouns after an emergency number that show it names the service ("911 calls", "999 outage").
# Source: as EMERGENCY_NUMBERS.
EMERGENCY_SERVICE_WORDS = frozenset({
    "call", "calls", "service", "services", "system", "systems", "center", "centers", "centre", "centres",
    "dispatch", "dispatcher", "dispatchers", "line", "lines", "operator", "operators", "outage", "outages",
    "emergency", "number", "operations",
})
# Nouns for a statement as a thing: "the statement said", "the FDIC press release states".
# Source: attribution wording in wire copy (AP/Reuters: "said in a statement", "a press release").
STATEMENT_NOUNS = frozenset({"statement", "release", "announcement", "communique", "communiqué", "readout", "notice", "post"})
# People who speak for an organisation: "a spokesperson for X" is X's statement.
# Source: as above.
SPOKES_NOUNS = frozenset({"spokesperson", "spokesman", "spokeswoman", "representative", "rep"})

# --------------------------------------------------------------------------
# alignment

# Words that negate a verb ("did not mention", "never said"). Source: English grammar (negative particles and
# adverbs); spaCy marks most as dep "neg", this list catches the rest.
NEGATION_WORDS = frozenset({"not", "n't", "never", "no", "neither", "nor"})
# Modal and hedging words on a fact's verb ("could complicate", "may have"). Source: English modal verbs and the
# hedging adverbs of wire style ("reportedly", "allegedly").
HEDGE_WORDS = frozenset({"could", "may", "might", "would", "should", "reportedly", "allegedly", "possibly", "likely", "probably"})
# British and American spellings of one word: a quote spelt either way is the same quote. Source: the regular
# correspondences in the Oxford and Merriam-Webster style notes (-ise/-ize, -our/-or, -tre/-ter, doubled l).
SPELLING_VARIANTS: tuple[tuple[str, str], ...] = (
    (r"isation\b", "ization"), (r"ise(s|d)?\b", r"ize\1"), (r"ising\b", "izing"), (r"yse(s|d)?\b", r"yze\1"),
    (r"our(s|ed|ing)?\b", r"or\1"), (r"tre(s)?\b", r"ter\1"), (r"ll(ed|ing|er)\b", r"l\1"), (r"ogue\b", "og"),
)
# Words a reporter shifts when turning speech into reported speech ("will" -> "would"): a quote differing only by
# these is the same remark. Source: English grammar of reported speech (backshift of tense and modals).
REPORTED_SPEECH_SHIFTS = frozenset({
    frozenset({"will", "would"}), frozenset({"is", "was"}), frozenset({"are", "were"}), frozenset({"can", "could"}),
    frozenset({"has", "had"}), frozenset({"have", "had"}), frozenset({"shall", "should"}), frozenset({"may", "might"}),
})
# Cues that an outlet passes on what others report rather than stating it as its own ("with reports indicating
# that", "reportedly"): such a sentence is no independent origin of the fact. Source: wire style guides on
# attribution (AP Stylebook "reportedly"; Reuters Handbook "sourcing").
REPORT_CUES = r"\b(?:reports? (?:indicat\w*|suggest\w*|say\w*|show\w*)|reportedly|according to (?:reports|media|state media)|(?:was|were|is|are) reported to|it is understood)\b"
# Words that mark a figure as a sum over several parties ("a total of $120 million", "$120 million in all"): a total
# is not compared with one party's share. Source: English usage in news copy on pledges, budgets and tolls.
TOTAL_CUES = r"\b(?:a total of|in total|total(?:ling|ing)?|in all|altogether|combined|overall|all told)\b"
