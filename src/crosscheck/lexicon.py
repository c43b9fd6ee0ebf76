"""Word lists and small rule tables of the extraction stage, as data, in one place.

Each list says where it came from. Code reads them; nothing here is computed.
No entry names a person, outlet or figure of any evaluation story set.
"""

from __future__ import annotations

from decimal import Decimal

from .model import Hedge

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
# Abbreviations that are titles before a name: a sentence never starts right after one ("Gen. Mark Milley").
# Source: the titles among the AP Stylebook abbreviations above.
TITLE_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "st", "sen", "rep", "gov",
    "pres", "adm", "cmdr", "rev", "no",
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
# Common nouns that stand for an organisation as a speaker ("the ministry said", "police said").
# Source: subjects of "said" in wire copy (AP/Reuters style: institutions named by their kind).
ORG_NOUNS = frozenset({
    "company", "firm", "agency", "ministry", "service", "commission", "government", "group", "bank", "council",
    "committee", "police", "army", "military", "court", "party", "union", "office", "department", "authority",
    "organisation", "organization", "institute", "operator", "club", "federation", "board", "trust", "charity",
    "regulator", "university", "hospital", "airline", "utility", "insurer", "manufacturer", "carrier", "kremlin",
})
# Of those, the ones that refer back to the last organisation named ("Acme ... the company said");
# the others name a body of their own kind ("police", "the army"). Source: as above.
GENERIC_ORG_NOUNS = frozenset({
    "company", "firm", "group", "operator", "carrier", "manufacturer", "insurer", "airline", "utility", "bank",
    "organisation", "organization", "club", "charity", "trust",
})
# Nouns for a statement as a thing: "the statement said", "the FDIC press release states".
# Source: attribution wording in wire copy (AP/Reuters: "said in a statement", "a press release").
STATEMENT_NOUNS = frozenset({"statement", "release", "announcement", "communique", "communiqué", "readout", "notice", "post"})
# People who speak for an organisation: "a spokesperson for X" is X's statement.
# Source: as above.
SPOKES_NOUNS = frozenset({"spokesperson", "spokesman", "spokeswoman", "representative", "rep"})

# --------------------------------------------------------------------------
# facts

# Modal verbs and hedge words that qualify a fact ("may have", "reportedly", "is believed to").
# Source: the hedging devices of Hyland, "Metadiscourse" (2005), appendix (modals, epistemic
# adverbs and verbs), narrowed to those common in wire copy; plus "allegedly"/"reportedly" from
# the AP Stylebook's attribution guidance.
HEDGE_WORDS = frozenset({
    "may", "might", "could", "would", "possibly", "probably", "likely", "unlikely", "perhaps", "reportedly",
    "allegedly", "apparently", "seemingly", "presumably", "suspected", "believed", "thought", "estimated",
    "appear", "appears", "appeared", "seem", "seems", "seemed", "suggest", "suggests", "suggested",
})
# Words that negate a predicate besides spaCy's "neg" relation. Source: English grammar.
NEGATION_WORDS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})

# --------------------------------------------------------------------------
# moved from the extract modules (word lists as data)

# Lemmas of verbs that introduce a quotation or report speech.
# Source: reporting verbs of wire copy (the AP Stylebook's "said" entry and its listed alternatives), checked on news text.
CUE_LEMMAS = {
    "say", "tell", "add", "state", "declare", "note", "warn", "write", "remark", "insist", "explain", "claim", "argue",
    "announce", "ask", "reply", "respond", "answer", "comment", "continue", "conclude", "acknowledge", "admit", "confirm",
    "deny", "stress", "emphasise", "emphasize", "urge", "vow", "pledge", "promise", "predict", "suggest", "describe",
    "call", "label", "brand", "recall", "recount", "report", "observe", "point", "caution", "complain", "boast", "quip",
    "tweet", "post", "testify", "concede", "contend", "maintain", "reiterate", "signal", "indicate", "order", "shout",
    "speak",
}

# Of those, the verbs whose clause is reported speech ("X said Y may comment").
# Source: as above.
INDIRECT_LEMMAS = {"say", "tell", "add", "state", "announce", "warn", "confirm", "report", "claim", "insist", "deny", "note", "predict", "suggest", "indicate", "acknowledge", "admit", "argue", "stress", "explain", "estimate", "expect"}

# Pronouns that may speak a quote. Source: English grammar.
PRONOUNS = {"he", "she", "they", "i", "we"}
# Third-person singular pronouns that stand for one person (a fact's doer "he" refers back to a person named
# before). Source: English grammar.
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
# Determiners with which a role or an organisation noun refers back to one named before ("the mayor",
# "the company"); "a spokesman" names no one. Source: English grammar (definite determiners).
DEFINITE_DETERMINERS = frozenset({"the", "this", "that"})

# Titles and honorifics before a name, not part of it. Source: AP Stylebook "titles" and common courtesy titles.
TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "gen", "general", "col",
    "colonel", "lt", "maj", "major", "capt", "captain", "sgt", "adm", "admiral", "president", "prime", "minister",
    "pm", "sen", "senator", "rep", "gov", "governor", "mayor", "judge", "justice", "king", "queen", "prince",
    "princess", "pope", "rev", "reverend", "father", "sheikh", "chancellor", "secretary", "commander", "chief",
    "ambassador", "inspector", "superintendent", "detective", "officer", "coach", "manager", "st", "saint",
}

# Prepositions that put a name in a place context ("in Kursk"). Source: English locative prepositions.
PLACE_BEFORE = {"in", "into", "near", "from", "across", "around", "outside", "inside", "towards", "toward", "at", "of", "to"}

# Nouns after a name that make it a place ("the Kursk region"). Source: administrative-division and geographic nouns in news.
PLACE_AFTER = {"region", "province", "oblast", "city", "town", "village", "county", "district", "state", "border", "river", "area", "port", "airport", "valley"}

# Spelling variants and short forms of the same place or body. Source: UN/ISO short names and the
# transliteration changes news adopted (Kiev -> Kyiv).
ALIASES = {  # spelling variants of the same place or body
    "kiev": "Kyiv", "kharkov": "Kharkiv", "odessa": "Odesa", "lvov": "Lviv", "peking": "Beijing", "bombay": "Mumbai",
    "burma": "Myanmar", "u.s.": "United States", "us": "United States", "usa": "United States", "u.s.a.": "United States",
    "america": "United States", "the united states": "United States", "uk": "United Kingdom", "u.k.": "United Kingdom",
    "britain": "United Kingdom", "great britain": "United Kingdom", "the uk": "United Kingdom", "eu": "European Union",
    "the eu": "European Union", "un": "United Nations", "the un": "United Nations", "u.n.": "United Nations",
}

# Letters after a name, not part of it. Source: UK honours and US generational suffixes.
POSTNOMINALS = {"kc", "qc", "mp", "mep", "jr", "sr", "phd", "obe", "mbe", "cbe", "ii", "iii"}

# Hedge phrase (lower case) before a number -> how it bounds the true value.
# Source: the approximators of wire copy (AP Stylebook "more than, over"), classed by bound.
HEDGES: dict[str, Hedge] = {
    "approximately": Hedge.approximate,
    "about": Hedge.approximate,
    "around": Hedge.approximate,
    "roughly": Hedge.approximate,
    "some": Hedge.approximate,
    "an estimated": Hedge.approximate,
    "close to": Hedge.approximate,
    "less than": Hedge.upper_bound,
    "fewer than": Hedge.upper_bound,
    "under": Hedge.upper_bound,
    "just under": Hedge.upper_bound,
    "well under": Hedge.upper_bound,
    "up to": Hedge.upper_bound,
    "nearly": Hedge.upper_bound,
    "almost": Hedge.upper_bound,
    "at most": Hedge.upper_bound,
    "as many as": Hedge.upper_bound,
    "more than": Hedge.lower_bound,
    "over": Hedge.lower_bound,
    "just over": Hedge.lower_bound,
    "well over": Hedge.lower_bound,
    "at least": Hedge.lower_bound,
    "upwards of": Hedge.lower_bound,
    "in excess of": Hedge.lower_bound,
}

# Words after which "over"/"under" before a duration is a hedge ("for over six years"),
# not a preposition ("8,500 hectares over six days"). Source: checked on news text.
DURATION_HEDGE_CTX = {
    "for", "in", "of", "after", "within", "lasted", "lasting", "lasts", "took", "taken",
    "takes", "spent", "spend", "spending", "than", "is", "was", "were", "are", "been", "be",
}

# Words before a four-digit number that make it a year ("in 2019", "since 1998"). Source: English usage.
YEAR_CTX = {
    "in", "since", "by", "of", "from", "until", "till", "to", "and", "between", "during",
    "before", "after", "the", "early", "late", "mid", "circa", "year", "fiscal", "summer",
    "winter", "spring", "autumn", "fall", "season", "act", "through", "than", "or", "for",
    "is", "was", "this", "that", "which", "its", "their", "his", "her",
}

# Nouns before a number that make it a name, not a count ("Flight 370", "Section 230"). Source: English usage.
REFERENCE_WORDS = {
    "section", "article", "clause", "chapter", "page", "pages", "paragraph", "no", "number",
    "nhs", "room", "flight", "route", "resolution", "line", "platform", "gate", "rule",
    "amendment", "version", "level", "grade", "tier", "channel", "stage", "phase",
    "highway", "interstate", "motorway", "bus", "train", "pier", "terminal", "ward",
}

# Adjectives used as nouns after a number ("12 dead"). Source: casualty wording (AP Stylebook).
SUBSTANTIVE = {"dead", "wounded", "injured", "missing", "homeless", "displaced", "elderly", "unemployed"}

# Words ending in -s that are not plural nouns (never the counted noun). Source: English morphology.
NOT_PLURAL = {
    "was", "has", "is", "its", "this", "thus", "plus", "less", "across", "always", "perhaps",
    "towards", "afterwards", "besides", "whereas", "unless", "various", "previous",
    "numerous", "us", "yes", "news", "gas", "bus", "status", "says", "remains", "shows", "takes",
    "means", "makes", "goes", "includes", "comes", "gives", "gets", "seems", "looks",
    "times", "ones", "others", "hers", "ours", "yours", "theirs", "whereabouts", "overseas",
    "series", "species", "chaos", "basis", "crisis", "analysis", "politics", "economics",
    "halves", "thirds", "quarters", "fifths", "sixths", "eighths", "tenths", "hundredths",
}

# Words in a name that make it an organisation (regular-expression alternatives).
# Source: heads of institution names in news (ministries, agencies, companies, media).
ORG_HINT_WORDS = (
    r"ministry", r"ministries", r"office", r"department", r"agency", r"council", r"commission",
    r"committee", r"court", r"bank", r"union", r"party", r"service", r"institute", r"university",
    r"company", r"group", r"army", r"forces?", r"police", r"command", r"staff", r"government",
    r"parliament", r"assembly", r"authority", r"association", r"federation", r"foundation", r"organisation",
    r"organization", r"corporation", r"inc", r"ltd", r"plc", r"news", r"media", r"press",
)
# Role nouns that describe a person (regular-expression alternatives): "Kremlin spokesman", "the chief of staff".
# Source: job titles and roles in wire copy (AP Stylebook "titles").
ROLE_WORDS = (
    "commissioner", "ombudsman", "spokesperson", "spokesman", "spokeswoman", "foreman", "seismologist",
    "scientist", "economist", "president", "premier", "minister", "secretary", "chief", "commander", "general",
    "governor", "mayor", "envoy", "ambassador", "adviser", "advisor", "officer", "official", "leader", "director",
    "head", "chairman", "chairwoman", "chair", "executive", "ceo", "correspondent", "editor", "analyst",
    "professor", "judge", "prosecutor", "lawyer", "coach", "manager", "captain", "senator", "deputy", "king", "queen",
)

# Unicode vulgar fractions and their values. Source: Unicode "Number Forms" block (U+00BC-U+00BE, U+2150-U+215E).
VULGAR_FRACTIONS = {
    "½": Decimal(1) / 2, "⅓": Decimal(1) / 3, "⅔": Decimal(2) / 3, "¼": Decimal(1) / 4, "¾": Decimal(3) / 4,
    "⅕": Decimal(1) / 5, "⅖": Decimal(2) / 5, "⅗": Decimal(3) / 5, "⅘": Decimal(4) / 5, "⅙": Decimal(1) / 6,
    "⅚": Decimal(5) / 6, "⅛": Decimal(1) / 8, "⅜": Decimal(3) / 8, "⅝": Decimal(5) / 8, "⅞": Decimal(7) / 8,
}
# Fraction words after a number word ("two thirds", "one-half") -> denominator. "quarter(s)" is left out:
# in business news "two quarters" are periods, not a half. Source: English ordinal denominators.
FRACTION_WORDS = {
    "half": Decimal(2), "halves": Decimal(2), "third": Decimal(3), "thirds": Decimal(3), "fifth": Decimal(5),
    "fifths": Decimal(5), "sixth": Decimal(6), "sixths": Decimal(6), "eighth": Decimal(8), "eighths": Decimal(8),
    "tenth": Decimal(10), "tenths": Decimal(10),
}
# Units that "a"/"an" counts as one ("a gallon of beer", "a mile away"); time units are left out ("once a
# day" is a rate). Source: the measurement units of the quantities unit table.
ONE_UNIT_WORDS = (
    "gallon", "mile", "litre", "liter", "kilometre", "kilometer", "metre", "meter", "foot", "inch", "yard",
    "tonne", "kilogram", "ounce", "acre", "hectare",
)
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
# Words an outlet may drop from or add to a quote without changing what was said ("success of the mission" as
# "success of mission"): articles only. Source: English grammar (the articles carry no content of their own); the
# wire style guides' rule that a quote is not altered by house style.
QUOTE_FILLER_WORDS = frozenset({"a", "an", "the"})
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


# Words a line of running text can end with when the text was hard-wrapped (a pasted press release or e-mail with
# a break, or a blank line, every 70-80 characters): a line ending with one of them, or with a comma, continues on
# the next. Closed-class English words (conjunctions, prepositions, articles); a headline or a paragraph does not
# end with them. Seen in pasted FDIC/agency releases in the eval sets and in tests/fixtures.
HARD_WRAP_WORDS = frozenset(
    "and or but nor of the a an to by in on at for with from as that which who whose than into onto over under "
    "between about against after before during its their his her our".split()
)


# A rank: an ordinal before what it ranks ("the second California bank to shut down this week", "the third-largest
# lender", "the 2nd such attack"). Two facts that rank something are one fact only when they rank the same class;
# "second-biggest in U.S. history" and "second bank to close this week" are two. "First" and "last" are left out:
# "for the first time" ranks nothing. Source: English ordinal words; the class words are what follows, up to the
# clause's end (RANK_CLASS_STOP: closed-class words that say nothing of the class).
RANK_ORDINALS = frozenset("second third fourth fifth sixth seventh eighth ninth tenth".split())
RANK_CLASS_STOP = frozenset(
    "the a an in of to this that these its their his her our such on for by at since ever so far yet from as "
    "with and or is was be been being one".split()
)
# superlatives of size that news uses interchangeably in a rank ("second-largest" = "second-biggest")
RANK_SUPERLATIVES = {"biggest": "largest", "greatest": "largest", "large": "largest", "big": "largest"}


# What a figure is aimed at, designed for or planned, not what was measured ("submersibles that aimed to travel up to
# 20,000 feet", "a plant designed to make 500 cars a day"): such a figure is not one measure with an observed one.
# Source: English verbs of intent and capability before an infinitive, as news states targets and design limits.
INTENT_CUES = r"\b(?:aim(?:s|ed|ing)?|design(?:s|ed)?|plan(?:s|ned|ning)?|intend(?:s|ed|ing)?|hop(?:e|es|ed|ing)|seek(?:s|ing)?|sought|meant|built) to\b|\bcapable of\b"


# Marks a sentence (or a quotation inside it) ends with: a line ending with none of them stops mid-sentence.
# Source: English punctuation, with the curly closing quotes news text uses.
SENTENCE_CLOSERS = frozenset('.!?:;"”’)]')


# Words that make a sentence someone's reported word rather than an outlet's own statement ("..., officials said",
# "according to"). Source: the reporting forms of wire copy (as CUE_LEMMAS), in the inflections news uses.
SAID_CUES = r"\b(?:said|says|told|tells|added|stated|remarked|reported|announced|confirmed|revealed|disclosed|noted|according to|citing|quoted)\b"
