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

/** How a message names a value that is not an object: `null`, `an array`, or its `typeof`. */
export function describeNonObject(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

/** `must be an object (allowed keys: a, b), got null`: what a value that is not an options object gets. */
export function notAnObjectMessage(value: unknown, allowed: readonly string[]): string {
  return `must be an object (allowed keys: ${allowed.join(', ')}), got ${describeNonObject(value)}`;
}

/** What is wrong with an options object, as data and in words; `details` is shaped like zod's. */
export interface OptionsObjectIssue {
  /**
   * The one code every cnnkit package throws for it: `unknown_option` for a key outside `allowed`,
   * `invalid_options` for a value that is not an object (shape-math says `invalid_spec` for that).
   */
  readonly code: 'unknown_option' | 'invalid_options';
  /** `{ check: 'invalid_type', expected: 'object' }` or `{ check: 'unrecognized_keys', keys }`, as `invalidSpecDetails` gives for zod's issues. */
  readonly details:
    | { readonly check: 'invalid_type'; readonly expected: 'object' }
    | { readonly check: 'unrecognized_keys'; readonly keys: readonly string[] };
  /** What is wrong, without the label: `unknown field "batch_size": did you mean "batchSize"? (allowed: …)`. */
  readonly reason: string;
  /** The label, then the reason: `buildModel options: unknown field "batch_size": …`. */
  readonly message: string;
}

/**
 * The one rule for an options object a user passes: it must be a plain object (or left out, i.e.
 * `undefined`) whose keys are all in `allowed`. A misspelt option silently ignored would change a
 * result without an error, so each unknown key is named with the likely right one (`stride` →
 * `strides`, Keras' `batch_size` → `batchSize`). Returns the problem as data for the caller's own
 * coded error (each package has its own), or `undefined` when the object is fine.
 *
 * `label` starts the message: `checkOptionsObject(null, ['batchSize'], 'profileModel options')`
 * says `profileModel options: must be an object (allowed keys: batchSize), got null`.
 */
export function checkOptionsObject(
  value: unknown,
  allowed: readonly string[],
  label: string,
): OptionsObjectIssue | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const reason = notAnObjectMessage(value, allowed);
    return {
      code: 'invalid_options',
      details: { check: 'invalid_type', expected: 'object' },
      reason,
      message: `${label}: ${reason}`,
    };
  }
  const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
  if (unknown.length === 0) return undefined;
  const reason = unknownKeysMessage(unknown, allowed);
  return {
    code: 'unknown_option',
    details: { check: 'unrecognized_keys', keys: unknown },
    reason,
    message: `${label}: ${reason}`,
  };
}
