import { QuizError } from './errors';

/**
 * Who answered. Every user and group key is built here, so two people never share a key:
 * - a terminal user or group is identified by its name, normalised (`nameKey`): NFKC, case-folded,
 *   every letter, mark and digit of every script kept; punctuation and spaces become one `-`.
 *   Such keys never contain `:`.
 * - a Discord user is identified by the snowflake id, never the name: `discord:<snowflake>`.
 *   The `:` namespace keeps the two kinds apart, whatever a terminal user calls themself.
 */
export type IdentityNamespace = 'discord';

/** Longest name accepted, in characters (code points) after normalisation. */
export const MAX_NAME_LENGTH = 64;

const KEPT = /[\p{L}\p{M}\p{N}]/u;
/** Separators kept as they are (ASCII ids such as "jo.se" and "a_b" stay what they were). */
const KEPT_PUNCTUATION = new Set(['.', '_', '@', '-']);
/** Invisible characters (format controls such as zero-width spaces, bidi overrides): they name nothing. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const INVISIBLE = /[\p{Cf}\p{Cc}]/gu;

/**
 * Full case folding as far as JavaScript offers it: upper- then lower-casing folds ß to ss and the
 * ligatures NFKC leaves; the Greek final sigma, which toLowerCase keeps, folds to σ (Unicode
 * CaseFolding.txt: 03C2 → 03C3).
 */
function caseFold(text: string): string {
  return text.toUpperCase().toLowerCase().replace(/ς/g, 'σ');
}

/**
 * The key a name stands for ("Study group" → "study-group", "Анна" → "анна", "李雷" → "李雷",
 * "ＡＮＮＡ" → "anna"). Throws `invalid_name` when the name is not well-formed text (invalid UTF-8
 * arrives as U+FFFD), when nothing identifying is left ("!!!"), or when it is too long.
 */
export function nameKey(name: string, what = 'the name'): string {
  if (typeof name !== 'string') throw new QuizError('invalid_name', `${what} must be text`);
  if (LONE_SURROGATE.test(name) || name.includes('\uFFFD')) {
    throw new QuizError(
      'invalid_name',
      `${what} ${quote(name)} is not valid text (invalid UTF-8 or a lone surrogate): type it again in UTF-8`,
    );
  }
  const folded = caseFold(name.normalize('NFKC').replace(INVISIBLE, '')).normalize('NFKC');
  let key = '';
  let pendingSeparator = false;
  for (const character of folded) {
    if (KEPT.test(character) || KEPT_PUNCTUATION.has(character)) {
      if (pendingSeparator && key !== '') key += '-';
      pendingSeparator = false;
      key += character;
    } else pendingSeparator = true;
  }
  key = key.replace(/^-+|-+$/g, '');
  if (!/[\p{L}\p{N}]/u.test(key)) {
    throw new QuizError(
      'invalid_name',
      `${what} ${quote(name)} has no letter or digit: use a name with at least one letter or digit, in any script`,
    );
  }
  const length = [...key].length;
  if (length > MAX_NAME_LENGTH) {
    throw new QuizError(
      'invalid_name',
      `${what} ${quote(name)} is ${length} characters long once normalised: at most ${MAX_NAME_LENGTH} are allowed`,
    );
  }
  return key;
}

/** A namespaced key for a user an external service identifies, e.g. `discord:80351110224678912`. */
export function externalUserKey(namespace: IdentityNamespace, id: string): string {
  // Discord snowflakes are 64-bit integers sent as decimal strings (discord.com/developers/docs/reference#snowflakes).
  if (!/^\d{1,20}$/.test(id) || BigInt(id) >= 2n ** 64n) {
    throw new QuizError(
      'invalid_name',
      `${namespace} user id ${quote(id)} is not a snowflake: expected a decimal number below 2^64`,
    );
  }
  return `${namespace}:${id}`;
}

/** Quotes a user's value for a message, cut to 40 characters so a huge value cannot flood it. */
function quote(value: string): string {
  const characters = [...value];
  return JSON.stringify(characters.length > 40 ? `${characters.slice(0, 40).join('')}…` : value);
}
