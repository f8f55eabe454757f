#!/usr/bin/env python3
"""Python peers for the evidence pipeline's clean and dedupe stages, on the same inputs.

clean:  trafilatura.extract on the 181 ScrapingHub benchmark pages, timed and scored with the
        benchmark's 4-shingle P/R/F1 (the same scoring as crates/evidence/tests/support/evaluation.rs).
dedupe: datasketch MinHash (64 permutations, word 5-shingles) + MinHashLSH (16 bands x 4 rows)
        on the corpus the Rust bench writes with GUARANTOR_BENCH_DUMP.

`cargo bench -p guarantor-store --bench ingest_pages` runs the clean peer itself, in the same run
as Guarantor's end-to-end ingest of the same pages (set GUARANTOR_PEERS_PYTHON to the venv's python;
trafilatura 2.3 also needs `lxml_html_clean`).

Not part of the build. Usage (installs into a venv under /tmp, never into the project):

    python3 -m venv /tmp/guarantor-peers
    /tmp/guarantor-peers/bin/pip install trafilatura lxml_html_clean datasketch
    GUARANTOR_BENCH_DUMP=/tmp/guarantor-dedupe-corpus.jsonl cargo bench -p guarantor-evidence --bench pipeline
    /tmp/guarantor-peers/bin/python crates/evidence/bench/python_peers.py \
        --benchmark ../shared/benchmarks/article-extraction \
        --corpus /tmp/guarantor-dedupe-corpus.jsonl --n 20000
"""
import argparse
import gzip
import json
import re
import statistics
import time
from collections import Counter
from pathlib import Path

TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text, n=4):
    toks = TOKEN.findall(text or "")
    return Counter(tuple(toks[i:i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i:i + n])


def match(truth, pred):
    t, p = shingles(truth), shingles(pred)
    tp = fp = fn = 0.0
    for k in set(t) | set(p):
        tc, pc = t.get(k, 0), p.get(k, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (tp, fp, fn)


def prf(triples):
    def prec(tp, fp, fn):
        return 1.0 if fp == fn == 0 else 0.0 if tp == fp == 0 else tp / (tp + fp)

    def rec(tp, fp, fn):
        return 1.0 if fp == fn == 0 else 0.0 if tp == fn == 0 else tp / (tp + fn)

    p = statistics.mean(prec(*t) for t in triples if t[0] + t[1] > 0)
    r = statistics.mean(rec(*t) for t in triples if t[0] + t[2] > 0)
    return p, r, 2 * p * r / (p + r)


def clean(benchmark):
    import trafilatura

    truth = json.loads((benchmark / "ground-truth.json").read_text())
    pages = {k: gzip.open(benchmark / "html" / f"{k}.html.gz").read().decode("utf-8", "replace") for k in sorted(truth)}
    start = time.perf_counter()
    out = {k: trafilatura.extract(h) or "" for k, h in pages.items()}
    secs = time.perf_counter() - start
    p, r, f = prf([match(truth[k].get("articleBody", ""), out[k]) for k in pages])
    print(f"clean: trafilatura {trafilatura.__version__}: {len(pages)} pages in {secs:.2f}s ({len(pages) / secs:.0f} pages/s), P {p:.3f} R {r:.3f} F1 {f:.3f}")


def dedupe(corpus, n):
    from datasketch import MinHash, MinHashLSH

    docs = []
    with open(corpus) as fh:
        for line in fh:
            docs.append(json.loads(line))
            if len(docs) >= n:
                break
    start = time.perf_counter()
    sigs = []
    for d in docs:
        toks = [t.lower() for t in TOKEN.findall(d["text"])]
        sh = {" ".join(toks[i:i + 5]).encode() for i in range(max(1, len(toks) - 4))}
        m = MinHash(num_perm=64)
        m.update_batch(list(sh))
        sigs.append(m)
    fp_secs = time.perf_counter() - start
    start = time.perf_counter()
    lsh = MinHashLSH(num_perm=64, params=(16, 4))
    links = 0
    for d, m in zip(docs, sigs):
        hits = [h for h in lsh.query(m) if sigs[int(h[1:])].jaccard(m) >= 0.5]
        links += bool(hits)
        lsh.insert(d["id"], m)
    idx_secs = time.perf_counter() - start
    total = fp_secs + idx_secs
    print(f"dedupe: datasketch: {len(docs)} articles, fingerprints {fp_secs:.2f}s + LSH {idx_secs:.2f}s = {total:.2f}s ({len(docs) / total:.0f} articles/s), {links} articles linked")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--benchmark", type=Path)
    ap.add_argument("--corpus", type=Path)
    ap.add_argument("--n", type=int, default=20000)
    a = ap.parse_args()
    if a.benchmark:
        clean(a.benchmark)
    if a.corpus:
        dedupe(a.corpus, a.n)


if __name__ == "__main__":
    main()
