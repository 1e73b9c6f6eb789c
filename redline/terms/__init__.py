"""Quantified terms: what the contract says in days, money, percentages and dates, and how
each changed from version to version.

    terms = redline.terms.extract_terms(doc)
    for change in redline.terms.compare_terms(old_doc, new_doc):
        print(change.describe())          # X.4 Verification: 15 -> 10 consecutive work days
    for thread in redline.terms.term_history([v1, v2, v3]):
        print(thread.describe())          # ... 15 -> 10 -> 7 working days; District 05/09, ...
"""
from __future__ import annotations

from .compare import (TermChange, TermThread, compare_terms, comparison_term_pairs,
                      pair_clause_terms, term_history, terms_of_comparison)
from .extract import KINDS, Term, clause_terms, extract_terms, scan_terms
from .numbers import figure_value, words_value

__all__ = ["Term", "TermChange", "TermThread", "KINDS", "extract_terms", "clause_terms",
           "scan_terms", "compare_terms", "terms_of_comparison", "comparison_term_pairs",
           "pair_clause_terms", "term_history", "words_value", "figure_value"]
