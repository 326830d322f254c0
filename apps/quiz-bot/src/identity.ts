import { mixedScriptLookalikes, scriptName } from './confusables';
import { QuizError } from './errors';
import { cutGraphemes } from './text';

/**
 * Who answered. Every user and group key is built here, so two people never share a key:
 * - a terminal user or group is identified by its name, normalised (`nameKey`): NFKC, case-folded,
 *   invisible characters (controls and Default_Ignorable_Code_Point) removed, every letter, mark
 *   and digit of every script kept; punctuation and spaces become one `-`. A name that mixes
 *   scripts confusably (UTS #39: "аda" with a Cyrillic а) is refused; names in different
 *   scripts stay different people ("Анна" is not "Anna"). Such keys never contain `:`.
 * - a Discord user is identified by the snowflake id, never the name: `discord:<snowflake>`.
 *   The `:` namespace keeps the two kinds apart, whatever a terminal user calls themself.
 */
export type IdentityNamespace = 'discord';

/** Longest name accepted, in characters (code points) after normalisation. */
export const MAX_NAME_LENGTH = 64;

const KEPT = /[\p{L}\p{M}\p{N}]/u;
/** Separators kept as they are (ASCII ids such as "jo.se" and "a_b" stay what they were). */
const KEPT_PUNCTUATION = new Set(['.', '_', '@', '-']);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/**
 * Invisible characters name nothing: format controls (zero-width spaces, bidi overrides), controls,
 * and every default-ignorable code point (U+034F, variation selectors, U+3164 Hangul filler…).
 */
const INVISIBLE = /[\p{Cf}\p{Cc}\p{Default_Ignorable_Code_Point}]/gu;

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
  const visible = name.normalize('NFKC').replace(INVISIBLE, '');
  const folded = caseFold(visible).normalize('NFKC').replace(INVISIBLE, '');
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
  // Last, on a name of bounded length (UTS #39 looks up every character).
  const lookalikes = mixedScriptLookalikes(visible);
  if (lookalikes.length > 0) {
    const described = lookalikes
      .slice(0, 3)
      .map(
        (l) =>
          `"${l.character}" (U+${l.character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}, ${l.scripts.map(scriptName).slice(0, 2).join('/')}) looks like ${scriptName(l.imitates.script)} "${l.imitates.character}"`,
      )
      .join(', ');
    throw new QuizError(
      'invalid_name',
      `${what} ${quote(name)} mixes scripts that look alike: ${described}; write it in one script (names in different scripts, such as "Анна" and "Anna", are different people)`,
      { context: { lookalikes: lookalikes.map((l) => l.character) } },
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

/**
 * Quotes a user's value for a message, cut to 40 characters (whole graphemes) so a huge value
 * cannot flood it; JSON escapes its control characters.
 */
function quote(value: string): string {
  const cut = cutGraphemes(value, 40);
  return JSON.stringify(cut.length < value.length ? `${cut}…` : value);
}
