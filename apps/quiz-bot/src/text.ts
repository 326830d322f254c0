/**
 * Text from users, made safe to store, compare and print: invisible characters removed, and cuts
 * made between user-perceived characters (grapheme clusters), never inside one.
 */

const SEGMENTER = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** C0 and C1 controls (ESC starts a terminal escape sequence), and the bidirectional overrides. */
const CONTROL = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/** Invisible code points (U+034F, U+FE0F, U+3164, zero-width spaces…): they show nothing. */
const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
/** Text of printable ASCII only (space to tilde): no control, nothing invisible (schemas.ts uses it too). */
export const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** What may precede a joiner or selector inside an emoji (the picture, a skin tone, another joiner). */
const EMOJI_PART =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: each code point is tested on its own (the text is walked by code point), never as a joined sequence.
  /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200D\uFE0E\uFE0F\u{E0020}-\u{E007F}]/u;
/** Inside an emoji, the joiner, variation selectors and tags build the picture: kept there. */
const EMOJI_GLUE = /[\u200D\uFE0E\uFE0F\u{E0020}-\u{E007F}]/u;

/**
 * Removes control characters (an escape sequence echoed from `--group` cannot recolour, move or
 * clear a terminal) and default-ignorable code points (Unicode's Default_Ignorable_Code_Point:
 * invisible, so "ada" + U+034F would pass for "ada"), except the joiners and selectors that
 * follow part of an emoji ("👩‍💻", "❤️" stay whole). `keepNewlines` keeps `\n` and `\t`
 * (multi-line answers). Linear in the length of the text.
 */
export function withoutInvisible(text: string, options: { keepNewlines?: boolean } = {}): string {
  // Printable ASCII holds no control and no default-ignorable code point: nothing to remove (issue
  // 20: most names and answers; the walk below was ~20 µs of the bot's thread per Discord answer).
  if (PRINTABLE_ASCII.test(text)) return text;
  let result = '';
  let previous = '';
  for (const character of text) {
    if (options.keepNewlines === true && (character === '\n' || character === '\t')) {
      result += character;
    } else if (CONTROL.test(character)) {
      continue;
    } else if (
      DEFAULT_IGNORABLE.test(character) &&
      !(EMOJI_GLUE.test(character) && EMOJI_PART.test(previous))
    ) {
      continue;
    } else result += character;
    previous = character;
  }
  return result;
}

/**
 * The first `max` user-perceived characters of `text` (Intl.Segmenter graphemes, so an emoji or
 * a letter with its accents is never cut in half and the result is always valid UTF-8), and at
 * most `4 × max` UTF-16 code units (a cluster of a thousand combining marks counts as one
 * character, but is not kept whole past that). Only the start of a long text is segmented.
 */
export function cutGraphemes(text: string, max: number): string {
  // Every character is at least one code unit: a text of at most `max` units has at most `max`
  // characters and is kept whole, unsegmented (issue 20: every answer and name went through the
  // segmenter, ~2% of the Discord bot's thread under a burst).
  if (text.length <= max) return text;
  const limit = 4 * max;
  const prefix = text.length > limit + 64 ? text.slice(0, limit + 64) : text;
  const segments = [...SEGMENTER.segment(prefix)].map((s) => s.segment);
  // The last segment of a cut prefix may be a cluster cut short: never kept.
  if (prefix.length < text.length) segments.pop();
  let result = '';
  let count = 0;
  for (const segment of segments) {
    if (count === max || result.length + segment.length > limit) break;
    result += segment;
    count++;
  }
  return result;
}
