#!/usr/bin/python3
"""scikit-learn TF-IDF + cosine baseline for a SemEval-2022 Task 8 pairs file.

The yardstick `scripts/bench-score.sh` times `newsim score` against: read the
same JSON Lines pairs file newsim reads, fit one TfidfVectorizer (word
unigrams, sklearn defaults, sublinear tf) on every title + text, take the
cosine of each pair's two vectors and write one JSON line per pair:
{"pair_id": ..., "cosine": ...}. It rates nothing but lexical overlap, so it
does a fraction of newsim's work (no language handling, entities, dates,
seven dimensions).

Needs Debian's python3-sklearn (installed by scripts/setup.sh), so run it with
/usr/bin/python3 (a pyenv or venv python3 on PATH will not see it).

    /usr/bin/python3 scripts/sklearn_baseline.py --pairs ../shared/data/semeval2022_dev.jsonl --out /dev/null
"""

import argparse
import json
import sys

from sklearn.feature_extraction.text import TfidfVectorizer


def read_pairs(path):
    """Pairs as (pair_id, text of article 1, text of article 2); broken lines
    are reported to stderr and skipped, like newsim does."""
    pairs = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
                pairs.append((r["pair_id"],
                              (r.get("title1") or "") + "\n" + (r.get("text1") or ""),
                              (r.get("title2") or "") + "\n" + (r.get("text2") or "")))
            except (ValueError, KeyError, TypeError) as e:
                print(f"{path}:{n}: skipped: {e}", file=sys.stderr)
    return pairs


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", required=True, help="pairs file (JSON Lines, SemEval format)")
    ap.add_argument("--out", default="-", help="output file (default: standard output)")
    args = ap.parse_args()

    pairs = read_pairs(args.pairs)
    if not pairs:
        sys.exit(f"{args.pairs}: no pairs")
    texts = [t for _, a, b in pairs for t in (a, b)]
    # Rows are L2-normalised (norm='l2', the default), so a row dot product is the cosine.
    m = TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
    cos = m[0::2].multiply(m[1::2]).sum(axis=1).A1

    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    with out:
        for (pid, _, _), c in zip(pairs, cos):
            out.write(json.dumps({"pair_id": pid, "cosine": round(float(c), 6)}) + "\n")


if __name__ == "__main__":
    main()
