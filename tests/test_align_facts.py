"""Fact alignment on short stories written for these tests (issue 12, "What was seen": one test per kind of error).

Each story is a few outlets' reports of one invented event, in the style of wire copy and local news. The texts are
ours; nothing here comes from the story sets.
"""

from __future__ import annotations

import pytest

from crosscheck.model import ClaimStatus, DiscrepancyKind


def analyse(tmp_path, articles: dict[str, str]):
    import crosscheck

    for name, text in articles.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    report = crosscheck.analyze([str(tmp_path)])
    story = max(report.stories, key=lambda s: len(s.article_ids))
    assert len(story.article_ids) == len(articles), [s.article_ids for s in report.stories]
    return story


def joined(story, a: str, b: str) -> list:
    """Story claims whose evidence holds a sentence with ``a`` and another (or the same) with ``b``."""
    return [c for c in story.claims if any(a in e.span.text for e in c.evidence) and any(b in e.span.text for e in c.evidence)]


def numeric_values(story) -> list[set[str]]:
    return [{s.value for s in d.sides} for d in story.discrepancies if d.kind == DiscrepancyKind.numeric]


PORT = {
    "wire": """ date 2026-03-10
Dockworkers' strike shuts Valdoria's main port for a third day

By Elena Marsh

PORT AMSEL (Reuters) - A strike by dockworkers kept the port of Amsel closed for a third day on Tuesday, leaving dozens of container ships waiting offshore.

"The terminals will stay closed until Thursday at the earliest," port authority spokesman Daniel Okafor told reporters on Tuesday.

The union is demanding a 12 percent pay rise after two years without an increase.

"Every day the terminals stay closed costs the port two million euros," Okafor said, adding that perishable cargo was being diverted to smaller harbours.
""",
    "daily": """ date 2026-03-10
Port of Amsel stays shut as strike drags on

The port of Amsel remained closed on Tuesday as dockworkers entered the third day of their strike over pay.

Port authority spokesman Daniel Okafor said the terminals would stay closed until Thursday at the earliest.

Union leaders said their members had not had a pay rise in two years and were asking for 12 percent.

Truck drivers waiting outside the gates said they had been sleeping in their cabs since Sunday.
""",
    "radio": """ date 2026-03-10
Amsel port strike costing millions, says port authority

Dockworkers at the port of Amsel stayed off work for a third day on Tuesday.

"Every day the terminals stay closed costs the port two million euros," port authority spokesman Daniel Okafor said.

The strike began on Sunday after talks between the union and the port operators broke down.

Shipping agents said more than 30 vessels were anchored outside the harbour waiting to unload.
""",
}


def test_two_remarks_of_one_spokesman_are_not_one_fact(tmp_path):
    story = analyse(tmp_path, PORT)
    assert not joined(story, "closed until Thursday", "two million euros"), [c.text for c in joined(story, "closed until Thursday", "two million euros")]
    # the same remark, quoted by two outlets, is one fact
    assert [c for c in joined(story, "two million euros", "two million euros") if len(c.article_ids) >= 2]


FRONT = {
    "agency": """ date 2026-05-02
Fighting intensifies along the Varna river front

By Tomas Lind

KESTOVO (AP) - Fighting intensified along the Varna river on Friday, with both armies reporting heavy artillery fire near the town of Kestovo.

Kordavian forces were pounding Selmani positions near Kestovo on Friday, the Kordavian defence ministry said.

The ministry said its units had advanced two kilometres along the river bank.

Local officials said hundreds of civilians had fled Kestovo overnight.
""",
    "paper": """ date 2026-05-02
Selmani army says it hit back near Kestovo

The Selmani army said it had struck back along the Varna river on Friday after days of shelling.

Selmani forces launched attacks on Kordavian positions near Kestovo on Friday, the Selmani general staff said.

A spokesman for the general staff said the attacks had destroyed two ammunition depots.

Aid groups said roads out of Kestovo were crowded with families heading west.
""",
}


def test_reversed_sides_are_not_one_fact(tmp_path):
    story = analyse(tmp_path, FRONT)
    assert not joined(story, "pounding Selmani positions", "attacks on Kordavian positions")


PRESSER = {
    "wire": """ date 2026-02-18
Chancellor silent on truce plan after talks in Brell

By Ana Kovac

BRELL (Reuters) - Chancellor Miriam Hollen held two hours of talks with the envoys of both parties in Brell on Wednesday, her office said.

Hollen said afterwards that the talks had been "frank and useful" and that a second round was planned for March.

Hollen did not mention the ceasefire idea floated by the envoys in her statement after the talks.

The talks are the first since fighting resumed in January.
""",
    "weekly": """ date 2026-02-18
Envoys float ceasefire idea as Brell talks end

Envoys from both parties met Chancellor Miriam Hollen in Brell on Wednesday for two hours of talks.

A proposal for a 30-day ceasefire was floated by the envoys last week.

Hollen said the ceasefire idea floated by the envoys could complicate a ceasefire deal after the talks.

A second round of talks is planned for March.
""",
}


def test_a_negated_statement_is_not_the_positive_one(tmp_path):
    story = analyse(tmp_path, PRESSER)
    assert not joined(story, "did not mention the ceasefire idea", "could complicate a ceasefire deal")
    assert [c for c in story.claims if any("did not mention" in e.span.text for e in c.evidence)]


FLOODS = {
    "wire": """ date 2026-09-14
EU pledges aid as floods swamp Dravia's north

By Lena Brandt

NORDSTADT (Reuters) - The European Union pledged €500m in emergency aid on Monday as floods swept through northern Dravia, forcing thousands from their homes.

The European Commission said the money would pay for shelter, drinking water and the repair of bridges.

Rivers in the region rose to their highest level in 40 years after four days of rain.
""",
    "local": """ date 2026-09-14
Firefighters battle rising water in Nordstadt

Around 500 firefighters were deployed to the flooded districts of Nordstadt on Monday as the river kept rising.

The regional fire service said crews had pumped out dozens of basements and rescued people stranded on rooftops.

Rivers in the region rose to their highest level in 40 years after four days of rain.
""",
}


def test_money_and_a_head_count_sharing_a_number_are_different_facts(tmp_path):
    story = analyse(tmp_path, FLOODS)
    assert not joined(story, "€500m", "500 firefighters")
    assert not [v for v in numeric_values(story) if any("500" in x for x in v) and len(v) > 1]


RESCUE = {
    "a_wire": """ date 2026-01-21
Two rescued alive from collapsed hotel in Mirava

By Paulo Reis

MIRAVA (AFP) - Rescuers pulled two people alive from the rubble of a collapsed hotel in Mirava on Wednesday, 30 hours after it came down, the civil protection agency said.

The six-storey building came down shortly after midnight.

Officials said 14 guests were still unaccounted for.
""",
    "b_paper": """ date 2026-01-21
Hotel collapse in Mirava: two survivors found

Two people were rescued alive from the rubble of the collapsed hotel in Mirava on Wednesday, civil protection officials said.

The building, which had six floors, fell shortly after midnight while most guests were asleep.

Fourteen guests remain unaccounted for.
""",
    "c_radio": """ date 2026-01-21
Mirava hotel: rescuers find survivors in rubble

Search teams rescued two people alive from the ruins of the hotel in Mirava on Wednesday, the civil protection agency said.

Relatives gathered at a sports hall near the site, waiting for news.

The mayor said the hotel had passed a safety inspection last year.
""",
    "d_tv": """ date 2026-01-21
Survivors pulled from Mirava hotel ruins

Two people have been pulled alive from the rubble of a hotel that collapsed in Mirava, after 31 hours under the concrete, according to the civil protection agency.

Cranes were brought in to lift slabs of concrete from the site.

Dozens of volunteers joined the search through the day.
""",
    "e_site": """ date 2026-01-21
Mirava: two alive under hotel rubble

Rescue workers brought two people out alive from under the rubble of the collapsed hotel in Mirava on Wednesday, the civil protection agency said.

Doctors at the city hospital said both were in a stable condition.

Engineers will inspect neighbouring buildings on Thursday.
""",
}


def test_one_fact_across_five_outlets_is_one_claim(tmp_path):
    story = analyse(tmp_path, RESCUE)
    cs = [c for c in story.claims if any(("two" in e.span.text.lower()) and "alive" in e.span.text for e in c.evidence)]
    assert cs
    widest = max(cs, key=lambda c: len(c.article_ids))
    assert len(widest.article_ids) >= 4, [(c.text, c.article_ids) for c in cs]
    assert widest.status == ClaimStatus.corroborated


FIRE = {
    "wire": """ date 2026-07-08
Wildfire near Castelo forces evacuation of 2,000

By Rui Santos

CASTELO (Reuters) - About 400 firefighters battled a wildfire in the hills above Castelo through the night, the regional civil protection service said on Wednesday.

The fire forced the evacuation of about 2,000 residents from four villages.

Strong winds and temperatures above 40 degrees Celsius fanned the flames.
""",
    "paper": """ date 2026-07-08
Castelo fire: villages evacuated as winds fan flames

Four villages above Castelo were evacuated on Wednesday as a wildfire spread through the hills.

The civil protection service said 500 firefighters and 12 water-bombing aircraft had been sent to tackle the blaze.

Residents were taken to a school gym in the town centre.
""",
}


def test_figures_of_one_measure_in_differently_worded_facts_are_compared(tmp_path):
    story = analyse(tmp_path, FIRE)
    assert [v for v in numeric_values(story) if any("400" in x for x in v) and any("500" in x for x in v)], [d.summary for d in story.discrepancies]


SPEECH = {
    "wire": """ date 2026-04-11
Minister defends budget cuts in parliament

By Sara Lind

LUSSEN (Reuters) - Finance Minister Karel Dvorak defended his spending cuts in parliament on Thursday as opposition lawmakers walked out.

"We will not borrow our way out of this crisis, and we will not jeopardize the recovery," Dvorak told lawmakers.

The cuts include a freeze on public sector hiring until 2028.
""",
    "paper": """ date 2026-04-11
Opposition walks out as Dvorak defends cuts

Opposition lawmakers walked out of parliament on Thursday while Finance Minister Karel Dvorak defended the budget.

‘We will not borrow our way out of this crisis, and we will not jeopardise the recovery’, Dvorak told lawmakers.

Unions have called a protest for Saturday.
""",
}


def test_quote_mark_style_punctuation_and_spelling_are_not_an_altered_quote(tmp_path):
    story = analyse(tmp_path, SPEECH)
    assert not [d for d in story.discrepancies if d.kind == DiscrepancyKind.quote], [d.summary for d in story.discrepancies]


PLEDGES = {
    "wire": """ date 2026-06-03
Donors pledge $120 million for Taren earthquake recovery

By Omar Haddad

GENEVA (Reuters) - Donors pledged a total of $120 million for the reconstruction of Taren province at a conference in Geneva on Tuesday, the United Nations said.

Germany pledged $40 million for the reconstruction of schools and clinics.

The earthquake in March destroyed more than 9,000 homes.
""",
    "paper": """ date 2026-06-03
Japan and Norway lead pledges for quake-hit Taren

Japan pledged $25 million for the reconstruction of Taren province at the Geneva conference on Tuesday.

Norway pledged $15 million for the reconstruction of water systems.

The United Nations had appealed for $300 million.
""",
}


def test_one_donors_pledge_is_not_compared_with_anothers_or_the_total(tmp_path):
    story = analyse(tmp_path, PLEDGES)
    assert not [v for v in numeric_values(story) if any("$" in x for x in v)], [d.summary for d in story.discrepancies]


CYBER = {
    "wire": """ date 2026-10-15
Hackers disrupt Marlow city services

By Nina Holt

MARLOW (AP) - A ransomware attack disrupted city services in Marlow on Wednesday, October 14, officials said.

The city's website and payment systems were taken offline.

The city was hit by a similar attack on March 3, 2024, which took weeks to repair.
""",
    "paper": """ date 2026-10-15
Marlow services down after cyberattack

A ransomware attack disrupted city services in Marlow on Wednesday, October 14, the city council said.

Officials said residents could not pay parking fines or water bills online.

A ransomware attack disrupted city services in Marlow on March 3, 2024, and took weeks to repair, the council said.
""",
}


def test_a_date_of_an_earlier_event_is_not_a_date_conflict(tmp_path):
    story = analyse(tmp_path, CYBER)
    assert not [d for d in story.discrepancies if d.kind == DiscrepancyKind.date], [d.summary for d in story.discrepancies]


STRIKE = {
    "wire": """ date 2026-08-19
Airstrike hits fuel depot near Oran Bay

By Kim Novak

ORAN BAY (Reuters) - Black smoke rose over the coast on Tuesday after an overnight attack on the port district.

An airstrike destroyed a fuel depot near Oran Bay, regional governor Ilya Marek said on his Telegram channel.

Marek said no one was hurt and that fuel supplies to the city were secure for at least a month.
""",
    "paper": """ date 2026-08-19
Fuel depot ablaze after strike near Oran Bay

Residents of the streets around the harbour were told to keep their windows shut on Tuesday.

An airstrike destroyed a fuel depot near Oran Bay overnight, sending flames dozens of metres into the air.

Our reporter at the scene saw fire engines queuing at the harbour gate.
""",
    "tv": """ date 2026-08-19
Oran Bay: depot burns after overnight strike

Ships were ordered away from the oil terminal at Oran Bay on Tuesday.

An airstrike destroyed the fuel depot near Oran Bay, the port authority said in a statement.

The authority said the terminal would reopen once the fire was out.
""",
}


def test_a_fact_traces_to_one_party_only_when_every_outlet_attributes_it(tmp_path):
    story = analyse(tmp_path, STRIKE)
    cs = [c for c in story.claims if any("destroyed a fuel depot" in e.span.text for e in c.evidence)]
    widest = max(cs, key=lambda c: len(c.article_ids))
    assert len(widest.article_ids) == 3
    # the governor's and the port authority's word, and one outlet's own reporting: three origins, not one
    assert widest.independent_origins >= 2, (widest.attributed_to, widest.independent_origins)


@pytest.mark.parametrize("text", ["colour", "organise", "centre", "travelled"])
def test_british_and_american_spellings_squash_alike(text):
    from crosscheck.align.quotes import _squash

    american = {"colour": "color", "organise": "organize", "centre": "center", "travelled": "traveled"}[text]
    assert _squash(f"the {text} of it") == _squash(f"the {american} of it")


def test_the_settings_used_are_recorded_on_each_story(tmp_path):
    import crosscheck
    from crosscheck.settings import AlignSettings

    for name, text in FLOODS.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    report = crosscheck.analyze([str(tmp_path)], align_settings=AlignSettings(date_max_gap_days=3))
    assert report.stories and all(s.align_settings and s.align_settings.date_max_gap_days == 3 for s in report.stories)
    assert '"date_max_gap_days":3' in report.model_dump_json()


def test_story_stages_read_the_facts_and_never_parse(tmp_path, monkeypatch):
    """Alignment builds its slots from extraction's Fact units: the story stages never load or run spaCy."""
    import crosscheck
    from crosscheck.extract import nlp
    from crosscheck.model import Story
    from crosscheck.pipeline import story_stages

    for name, text in FRONT.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    report = crosscheck.analyze([str(tmp_path)])
    by_id = {a.id: a for a in report.articles}

    def no_parse(*_a, **_k):
        raise AssertionError("a story stage asked for the spaCy pipeline")

    monkeypatch.setattr(nlp, "get_nlp", no_parse)
    monkeypatch.setattr(nlp, "parse", no_parse)
    story = story_stages(Story(id="s", article_ids=[a.id for a in report.articles]), by_id)
    assert story.claims
    assert not joined(story, "pounding Selmani positions", "attacks on Kordavian positions")


def test_durations_of_different_things_are_not_one_measure():
    """'a three-year war' and 'a 30-day ceasefire': each duration is a property of its noun, not one figure."""
    from crosscheck.align.facts_view import figure_kind
    from crosscheck.extract import extract
    from crosscheck.model import Article

    art = extract(Article(id="d", text="Envoys offered a 30-day ceasefire to end the three-year war in the north.\n"))
    kinds = {q.text: figure_kind(art, q) for q in art.quantities}
    assert len(kinds) == 2 and len(set(kinds.values())) == 2, kinds


BRIDGE = {
    "wire": """ date 2026-09-14
Road bridge collapses into the Meren river; three drivers rescued

By Ana Velez

LORSK (AP) - A road bridge over the Meren river collapsed on Sunday evening, sending two cars and a delivery van into the water, officials said.

"The bridge simply folded in the middle," Lorsk Mayor Petra Vanek said. "It is a miracle that nobody was on it at rush hour."

Divers pulled three drivers from the river, the fire service said.

"We owe them a full inquiry, and they will get one. I can only imagine what the families went through tonight," Brod said in a statement.

"We will keep searching the river until every family has an answer," fire chief Tomas Brod told reporters.
""",
    "daily": """ date 2026-09-14
Meren bridge falls into river, three pulled out alive

A road bridge over the Meren river in Lorsk collapsed on Sunday evening and two cars and a van fell into the water.

"The bridge folded like paper," Mayor Petra Vanek said. "It's a miracle nobody was on it during rush hour."

Divers rescued three drivers from the river, according to the fire service.

"This is a dark day for the town. We will rebuild the bridge within a year," Vanek told a news conference.

"We will keep searching the river until every family has an answer. Whatever it takes," fire chief Tomas Brod said.
""",
    "radio": """ date 2026-09-14
Lorsk bridge collapse: drivers rescued from Meren river

The Meren river road bridge in Lorsk collapsed on Sunday evening, officials said, and three drivers were rescued by divers.

"We will keep searching river until every family has an answer," fire chief Tomas Brod said on Sunday night.

Engineers will inspect the town's other two bridges on Monday, the mayor's office said.

Mayor Petra Vanek called Sunday a dark day for the town. "We will rebuild the bridge within a year," she said.

"I can only imagine what the families went through tonight. We owe them a full inquiry," Brod said later.
""",
}


def test_a_quote_with_words_its_shorter_version_gives_as_narration_is_not_altered(tmp_path):
    """The radio gives 'a dark day for the town' in its own words before quoting the rest: nothing was left out."""
    story = analyse(tmp_path, BRIDGE)
    assert not [d for d in _quote_discrepancies(story) if "rebuild" in " ".join(s.value for s in d.sides)], [d.summary for d in story.discrepancies]


def _quote_discrepancies(story):
    return [d for d in story.discrepancies if d.kind == DiscrepancyKind.quote]


def test_a_longer_excerpt_or_a_dropped_article_is_not_an_altered_quote(tmp_path):
    """One outlet quotes the fire chief's sentence further than the others (an excerpt), one drops a 'the', one takes
    his later sentences in another order."""
    story = analyse(tmp_path, BRIDGE)
    assert not [d for d in _quote_discrepancies(story) if "Brod" in d.summary], [d.summary for d in story.discrepancies]


def test_consecutive_quotes_of_one_speaker_are_one_remark_worded_differently(tmp_path):
    """The mayor's two quoted sentences, split by 'she said', are one remark: one discrepancy, both versions in quotes."""
    story = analyse(tmp_path, BRIDGE)
    (d,) = [d for d in _quote_discrepancies(story) if "Vanek" in d.summary and "folded" in d.summary]
    values = {s.value for s in d.sides}
    assert any("folded like paper" in v and "during rush hour" in v for v in values), values
    assert '"The bridge folded like paper' in d.summary or '"The bridge simply folded' in d.summary, d.summary


DERAILMENT = {
    "wire": """ date 2026-11-20
Freight train derails near Olvan, line closed

By Jonas Beck

OLVAN (AP) - A freight train carrying grain derailed near Olvan on Thursday morning, blocking the main line to the coast.

"Three crew members were taken to hospital with minor injuries," police chief Marta Ilic told reporters at the scene.

The rail operator said the line would stay closed until Saturday.
""",
    "daily": """ date 2026-11-20
Grain train derails at Olvan

A freight train loaded with grain came off the tracks near Olvan on Thursday morning and blocked the main line to the coast.

"Three crew members went to hospital with light injuries," police chief Marta Ilic told reporters at the scene.

Passengers to the coast are being taken by bus until the line reopens on Saturday.
""",
}


def test_a_quote_worded_differently_does_not_dispute_the_fact(tmp_path):
    """Two outlets word the police chief's remark differently (a quote discrepancy); the fact is not disputed."""
    story = analyse(tmp_path, DERAILMENT)
    assert _quote_discrepancies(story)
    (claim,) = joined(story, "were taken to hospital", "went to hospital")
    assert claim.status == ClaimStatus.corroborated


MARCH = {
    "wire": """ date 2026-10-03
Rebel column advances on Darel as army falls back

By Lena Okoro

DAREL (Reuters) - A rebel column advanced north towards the capital Darel on Saturday, meeting little resistance, residents said.

A video posted on Saturday showed rebel trucks less than 500 km from Darel, on the main highway north.

The army said it had set up checkpoints on all roads into the capital.
""",
    "paper": """ date 2026-10-03
Darel braces as rebels move north

Rebel fighters moved north towards Darel on Saturday, and the army set up checkpoints on the roads into the capital.

Authorities in the Varo region, about 420 km from Darel, lifted the curfew they had imposed the day before.

Shops in Darel closed early and queues formed at petrol stations.
""",
}


def test_distances_compatible_only_through_a_hedge_do_not_join_two_facts(tmp_path):
    """'less than 500 km' allows 420 km, but the convoy's distance and a region's are not one figure restated."""
    story = analyse(tmp_path, MARCH)
    assert not joined(story, "less than 500 km", "about 420 km")


FLOOD = {
    "wire": """ date 2027-04-02
Floods force thousands from homes in Talvar

By Mia Rossen

TALVAR (Reuters) - Rivers burst their banks across the Talvar valley on Friday, forcing about 6,000 people from their homes, officials said.

The government declared a state of emergency for 90 days in three provinces, freeing funds for repairs.

Rail services to the valley were suspended.
""",
    "tv": """ date 2027-04-02
Talvar valley under water

About 6,000 people left their homes in the Talvar valley on Friday as rivers burst their banks.

A 90-day state of emergency now lets soldiers hand out food, water and tents.

Schools in the valley will stay closed next week.
""",
}


def test_a_duration_of_a_named_thing_is_the_same_measure_as_the_plain_duration(tmp_path):
    """'a 90-day state of emergency' and 'a state of emergency for 90 days': one figure of one fact."""
    story = analyse(tmp_path, FLOOD)
    assert joined(story, "state of emergency for 90 days", "90-day state of emergency"), [c.text for c in story.claims]


AIRLINE = {
    "wire": """ date 2027-02-05
Skyrun Airways collapses, stranding thousands of passengers

By Lena Ortiz

BRAVIK (Reuters) - Skyrun Airways stopped flying on Friday after regulators suspended its licence, the second-biggest airline failure in Valdoria's history.

The airline said about 12,000 passengers were stranded abroad and would be flown home by other carriers.

"We ran out of cash and out of time," chief executive Marco Lind told staff in a letter.
""",
    "local": """ date 2027-02-05
Skyrun grounded: what passengers need to know

Skyrun Airways has stopped flying after the aviation regulator suspended its licence on Friday.

Skyrun is the second regional airline to stop flying this month, after Northwind folded on Monday.

Around 12,000 passengers are stranded abroad, the company said, and other carriers will bring them home.

Customers who booked with a credit card can claim a refund from their bank.
""",
    "tv": """ date 2027-02-05
Skyrun Airways collapse leaves passengers stranded

Skyrun Airways ceased operations on Friday when the regulator suspended its operating licence.

About 12,000 of its passengers are stranded abroad, the airline said.

Skyrun is the second airline to go bust in Valdoria this year.

It was the second-largest airline collapse in the country's history, analysts said.
""",
}


def test_ranks_of_different_things_are_different_facts(tmp_path):
    """'the second airline to go bust this year' and 'the second regional airline to stop flying this month' rank
    different classes: two facts, however alike the words. 'second-biggest ... failure in history' and
    'second-largest ... collapse in the country's history' rank one class."""
    story = analyse(tmp_path, AIRLINE)
    assert not joined(story, "second regional airline", "second airline to go bust"), [c.text for c in story.claims]
    assert not joined(story, "second regional airline", "second-biggest airline failure")
    assert not joined(story, "second airline to go bust", "second-biggest airline failure")


def test_one_rank_in_other_words_is_not_vetoed():
    from crosscheck.align.facts_view import ranks, ranks_differ

    a = ranks("It was the second-largest airline collapse in the country's history, analysts said.")
    b = ranks("Skyrun stopped flying on Friday, the second-biggest airline failure in Valdoria's history.")
    c = ranks("Skyrun is the second regional airline to stop flying this month.")
    assert a and b and c
    assert not ranks_differ(a, b)
    assert ranks_differ(a, c) and ranks_differ(b, c)
    assert ranks("It is the second-biggest in U.S. history.") == [frozenset({"largest", "us", "history"})]


TRUCE = {
    "wire": """ date 2027-05-11
Ceasefire to start at midnight in Vellan, army says

By Tomas Richter

ORSA (Reuters) - Government troops and rebel fighters in the Vellan hills agreed on Monday to stop shooting from midnight, an army statement said.

The rebels will withdraw their heavy weapons from the valley road within three days, army spokesman Colonel Ivo Marek said.

Aid agencies said convoys of food and medicine were waiting at the valley's southern checkpoint.
""",
    "paper": """ date 2027-05-11
Vellan truce agreed after week of fighting

Government troops and rebel fighters in the Vellan hills have agreed to a ceasefire from midnight.

After the talks ended, Colonel Ivo Marek quickly declared that the rebels would withdraw their heavy weapons from the valley road within three days.

Food and medicine convoys are waiting at the southern checkpoint of the valley, aid agencies said.
""",
    "radio": """ date 2027-05-11
Ceasefire in the Vellan hills from midnight

A ceasefire between government troops and rebel fighters in the Vellan hills starts at midnight, the army said on Monday.

Aid convoys carrying food and medicine are waiting at the valley's southern checkpoint, according to aid agencies.
""",
}


def test_a_fact_someone_declared_is_not_the_outlets_own_statement(tmp_path):
    """'Marek declared that the rebels would withdraw': his word, with a reporting verb the claim-level attribution
    does not list. Against 'the rebels will withdraw ..., Marek said' that is one source, not an outlet stating
    flatly what another attributes."""
    story = analyse(tmp_path, TRUCE)
    assert not [d for d in story.discrepancies if d.kind == DiscrepancyKind.attribution], [d.summary for d in story.discrepancies]


FERRY = {
    "wire": """ date 2027-08-03
Ferry sinks off Marren coast; rescuers search for missing

By Ilse Varga

PORT KELLA (Reuters) - A passenger ferry sank off the Marren coast on Tuesday night, and rescue boats were searching for survivors in rough seas, the coast guard said.

The ferry was carrying 620 passengers when it went down about six miles from Port Kella, coast guard spokesman Anton Weiss said.

The cause of the sinking was not yet known.
""",
    "paper": """ date 2027-08-03
Marren ferry disaster: what we know

A passenger ferry sank off the Marren coast late on Tuesday, about six miles from Port Kella.

The vessel, built in 2019 by a local shipyard, was designed to carry up to 800 passengers and 120 cars.

Rescue boats were searching rough seas for survivors overnight, the coast guard said.
""",
    "radio": """ date 2027-08-03
Ferry goes down off Marren

A ferry with 620 passengers on board sank off the Marren coast on Tuesday night, the coast guard said.

Rescuers were searching for survivors in heavy seas.
""",
}


def test_a_design_limit_is_not_compared_with_what_was_observed(tmp_path):
    """'designed to carry up to 800 passengers' is the ferry's capacity, '620 passengers' the load it sank with: not
    one measure, so no numeric discrepancy between them (not even an explained one)."""
    story = analyse(tmp_path, FERRY)
    assert not [v for v in numeric_values(story) if any("800" in x for x in v)], [d.summary for d in story.discrepancies]


OSTRA_FIRE = {
    "wire": """ date 2026-05-17
Fire closes Velen's river bridge

VELEN (Reuters) - A fire broke out at 11:40 p.m. on Saturday on the lower deck of the 620-metre Ostra bridge, the city's fire service said, closing the crossing to traffic.

No one was hurt, fire service spokesman Karl Brenner said. Investigators were trying to establish the cause.
""",
    "local": """ date 2026-05-17
Ostra bridge shut after night fire

The fire broke out at 11:40 p.m. on Saturday, city officials said.

Commuters were told to use the ferry or the northern ring road until engineers have inspected the structure.
""",
    "radio": """ date 2026-05-17
Bridge fire: crossing closed for inspection

Flames spread along the lower deck of the 620-metre Ostra bridge late on Saturday, closing the crossing.

Engineers will inspect the steel supports on Monday, the city said.
""",
}


def test_a_sentence_stating_two_facts_corroborates_each_of_them(tmp_path):
    """The wire's lead gives the time the fire broke out and the bridge's length; the local paper states only the
    time, the radio only the length. Each of those is corroborated by the wire's sentence."""
    story = analyse(tmp_path, OSTRA_FIRE)
    time = joined(story, "The fire broke out at 11:40 p.m.", "A fire broke out at 11:40 p.m.")
    assert time and time[0].status == ClaimStatus.corroborated and set(time[0].article_ids) == {"local", "wire"}
    length = joined(story, "Flames spread along the lower deck", "A fire broke out at 11:40 p.m.")
    assert length and set(length[0].article_ids) == {"radio", "wire"}


OSTRA_FIRE_TWO = {
    "wire": """ date 2026-05-17
Fire closes Velen's river bridge

VELEN (Reuters) - A fire broke out at 11:40 p.m. on Saturday on the Ostra bridge, the city's fire service said.

No one was hurt, fire service spokesman Karl Brenner said.
""",
    "tv": """ date 2026-05-17
Night fire on Ostra bridge

The fire broke out at 11:40 p.m. on Saturday, officials said. Investigators are trying to establish the cause.

Velen's Ostra bridge, the city's main river crossing, will stay closed to traffic until it has been inspected.
""",
    "local": """ date 2026-05-17
Ostra bridge shut after night fire

The fire broke out at 11:40 p.m. on Saturday on the lower deck of the 620-metre Ostra bridge.

Commuters were told to use the ferry until engineers have inspected the structure.
""",
    "radio": """ date 2026-05-17
Bridge fire: crossing closed

Flames spread along the lower deck of the 620-metre Ostra bridge late on Saturday.

The Velen city council said the crossing would stay closed to traffic until engineers had inspected the steel supports.
""",
    "paper": """ date 2026-05-17
Ostra bridge closed

The lower deck of the 620-metre Ostra bridge was engulfed by flames late on Saturday.

Velen's fire service sent six crews to the river crossing, and no one was hurt, a spokesman said.
""",
}


def test_a_sentence_stating_two_facts_joins_the_group_of_the_second_one_too(tmp_path):
    """The local paper's sentence gives the time and the bridge's length: it is in the group of the time (wire, tv)
    and in the group of the length (radio, paper) as well."""
    story = analyse(tmp_path, OSTRA_FIRE_TWO)
    local = "The fire broke out at 11:40 p.m. on Saturday on the lower deck"
    time = joined(story, local, "The fire broke out at 11:40 p.m. on Saturday, officials said.")
    length = joined(story, local, "Flames spread along the lower deck")
    assert time and {"tv", "local"} <= set(time[0].article_ids)
    assert length and {"radio", "paper", "local"} <= set(length[0].article_ids), length[0].article_ids


def test_a_fact_an_outlet_says_someone_revealed_is_not_its_own_statement(tmp_path):
    """'Okafor also revealed that ...' gives the fact as Okafor's word, as 'Okafor said ...' does: no attribution
    discrepancy between the two."""
    stories = {
        "wire": """ date 2026-03-10
Port of Amsel reopens

Port authority chief Daniel Okafor said 140 ships had been cleared to dock by Tuesday evening.

The strike ended on Monday after the union accepted a 9 percent pay rise.
""",
        "daily": """ date 2026-03-10
Amsel port back in business

Okafor also revealed that 140 ships had been cleared to dock by Tuesday evening.

Dockworkers returned to work on Tuesday morning after a three-day strike.
""",
    }
    story = analyse(tmp_path, stories)
    assert joined(story, "140 ships had been cleared", "Okafor also revealed")
    assert not [d for d in story.discrepancies if d.kind == DiscrepancyKind.attribution], [d.summary for d in story.discrepancies]


def test_without_sentence_vectors_facts_are_still_matched_by_their_words(tmp_path):
    """embedder="none" (or none installed): candidate pairs come from the words facts share, so a fact stated by
    independent outlets is still corroborated (before, only rare names and figures proposed pairs)."""
    import crosscheck

    texts = dict(OSTRA_FIRE_TWO)
    # a fact with no figure and no name: only the words it shares can propose the pair
    texts["paper"] += "\nInvestigators were trying to establish the cause of the fire on Sunday.\n"
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    report = crosscheck.analyze([str(tmp_path)], embedder="none")
    story = max(report.stories, key=lambda s: len(s.article_ids))
    cause = joined(story, "Investigators are trying to establish the cause.", "Investigators were trying to establish the cause")
    assert cause and cause[0].status == ClaimStatus.corroborated, [(c.status, c.article_ids) for c in story.claims]
