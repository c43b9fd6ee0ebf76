"""Time-of-day discrepancies: outlets giving one happening different clock times (brief: "numeric, time, status and
quote conflicts with both sides' evidence, and explanations where hedges ... or time zones reconcile them").

Each story is a few outlets' reports of one invented event, written for these tests in the style of wire copy.
"""

from __future__ import annotations

from crosscheck.model import Article, DiscrepancyKind


def story_of(articles: dict[str, str]):
    import crosscheck

    report = crosscheck.analyze([Article(id=k, raw_text=v) for k, v in articles.items()])
    story = max(report.stories, key=lambda s: len(s.article_ids))
    assert len(story.article_ids) == len(articles), [s.article_ids for s in report.stories]
    return story


def times(story) -> list:
    return [d for d in story.discrepancies if d.kind == DiscrepancyKind.time]


FERRY = {
    "wire": (
        "Ferry sinks off Porto Alvo, dozens rescued\n\n"
        "PORTO ALVO (Reuters) - The passenger ferry Marisol sank about 4:10 a.m. on Sunday off the coast of Porto Alvo "
        "after taking on water in heavy seas, the coast guard said.\n\n"
        "Rescue boats pulled 46 passengers and crew from the water, coast guard spokeswoman Ana Ribeiro told reporters. "
        "Two people were still missing on Sunday evening.\n"
    ),
    "daily": (
        "Two missing after ferry goes down near Porto Alvo\n\n"
        "The passenger ferry Marisol sank at 5:30 a.m. on Sunday off the coast of Porto Alvo after taking on water in "
        "rough seas, according to the coast guard.\n\n"
        "Coast guard spokeswoman Ana Ribeiro said 46 passengers and crew members had been rescued and two people were "
        "still missing.\n"
    ),
    "radio": (
        "Porto Alvo ferry sinking: 46 rescued, two missing\n\n"
        "The ferry Marisol sank at about 4 a.m. on Sunday off the coast of Porto Alvo after it took on water in heavy "
        "seas, the coast guard said.\n\n"
        "Forty-six passengers and crew were rescued, spokeswoman Ana Ribeiro said. Two people remain missing.\n"
    ),
}


def test_different_times_of_one_happening_are_a_time_discrepancy_with_both_sides():
    story = story_of(FERRY)
    found = times(story)
    assert len(found) == 1, [d.summary for d in story.discrepancies]
    d = found[0]
    sides = {tuple(s.article_ids): s.value for s in d.sides}
    assert sides[("daily",)] == "5:30 a.m."
    assert {"wire", "radio"} <= {a for s in d.sides for a in s.article_ids}
    # 5:30 a.m. is outside what "about 4:10" and "about 4" allow: no explanation
    assert d.explanation is None
    for s in d.sides:
        for e in s.evidence:
            assert "sank" in e.span.text and e.article_id in s.article_ids


def test_a_difference_the_hedges_cover_is_reported_with_that_explanation():
    story = story_of({k: v.replace("5:30 a.m.", "4:25 a.m.") for k, v in FERRY.items()})
    found = times(story)
    assert len(found) == 1, [d.summary for d in story.discrepancies]
    assert found[0].explanation == "the hedges make these times compatible"


def test_one_time_in_two_zones_is_one_time():
    launch = {
        "wire": (
            "Weather satellite launched from Kourou\n\n"
            "KOUROU (Reuters) - A European weather satellite lifted off from the Kourou space centre at 14:30 GMT on "
            "Tuesday aboard an Ariane rocket, the space agency said.\n\n"
            "The satellite will reach its orbit in about three weeks, the agency said.\n"
        ),
        "paper": (
            "Weather satellite blasts off\n\n"
            "A European weather satellite lifted off from the Kourou space centre at 3:30 p.m. BST on Tuesday aboard an "
            "Ariane rocket, the space agency said.\n\n"
            "It is due to reach its orbit in about three weeks.\n"
        ),
    }
    story = story_of(launch)
    assert times(story) == [], [d.summary for d in story.discrepancies]
    late = dict(launch, site=launch["paper"].replace("3:30 p.m. BST", "14:40 GMT").replace("blasts off", "launched"))
    found = times(story_of(late))
    assert len(found) == 1
    by_value = {s.value: set(s.article_ids) for s in found[0].sides}
    assert by_value["14:40 GMT"] == {"site"} and {"wire", "paper"} in by_value.values()
