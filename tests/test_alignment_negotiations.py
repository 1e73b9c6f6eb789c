"""Issue 15's measure, on negotiations no one prepared: generated articles bargained over
several rounds, each clause carrying a hidden identity, compared version against version
through the whole pipeline (written as text, read, aligned).

Each round edits the article the way counters do: a few words substituted, one sentence of
a clause rewritten, a clause inserted (renumbering everything after it), a clause struck, a
clause moved, a heading renamed.  Every pair of versions (not only consecutive ones) is
compared; a pair of clauses is right when both have one identity, an inserted or deleted
clause is right when its identity is absent from the other version.  Over the generated
negotiations at least 98% of the clauses must be placed right (issue 15's target), and
two clauses of different identities must never be paired: an unrelated clause shown as a
rewrite of another misstates what a party proposed.

The generator keeps each clause recognisable across the whole negotiation (at most one
sentence rewritten, one heading renamed): a clause rewritten beyond recognition is deleted +
inserted by the documented rule (docs/compare.md), which is right, not a miss.
"""
from __future__ import annotations

import itertools
import random
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Dict, List, Tuple

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redline.api import compare
from test_alignment_evidence import sentence

HEADINGS = ["Accrual", "Notice", "Transfers", "Vacancies", "Evaluation", "Work Year",
            "Overtime", "Seniority", "Family Care", "Bereavement", "Jury Duty", "Training",
            "Probation", "Personnel Files", "Layoff", "Recall", "Class Size", "Safety"]
ARTICLE_TITLE = "ARTICLE 12 - WORKING CONDITIONS"


@dataclass(frozen=True)
class GenClause:
    ident: int
    heading: str
    sentences: Tuple[str, ...]
    rewritten: bool = False
    renamed: bool = False


def _new_clause(rng: random.Random, ident: int, used: set) -> GenClause:
    heading = rng.choice([h for h in HEADINGS if h not in used] or ["Miscellaneous"])
    used.add(heading)
    return GenClause(ident, heading if rng.random() < 0.6 else "",
                     tuple(sentence(rng) for _ in range(rng.randint(2, 4))))


def _substitute(rng: random.Random, c: GenClause) -> GenClause:
    k = rng.randrange(len(c.sentences))
    words = c.sentences[k].rstrip(".").split()
    for _ in range(rng.randint(1, 2)):
        words[rng.randrange(1, len(words))] = rng.choice(["ten (10)", "fifteen (15)",
                                                          "thirty (30)", "written", "calendar"])
    s = list(c.sentences)
    s[k] = " ".join(words) + "."
    return replace(c, sentences=tuple(s))


def negotiate(seed: int, rounds: int, size: int) -> List[List[GenClause]]:
    """Versions of one article: each a list of clauses in order."""
    rng = random.Random(seed)
    used: set = set()
    ident = itertools.count()
    version = [_new_clause(rng, next(ident), used) for _ in range(size)]
    versions = [version]
    for _ in range(rounds - 1):
        v = list(version)
        for _ in range(rng.randint(1, 3)):
            op = rng.choice(["substitute", "substitute", "rewrite", "insert", "strike",
                             "move", "rename"])
            k = rng.randrange(len(v))
            c = v[k]
            if op == "substitute":
                v[k] = _substitute(rng, c)
            elif op == "rewrite" and not c.rewritten and len(c.sentences) >= 2:
                s = list(c.sentences)
                s[rng.randrange(len(s))] = sentence(rng)
                v[k] = replace(c, sentences=tuple(s), rewritten=True)
            elif op == "insert":
                v.insert(rng.randrange(len(v) + 1), _new_clause(rng, next(ident), used))
            elif op == "strike" and len(v) > 2:
                v.pop(k)
            elif op == "move" and len(v) > 2:
                v.insert(rng.randrange(len(v)), v.pop(k))
            elif op == "rename" and c.heading and not c.renamed and not c.rewritten:
                v[k] = replace(c, heading=rng.choice([h for h in HEADINGS if h not in used]
                                                     or ["Other Matters"]), renamed=True)
        version = v
        versions.append(version)
    return versions


def write(version: List[GenClause], path: Path) -> List[int]:
    """The version as a text proposal (numbered X.1, X.2, ... in order); the clause
    identities in reading order."""
    lines = [ARTICLE_TITLE]
    for n, c in enumerate(version, start=1):
        if c.heading:
            lines += [f"X.{n} {c.heading}", " ".join(c.sentences)]
        else:
            lines.append(f"X.{n} " + " ".join(c.sentences))
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return [c.ident for c in version]


def score(old_ids: List[int], new_ids: List[int], changes) -> Tuple[int, int, List[str]]:
    right, false_pairs, wrong = 0, 0, []
    for ch in changes:
        if ch.old_index is not None and ch.new_index is not None:
            ok = old_ids[ch.old_index] == new_ids[ch.new_index]
            false_pairs += not ok
        elif ch.new_index is not None:
            ok = new_ids[ch.new_index] not in old_ids
        else:
            ok = old_ids[ch.old_index] not in new_ids
        right += ok
        if not ok:
            wrong.append(f"{ch.status} old={ch.old_index} new={ch.new_index}")
    return right, false_pairs, wrong


def measure(seed: int, rounds: int, size: int) -> Dict[str, object]:
    versions = negotiate(seed, rounds, size)
    totals = {"right": 0, "all": 0, "false_pairs": 0, "wrong": []}
    with tempfile.TemporaryDirectory() as folder:
        paths, ids = [], []
        for k, v in enumerate(versions):
            path = Path(folder) / f"v{k + 1}.txt"
            ids.append(write(v, path))
            paths.append(path)
        for i, j in itertools.combinations(range(len(versions)), 2):
            r = compare(str(paths[i]), str(paths[j]))
            right, false_pairs, wrong = score(ids[i], ids[j], r.changes)
            totals["right"] += right
            totals["all"] += len(r.changes)
            totals["false_pairs"] += false_pairs
            totals["wrong"] += [f"v{i + 1}->v{j + 1}: {w}" for w in wrong]
    return totals


def test_generated_negotiations_align_at_least_98_percent_with_no_false_pair() -> None:
    """The aggregate figure over a fixed set of negotiations (a benchmark as a test: the
    number issue 15 names)."""
    right = total = false_pairs = 0
    wrong: List[str] = []
    for seed in range(24):
        m = measure(seed, rounds=4 + seed % 3, size=6 + seed % 7)
        right += m["right"]
        total += m["all"]
        false_pairs += m["false_pairs"]
        wrong += [f"seed {seed} {w}" for w in m["wrong"]]
    assert false_pairs == 0, wrong
    assert right / total >= 0.98, (right, total, wrong[:20])


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1), st.integers(2, 5), st.integers(3, 12))
def test_no_generated_negotiation_pairs_two_different_clauses(seed: int, rounds: int,
                                                              size: int) -> None:
    m = measure(seed, rounds, size)
    assert m["false_pairs"] == 0, m["wrong"]
