"""Thresholds and weights of crosscheck, in settings objects passed into the stages and recorded in the report.

Nothing here reads the environment: a caller who wants other values builds the object and passes it in.
Each value says how it was measured. "Calibration stories" are three of the six real story sets in
../shared/eval/stories (surfside-collapse, titan-submersible, wagner-mutiny); the other three
(chandrayaan-3-landing, crowdstrike-outage, svb-collapse) are held out and only reported on, together with
the labelled pairs of bench/alignment.py and our own sets in tests/eval.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class AlignSettings(BaseModel):
    """How the align stage decides that two statements of different outlets are one fact, conflict, or differ."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # ---- candidate pairs
    neighbours: int = Field(
        default=12,
        description="Nearest neighbours (by sentence embedding) each fact is compared with, besides facts sharing a rare "
        "name or figure. 12 keeps every labelled same-pair of the calibration stories among the candidates (10 articles, "
        "so at most one neighbour per other article plus slack); the 50-article bench grows linearly with it.",
    )
    candidate_floor: float = Field(
        default=0.35,
        description="Embedding cosine (MiniLM) below which a neighbour is not a candidate; below 0.35 no labelled "
        "same-pair of the calibration stories was found.",
    )
    # ---- verification: the blended similarity of two facts
    emb_weight: float = Field(
        default=0.6,
        description="Share of the embedding cosine in the blended similarity (the rest is the specificity-weighted word "
        "overlap). Kept from the earlier matcher (measured on tests/eval); 0.5-0.7 gave the same calibration scores.",
    )
    containment_weight: float = Field(
        default=0.8,
        description="Weight of the share of the shorter fact's (specificity-weighted) words found in the longer one, used "
        "instead of the word cosine when larger: a detail restated inside a longer sentence. Swept 0.6-1.0 on the "
        "calibration stories and tests/eval; 0.8 joins restated details without joining the not_same pairs.",
    )
    containment_min_terms: int = Field(
        default=5,
        description="Content words the shorter fact needs before containment counts: a four-word quote is contained in "
        "many sentences (seeds: \"then we have a full ceasefire\").",
    )
    same_threshold: dict[str, float] = Field(
        default_factory=lambda: {"minilm": 0.50, "static": 0.55},
        description="Blended similarity at which two facts with compatible slots are the same fact, per embedder. Swept "
        "0.40-0.60 in steps of 0.025 on the calibration stories' corroborated and not_same items; 0.50 (MiniLM) is the "
        "lowest value that joins no not_same pair. Static embeddings score paraphrases lower cosines: 0.55 from tests/eval.",
    )
    agree_threshold: float = Field(
        default=0.4,
        description="Scaled similarity (0.5 = same_threshold) at which two members of a group agree when they are not "
        "themselves a verified pair: a group joins only when every cross pair agrees (complete link). Swept 0.30-0.50 "
        "on the calibration stories.",
    )
    lexical_threshold: float = Field(
        default=0.30,
        description="Word-overlap cosine at which two facts match when no embedder is installed (from tests/eval).",
    )
    min_shared_terms: int = Field(
        default=2, description="Content words or numbers two facts must share before they can be one fact (earlier matcher)."
    )
    figure_bonus: float = Field(
        default=0.15,
        description="Added to the similarity when both facts give a figure of the same kind of thing with compatible "
        "values; taken off when only one of them gives figures of a kind the other lacks does not apply. Swept "
        "0.05-0.25 on the calibration stories: 0.15 joins the split figure facts without joining not_same pairs.",
    )
    figure_penalty: float = Field(
        default=0.15,
        description="Taken off when both facts give figures and none is of the same kind of thing (\u20ac500m vs 500 "
        "firefighters): different facts that share a number. Same sweep as figure_bonus.",
    )
    predicate_bonus: float = Field(
        default=0.05,
        description="Added when both facts have the same main verb (not say/be/have...): \"kidnapped ... on May 19\" and "
        "\"kidnapped them ... on May 19\"; added again when both cite the same party. Swept 0-0.1 on the calibration "
        "stories and tests/eval.",
    )
    subject_penalty: float = Field(
        default=0.1,
        description="Taken off when both facts name who acts and the actors differ, and when one is a speaker's quoted "
        "words and the other the outlet's own unattributed narration (\"Russia's forces clawed back\" vs "
        "\"Trump's attempt raised fears\"). 0.1 separates the seeds' mixed clauses without splitting the calibration "
        "stories' corroborated facts (0.05-0.2 swept).",
    )
    one_sided_penalty: float = Field(
        default=0.1,
        description="Taken off when only one of two facts gives a specific figure (a clock time or a number >= 10): the "
        "seeds' \"86% of the territory retaken\" vs \"Putin met Gerasimov in Kursk\". The earlier matcher took off 0.15 "
        "for any one-sided figure; 0.1 for specific ones only keeps \"two people rescued\" facts together.",
    )
    quote_overlap: float = Field(
        default=75.0,
        description="rapidfuzz partial_ratio of the quoted words at which two quotes of one speaker are one remark; "
        "below it they are two remarks. Measured: versions of one remark in the calibration stories (Mauger's "
        "'consistent with a catastrophic implosion', an excerpt and its full sentence) score 88-100; two remarks of one "
        "spokesman sharing words (tests/test_align_facts.py) 66.",
    )
    # ---- discrepancies
    attribution_same: float = Field(
        default=0.6,
        description="Scaled similarity a flat statement and a person's reported words must reach to be reported as one "
        "fact given with and without attribution. At 0.5 the calibration stories gave pairs of related but different "
        "sentences; tests/eval's two such items score 0.65 and up.",
    )
    date_max_gap_days: int = Field(
        default=7,
        description="Two days given for one fact more than this apart are about different events (a sentence about an "
        "earlier incident), not a date conflict. Real date slips on the calibration stories are one or two days.",
    )

    def threshold(self, embedder: str | None) -> float:
        if embedder is None:
            return self.lexical_threshold
        return self.same_threshold.get(embedder, self.same_threshold["static"])


__all__ = ["AlignSettings"]
