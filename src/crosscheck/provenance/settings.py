"""Thresholds of the provenance stage, in one settings object passed in (no environment read at import).

Every value says what it measures and how it was set. Calibration data: tests/fixtures/provenance,
tests/fixtures/provenance_quake, tests/eval/set_a, tests/eval/set_b (our own writing, labelled by hand) and
three of the real story sets in ../shared/eval/stories (chandrayaan-3-landing, crowdstrike-outage,
surfside-collapse). The other three real sets (svb-collapse, titan-submersible, wagner-mutiny) were kept
for reporting only: bench/provenance_eval.py prints both halves separately.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ProvenanceSettings(BaseModel):
    """How much shared text, edited text or shared specifics make two articles one source."""

    model_config = ConfigDict(frozen=True)

    # --- exact copying (greedy string tiling) ---------------------------------------------------------
    min_tile: int = Field(8, description="Words in a common run before it counts as copied (8-grams: shorter runs are "
                          "common phrases; set before this work, kept).")
    quote_frame_words: int = Field(5, description="A copied run that carries quoted words counts them as copied when "
                                   "it also carries at least this many unquoted words (the attribution frame): "
                                   "independent reporters quote a speaker alike, but do not share the sentence "
                                   "around the quote. 5 keeps 'X told reporters' (3 words) out.")
    verbatim_coverage: float = Field(0.5, description="Share of the shorter text in exact runs for a verbatim copy.")
    verbatim_exact: float = Field(0.9, description="Share of matched sentences that are identical for a verbatim copy.")
    copy_coverage: float = Field(0.5, description="Share of the shorter text in exact runs for a (near-verbatim) copy. "
                                 "Was 0.2: on the calibration stories partial reuse (two wire sentences pasted into "
                                 "an own story) reaches 0.23-0.42 and true copies 0.58-0.90.")
    # --- edited copies, synonym-spun copies --------------------------------------------------------------
    twin_similarity: float = Field(0.5, description="Two sentences are twins (one is an edited or synonym-spun "
                                   "copy of the other) when their unquoted word sequences share this share of words "
                                   "in order (Indel similarity over words). Measured: spun and edited twins 0.54-1.0; "
                                   "same-fact sentences of independent reports mostly 0.1-0.45.")
    twin_min_words: int = Field(6, description="Sentences with fewer unquoted words are not compared as twins.")
    copy_twins: int = Field(3, description="An in-order chain of at least this many twin sentences ...")
    copy_twin_share: float = Field(0.6, description="... covering this share of the shorter text's comparable "
                                   "sentences makes a copy. Copies 0.67-1.0; partial reuse 0.27-0.38 on calibration.")
    # --- partial reuse -----------------------------------------------------------------------------------
    quotes_wire_words: int = Field(30, description="Copied words, at least, for a partial re-use (wire paragraphs "
                                   "quoted in an own article); set before this work, kept.")
    same_wire_words: int = Field(40, description="Copied words that make a re-run when both articles credit the "
                                 "same wire; set before this work, kept.")
    # --- rewrites (paraphrase) ------------------------------------------------------------------------
    para_min_shared: int = Field(12, description="A rewrite carries at least this many of the same specifics (names, "
                                 "figures, quoted words) in the same order. Rewrites in calibration: 14-29; two "
                                 "independent reports of one event share their lead facts, 5-12 in order.")
    para_order: float = Field(0.46, description="... and those in-order specifics are at least this share of the "
                              "specifics of the article with fewer. Calibration rewrites 0.48-0.85; independent "
                              "reports 0.23-0.44 (with at least para_min_shared shared).")
    para_min_sentences: int = Field(3, description="... spread over at least this many restated sentence pairs "
                                    "(each pair sharing at least two of them): never one long sentence.")
    restated_similarity: float = Field(0.3, description="Evidence only: in a rewrite, two sentences lying between the "
                                       "same two restated pairs are shown as restating each other when this share of "
                                       "their words agrees in order (a rewrite keeps 0.3-0.5; the decision does not use it).")
    # --- scale ----------------------------------------------------------------------------------------
    all_pairs_limit: int = Field(60, description="Up to this many articles every pair is compared; above, only "
                                 "MinHash/LSH and embedding-neighbour candidates (bench/provenance_eval.py --scale).")
    specifics_jaccard: float = Field(0.25, description="Large stories: pairs whose specifics overlap by at least this "
                                     "Jaccard (MinHash LSH) are candidates for a rewrite. Calibration rewrites have "
                                     "specifics Jaccard 0.35-0.8.")


DEFAULT = ProvenanceSettings()
