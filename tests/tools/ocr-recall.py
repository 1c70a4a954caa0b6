#!/usr/bin/env python3
"""ocr-recall.py TYPED OCR - word recall of an OCR text against its typed
version: the share (in %) of the typed text's words, folded (lowercase,
without accents), found in the OCR text, each word as often as it
occurs (a multiset intersection). Prints the percentage with one
decimal, then the words missed on stderr (for a reader of a failure)."""
import collections
import re
import sys
import unicodedata


def words(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return collections.Counter(re.findall(r"[a-z0-9]+", text))


def main():
    typed, ocr = words(sys.argv[1]), words(sys.argv[2])
    total = sum(typed.values())
    found = sum(min(n, ocr[w]) for w, n in typed.items())
    missed = sorted((typed - ocr).elements())
    print("%.1f" % (100.0 * found / total if total else 0.0))
    if missed:
        print("missed: " + " ".join(missed), file=sys.stderr)


main()
