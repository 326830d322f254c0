import { quoteForMessage } from './quote';

/** Levenshtein distance, case-insensitive: how many one-letter edits turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[y.length]!;
}

/**
 * The allowed key a misspelt one most likely meant: Keras' snake_case (`use_bias` → `useBias`),
 * a prefix of exactly one allowed key (`stride` → `strides`, `dilation` → `dilationRate`), or
 * a key at most two edits away. Undefined when nothing is close.
 */
export function closestKey(key: string, allowed: readonly string[]): string | undefined {
  const camel = key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
  const exact = allowed.find((candidate) => candidate.toLowerCase() === camel.toLowerCase());
  if (exact !== undefined) return exact;
  const extending = allowed.filter((candidate) => candidate.toLowerCase().startsWith(camel.toLowerCase()));
  if (extending.length === 1 && camel.length >= 3) return extending[0];
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of allowed) {
    const distance = editDistance(camel, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** `unknown field "stride": did you mean "strides"? allowed: kind, name, ...`, one sentence per key. */
export function unknownKeysMessage(keys: readonly string[], allowed: readonly string[]): string {
  const parts = keys.map((key) => {
    const suggestion = closestKey(key, allowed);
    return `unknown field ${quoteForMessage(key)}${suggestion === undefined ? '' : `: did you mean ${JSON.stringify(suggestion)}?`}`;
  });
  return `${parts.join('; ')} (allowed: ${allowed.join(', ')})`;
}
