#!/usr/bin/env python3
"""gensim LdaMulticore on the benchmark's exported documents (bin/benchmark runs this; not a test).

Reads JSON Lines {"id", "text"}, tokenises the peers' way (lowercase letter runs with inner apostrophes, at least
3 letters, the job's stopword file), builds a Dictionary, filter_extremes(no_below, no_above, keep_n) like the job's
features.min-df / max-df / vocab-size, trains LdaMulticore(passes, workers, random_state) and writes one JSON object:
topics (top words per topic), documents, vocabulary, train_seconds, total_seconds, cpu_seconds.
"""
import argparse
import json
import logging
import re
import resource
import sys
import time

T0 = time.perf_counter()

from gensim.corpora import Dictionary  # noqa: E402  (import time is part of the pipeline)
from gensim.models import LdaMulticore  # noqa: E402

TOKEN = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")


def cpu_seconds():
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--docs", required=True)
    p.add_argument("--stopwords", required=True)
    p.add_argument("--k", type=int, required=True)
    p.add_argument("--passes", type=int, default=10)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--no-below", type=int, default=1)
    p.add_argument("--no-above", type=float, default=0.5)
    p.add_argument("--keep-n", type=int, default=20000)
    p.add_argument("--min-length", type=int, default=3)
    p.add_argument("--topn", type=int, default=30)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)

    with open(a.stopwords, encoding="utf-8") as f:
        stop = {w.strip() for w in f if w.strip()}
    texts = []
    with open(a.docs, encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["text"] or ""
            texts.append([t for t in TOKEN.findall(text.lower()) if len(t) >= a.min_length and t not in stop])
    dictionary = Dictionary(texts)
    dictionary.filter_extremes(no_below=a.no_below, no_above=a.no_above, keep_n=a.keep_n)
    corpus = [dictionary.doc2bow(t) for t in texts]
    t_train = time.perf_counter()
    lda = LdaMulticore(corpus, id2word=dictionary, num_topics=a.k, passes=a.passes, workers=a.workers,
                       random_state=a.seed)
    train = time.perf_counter() - t_train
    topics = [[w for w, _ in lda.show_topic(t, topn=a.topn)] for t in range(a.k)]
    out = {"topics": topics, "documents": len(texts), "vocabulary": len(dictionary),
           "train_seconds": train, "total_seconds": time.perf_counter() - T0, "cpu_seconds": cpu_seconds()}
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
