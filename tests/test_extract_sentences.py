"""Issue 11: one sentence segmentation on the Article, used by extraction, claims and alignment."""

from __future__ import annotations

from crosscheck.extract import extract
from crosscheck.model import Article


def _sents(art: Article) -> list[str]:
    return [art.text[s.start : s.end] for s in art.sentences]


def test_sentences_are_stored_with_stable_ids():
    art = extract(Article(id="wire-7", text="Floodwaters rose overnight in the valley. Two bridges were closed on Monday.\n"))
    assert [s.id for s in art.sentences] == ["wire-7:s1", "wire-7:s2"]
    assert _sents(art) == ["Floodwaters rose overnight in the valley.", "Two bridges were closed on Monday."]


def test_no_split_after_titles_times_or_inside_quotes():
    text = (
        "The storm reached Naples, Fla. on Tuesday and Gen. Laura Reyes ordered troops in at 6:50 p.m. on the dot.\n"
        "“We are ready. We will go in tonight,” she said. Crews arrived at dawn.\n"
    )
    art = extract(Article(id="t", text=text))
    assert _sents(art) == [
        "The storm reached Naples, Fla. on Tuesday and Gen. Laura Reyes ordered troops in at 6:50 p.m. on the dot.",
        "“We are ready. We will go in tonight,” she said.",
        "Crews arrived at dawn.",
    ]


def test_quote_fragment_is_part_of_its_sentence_claim():
    text = "“The levee held. We are lucky, and the pumps kept working,” the mayor said on Tuesday night.\n"
    art = extract(Article(id="t", text=text))
    assert len(art.claims) == 1 and art.claims[0].start == 0


def test_captions_notes_and_datelines_are_not_claims():
    text = (
        "ZAGREB (Reuters) - Croatia's parliament approved the new budget on Friday after a long debate.\n"
        "Editor's note: This story has been updated with the final vote count from the chamber.\n"
        "Lawmakers applaud after the vote in Zagreb, Croatia, December 1, 2026. REUTERS/Ana Horvat\n"
        "The opposition said it would challenge the budget in the constitutional court.\n"
    )
    art = extract(Article(id="t", text=text))
    kinds = {art.text[s.start : s.end][:12]: s.kind for s in art.sentences}
    assert kinds["ZAGREB (Reut"] == "dateline"
    assert kinds["Editor's not"] == "note"
    claims = [c.text for c in art.claims]
    assert claims[0].startswith("Croatia's parliament approved")
    assert not any("Editor" in c or "REUTERS/" in c for c in claims)
    assert any(c.startswith("The opposition said") for c in claims)


def test_alignment_windows_use_the_stored_sentences():
    from crosscheck.align.numbers import _sentence_bounds

    text = "Crews worked until 6:50 p.m. Friday and pulled 35 people from the structure. Nine remain missing.\n"
    art = extract(Article(id="t", text=text))
    q = next(q for q in art.quantities if q.value == 35)
    s0, s1 = _sentence_bounds(art, q.start)
    assert text[s0:s1].startswith("Crews worked until 6:50 p.m. Friday")


def test_a_hard_wrapped_pasted_release_keeps_its_sentences_whole():
    """A pasted press release with a blank line every 70-odd characters: a line ending with a comma or 'and', or
    going on in lower case, continues its sentence; a headline line and a full stop still end one."""
    from crosscheck.extract import extract
    from crosscheck.model import Article

    text = (
        "WASHINGTON – Harbor Savings Bank, Portland, Maine,\n\nwas closed today by the Maine Bureau of Financial Regulation and\n\n"
        "Consumer Protection, which appointed the Federal Deposit Insurance Corporation (FDIC) as\n\nreceiver. To protect "
        "insured depositors, the FDIC created a bridge bank.\n\nBank closes in Maine\n\nThe bank had 12 branches.\n"
    )
    art = extract(Article(id="x", text=text))
    body = [art.text[s.start : s.end] for s in art.sentences if s.kind == "text"]
    assert body[0].startswith("Harbor Savings Bank") and body[0].endswith("as\n\nreceiver.")
    assert body[1:] == ["To protect insured depositors, the FDIC created a bridge bank.", "Bank closes in Maine", "The bank had 12 branches."]


def test_a_dateline_is_parsed_apart_from_the_lead_sentence():
    """Parsed with its dateline, "PORTO ALVO (Reuters) - The ferry sank ..., the coast guard said" makes the city the
    sentence's head and loses the reported clause; the dateline is a segment of its own before the parser runs."""
    from crosscheck.extract import extract
    from crosscheck.model import Article

    text = (
        "PORTO ALVO (Reuters) - The passenger ferry Marisol sank about 4:10 a.m. on Sunday off the coast of Porto Alvo "
        "after taking on water in heavy seas, the coast guard said.\n\nRescue boats pulled 46 people from the water.\n"
    )
    art = extract(Article(id="w", text=text))
    assert [(s.kind, text[s.start : s.end][:14]) for s in art.sentences[:2]] == [
        ("dateline", "PORTO ALVO (Re"),
        ("text", "The passenger "),
    ]
    lead = next(f for f in art.facts if f.predicate == "sink")
    assert lead.attribution is not None and any(q.endswith(":n1") for q in lead.when)
