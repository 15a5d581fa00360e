"""Cased word statistics for the tagger and parser: Brown clusters and unigram
log-probabilities.

Reads the English lexeme tables of PyPI `spacy-lookups-data` 1.0.5 (MIT
licence, Explosion AI): `en_lexeme_cluster.json.gz` (Brown cluster of each
cased word form, the bit path stored first-bit-lowest, so the path's first k
bits are the value's k low bits) and `en_lexeme_prob.json.gz` (natural-log
unigram probability of each cased form). Keeps the forms that have a cluster
or a log-probability of at least -17 and writes
`word<TAB>cluster<TAB>round(10 * logprob)`, sorted by word, gzipped
(deterministic: fixed gzip mtime).

    pip download --no-deps spacy-lookups-data==1.0.5
    unzip spacy_lookups_data-1.0.5-py2.py3-none-any.whl -d sld
    python3 crates/tagger/scripts/gen_wordstats.py \
        sld/spacy_lookups_data/data crates/tagger/data/wordstats.tsv.gz
"""
import gzip, json, sys

src = sys.argv[1].rstrip('/') + '/'
out = sys.argv[2]
clusters = json.load(gzip.open(src + 'en_lexeme_cluster.json.gz'))
probs = json.load(gzip.open(src + 'en_lexeme_prob.json.gz'))
MIN_LOGPROB = -17.0
rows = []
for w in set(clusters) | set(probs):
    # One token per line, no tabs or control characters.
    if not w or any(c.isspace() or ord(c) < 32 for c in w) or len(w) > 40:
        continue
    c = int(clusters.get(w, 0))
    p = probs.get(w)
    if c <= 0 and (p is None or p < MIN_LOGPROB):
        continue
    lp = round(10 * p) if p is not None else -999
    rows.append((w, c, lp))
rows.sort()
with open(out, 'wb') as f:
    with gzip.GzipFile(fileobj=f, mode='wb', mtime=0, compresslevel=9, filename='') as g:
        for w, c, lp in rows:
            g.write(f'{w}\t{c}\t{lp}\n'.encode('utf-8'))
print(len(rows), 'words', file=sys.stderr)
