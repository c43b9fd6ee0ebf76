"""Date extraction: gold fixtures, hand-written cases, the seed articles, and the story event date."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from crosscheck.extract.dates import extract_dates, story_event_date, tense_at
from crosscheck.model import DateMention

from conftest import FIXTURES, SEEDS, seed_path

GOLD_DIR = FIXTURES / "extraction"
SEED_PUBLISHED = date(2025, 3, 13)
_DATE_LINE = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}")


def _body(text: str) -> str:
    """The text with its leading ' date YYYY-MM-DD' metadata line blanked (offsets kept), as cleaning removes it."""
    return _DATE_LINE.sub(lambda m: " " * len(m.group(0)), text, count=1)


def _one(text: str, published: date | None = date(2025, 3, 13)) -> DateMention:
    found = extract_dates(text, published)
    assert len(found) == 1, [(d.text, d.resolved) for d in found]
    return found[0]


def _resolved(text: str, published: date | None = date(2025, 3, 13)) -> date | None:
    return _one(text, published).resolved


# --------------------------------------------------------------------------
# (1) gold fixtures


def _gold_spans(text: str, gold: list[dict]) -> list[tuple[int, int, str, date | None]]:
    """Gold entries carry text only: place each at its next occurrence after the previous one."""
    out, pos = [], 0
    for g in gold:
        rx = re.compile(r"(?<!\w)" + re.escape(g["text"]) + r"(?!\w)")
        m = rx.search(text, pos) or rx.search(text)
        assert m, f"gold date {g['text']!r} not in text"
        out.append((m.start(), m.end(), g["text"], date.fromisoformat(g["resolved"]) if g.get("resolved") else None))
        pos = m.start() + 1
    return out


def test_gold_fixtures_f1():
    tp = n_pred = n_gold = 0
    misses: list[str] = []
    for gold_path in sorted(GOLD_DIR.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = _body(gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8"))
        published = date.fromisoformat(gold["published"])
        pred = extract_dates(text, published)
        for d in pred:
            assert text[d.start : d.end] == d.text
        golds = _gold_spans(text, gold["dates"])
        used: set[int] = set()
        for gs, ge, gt, gr in golds:
            hit = next(
                (i for i, d in enumerate(pred) if i not in used and d.start < ge and gs < d.end and d.resolved == gr), None
            )
            if hit is None:
                near = [(d.text, str(d.resolved)) for d in pred if d.start < ge and gs < d.end]
                misses.append(f"{gold_path.stem}: missed {gt!r} -> {gr} (overlapping predictions: {near})")
            else:
                used.add(hit)
        for i, d in enumerate(pred):
            if i not in used:
                misses.append(f"{gold_path.stem}: spurious {d.text!r} -> {d.resolved} [{d.resolution}]")
        tp += len(used)
        n_pred += len(pred)
        n_gold += len(golds)
    assert n_gold > 0
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    print(f"dates: P={precision:.3f} R={recall:.3f} F1={f1:.3f} ({tp}/{n_pred} predicted, {n_gold} gold)")
    assert f1 >= 0.9, f"F1 {f1:.3f} (P={precision:.3f} R={recall:.3f})\n" + "\n".join(misses)


# --------------------------------------------------------------------------
# (2) hand-written cases — published 2025-03-13 is a Thursday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Putin visited Kursk on Wednesday.", date(2025, 3, 12)),
        ("The US on Tuesday agreed to resume aid.", date(2025, 3, 11)),
        ("The vote was held on Sunday.", date(2025, 3, 9)),
        ("Leaders will meet on Friday.", date(2025, 3, 14)),
        ("The report is due on Monday.", date(2025, 3, 17)),
        ("Negotiators are to present their plan to the committee on Monday.", date(2025, 3, 17)),
        ("She plans to travel to Kyiv on Saturday.", date(2025, 3, 15)),
        ("Temperatures were expected to fall sharply on Sunday.", date(2025, 3, 16)),
        ("The minister said the cabinet would discuss the bill on Tuesday.", date(2025, 3, 18)),
        ("He may comment on the proposal later on Friday.", date(2025, 3, 14)),
        ("Officials said a parade on Monday was expected to draw crowds.", date(2025, 3, 17)),
        ("The minister told MPs on Wednesday that the government would pay.", date(2025, 3, 12)),
        ("The talks are scheduled for Wednesday.", date(2025, 3, 19)),
        ("They meet again next Tuesday.", date(2025, 3, 18)),
        ("It happened last Thursday.", date(2025, 3, 6)),
        ("On Friday, leaders will meet in Brussels.", date(2025, 3, 14)),
        ("On Friday, Trump said talks would continue.", date(2025, 3, 7)),
        ("New rules take effect on Monday.", date(2025, 3, 17)),
        ("The vote is on Sunday.", date(2025, 3, 16)),
        ("The US agreed to resume aid on Tuesday.", date(2025, 3, 11)),
        ("Shares rose more than expected on Tuesday.", date(2025, 3, 11)),
        ("He could not be reached for comment on Wednesday.", date(2025, 3, 12)),
        ("“We will win,” he said on Tuesday.", date(2025, 3, 11)),
        ("There will be no soldier there by Friday.", date(2025, 3, 14)),
    ],
)
def test_weekday_tense(text, expected):
    assert _resolved(text) == expected


@pytest.mark.parametrize("text", ["Russia said on Thursday it was ready.", "Putin is due on Thursday to hold talks.", "Talks will open on Thursday."])
def test_weekday_on_publication_day_is_the_publication_day(text):
    assert _resolved(text) == date(2025, 3, 13)


def test_weekday_span_includes_on_and_drops_possessive_and_time_of_day():
    assert _one("Forces advanced on Monday evening.").text == "on Monday"
    assert _one("Unity won Sunday’s election.").text == "Sunday"
    assert _one("Unity won Sunday's election.").text == "Sunday"
    assert _one("Trump said Wednesday that talks were near.").text == "Wednesday"
    assert _one("Shares fell late on Wednesday.").text == "on Wednesday"


@pytest.mark.parametrize(
    ("text", "expected", "granularity"),
    [
        ("The fund was set up today.", date(2025, 3, 13), "day"),
        ("He arrived yesterday evening.", date(2025, 3, 12), "day"),
        ("The summit resumes tomorrow.", date(2025, 3, 14), "day"),
        ("Kyiv launched its incursion last August.", date(2024, 8, 1), "month"),
        ("Fighting broke out in August.", date(2024, 8, 1), "month"),
        ("The ceasefire will take effect in April.", date(2025, 4, 1), "month"),
        ("Troops arrived in early March.", date(2025, 3, 1), "month"),
        ("The incursion began in August last year.", date(2024, 8, 1), "month"),
        ("Spending rose last year.", date(2024, 1, 1), "year"),
        ("It will reach 3.7% next year.", date(2026, 1, 1), "year"),
        ("Crossings this year are up.", date(2025, 1, 1), "year"),
        ("Prices rose last month.", date(2025, 2, 1), "month"),
        ("The truce will be signed this month.", date(2025, 3, 1), "month"),
        ("Washington suspended aid on March 3.", date(2025, 3, 3), "day"),
        ("Washington suspended aid on 3 March.", date(2025, 3, 3), "day"),
        ("Washington suspended aid on the 3rd of March.", date(2025, 3, 3), "day"),
        ("The meeting on June 12, 2024 failed.", date(2024, 6, 12), "day"),
        ("The video was released March 12, 2025, by the Kremlin.", date(2025, 3, 12), "day"),
        ("Dated 2025-03-12 in the file.", date(2025, 3, 12), "day"),
        ("The fraud was discovered in November 2023.", date(2023, 11, 1), "month"),
        ("Ukraine attacked on August 6th.", date(2024, 8, 6), "day"),
        ("Ukraine attacked on August 6 last year.", date(2024, 8, 6), "day"),
        ("A hearing will take place on September 19.", date(2025, 9, 19), "day"),
        ("The vote on March 15 could be delayed.", date(2025, 3, 15), "day"),
    ],
)
def test_expressions(text, expected, granularity):
    d = _one(text)
    assert d.resolved == expected, d.resolution
    assert d.granularity == granularity
    assert expected.isoformat() in d.resolution


def test_yearless_dates_around_new_year():
    assert _resolved("The fire started on December 28.", date(2025, 1, 5)) == date(2024, 12, 28)
    assert _resolved("The court will sit on January 10.", date(2024, 12, 20)) == date(2025, 1, 10)
    # a weekday next to the date picks the year whose calendar matches
    found = extract_dates("The raid on Wednesday, March 12 was the largest.", date(2025, 4, 2))
    assert [(d.text, d.resolved) for d in found] == [("on Wednesday", date(2025, 3, 12)), ("March 12", date(2025, 3, 12))]


def test_no_published_date():
    assert _one("Putin visited on Wednesday.", None).resolved is None
    assert "publication date" in _one("Putin visited on Wednesday.", None).resolution
    assert _one("Spending rose last year.", None).resolved is None
    assert _one("Aid was suspended on March 3.", None).resolved is None
    assert "no year" in _one("Aid was suspended on March 3.", None).resolution
    assert _one("Kyiv attacked last August.", None).resolved is None
    assert _resolved("The meeting on June 12, 2024 failed.", None) == date(2024, 6, 12)
    assert _resolved("Dated 2025-03-12.", None) == date(2025, 3, 12)
    assert _resolved("It was found in November 2023.", None) == date(2023, 11, 1)


@pytest.mark.parametrize(
    "text",
    [
        "The siege lasted seven months.",
        "He was jailed for five days.",
        "A three-year deal was signed.",
        "Prices rose 3% from a year earlier.",
        "Over the last year prices rose.",
        "Tonight the city celebrates.",
        "I told my mum this morning.",
        "The summit resumes at 3pm.",
        "The war began in 2024.",
        "Spending will reach 2% by 2030.",
        "The invasion in early 2022 changed everything.",
        "The counter-offensive began nine weeks ago.",
        "A total of March 32 is not a date.",
        "Reference 12025-03-12 and 2025-03-123.",
        "The shops opened for Black Friday.",
        "She told USA Today the plan failed.",
        "The talks were moving slower than a funeral march.",
        "Mondays are quiet.",
        "The Sunday Times and the Mail on Sunday ran it.",
        "A report by June Carter found problems.",
    ],
)
def test_not_dates(text):
    assert extract_dates(text, date(2025, 3, 13)) == []


def test_no_match_inside_longer_numbers():
    assert [d.text for d in extract_dates("Troops took March 30 positions.", date(2025, 3, 13))] == ["March 30"]
    assert extract_dates("On March 3,000 troops moved.", date(2025, 3, 13)) == []


def test_offsets_and_order():
    text = "On Wednesday, Putin visited Kursk. Talks will resume tomorrow, and a deal may follow next month."
    found = extract_dates(text, date(2025, 3, 13))
    assert [d.text for d in found] == ["On Wednesday", "tomorrow", "next month"]
    for d in found:
        assert text[d.start : d.end] == d.text
    assert [d.resolved for d in found] == [date(2025, 3, 12), date(2025, 3, 14), date(2025, 4, 1)]


def test_tense_at():
    text = "The prime minister would chair a meeting of ministers on the crossings on Thursday."
    i = text.index("on Thursday")
    assert tense_at(text, i, i + len("on Thursday")) == "future"
    text = "Shares rose more than expected on Tuesday."
    i = text.index("on Tuesday")
    assert tense_at(text, i, i + len("on Tuesday")) == "past"


# --------------------------------------------------------------------------
# (3) the seed articles


def test_seed_weekdays_and_months():
    if not SEEDS.is_dir():
        pytest.skip(f"seeds not found at {SEEDS}")
    expect = {
        "Wednesday": date(2025, 3, 12),
        "Tuesday": date(2025, 3, 11),
        "Thursday": date(2025, 3, 13),
        "last August": date(2024, 8, 1),
        "March 3": date(2025, 3, 3),
    }
    seen: dict[str, int] = {k: 0 for k in expect}
    for prefix in ("000", "001", "002", "003", "004"):
        text = _body(seed_path(prefix).read_text(encoding="utf-8"))
        for d in extract_dates(text, SEED_PUBLISHED):
            assert text[d.start : d.end] == d.text
            key = re.sub(r"^[Oo]n ", "", d.text)
            if key in expect:
                assert d.resolved == expect[key], f"seed {prefix}: {d.text!r} -> {d.resolved} ({d.resolution})"
                seen[key] += 1
    assert all(seen.values()), seen


def test_seed_002_captions_and_thursday():
    text = _body(seed_path("002").read_text(encoding="utf-8"))
    found = extract_dates(text, SEED_PUBLISHED)
    resolved = {(d.text, d.resolved) for d in found}
    assert ("March 12, 2025", date(2025, 3, 12)) in resolved
    assert ("March 13, 2025", date(2025, 3, 13)) in resolved
    assert ("on Thursday", date(2025, 3, 13)) in resolved
    # the same captions resolve without a publication date too
    assert ("March 12, 2025", date(2025, 3, 12)) in {(d.text, d.resolved) for d in extract_dates(text, None)}


def test_seed_story_event_date():
    if not SEEDS.is_dir():
        pytest.skip(f"seeds not found at {SEEDS}")
    articles = []
    for prefix in ("000", "001", "002", "003", "004"):
        text = _body(seed_path(prefix).read_text(encoding="utf-8"))
        paras = [m for m in re.finditer(r"[^\n]+", text) if len(m.group(0).strip()) > 80]  # body paragraphs, not captions
        lead = [(m.start(), m.end()) for m in paras[:2]]
        articles.append((extract_dates(text, SEED_PUBLISHED), lead))
    day, why = story_event_date(articles)
    assert day in {date(2025, 3, 12), date(2025, 3, 13)}
    assert day.isoformat() in why


# --------------------------------------------------------------------------
# story_event_date


def _dm(start: int, resolved: date | None, granularity: str = "day") -> DateMention:
    return DateMention(start=start, end=start + 5, text="x" * 5, resolved=resolved, granularity=granularity)


def test_story_event_date_votes_first_lead_mention():
    wed, thu = date(2025, 3, 12), date(2025, 3, 13)
    articles = [
        ([_dm(10, wed), _dm(50, thu)], [(0, 100)]),
        ([_dm(5, date(2024, 1, 1), "year"), _dm(20, wed)], [(0, 100)]),  # year-level mention skipped
        ([_dm(10, thu), _dm(300, wed)], [(0, 100)]),  # the later one is outside the lead
        ([_dm(10, None)], [(0, 100)]),  # unresolved: no vote
    ]
    day, why = story_event_date(articles)
    assert day == wed
    assert "2 of 4" in why and "2025-03-13" in why and "#3" in why


def test_story_event_date_tie_goes_to_earliest_and_empty():
    a, b = date(2025, 3, 12), date(2025, 3, 11)
    day, why = story_event_date([([_dm(0, a)], [(0, 10)]), ([_dm(0, b)], [(0, 10)])])
    assert day == b and "tie" in why
    day, why = story_event_date([([], [(0, 10)])])
    assert day is None and why


def test_tense_reads_the_whole_sentence_across_a_title_abbreviation():
    # issue 11 point 4: dates use the article's one segmentation, which never splits after "Gov." or "U.N."
    published = date(2025, 3, 10)  # a Monday
    for text in ("The bill will be signed by Gov. Ana Lima on Friday, aides said.",
                 "Talks will resume in Geneva, according to the U.N. Envoy Ms. Hart, on Friday."):
        (d,) = extract_dates(text, published)
        assert d.resolved == date(2025, 3, 14), text


def test_extract_dates_uses_given_sentences():
    text = "Crews will reopen the bridge. On Friday the ferry sailed."
    # with the stored sentences, "On Friday" opens its own sentence, whose verb is past
    sents = [(0, 29), (30, len(text))]
    (d,) = extract_dates(text, date(2025, 3, 10), sents)
    assert d.resolved == date(2025, 3, 7)
