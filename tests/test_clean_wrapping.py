"""Hard-wrapped plain text (wire copy, a pasted press release) is read as paragraphs, not as one paragraph per line.

The texts are written for these tests in the style of an agency's closure notice pasted with its line breaks.
"""

from __future__ import annotations

from crosscheck.clean import clean
from crosscheck.clean.wrapping import unwrap, wrap_width
from crosscheck.model import Article

WRAPPED = (
    "Regulators shut a New England lender on Friday. The agency's notice reads:\n"
    "\n"
    "PORTLAND, Maine - Harbor Savings Bank, Portland, Maine,\n"
    "was closed today by the Maine Bureau of Financial Institutions, which\n"
    "appointed the Federal Deposit Insurance Corporation (FDIC) as receiver. To\n"
    "protect depositors, the FDIC created the Deposit Insurance National Bank\n"
    "of Portland (DINB).\n"
    "\n"
    "Harbor Savings Bank had 12 branches in Maine and\n"
    "New Hampshire. The main office and all branches will reopen on Monday.\n"
    "Under the Federal Deposit Insurance Act, the FDIC may create a DINB to\n"
    "ensure that customers have continued access to their insured funds. A\n"
    "well-\n"
    "known local lender, it had about $1.2 billion in deposits at the end of\n"
    "last year, according to the agency's most recent filing with regulators.\n"
)


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def test_a_hard_wrapped_notice_is_read_as_paragraphs_of_whole_sentences():
    art = clean(Article(id="notice", raw_text=WRAPPED))
    paras = _paragraphs(art.text)
    assert paras[1].startswith("PORTLAND, Maine - Harbor Savings Bank, Portland, Maine, was closed today by the Maine")
    assert paras[1].endswith("National Bank of Portland (DINB).")
    assert "12 branches in Maine and New Hampshire. The main office" in paras[2]
    assert "create a DINB to ensure that customers" in paras[2]
    assert "A well-known local lender" in paras[2]  # a word broken at a hyphen is one word again
    assert len(paras) == 3
    # no line of the notice passes for a section heading any more
    assert [s.heading for s in art.sections] == [None]


def test_unwrapping_keeps_line_numbers():
    lines = WRAPPED.split("\n")
    out = unwrap(lines)
    assert len(out) == len(lines)
    assert out[2].startswith("PORTLAND") and out[3] == "" and out[9] == ""  # joined lines are left blank


def test_one_paragraph_per_line_is_left_alone():
    text = (
        "Regulators shut a New England lender on Friday, the second closure in the region this year.\n"
        "Harbor Savings Bank, which had 12 branches in Maine and New Hampshire, was closed by the state's bureau of "
        "financial institutions, which appointed the Federal Deposit Insurance Corporation as receiver.\n"
        "The main office and all branches will reopen on Monday as branches of a bridge bank.\n"
        "Customers can use their debit cards and write checks as usual, the agency said in a statement.\n"
        "The bank had about $1.2 billion in deposits at the end of last year.\n"
    )
    assert wrap_width(text.split("\n")) is None
    assert unwrap(text.split("\n")) == text.split("\n")


def test_short_lines_between_blank_lines_are_not_joined():
    """A list of fixtures or results, each line its own paragraph: short lines, but no blocks of lines."""
    text = "\n\n".join(
        ["Cup draw for the second round", "Harbor City v Portland Athletic", "Bangor United v Lewiston Rovers",
         "Augusta Town v Bath Wanderers", "Saco Rangers v Biddeford", "Kennebunk v Old Orchard Beach"]
    )
    assert wrap_width(text.split("\n")) is None
