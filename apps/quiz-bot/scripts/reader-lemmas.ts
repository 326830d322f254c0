/**
 * The lemmas the learned reader sees in the thirteen practice sets' free-text rows (every row TUNE), one
 * a line, sorted: scripts/word-clusters.py keeps each of them that the embeddings know in its table.
 *
 *   tsx --conditions=@cnnkit/source scripts/reader-lemmas.ts > lemmas.txt
 */
import { readItems } from './reader-data';

const lemmas = new Set<string>();
for (const item of await readItems('silver'))
  for (const clause of item.reading?.analysis.clauses ?? [])
    for (const t of clause.tokens) lemmas.add(t.lemma);
process.stdout.write(`${[...lemmas].sort().join('\n')}\n`);
process.exit(0);
