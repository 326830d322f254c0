import { QuizError } from '../errors';
import { FORMAT_EXAMPLES } from '../questions/hints';
import { HEDGED_TAKE_BACK_PHRASES, TAKE_BACK_PHRASES, takeBackSource } from './corrections';

export type QuantityUnit = 'count' | 'bytes' | 'ratio' | 'pixels';

export interface ParsedQuantity {
  /** In the question's base unit: a count, or bytes (a figure in bits is divided by 8). */
  readonly value: number;
  /**
   * The place value of the last significant digit the learner wrote, in the same base unit:
   * "903,400" → 100, "903.4k" → 100, "0.9M" → 100,000, "12.6 MB" → 100,000 bytes. Trailing zeros
   * of a whole number are not significant ("904,000" is read to the thousand).
   */
  readonly precision: number;
  /** How many significant digits were written ("0.9034M" → 4, "0.9M" → 1). */
  readonly significantDigits: number;
  /** The unit as written, normalised ("MB", "MiB", "million", "Mbit"…); empty for a bare number. */
  readonly writtenUnit: string;
  /** For bytes: whether the unit was binary (KiB, MiB, GiB) or decimal (kB, MB, GB). */
  readonly base?: 'binary' | 'decimal';
  /** For bytes: true when the learner wrote bits (Mbit, Mb): the value is converted to bytes. */
  readonly bits?: boolean;
  /** The learner's figure as they wrote it (trimmed), for feedback. */
  readonly written: string;
  /** What one of the written unit is in the base unit (1e6 for "MB", 1 for a bare number). */
  readonly unitFactor: number;
  /**
   * The arithmetic written beside the figure ("2,800 + 180,200 + 720,400 = 903,400"), each step
   * worked out again: whether it makes the figure it is set equal to.
   */
  readonly working?: readonly WorkingStep[];
}

/** One piece of a learner's working, worked out again. */
export interface WorkingStep {
  /** As written: "2,800 + 180,200 + 720,000". */
  readonly text: string;
  /**
   * What it makes, in the question's base unit (903,000). A working with no unit beside a figure
   * with one ("6 + 3 + 3.6 = 12.6 MB") is read in the figure's unit when that is the closer reading.
   */
  readonly value: number;
  /** What it makes, in the working's own unit, for feedback ("12.6", "903,000", "12.6 MB"). */
  readonly shown: string;
  /** What the learner set it equal to, as written ("903,400"). */
  readonly equals: string;
  /** Whether it makes that, at the precision both were written to. */
  readonly agrees: boolean;
}

interface ByteUnit {
  readonly factor: number;
  readonly base?: 'binary' | 'decimal';
  readonly label: string;
}

const BYTE_UNITS: Record<string, ByteUnit> = {
  b: { factor: 1, label: 'bytes' },
  byte: { factor: 1, label: 'bytes' },
  bytes: { factor: 1, label: 'bytes' },
  kb: { factor: 1e3, base: 'decimal', label: 'kB' },
  mb: { factor: 1e6, base: 'decimal', label: 'MB' },
  gb: { factor: 1e9, base: 'decimal', label: 'GB' },
  tb: { factor: 1e12, base: 'decimal', label: 'TB' },
  kib: { factor: 2 ** 10, base: 'binary', label: 'KiB' },
  mib: { factor: 2 ** 20, base: 'binary', label: 'MiB' },
  gib: { factor: 2 ** 30, base: 'binary', label: 'GiB' },
  tib: { factor: 2 ** 40, base: 'binary', label: 'TiB' },
  kilobytes: { factor: 1e3, base: 'decimal', label: 'kB' },
  megabytes: { factor: 1e6, base: 'decimal', label: 'MB' },
  gigabytes: { factor: 1e9, base: 'decimal', label: 'GB' },
  kibibytes: { factor: 2 ** 10, base: 'binary', label: 'KiB' },
  mebibytes: { factor: 2 ** 20, base: 'binary', label: 'MiB' },
  gibibytes: { factor: 2 ** 30, base: 'binary', label: 'GiB' },
};
// Spellings of the same units people write: singulars ("1 megabyte"), plurals of the symbols
// ("12.6 MBs"), "MByte(s)", and the colloquial "megs"/"gigs" (megabytes, gigabytes).
for (const [prefix, symbol] of [
  ['kilo', 'kb'],
  ['mega', 'mb'],
  ['giga', 'gb'],
  ['kibi', 'kib'],
  ['mebi', 'mib'],
  ['gibi', 'gib'],
] as const) {
  const unit = BYTE_UNITS[symbol]!;
  for (const alias of [
    `${prefix}byte`,
    `${symbol}s`,
    `${symbol.replace(/b$/, '')}byte`,
    `${symbol.replace(/b$/, '')}bytes`,
  ])
    BYTE_UNITS[alias] ??= unit;
}
// The French octet (o): "12,6 Mo", "565 Mo", "0,57 Go" are megabytes and gigabytes ("Mio" MiB).
for (const [french, symbol] of [
  ['octet', 'b'],
  ['octets', 'b'],
  ['ko', 'kb'],
  ['mo', 'mb'],
  ['go', 'gb'],
  ['kio', 'kib'],
  ['mio', 'mib'],
  ['gio', 'gib'],
] as const)
  BYTE_UNITS[french] = BYTE_UNITS[symbol]!;
BYTE_UNITS.meg = BYTE_UNITS.mb!;
BYTE_UNITS.megs = BYTE_UNITS.mb!;
BYTE_UNITS.gig = BYTE_UNITS.gb!;
BYTE_UNITS.gigs = BYTE_UNITS.gb!;

/** Bit units. "Mb" (capital prefix, small b) is the usual spelling of megabits, as in "100 Mb/s". */
const BIT_UNITS: Record<string, ByteUnit> = {
  bit: { factor: 1, label: 'bits' },
  bits: { factor: 1, label: 'bits' },
  kbit: { factor: 1e3, base: 'decimal', label: 'kbit' },
  mbit: { factor: 1e6, base: 'decimal', label: 'Mbit' },
  gbit: { factor: 1e9, base: 'decimal', label: 'Gbit' },
  kibit: { factor: 2 ** 10, base: 'binary', label: 'Kibit' },
  mibit: { factor: 2 ** 20, base: 'binary', label: 'Mibit' },
  gibit: { factor: 2 ** 30, base: 'binary', label: 'Gibit' },
  kilobits: { factor: 1e3, base: 'decimal', label: 'kbit' },
  megabits: { factor: 1e6, base: 'decimal', label: 'Mbit' },
  gigabits: { factor: 1e9, base: 'decimal', label: 'Gbit' },
};
// Singulars, as for bytes ("1 megabit", "3 mega bit").
for (const key of ['kilo', 'mega', 'giga'] as const) BIT_UNITS[`${key}bit`] = BIT_UNITS[`${key}bits`]!;
const CASE_SENSITIVE_BITS: Record<string, string> = { Kb: 'kbit', Mb: 'mbit', Gb: 'gbit', Tb: 'tbit' };
BIT_UNITS.tbit = { factor: 1e12, base: 'decimal', label: 'Tbit' };

const COUNT_UNITS: Record<string, { factor: number; label: string }> = {
  k: { factor: 1e3, label: 'thousand' },
  thousand: { factor: 1e3, label: 'thousand' },
  m: { factor: 1e6, label: 'million' },
  mio: { factor: 1e6, label: 'million' },
  mil: { factor: 1e6, label: 'million' },
  mill: { factor: 1e6, label: 'million' },
  mils: { factor: 1e6, label: 'million' },
  million: { factor: 1e6, label: 'million' },
  millions: { factor: 1e6, label: 'million' },
  mln: { factor: 1e6, label: 'million' },
  mn: { factor: 1e6, label: 'million' },
  thousands: { factor: 1e3, label: 'thousand' },
  billions: { factor: 1e9, label: 'billion' },
  b: { factor: 1e9, label: 'billion' },
  bn: { factor: 1e9, label: 'billion' },
  billion: { factor: 1e9, label: 'billion' },
  params: { factor: 1, label: '' },
  parameters: { factor: 1, label: '' },
  weights: { factor: 1, label: '' },
};

/** What a refused answer is told to write; the examples live with every other hint (no answer among them). */
const ALLOWED: Record<QuantityUnit, string> = FORMAT_EXAMPLES;

const MAX_INPUT = 64;

/** A bare number of bytes smaller than this, or with decimals, is surely in some unit the learner left out. */
const SMALLEST_BARE_BYTES = 1000;

interface Digits {
  readonly number: number;
  /** Precision before the unit's factor: a power of ten. */
  readonly precision: number;
  readonly significantDigits: number;
}

/** Value, precision and significant digits of "903,400", "0.9034", "9.034e5" (no unit). */
function readDigits(integerPart: string, fraction: string | undefined, exponent: string | undefined): Digits {
  const integer = integerPart.replace(/[,\s_']/g, '');
  const exp = exponent === undefined ? 0 : Number(exponent);
  const number = Number(`${integer}${fraction === undefined ? '' : `.${fraction}`}e${exp}`);
  const all = `${integer}${fraction ?? ''}`.replace(/^0+/, '');
  let significantDigits: number;
  let placeExponent: number;
  if (fraction !== undefined) {
    // "12.60": the trailing zero was written on purpose, so it counts.
    significantDigits = all.length;
    placeExponent = exp - fraction.length;
  } else {
    const trailingZeros = /0*$/.exec(integer)![0].length;
    significantDigits = Math.max(1, all.replace(/0+$/, '').length);
    placeExponent = exp + (integer.replace(/^0+/, '') === '' ? 0 : trailingZeros);
  }
  return { number, precision: 10 ** placeExponent, significantDigits };
}

/**
 * Reads one figure leniently but never guesses: thousands separators (",", " ", "_", "'"),
 * decimals, exponents, and the units that make sense for the question. What it cannot read
 * without guessing (a bare "12.6" for memory, a European "903.400") is refused with a hint.
 */
function parseFigure(raw: string, unit: QuantityUnit): ParsedQuantity {
  const refuse = (why: string, allowed = `expected ${ALLOWED[unit]}`) =>
    new QuizError('invalid_answer', `${why}: ${allowed}`, {
      context: { answer: raw.slice(0, MAX_INPUT) },
    });
  const text = raw
    .normalize('NFKC')
    .trim()
    .replace(/^(about|approximately|approx\.?|around|roughly|~|≈)\s*/i, '');
  if (text.length === 0) throw refuse('the answer is empty');
  if (text.length > MAX_INPUT)
    throw refuse(`the answer is ${text.length} characters long, too long for a number`);

  if (unit === 'pixels') {
    const grid = /^(\d+)\s*[x×*]\s*(\d+)$/i.exec(text);
    if (grid) {
      if (grid[1] !== grid[2]) throw refuse(`a ${grid[1]}×${grid[2]} grid is not square; give its side`);
      return {
        value: Number(grid[1]),
        precision: 1,
        significantDigits: grid[1]!.replace(/^0+/, '').length,
        writtenUnit: 'grid',
        written: text,
        unitFactor: 1,
      };
    }
  }

  const match =
    /^([+-]?)(\d{1,3}(?:[,\s_'](?:\d{3}))+|\d+)?(?:\.(\d+))?(?:e([+-]?\d+))?\s*([a-zA-Z]*)\.?$/i.exec(text);
  if (!match || (match[2] === undefined && match[3] === undefined))
    throw refuse(`"${text.slice(0, MAX_INPUT)}" is not a number`);
  const [, sign, integerPart = '0', fraction, exponent, rawUnit = ''] = match;
  if (sign === '-') throw refuse('a negative amount cannot be right');
  const read = readDigits(integerPart, fraction, exponent);
  // A stride or a grid side is a small whole number: "30" means thirty, not "about 3 tens".
  const exactWhole =
    (unit === 'ratio' || unit === 'pixels') && fraction === undefined && exponent === undefined;
  const digits = exactWhole
    ? {
        ...read,
        precision: 1,
        significantDigits: integerPart.replace(/[,\s_']/g, '').replace(/^0+/, '').length || 1,
      }
    : read;
  if (!Number.isFinite(digits.number)) throw refuse('the number is too large');
  const unitKey = rawUnit.toLowerCase();
  const numberText = text.slice(0, text.length - rawUnit.length).trim();
  const scaled = (factor: number) => ({
    value: digits.number * factor,
    precision: digits.precision * factor,
    significantDigits: digits.significantDigits,
    written: text,
    unitFactor: factor,
  });

  if (unit === 'bytes') {
    if (unitKey === '') {
      if (fraction !== undefined || digits.number < SMALLEST_BARE_BYTES)
        throw refuse(
          `"${numberText}" needs a unit`,
          `is it bytes, MB or MiB? Write for example ${numberText} MB, ${numberText} MiB, or the whole number of bytes`,
        );
      return { ...scaled(1), writtenUnit: '' };
    }
    const bitKey = CASE_SENSITIVE_BITS[rawUnit] ?? unitKey;
    const bits = BIT_UNITS[bitKey];
    if (bits !== undefined) {
      const parsed = scaled(bits.factor / 8);
      return {
        ...parsed,
        writtenUnit: bits.label,
        bits: true,
        ...(bits.base === undefined ? {} : { base: bits.base }),
      };
    }
    const found = BYTE_UNITS[unitKey];
    if (found === undefined) throw refuse(`unknown unit "${rawUnit}"`);
    return {
      ...scaled(found.factor),
      writtenUnit: found.label,
      ...(found.base === undefined ? {} : { base: found.base }),
    };
  }
  if (unit === 'count') {
    // "M" is million here; a byte unit on a count is a mix-up worth naming.
    if (unitKey in BYTE_UNITS && !(unitKey in COUNT_UNITS))
      throw refuse(`"${rawUnit}" is a unit of memory, but this asks for a count`);
    if (unitKey === '') return { ...scaled(1), writtenUnit: '' };
    const found = COUNT_UNITS[unitKey];
    if (found === undefined) throw refuse(`unknown unit "${rawUnit}"`);
    return { ...scaled(found.factor), writtenUnit: found.label };
  }
  if (unit === 'ratio' && (unitKey === 'x' || unitKey === 'times' || unitKey === ''))
    return { ...scaled(1), writtenUnit: unitKey === '' ? '' : 'x' };
  // "an output stride of 32 pixels", "32 px": a stride is a distance in input pixels, one output
  // step per 32 of them, so the figure is the factor itself.
  if (unit === 'ratio' && (unitKey === 'px' || unitKey === 'pixels'))
    return { ...scaled(1), writtenUnit: 'px' };
  if (unit === 'pixels' && (unitKey === '' || unitKey === 'px' || unitKey === 'pixels'))
    return { ...scaled(1), writtenUnit: unitKey };
  // "the window fits 8 times across": for a grid's side, a number of times is its positions.
  if (unit === 'pixels' && unitKey === 'times') return { ...scaled(1), writtenUnit: '' };
  throw refuse(`unknown unit "${rawUnit}"`);
}

/** Significant digits of a whole (or decimal) value: 903,400 → 4, 12,613,600 → 6, 32 → 2. */
export function significantDigitsOf(value: number): number {
  const digits = Math.abs(value)
    .toPrecision(15)
    .replace(/e.*$/, '')
    .replace('.', '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return Math.max(1, digits.length);
}

/**
 * Whether `truth`, rounded to the precision the learner wrote, is what they wrote: "903.4k" fits
 * 903,400 (rounded to the hundred), "904,000" does not (903,400 rounds to 903,000).
 */
export function fitsAtWrittenPrecision(
  truth: number,
  parsed: Pick<ParsedQuantity, 'value' | 'precision'>,
): boolean {
  const step = parsed.precision;
  // Work in whole multiples of the step; the learner's figure is one by construction.
  const written = Math.round(parsed.value / step);
  const rounded = Math.round(truth / step + 1e-9);
  return written === rounded;
}

/*
 * Answers with working (issue 18). A learner writes "2,800 + 180,200 + 720,400 = 903,400",
 * "6 MB + 3 MB + 3.6 MB = 12.6 MB", "2*2*64*64 + 64", "25.6M parameters", "8 by 8", "x32" or
 * "a factor of 32". The rule: the answer is the final stated figure (the last figure set equal to
 * the working, or the working itself when no figure is stated), and every piece of arithmetic
 * written beside it is worked out again, so a slip can be named. A small reader for + − × * x /
 * and parentheses over figures with units does it; nothing here knows any question's numbers.
 */

/** The longest answer read as a figure with its working (a figure alone is at most 64 characters). */
const MAX_WORKING = 240;

/** Words around a figure that say nothing about it ("about", "the answer is", "a factor of"). */
export const LEADING_WORDS: ReadonlySet<string> = new Set([
  'about',
  'approximately',
  'approx',
  'approx.',
  'around',
  'roughly',
  'nearly',
  'almost',
  'circa',
  'ca.',
  '~',
  '≈',
  'the',
  'answer',
  'answer:',
  'is',
  'it',
  "it's",
  'its',
  'total',
  'total:',
  'in',
  'a',
  'an',
  'factor',
  'of',
  'by',
  'so',
  'i',
  'get',
  'we',
  'which',
  'makes',
  'gives',
  'equals',
  'that',
  "that's",
  '=',
  ':',
  'sum',
  'sum:',
  'result',
  'result:',
  'ram',
  'ram:',
  'memory',
  'memory:',
  'params:',
  'parameters:',
]);
/** Words after a figure that say nothing about it ("parameters", "in total", "at least"). */
export const TRAILING_WORDS: ReadonlySet<string> = new Set([
  'parameters',
  'params',
  'weights',
  'trainable',
  'total',
  'in',
  'all',
  'of',
  'ram',
  'memory',
  'overall',
  'wide',
  'across',
  'grid',
  'cells',
  'smaller',
  'fewer',
  'needed',
  'at',
  'least',
  'roughly',
  'approximately',
  'about',
  'or',
  'so',
  'downsampling',
  'shrink',
  'reduction',
  '.',
]);

/** Drops the words around a figure that carry no number, and writes "8 by 8", "x32", "32-fold" as figures. */
function stripWords(statement: string): string {
  let text = statement
    .replace(/(\d)\s*-?\s*fold\b/gi, '$1x')
    .replace(/(\d)\s+by\s+(\d)/gi, '$1 x $2')
    .trim();
  let words = text.split(/\s+/);
  while (words.length > 1 && LEADING_WORDS.has(words[0]!.toLowerCase())) words = words.slice(1);
  // A word's closing punctuation is dropped ("parameters."), not a lone "." (itself a trailing word).
  while (
    words.length > 1 &&
    TRAILING_WORDS.has(words[words.length - 1]!.toLowerCase().replace(/(?<=.)[.,!]$/, ''))
  )
    words = words.slice(0, -1);
  text = words.join(' ');
  // "x32", "×32": the factor written before the number.
  return text.replace(/^[x×]\s*(\d+)$/i, '$1x').replace(/^([=:]\s*)+/, '');
}

/** A value with what it was written to: exact (whole numbers, no unit) or to a place value. */
interface Term {
  readonly value: number;
  /** The place value it was written to, in the base unit; 0 for an exact whole number. */
  readonly precision: number;
  readonly significantDigits: number;
  readonly unit?: {
    readonly label: string;
    readonly factor: number;
    readonly base?: 'binary' | 'decimal';
    readonly bits?: boolean;
  };
}

type Token = { kind: 'number'; text: string } | { kind: 'word'; text: string } | { kind: 'op'; text: string };

/**
 * A figure grouped by spaces ("782 946", "565 613 600"): one figure, not several. The one source of
 * the patterns below that read figures in working.
 */
const SPACE_GROUPED = String.raw`\d{1,3}(?: \d{3})+(?!\d|[.,]\d)`;
/** One token of working (sticky: `tokenize` sets its lastIndex before each use). */
const WORKING_TOKEN = new RegExp(
  String.raw`\s*(?:(\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:e[+-]?\d+)?|${SPACE_GROUPED}|\d+(?:\.\d+)?(?:e[+-]?\d+)?|\.\d+)|([a-zA-Z]+)|([-+*/×·⋅∙÷−–()^,]))`,
  'iy',
);
/** The figure a piece of working begins with, and the unit word glued to it. */
const LEADING_FIGURE = new RegExp(
  String.raw`^\(*\s*(${SPACE_GROUPED}|\d[\d,]*(?:\.\d+)?(?:e[+-]?\d+)?)(\s*[a-zA-Z]+)?`,
  'i',
);
/** Every figure of a statement (a figure grouped by spaces counts once). */
const STATEMENT_FIGURES = new RegExp(String.raw`(${SPACE_GROUPED}|\d+(?:[.,]\d+)*)\s*([a-zA-Z]*)`, 'g');

/** Splits a piece of working into numbers, unit words and operators; undefined when it is not arithmetic. */
function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  const pattern = WORKING_TOKEN;
  const rest = text.trim();
  pattern.lastIndex = 0;
  let index = 0;
  while (index < rest.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(rest);
    if (match === null) return undefined;
    index = pattern.lastIndex;
    if (match[1] !== undefined) tokens.push({ kind: 'number', text: match[1] });
    else if (match[2] !== undefined) {
      // "x" between two operands multiplies ("2x2x64x64", "28 x 99"); elsewhere it is a unit word.
      const previous = tokens[tokens.length - 1];
      const next = rest.slice(index).trimStart()[0];
      // "32x (2^5)": an "x" glued to its number and spaced from a bracket is the factor's sign,
      // the bracket an aside.
      const factorSign = !/^\s/.test(match[0]) && /^\s+\(/.test(rest.slice(index));
      const between =
        previous !== undefined &&
        (previous.kind !== 'op' || previous.text === ')') &&
        next !== undefined &&
        /[\d(.]/.test(next) &&
        !factorSign;
      if (/^x$/i.test(match[2]) && between) tokens.push({ kind: 'op', text: '*' });
      // "max(6 MB, 3 MB)": the larger (or smaller) of the figures in the bracket after it.
      else if (/^(?:max|min)$/i.test(match[2]) && /^\s*\(/.test(rest.slice(index)))
        tokens.push({ kind: 'op', text: match[2].toLowerCase() });
      else tokens.push({ kind: 'word', text: match[2] });
    } else {
      const op = match[3]!;
      tokens.push({
        kind: 'op',
        text: /[×·⋅∙]/.test(op) ? '*' : op === '÷' ? '/' : /[−–]/.test(op) ? '-' : op,
      });
    }
  }
  return tokens;
}

/** The unit a word names for this kind of answer, or undefined. */
function unitOf(word: string, unit: QuantityUnit): Term['unit'] | undefined {
  const key = word.toLowerCase();
  if (unit === 'bytes') {
    const bits = BIT_UNITS[CASE_SENSITIVE_BITS[word] ?? key];
    if (bits !== undefined)
      return {
        label: bits.label,
        factor: bits.factor / 8,
        bits: true,
        ...(bits.base === undefined ? {} : { base: bits.base }),
      };
    const bytes = BYTE_UNITS[key];
    return bytes === undefined
      ? undefined
      : {
          label: bytes.label,
          factor: bytes.factor,
          ...(bytes.base === undefined ? {} : { base: bytes.base }),
        };
  }
  if (unit === 'count') {
    const count = COUNT_UNITS[key];
    return count === undefined ? undefined : { label: count.label, factor: count.factor };
  }
  return ['x', 'times', 'px', 'pixels'].includes(key) ? { label: '', factor: 1 } : undefined;
}

const placeOf = (value: number, significantDigits: number) =>
  value === 0 ? 1 : 10 ** (Math.floor(Math.log10(Math.abs(value))) - significantDigits + 1);

/**
 * The digits a term states: an exact whole number states them all; otherwise the digits of its
 * whole number of steps (8.9 MB to 0.1 MB is 89 steps: 2 digits). Rounding log10 instead counted
 * one digit too many from a leading √10 ≈ 3.16 up (89 → 3), crediting "5 MB + 3.9 MB" with the three
 * digits "8.9 MB" alone does not have.
 */
const digitsOf = (value: number, precision: number) =>
  precision === 0 ? significantDigitsOf(value) : String(Math.round(Math.abs(value) / precision)).length;

/**
 * Evaluates a piece of working (+, −, ×, /, parentheses, figures with units). A whole number with
 * no unit is exact; a decimal or a figure with a unit is read to the place it was written to. A
 * sum is read to the finest place any of its figures was written to (the learner wrote those
 * digits); a product to the most significant digits of its inexact factors. Returns undefined when
 * the text is not arithmetic, or is a single figure (those go to `parseFigure`).
 */
function evaluate(text: string, unit: QuantityUnit): Term | undefined {
  const tokens = tokenize(text);
  if (tokens === undefined || !tokens.some((t) => t.kind === 'op' && t.text !== '(' && t.text !== ')'))
    return undefined;
  let at = 0;
  const peek = () => tokens[at];
  const fail = (): never => {
    throw new SyntaxError('not arithmetic');
  };
  const operand = (): Term => {
    const token = tokens[at++];
    if (token === undefined) return fail();
    if (token.kind === 'op' && token.text === '(') {
      const inner = sum();
      if (tokens[at++]?.text !== ')') fail();
      return inner;
    }
    if (token.kind === 'op' && (token.text === 'max' || token.text === 'min')) {
      if (tokens[at++]?.text !== '(') fail();
      const among = [sum()];
      while (peek()?.text === ',') {
        at++;
        among.push(sum());
      }
      if (tokens[at++]?.text !== ')') fail();
      const pick = token.text === 'max' ? Math.max : Math.min;
      const chosen = pick(...among.map((term) => term.value));
      return among.find((term) => term.value === chosen)!;
    }
    if (token.kind !== 'number') return fail();
    const [mantissa = '', exponent] = token.text.toLowerCase().replace(/ /g, '').split('e');
    const [integer = '0', fraction] = mantissa.split('.');
    const digits = readDigits(integer === '' ? '0' : integer, fraction, exponent);
    const word = peek();
    const named = word?.kind === 'word' ? unitOf(word.text, unit) : undefined;
    if (word?.kind === 'word') {
      if (named === undefined) fail();
      at++;
    }
    const factor = named?.factor ?? 1;
    const exact = fraction === undefined && exponent === undefined && factor === 1;
    return {
      value: digits.number * factor,
      precision: exact ? 0 : digits.precision * factor,
      significantDigits: digits.significantDigits,
      ...(named === undefined ? {} : { unit: named }),
    };
  };
  const combine = (a: Term, b: Term, op: string): Term => {
    const value =
      op === '+'
        ? a.value + b.value
        : op === '-'
          ? a.value - b.value
          : op === '*'
            ? a.value * b.value
            : op === '^'
              ? a.value ** b.value
              : a.value / b.value;
    if (!Number.isFinite(value)) fail();
    const unitOfResult = b.unit ?? a.unit;
    const withUnit = unitOfResult === undefined ? {} : { unit: unitOfResult };
    if (op === '+' || op === '-') {
      const inexact = [a.precision, b.precision].filter((p) => p > 0);
      const precision = inexact.length === 0 ? 0 : Math.min(...inexact);
      return { value, precision, significantDigits: digitsOf(value, precision), ...withUnit };
    }
    const inexact = [a, b].filter((t) => t.precision > 0);
    if (inexact.length === 0 && Number.isInteger(value))
      return { value, precision: 0, significantDigits: significantDigitsOf(value), ...withUnit };
    const significantDigits = inexact.length === 0 ? 6 : Math.max(...inexact.map((t) => t.significantDigits));
    return { value, precision: placeOf(value, significantDigits), significantDigits, ...withUnit };
  };
  // "2^5": a power binds tighter than a product, and to the right ("2^2^3" is 2^8).
  const power = (): Term => {
    const base = operand();
    if (peek()?.kind !== 'op' || peek()!.text !== '^') return base;
    at++;
    return combine(base, power(), '^');
  };
  const product = (): Term => {
    let left = power();
    while (peek()?.kind === 'op' && ['*', '/'].includes(peek()!.text)) {
      const op = tokens[at++]!.text;
      left = combine(left, power(), op);
    }
    return left;
  };
  const sum = (): Term => {
    let left = product();
    while (peek()?.kind === 'op' && ['+', '-'].includes(peek()!.text)) {
      const op = tokens[at++]!.text;
      left = combine(left, product(), op);
    }
    return left;
  };
  try {
    const result = sum();
    return at === tokens.length ? result : undefined;
  } catch {
    return undefined;
  }
}

/** A figure read from working, in the shape of a parsed answer. */
function fromTerm(
  term: Term,
  written: string,
  unit: QuantityUnit,
  refuse: (why: string, allowed?: string) => QuizError,
): ParsedQuantity {
  if (term.value < 0) {
    // "560-570 MB", "25.5-25.6M": a smaller figure, a dash with no space, a larger one is a range,
    // two candidates ("5 - 8", spaced, is a subtraction).
    const range = /^(\d[\d,.]*(?:\s*[a-zA-Z]+)?)-(\d[\d,.]*(?:\s*[a-zA-Z]+)?)$/.exec(written);
    throw refuse(
      range === null
        ? 'a negative amount cannot be right'
        : `"${written}" is a range, ${range[1]} to ${range[2]}, not one figure; give one final figure`,
    );
  }
  if (
    unit === 'bytes' &&
    term.unit === undefined &&
    (!Number.isInteger(term.value) || term.value < SMALLEST_BARE_BYTES)
  )
    throw refuse(
      `"${written}" needs a unit`,
      `is it bytes, MB or MiB? Write for example ${written} MB, or the whole number of bytes`,
    );
  const precision = term.precision === 0 ? 1 : term.precision;
  return {
    value: term.value,
    precision,
    significantDigits: term.precision === 0 ? digitsOf(term.value, 1) : term.significantDigits,
    writtenUnit: term.unit?.label ?? '',
    written,
    unitFactor: term.unit?.factor ?? 1,
    ...(term.unit?.base === undefined ? {} : { base: term.unit.base }),
    ...(term.unit?.bits === true ? { bits: true } : {}),
  };
}

/** A single figure written beside the answer, as a term; undefined when it cannot be read. */
function figureTerm(segment: string, unit: QuantityUnit): Term | undefined {
  try {
    const figure = parseFigure(segment, unit);
    return {
      value: figure.value,
      precision: figure.precision,
      significantDigits: figure.significantDigits,
      unit: { label: figure.writtenUnit, factor: figure.unitFactor },
    };
  } catch {
    return undefined;
  }
}

/** A working's value in the base unit; one without a unit is read in the figure's unit when that is closer. */
function readingOf(step: Term, figure: Pick<ParsedQuantity, 'value' | 'unitFactor'>): number {
  if (step.unit !== undefined) return step.value;
  const scaled = step.value * figure.unitFactor;
  return Math.abs(scaled - figure.value) < Math.abs(step.value - figure.value) ? scaled : step.value;
}

/** A working's value as the learner would write it, in its own unit. */
function shownValue(step: Term): string {
  const number = (step.value / (step.unit?.factor ?? 1)).toLocaleString('en-US', {
    maximumSignificantDigits: 12,
  });
  return step.unit === undefined || step.unit.label === '' ? number : `${number} ${step.unit.label}`;
}

/**
 * Whether a piece of working makes the figure it is set equal to, at the precision of either. A
 * working with no unit beside a figure with one ("6 + 3 + 3.6 = 12.6 MB") is read in either unit.
 */
function agrees(step: Term, figure: Pick<ParsedQuantity, 'value' | 'precision' | 'unitFactor'>): boolean {
  const tolerance = (Math.max(step.precision, figure.precision) / 2) * (1 + 1e-9);
  const candidates = step.unit === undefined ? [step.value, step.value * figure.unitFactor] : [step.value];
  return candidates.some(
    (value) => Math.abs(value - figure.value) <= tolerance + 1e-9 * Math.abs(figure.value),
  );
}

/**
 * Reads a learner's numeric answer: one figure ("903,400", "12.6 MB", "0.9M"), or a figure with
 * its working ("2,800 + 180,200 + 720,400 = 903,400"; statements separated by ";" or new lines,
 * the last one being the answer), or working alone ("2*2*64*64 + 64"). Words that carry no
 * number ("about", "parameters", "a factor of") are dropped; "8 by 8" is a grid, "x32" a factor.
 * The answer is the final stated figure; each step of the working is checked and reported in
 * `working`. What cannot be read without guessing is refused with a hint, as for a single figure.
 */
export function parseQuantity(raw: string, unit: QuantityUnit): ParsedQuantity {
  const plain = (unit === 'pixels' ? asGridShapes : (t: string) => t)(
    withAlternatives(
      withThousandsSaid(
        withoutCertainty(withDecimalPoints(withEuropeanThousands(withPlainExponents(raw), unit))),
      ),
    ),
  );
  // A ratio given as the share of the side that is left ("1/32", "3.125%") is that factor inverted.
  const text =
    unit === 'count' || unit === 'bytes'
      ? listedTermsSummed(plain, unit)
      : unit === 'ratio'
        ? sharesAsFactors(speltFractions(sidesAsFractions(plain))).replace(
            /(?<![\d.,/])1\s*\/\s*(\d+)(?![\d.,])(?!\s*=)/g,
            '$1x',
          )
        : plain;
  try {
    const strict = parseStated(text, raw, unit);
    return partlyChecked.has(strict) ? checkedAsProse(strict, text, raw, unit) : strict;
  } catch (error) {
    if (!(error instanceof QuizError) || error.code !== 'invalid_answer') throw error;
    // A figure in a unit of another kind ("8 cm", "12 furlongs") is a wrong unit, not prose around
    // a figure: keep the refusal that names the unit instead of reading the bare number.
    if (FOREIGN_UNIT.test(text)) throw error;
    // Not a figure with working: read it as a teacher would, or keep the first refusal and its hint.
    const read = readAsTeacherOrSpelled(text, raw, unit);
    if (read === undefined) throw error;
    return read;
  }
}

/**
 * An answer with digits is read with its spelt numbers left as words ("roughly twelve and a half
 * megabytes, 12.6 MB" states 12.6 MB); only when that reading finds no answer are its spelt numbers
 * of eleven or more read too ("a factor of thirty-two: 224 in, 7 out" states 32 and how it was
 * reached), and the first refusal stands if that finds none either.
 */
function readAsTeacherOrSpelled(text: string, raw: string, unit: QuantityUnit): ParsedQuantity | undefined {
  let refusal: QuizError | undefined;
  try {
    const read = readAsTeacher(text, raw, unit);
    if (read !== undefined) return read;
  } catch (error) {
    if (!(error instanceof QuizError)) throw error;
    refusal = error;
  }
  const spelt = /\d/.test(text) ? spelledNumbers(text, true) : text;
  if (spelt === text) {
    if (refusal !== undefined) throw refusal;
    return undefined;
  }
  let read: ParsedQuantity | undefined;
  try {
    read = readAsTeacher(spelt, raw, unit);
  } catch (error) {
    if (!(error instanceof QuizError)) throw error;
  }
  if (read === undefined && refusal !== undefined) throw refusal;
  return read;
}

/**
 * A figure as a term of a listed sum: digits (thousands grouped or not, and never split: "36,000,000"
 * is one figure, not a list of three; "180 200" too), then perhaps a scale or a unit of memory.
 */
const SUM_TERM = String.raw`(?:\d{1,3}(?: \d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)*)(?![.,]?\d)(?:\s?(?:k|m|kb|mb|gb|kib|mib|gib|bytes?)\b)?`;
/** What separates listed terms: a comma and a space, a semicolon, "&", "and", "then" or "plus". */
const TERM_SEPARATOR = String.raw`(?:,\s+|\s*;\s*|\s*&\s*|,?\s+(?:and|then|plus)\s+)`;
/**
 * Words that say the figure after them is what the figures before them add up to ("adds up to",
 * "sums to", "sum", "totals", "comes to", "for a total of"), with "so", "which", "it", "all" before them.
 */
const SUMMED_TO = String.raw`(?:(?:so|which|that|this|it|they|these|all|then)\s+)*(?:(?:the\s+)?sum(?:\s+is)?|adds?\s+up\s+to|added\s+up\s+(?:is|gives|makes|to)|sums?\s+(?:up\s+)?to|summed\s+(?:up\s+)?(?:is|gives|makes|to)|totals?|totall?ing|comes?\s+to|(?:for|makes?|gives?|giving|with)\s+a\s+total\s+of|add(?:ed)?\s+together\s+(?:is|gives|makes|to))`;
const LISTED_SUM = new RegExp(
  String.raw`(?<![\d.,])(?<!\d\s*[,;&]\s*)(?<!\d,?\s+(?:and|then|plus)\s+)(${SUM_TERM}(?:${TERM_SEPARATOR}${SUM_TERM})+)[\s,.:;]*${SUMMED_TO}\s*(?:of\s+|is\s+|=\s*|:\s*)?(~?\s*${SUM_TERM})`,
  'gi',
);
/** A word that labels the figure after it ("layer 2800", "blocks 3 and 4"): a list it opens names things, it sums nothing. */
const LABEL_BEFORE =
  /\b(?:layers?|blocks?|stages?|convs?|steps?|parts?|units?|filters?|channels?|dims?|dimensions?|shape|size|sizes|batch|kernels?|of)\s*:?\s*$/i;
/**
 * "2800, 180200, 720400 adds up to 903400", "6 MB, 3 MB and 3.6 MB, for a total of 12.6 MB": figures
 * listed and then said to add up to a figure are the terms of a sum, written without its "+" (issue 18,
 * working is part of the answer). Read as "2800 + 180200 + 720400 = 903400": the last figure is the
 * answer, and the sum is checked like any working ("does not add up" when it does not). Only a list
 * whose sum is within a tenth of the total is one: "224, 224, 3 comes to 150528" multiplies, and
 * "blocks 3 and 4 sum to 720400" numbers the blocks (a label before the list, or a sum far off, and
 * the text is left as written).
 */
function listedTermsSummed(text: string, unit: QuantityUnit): string {
  return text.replace(LISTED_SUM, (list: string, terms: string, total: string, at: number) => {
    if (LABEL_BEFORE.test(text.slice(Math.max(0, at - 24), at))) return list;
    const figures = terms.split(new RegExp(TERM_SEPARATOR, 'i')).map((t) => t.trim());
    // (A bare decimal is no count of bytes on its own, "6.3": read as the number it is.)
    const values = figures.map(
      (t) =>
        statedOrNone(t, t, unit)?.value ??
        (/^\d+(?:[ ,]\d{3})*(?:\.\d+)?$/.test(t) ? Number(t.replace(/[ ,]/g, '')) : undefined),
    );
    const whole = statedOrNone(total.trim().replace(/^~\s*/, ''), total, unit);
    if (whole === undefined || values.some((v) => v === undefined)) return list;
    const sum = values.reduce((a, b) => a! + b!, 0)!;
    // Terms written without the total's unit ("6.3, 4.2, 2.1 adds up to 12.6 MB") are in it, as
    // working's are (see `agrees`).
    const near = (value: number) => Math.abs(value - whole.value) <= 0.1 * Math.abs(whole.value);
    if (!near(sum) && !near(sum * whole.unitFactor)) return list;
    return `${figures.join(' + ')} = ${total.trim()}`;
  });
}

/**
 * Readings by `parseStated` that left out a piece holding a digit it could not read ("16,384, plus
 * 64", "2,800 + 900,600 ~"): their working is not wholly checked.
 */
const partlyChecked = new WeakSet<ParsedQuantity>();

/**
 * A strict reading that skipped a piece of working, read again as prose (issue 18): "64 x 256 =
 * 16,384, plus 64 = 16,448" is then checked step by step (the strict reading chained every piece to
 * the final figure and reported a slip the learner did not make), and "2,800 + 900,600 ~= 903,400"
 * has its sum checked. The prose reading is taken when it arrives at the same figure and every step
 * it finds wrong is arithmetic: a bare figure set equal to another ("lots of 5 = 903,400" read as
 * "5 = 903,400") is a figure named by words before it, no step of working, and the strict reading
 * stands.
 */
function checkedAsProse(
  strict: ParsedQuantity,
  text: string,
  raw: string,
  unit: QuantityUnit,
): ParsedQuantity {
  if (FOREIGN_UNIT.test(text)) return strict;
  let prose: ParsedQuantity | undefined;
  try {
    prose = readAsTeacher(text, raw, unit);
  } catch {
    return strict;
  }
  if (prose === undefined || !sameFigure(prose, strict)) return strict;
  const steps = prose.working ?? [];
  return steps.every((step) => step.agrees || ARITHMETIC.test(step.text)) ? prose : strict;
}
/** A piece of working that computes: an operator between two figures. */
const ARITHMETIC = /\d[^\d]*[-+*/×x^÷][^\d]*\d/i;

/** The ordinal words that name a fraction's denominator: "third" → 3 … "nineteenth" → 19. */
const ORDINAL_UNITS: Readonly<Record<string, number>> = {
  half: 2,
  third: 3,
  quarter: 4,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
};
/** "twentieth" … "ninetieth": `TENS_ORDINALS[k]` is 10 · (k + 2), as `TENS`. */
const TENS_ORDINALS = [
  'twentieth',
  'thirtieth',
  'fortieth',
  'fiftieth',
  'sixtieth',
  'seventieth',
  'eightieth',
  'ninetieth',
];

/** The denominator an ordinal names: "sixteenth" → 16, "thirty-second" → 32, "sixty-fourth" → 64. */
function ordinalDenominator(tens: string | undefined, ordinal: string): number | undefined {
  const key = ordinal.toLowerCase();
  if (tens === undefined) {
    const tensAt = TENS_ORDINALS.indexOf(key);
    return tensAt >= 0 ? 10 * (tensAt + 2) : ORDINAL_UNITS[key];
  }
  // After a tens word the ordinal is a unit, first to ninth: "thirty-second" (2), "sixty-fourth" (4).
  const unitAt = UNIT_ORDINALS.indexOf(key);
  return unitAt >= 0 ? 10 * (TENS.indexOf(tens.toLowerCase()) + 2) + unitAt + 1 : undefined;
}
const UNIT_ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];

/**
 * A fraction spelt out, for a factor (issue 18): "one thirty-second", "a thirty-second", "one
 * sixteenth", "a quarter" of the side are 1/32, 1/32, 1/16, 1/4, so the factor inverted (32, 16,
 * 4), as "1/32" is. Only "one", "a" or "an" before the ordinal, and the ordinal then ends the
 * answer or is followed by "of", a mark or the end ("a third layer" names a layer, not a third).
 * A lone "second" is never a half ("a second conv").
 */
function speltFractions(text: string): string {
  return text.replace(
    /\b(?:one|an?)[\s-]+(?:(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-]?)?([a-z]+?)s?\b(?=\s*(?:$|of\b|[,.;:!?)]))/gi,
    (whole, tens: string | undefined, ordinal: string) => {
      const denominator = ordinalDenominator(tens, ordinal);
      return denominator === undefined ? whole : `1/${denominator}`;
    },
  );
}

/**
 * A decimal comma, as much of Europe writes it, read as the decimal point (issue 18): "12,6 MB" is
 * 12.6 MB. The rule is exact: a comma is a thousands separator when exactly three digits follow it
 * ("12,600", "903,400", "1,234" is one thousand two hundred and thirty-four), and a decimal comma
 * when it is the number's only comma or dot and one, two, or four or more digits follow it
 * ("12,6", "12,60", "3,6136"). A comma in a number that has another comma or a dot ("1,23,456",
 * "1,5.2") is neither, and is left for the readers to refuse. A comma followed by a space is
 * punctuation ("16,384 weights, 64 biases"), never part of a number.
 */
function withDecimalPoints(text: string): string {
  return text.replace(/(?<![\d.,])(\d+),(\d{1,2}|\d{4,})(?![\d]|[.,]\d)/g, '$1.$2');
}

/**
 * Dots between groups of three digits, as much of Europe writes thousands (issue 18), read as
 * thousands separators where no English reading is possible: two or more of them ("12.613.600
 * bytes", "1.234.567"), or one in a whole count, a number of parameters or of bytes with no scale
 * after it ("903.400", "903.400 parameters", "16.448 more"), since a count has no thousandths. With
 * a scale or a unit of size after it the dot is a decimal point, as English reads it ("16.448k",
 * "12.613 MB"), and so it is before an exponent or a product ("9.034e5", "9.034 * 100000"). Only for
 * counts and sizes; "0.125" is a decimal whatever follows.
 */
function withEuropeanThousands(text: string, unit: QuantityUnit): string {
  if (unit !== 'count' && unit !== 'bytes') return text;
  return text.replace(
    /(?<![\d.,])([1-9]\d{0,2})((?:\.\d{3})+)(?!\d|[.,]\d|e[+-]?\d|\s*[*×·⋅∙])(\s*([a-zA-Z]+))?/gi,
    (whole, head: string, groups: string, tail = '', word?: string) => {
      const key = word?.toLowerCase() ?? '';
      const counted =
        word === undefined || !isUnitWord(word) || (unit === 'bytes' && BYTE_UNITS[key]?.factor === 1);
      const many = groups.length > 4;
      return many || counted ? `${head}${groups.replace(/\./g, ',')}${tail}` : whole;
    },
  );
}

/**
 * An output's shape written for a grid (issue 18): "8×8×1000", "8 x 8 x num_classes", "(8, 8)",
 * "shape (8, 8, 1000)" are an 8×8 grid with its depth (the classes) after it; the grid is the
 * answer. Only with the first two sides equal, and a product set equal to a figure ("2×2×2 = 8")
 * stays working.
 */
function asGridShapes(text: string): string {
  return text
    .replace(/\(\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*\w+\s*)?\)/g, (whole, a: string, b: string) =>
      a === b ? `${a}x${b}` : whole,
    )
    .replace(
      /(?<![\d.])(\d+)\s*[x×*]\s*(\d+)\s*[x×*]\s*(?:\d+|[a-z_]+)\b(?!\s*=)/gi,
      (whole, a: string, b: string) => (a === b ? `${a}x${b}` : whole),
    );
}

/**
 * A figure, a slash between spaces, and another figure, the first with a unit or a grid ("12.6 MB /
 * 12.03 MiB", "25.6M / 25,557,032", "8x8 / 64 cells"): the same answer written two ways, never a
 * quotient (no size is divided by a size); read as two statements, so a restatement is a remark.
 * "448/32" (no spaces, no unit) stays a division.
 */
function withAlternatives(text: string): string {
  // "6 MB / 3 MB / 3.6 MB -> 12.6 MB": three or more figures joined by slashes and led to a total
  // are the total's terms, listed (their sum is checked), not alternatives.
  if (LISTED_TERMS.test(text)) return text;
  return text.replace(
    // ("448 px / 32 = 14 px": a bare number after the slash that is set equal to a figure divides.)
    /(\d(?:[\d,.]*\d)?)(\s*[a-zA-Z]+|\s*[x×]\s*\d+)(\s+\/\s+)(?=[~≈]?\s*\d)(?!\d+\s*(?:=|->|→|=>))/g,
    // (After a grid, a comma: "8x8, 64 cells" is a grid beside its cells in one statement.)
    (whole, number: string, after: string) =>
      /^\s*[x×]\s*\d/.test(after)
        ? `${number}${after}, `
        : isUnitWord(after.trim())
          ? `${number}${after}; `
          : whole,
  );
}

const LISTED_TERMS =
  /\d[^/;=\n]*\s\/\s[^/;=\n]*\d[^/;=\n]*\s\/\s[^/;=\n]*\d[^/;=\n]*(?:=|->|→|=>)\s*[~≈]?\s*\d/;

/**
 * "H/32 x W/32", "(H/32, W/32)": the output map written as a fraction of the input's height and
 * width. The same divisor on both sides is the output stride, written as the factor ("32x"); two
 * different ones are left as written (no one factor).
 */
function sidesAsFractions(text: string): string {
  return text.replace(
    /(?:\(\s*)?\b([hw])\s*\/\s*(\d+)\s*(?:[x×*,]|by|and)\s*([hw])\s*\/\s*(\d+)\b(?:\s*\))?/gi,
    (whole, first: string, a: string, second: string, b: string) =>
      first.toLowerCase() !== second.toLowerCase() && Number(a) === Number(b) ? `${a}x` : whole,
  );
}

/**
 * A number said half in digits ("903 thousand 400", "903 thousand and 400"): the thousands and the
 * rest, one figure, 903,400, as a teacher reads it (not the two figures 903 thousand and 400).
 */
function withThousandsSaid(text: string): string {
  return (
    text
      // "12.6 million bytes", "565 thousand bytes": a count's scale on bytes is the decimal unit.
      .replace(
        /(\d)\s*(thousand|million|billion)\s+bytes\b/gi,
        (_, digit: string, scale: string) =>
          `${digit} ${({ thousand: 'kB', million: 'MB', billion: 'GB' } as Record<string, string>)[scale.toLowerCase()]}`,
      )
      .replace(
        /(?<![\d.,])(\d{1,3})\s+thousand\s+(?:and\s+)?(\d{1,3})(?![\d.,]|\s*(?:thousand|million|billion|k|m|mb|kb|gb)\b)/gi,
        (_, thousands: string, rest: string) => String(Number(thousands) * 1000 + Number(rest)),
      )
  );
}

/**
 * How sure the learner is, said with a percentage ("not 100% sure", "99% certain"), is no figure of
 * the answer (issue 18): it is dropped before the figures are read, so "I think it's eight but not
 * 100% sure" is read as "eight", as a teacher reads it.
 */
function withoutCertainty(text: string): string {
  return (
    text
      .replace(/\b\d{1,3}(?:\.\d+)?\s*(?:%|per\s*cent\b)\s*(?=(?:sure|certain|confident)\b)/gi, '')
      // "903k-ish", "12.6MB-ish", "32ish": "ish" after a figure says "about", as "~" does.
      .replace(/(?<=\d(?:\s?[a-zA-Z]{1,5})?)\s*-?ish\b/gi, '')
  );
}

/**
 * A half said in words, as people say sizes (issue 18): "12 and a half MB" is 12.5 MB, "25 and a
 * half million" 25.5 million, and "half a gig" 0.5 GB (only before a unit: "a half" alone is a
 * fraction, read for a factor by `speltFractions`). Read after the spelt numbers ("twelve and a
 * half megs").
 */
function withHalves(text: string): string {
  const halved = text.replace(/(?<![\d.,])(\d+)\s+and\s+a\s+half\b/gi, '$1.5');
  // "Half a gig" is the answer only when no figure is written beside it: "565.6 MB, so roughly half
  // a gigabyte" compares the figure with a round size.
  if (/\d/.test(halved)) return halved;
  return halved.replace(/\bhalf\s+an?\s+([a-zA-Z]+)/gi, (whole, word: string) =>
    isUnitWord(word) ? `0.5 ${word}` : whole,
  );
}

/**
 * Scientific notation as people type it: "9.034 × 10^5", "9.034 x 10**5", "9.034·10⁵" become
 * "9.034e5" (superscripts are turned into "^" first, before NFKC would make "10⁵" read "105"; after
 * any other number a superscript is a power too: "2⁵" is 2^5 = 32, not 25).
 */
function withPlainExponents(raw: string): string {
  const superscripts = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  return (
    raw
      .replace(
        /(\d)([⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)/g,
        (_, digit: string, power: string) =>
          `${digit}^${[...power].map((c) => (c === '⁻' ? '-' : c === '⁺' ? '' : String(superscripts.indexOf(c)))).join('')}`,
      )
      .normalize('NFKC')
      .replace(/[−–]/g, '-')
      .replace(/(\d)\s*[x×*·⋅∙]\s*10\s*(?:\^|\*\*)\s*([+-]?\d+)/gi, '$1e$2')
      // Other powers are working ("2^5", "2**5"); "32×" (no operand after it) is the factor "32x";
      // "mega bytes" is one unit.
      .replace(/\*\*/g, '^')
      .replace(/(\d)\s*×(?=\s*(?:$|[^\d\s(.]))/g, '$1x')
      .replace(/\b(kilo|mega|giga|kibi|mebi|gibi)\s+(bytes?|bits?)\b/gi, '$1$2')
      // "12.6 M bytes", "565 M Bytes": the prefix letter and the word are one unit (MB).
      .replace(
        /(\d\s*)([kKMG])\s+bytes?\b/g,
        (_, number: string, prefix: string) => `${number}${prefix.toUpperCase() === 'K' ? 'k' : prefix}B`,
      )
      .trim()
  );
}

/**
 * Units of measure no quiz part is asked in (length, mass, time, temperature), written right after
 * a figure. Single letters (m, s, g) are left out: "M" is a million, and "8 s" is rarer than a typo.
 */
const FOREIGN_UNIT =
  /\d\s*(?:mm|cm|km|inch(?:es)?|ft|feet|foot|yards?|miles?|furlongs?|kg|grams?|lbs?|pounds?|ounces?|oz|sec(?:ond)?s?|min(?:ute)?s|hours?|hrs?|days?|weeks?|°[CF]|kelvin|litres?|liters?)\b/i;

/** The strict reading: a figure, or a figure with its working, with no prose around it. */
function parseStated(text: string, raw: string, unit: QuantityUnit): ParsedQuantity {
  const refuse = (why: string, allowed = `expected ${ALLOWED[unit]}`) =>
    new QuizError('invalid_answer', `${why}: ${allowed}`, { context: { answer: raw.slice(0, MAX_INPUT) } });
  if (text.length > MAX_WORKING)
    throw refuse(`the answer is ${text.length} characters long, too long for a figure and its working`);
  const statements = text
    .split(/[;\n]+/)
    .map((statement) => statement.trim())
    .filter((statement) => /\d/.test(statement));
  if (statements.length === 0) return parseFigure(text, unit);
  const working: WorkingStep[] = [];
  let answer: ParsedQuantity | undefined;
  let skipped = false;
  // The figure the statement before the last arrived at by arithmetic that makes it (none when
  // that statement has no arithmetic, or arithmetic that does not make it).
  let reached: ParsedQuantity | undefined;
  statements.forEach((statement, index) => {
    const last = index === statements.length - 1;
    const segments = stripWords(statement)
      .split('=')
      .map((segment) => stripWords(segment))
      .filter((segment) => segment.length > 0);
    // "8 x 8": a grid's side (pixels). A grid that is not square is refused when it stands alone,
    // but set equal to another piece it is a product ("16 x 2 = 32"), worked out like any other.
    const grid =
      unit === 'pixels'
        ? segments.filter((s) => {
            const sides = /^(\d+)\s*[x×*]\s*(\d+)$/i.exec(s);
            return sides !== null && (segments.length === 1 || sides[1] === sides[2]);
          })
        : [];
    const read = segments.map((segment) => (grid.includes(segment) ? undefined : evaluate(segment, unit)));
    // The figure this statement states: its last single figure, else its (last) working.
    const figureAt = read
      .map((term, i) => (term === undefined ? i : -1))
      .filter((i) => i >= 0)
      .pop();
    let at = figureAt ?? read.length - 1;
    let figure: ParsedQuantity;
    try {
      figure =
        figureAt !== undefined
          ? parseFigure(segments[at]!, unit)
          : fromTerm(read[at]!, segments[at]!, unit, refuse);
    } catch (error) {
      // Only the answer must be readable; an earlier statement that is not a figure is left unchecked.
      if (last) throw error;
      return;
    }
    // "8 x 8 = 64": a square grid set equal to its number of cells (N²) states the grid.
    const square =
      grid.length > 0 && figure.writtenUnit !== 'grid'
        ? parseFigure(grid[grid.length - 1]!, unit)
        : undefined;
    if (square !== undefined && figure.value === square.value * square.value) {
      at = segments.indexOf(grid[grid.length - 1]!);
      figure = square;
    }
    read.forEach((evaluated, i) => {
      if (i === at) return;
      // Another figure set equal to the answer ("12.6 MB = 12,613,600 bytes") is checked too.
      const term = evaluated ?? figureTerm(segments[i]!, unit);
      if (term === undefined) {
        // A piece with a figure in it that is not read: the working is not wholly checked.
        if (/\d/.test(segments[i]!)) skipped = true;
        return;
      }
      // The grid's cells, before or after it ("64 = 8 x 8"), are its area, not another answer,
      // and not a step to check against the side.
      if (figure.writtenUnit === 'grid' && term.value === figure.value * figure.value) return;
      // A running total ("256 x 64 = 16,384 + 64 = 16,448"): a piece set equal to working that starts
      // from a figure is checked against that figure (a step of its own), unless it makes the final one.
      // A figure set between two steps ("448/32 = 14 = 14 − 7 + 1 = 8") is where the step before it
      // arrives: the step is checked against it.
      const next = segments[i + 1];
      const between =
        read[i + 1] === undefined && i + 1 !== at && next !== undefined && /\d/.test(next)
          ? figureOrNone(next, unit)
          : undefined;
      const onward =
        read[i + 1] === undefined ? between : leadingFigure(segments[i + 1]!, unit, figure.writtenUnit);
      const target = agrees(term, figure) ? figure : (onward ?? figure);
      const made = evaluated === undefined ? term : listedSum(segments[i]!, term, target, unit);
      working.push({
        text: segments[i]!,
        value: readingOf(made, target),
        shown: evaluated === undefined ? segments[i]! : shownValue(made),
        equals: target.written,
        agrees: agrees(made, target),
      });
    });
    if (!last) {
      const computed = read.some((term, i) => i !== at && term !== undefined && agrees(term, figure));
      reached = computed ? figure : undefined;
      return;
    }
    answer = figure;
    // "2^5 = 32; 224 -> 7": a last statement that only sets one figure beside another, no
    // arithmetic between, after working that arrived at a factor, illustrates that factor when its
    // two ends are that factor apart (224 / 7 = 32: the map sizes a stride of 32 maps between):
    // the figure the working arrived at stays the answer, and the illustration is no step. Any
    // other pair is read as before ("448/32 = 14; 14 -> 8" goes on to 8).
    // (A piece of working is no figure: `figureTerm` reads none from it.)
    const start = segments.length === 2 ? figureTerm(segments[0]!, unit) : undefined;
    const illustrates =
      reached !== undefined &&
      start !== undefined &&
      Math.abs(start.value / figure.value - reached.value) <= 1e-9 * reached.value;
    if (illustrates) {
      working.splice(working.length - 1, 1);
      answer = reached;
    }
  });
  const result = working.length === 0 ? answer! : { ...answer!, working };
  if (skipped) partlyChecked.add(result);
  return result;
}

/**
 * "2,800 / 180,200 / 720,400 -> 903,400": three or more figures joined by slashes only are a list of
 * the figures that make the total when dividing them makes nothing near it; their sum is what the
 * working makes. A division chain that reads as one ("224 / 2 / 2 / 2 / 2 / 2 = 7") stays a division:
 * the list is taken only when its sum is nearer the figure (by ratio) than the quotient is.
 */
function listedSum(segment: string, term: Term, target: ParsedQuantity, unit: QuantityUnit): Term {
  if (agrees(term, target) || !/^[^/+*×·x^()-]+(?:\/[^/+*×·x^()-]+){2,}$/i.test(segment)) return term;
  const sum = evaluate(segment.replace(/\//g, '+'), unit);
  if (sum === undefined) return term;
  const far = (made: Term) => Math.abs(Math.log(Math.abs(readingOf(made, target)) / target.value));
  return far(sum) < far(term) ? sum : term;
}

/** `parseFigure`'s reading of a single figure, or undefined where it refuses it. */
function figureOrNone(segment: string, unit: QuantityUnit): ParsedQuantity | undefined {
  try {
    return parseFigure(segment, unit);
  } catch {
    return undefined;
  }
}

/**
 * The figure a piece of working starts from ("16,384" in "16,384 + 64"), or undefined. One written
 * with no unit beside a final figure with one ("6.3 + 4.2 = 10.5 + 2.1 = 12.6 MB") is read in the
 * final figure's unit, as the working's other figures are.
 */
function leadingFigure(segment: string, unit: QuantityUnit, finalUnit = ''): ParsedQuantity | undefined {
  const lead = LEADING_FIGURE.exec(segment);
  if (lead === null) return undefined;
  const inFinal = lead[2] === undefined && finalUnit !== '' ? [`${lead[1]} ${finalUnit}`] : [];
  for (const text of [`${lead[1]}${lead[2] ?? ''}`, lead[1]!, ...inFinal]) {
    try {
      return parseFigure(text, unit);
    } catch {
      // Not a figure with that unit word: try the number alone.
    }
  }
  return undefined;
}

/*
 * Reading prose as a teacher would (issue 18): "like 16448 extra params lol", "an 8×8 grid of class
 * predictions", "448/32 = 14, then 14 - 7 + 1 = 8, so 8 by 8", "It divides the height and width by
 * 32 (output stride 32)", "layer 1 outputs 6 MB + layer 2 outputs 3 MB + params 3.6 MB -> 12.6 MB".
 * Only what `parseStated` refuses comes here. The prose is reduced to the figures, units and
 * arithmetic it states, then read by `parseStated`, so the working is checked the same way:
 * - statements end at ";", a new line, "so", "then", "thus", "hence", "therefore", or a comma
 *   before a word; the answer is the last statement that states a figure;
 * - "->", "→", "=>" mean "=" (the working leads to the figure);
 * - a parenthesis after a figure, or one with words in it, is an aside: its arithmetic is checked
 *   as working, it never is the answer ("8 (14 − 7 + 1 = 8)", "25 557 032 (torchvision: …)");
 * - a number that names something is not a figure ("layer 1", "ResNet-50", "conv3", "VGG16"),
 *   nor one the answer denies ("16,448, not 16,384");
 * - words between figures are dropped; a unit right after a number stays with it ("6 MB");
 *   "8 by 8" is a grid, "by 32" a factor, "1/32" (of the size) a factor of 32 for a ratio;
 * - an answer with no digit may spell a small number ("eight", "thirty-two");
 * - two different figures in the final statement ("8 or 9") are refused: there is no one answer.
 * Anything left that `parseStated` cannot read keeps the original refusal and its hint.
 */

/** Words between "not" and the figure it denies ("not the 60M", "not a 16"). */
const DENIED_ARTICLES: ReadonlySet<string> = new Set(['the', 'a', 'an', 'just', 'only']);

/** Measures hyphened after a number that make a compound naming a thing ("a 224-pixel window", "32-bit floats"). */
const HYPHENED_MEASURES: ReadonlySet<string> = new Set([
  'pixel',
  'bit',
  'channel',
  'image',
  'dimensional',
  'class',
]);

/** Things whose size is written before them ("the 200×300 image", "a 7×7 conv"). */
const SIZED_NOUNS: ReadonlySet<string> = new Set([
  'image',
  'images',
  'input',
  'inputs',
  'picture',
  'photo',
  'conv',
  'convolution',
  'kernel',
  'kernels',
  'filter',
  'filters',
  'window',
  'windows',
  'pooling',
  'pool',
  'patch',
  'patches',
]);
/** Prepositions before a map that make it the place something is done on ("across the 14×14 map"). */
const PLACE_PREPOSITIONS: ReadonlySet<string> = new Set(['across', 'over', 'on', 'along', 'from', 'of']);
/** Words that may stand between a size and its thing ("a 7×7 valid conv", "a 2×2 max pool"). */
const SIZE_ADJECTIVES: ReadonlySet<string> = new Set([
  'valid',
  'same',
  'max',
  'average',
  'avg',
  'conv',
  'input',
]);

/** Verbs between a negation and the figure it denies ("doesn't give 14", "isn't 14", "won't be 14"). */
const DENYING_VERBS: ReadonlySet<string> = new Set([
  'give',
  'gives',
  'equal',
  'equals',
  'be',
  'get',
  'make',
  'come',
]);

/**
 * Whether the tokens so far end with a denial of the number that comes next: "not" (or "never",
 * "isn't", "doesn't", "won't"…), then perhaps one verb ("give", "be") and an article or "just"
 * ("not the 60M", "doesn't give 14", "it isn't just 16,384").
 */
function denied(tokens: readonly ProseToken[]): boolean {
  let at = tokens.length - 1;
  const word = (i: number) => (tokens[i]?.kind === 'word' ? tokens[i]!.text.toLowerCase() : '');
  if (DENIED_ARTICLES.has(word(at))) at--;
  if (DENYING_VERBS.has(word(at))) at--;
  if (['not', 'never', 'isnt', 'doesnt', 'dont', 'wont', 'arent', 'cant', 'unlike'].includes(word(at)))
    return true;
  // "8x8 rather than 14x14", "32 instead of 16": the figure set aside.
  if ((word(at) === 'than' && word(at - 1) === 'rather') || (word(at) === 'of' && word(at - 1) === 'instead'))
    return true;
  // "isn't", "doesn't": the word, an apostrophe, then "t".
  return word(at) === 't' && /^['’]$/.test(tokens[at - 1]?.text ?? '') && /n$/.test(word(at - 2));
}

/** Words that set one figure against another ("16,448 vs 0", "… while pooling has 0"). */
const COMPARING = /\b(?:vs\.?|versus|compared|against|while|whereas)\b/i;

/** After a number, words that make it a part of the figure before ("2M of that", "700 of them"). */
const PART_OF = /^\s*(?:[a-zA-Z]+\s+)?of\s+(?:that|them|those|it|these|this|which)\b/i;

/**
 * Before a number, words that make it a part of the figure before ("25.6M, of which 2M …",
 * "including 2M", "903,400 once you include the 700 biases").
 */
const PART_FOLLOWS =
  /\b(?:of\s+(?:which|them|those|these)|including|incl\.?|includes?)\s*(?:(?:the|its|their)\s+)?(?:(?:about|around|roughly|approx\.?|approximately|only|just|some|~|≈)\s*)?$/i;

/** After a part's number, words that make it the quantity a part asks for (trainable, one instance). */
const OWN_QUANTITY =
  /^\s*(?:[a-zA-Z]{0,5}\s+)?(?:(?:are|is)\s+)?(?:trainable|learnable|(?:for\s+)?(?:a\s+)?(?:single|one)\s+(?:image|instance|input|prediction)|per\s+(?:image|instance)|(?:for\s+)?inference)\b/i;

/**
 * Whether a number, with the statement's text `before` and `after` it, is a part of a figure stated
 * before it (a breakdown, not an answer): "2M of that" (PART_OF), or "of which 2M", "including 2M"
 * (PART_FOLLOWS) where that figure is there (`figureBefore`) or the words open the statement; never
 * when the words after it make it the question's own quantity ("25,663,325 in the state dict,
 * including 25,557,032 trainable" names the answer).
 */
function isPartOfFigureBefore(before: string, after: string, figureBefore: boolean): boolean {
  if (PART_OF.test(after)) return true;
  return (
    PART_FOLLOWS.test(before) &&
    (/^\W*(?:of\s+(?:which|them|those|these)|including|incl)\b/i.test(before) ||
      /\bof\s+(?:which|them|those|these)\s*\S*\s*$/i.test(before) ||
      figureBefore) &&
    !OWN_QUANTITY.test(after)
  );
}

/** Nouns after a number that make it a count of inputs, a given of the question ("50 images"). */
const GIVEN_NOUNS = /^\s*(?:images?|imgs?|instances?|samples?|pictures?|photos?|examples?|classes)\b/i;

/**
 * Whether the number that comes next counts the inputs the question gives, stated beside the
 * answer ("566 MB for a batch of 50", "0.57 GB when training on 50", "566 MB with 50 images"): the
 * question's own number, no figure of the answer. `rest` is the text after the number.
 */
function countsGiven(tokens: readonly ProseToken[], rest: string): boolean {
  if (GIVEN_NOUNS.test(rest)) return true;
  const word = (back: number) => {
    const token = tokens[tokens.length - back];
    return token?.kind === 'word' ? token.text.toLowerCase() : '';
  };
  // "batch of 50", "batch size 50", "batch size of 50", "training on 50", "trained on 50".
  if (word(1) === 'of' && (word(2) === 'batch' || (word(2) === 'size' && word(3) === 'batch'))) return true;
  if (word(1) === 'size' && word(2) === 'batch') return true;
  return word(1) === 'on' && ['training', 'trained', 'train'].includes(word(2));
}

/** A scale or a unit right after a number ("2M", "3 MB", "16 thousand"): the number is a figure. */
const SCALED = /^\s*(?:k|m|mb|gb|kb|mib|gib|kib|million|thousand|billion|bytes?)\b/i;

/** Words before a number that make it a name, not a figure ("layer 2", "option 3"). */
const LABEL_WORDS = new Set([
  'layer',
  'layers',
  'conv',
  'block',
  'stage',
  'step',
  'option',
  'question',
  'part',
  'fc',
  'variant',
  'exercise',
  'chapter',
  'resnet',
  'vgg',
  'version',
]);

const SMALL_NUMBERS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
/** The tens words from twenty: `TENS[k]` is 10 · (k + 2). */
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** Whether a word is a number word that can go on a number after its scale ("four", "twenty"). */
const isNumberWord = (word: string | undefined) =>
  word !== undefined && (SMALL_NUMBERS.includes(word.toLowerCase()) || TENS.includes(word.toLowerCase()));

const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9 };

/** The words said one by one after "point": zero to nine. */
const DIGITS = SMALL_NUMBERS.slice(0, 10);

/**
 * A number spelt out, as English writes it, turned into digits: "eight" → "8", "thirty-two" →
 * "32", "nine hundred and three thousand four hundred" → "903400", "twenty-five point six million"
 * → "25.6 million", "twelve point six megabytes" → "12.6 megabytes". Only for an answer with no
 * digit outside its asides (a digit answer's "one" is a pronoun more often than a figure; an aside's
 * digits, "eight cells across (an 8×8 grid)", leave the answer itself in words). The digits keep
 * what was said: a whole number's trailing zeros are not significant ("four hundred" is read to
 * the hundred, as "400" is), and the digits after "point" are the decimals said. A scale word
 * with no number before it ("a million", "tens of millions") is not a figure, and two numbers
 * said one after the other ("eight eight") are two figures, never summed.
 */
function spelledNumbers(text: string, besideDigits = false): string {
  // Digits in an aside only ("eight cells across (an 8×8 grid)") leave the answer itself in words.
  // `besideDigits`: the answer has digits, and only a number no pronoun or article could be is
  // read (one of eleven or more, or with decimals; "one", "two" … "ten" stay words).
  if (!besideDigits && /\d/.test(splitAsides(text).main)) return text;
  const pieces = text.split(/([a-zA-Z]+)/);
  const out: string[] = [];
  // The run being read: its whole part so far, its decimals, what its last word was ('ones': a
  // digit or a teen, after which the number is finished), and the piece of its first word.
  let run: { total: number; current: number; decimals?: string; last: string; from: number } | undefined;
  let pending = ''; // separators (spaces, hyphens, "and") inside the run, kept if the run ends
  const flush = (scale?: string) => {
    if (run === undefined) return;
    const whole = run.total + run.current;
    out.push(
      // (A whole number up to ten is one word: "hundred", a scale or "and" would make it larger.)
      besideDigits && run.decimals === undefined && whole <= 10
        ? pieces[run.from]!
        : run.decimals === undefined
          ? String(whole)
          : `${whole}.${run.decimals}${scale === undefined ? '' : ` ${scale}`}`,
    );
    run = undefined;
  };
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (i % 2 === 0) {
      // Between words: a space or a hyphen continues a run (and waits, outside one, to be written
      // before the next word); anything else ends it.
      if (/^[\s-]*$/.test(piece)) pending += piece;
      // "nine hundred and three thousand, four hundred": a comma after a scale word, before the
      // rest of the number, is where a figure would have its thousands separator.
      else if (run?.last === 'scale' && /^\s*,\s*$/.test(piece) && isNumberWord(pieces[i + 1]))
        pending += ' ';
      else {
        flush();
        out.push(pending, piece);
        pending = '';
      }
      continue;
    }
    const word = piece.toLowerCase();
    const small = SMALL_NUMBERS.indexOf(word);
    const tens = TENS.indexOf(word);
    const next = pieces[i + 2]?.toLowerCase() ?? '';
    if (run !== undefined && run.decimals !== undefined) {
      // After "point": digits one by one, then perhaps a scale ("twenty-five point six million").
      if (small >= 0 && small <= 9) {
        run.decimals += String(small);
        pending = '';
        continue;
      }
      if (word in SCALES && run.decimals !== '') {
        pending = '';
        flush(word);
        continue;
      }
    } else if (run !== undefined) {
      const afterOnes = run.last === 'ones';
      if (small >= 0 && !(afterOnes || (run.last === 'tens' && small >= 10))) {
        run.current += small;
        run.last = 'ones';
        pending = '';
        continue;
      }
      if (tens >= 0 && !afterOnes && run.last !== 'tens') {
        run.current += 10 * (tens + 2);
        run.last = 'tens';
        pending = '';
        continue;
      }
      if (word === 'hundred' && run.current > 0 && run.current < 100) {
        run.current *= 100;
        run.last = 'hundred';
        pending = '';
        continue;
      }
      if (word in SCALES && run.current > 0) {
        run.total += run.current * SCALES[word]!;
        run.current = 0;
        run.last = 'scale';
        pending = '';
        continue;
      }
      if (word === 'point' && DIGITS.includes(next)) {
        run.decimals = '';
        pending = '';
        continue;
      }
      // "and" before the tens or ones of a number: "two hundred and five", "two thousand and fifty".
      const tensOrOnes = SMALL_NUMBERS.includes(next) || TENS.includes(next);
      if (word === 'and' && tensOrOnes && (run.last === 'hundred' || run.last === 'scale')) continue;
    }
    flush();
    out.push(pending);
    pending = '';
    if (small >= 0 || tens >= 0) {
      run = {
        total: 0,
        current: small >= 0 ? small : 10 * (tens + 2),
        last: small >= 0 ? 'ones' : 'tens',
        from: i,
      };
      continue;
    }
    out.push(piece);
  }
  flush();
  out.push(pending);
  return out.join('');
}

/**
 * Splits off parentheses that are asides (after a figure, or with words in them); keeps arithmetic
 * ones. An aside is left out of the main text (a space stands in its place) and returned as written
 * inside its brackets; one left open runs to the end of the text.
 * @internal The prose reader's first step, exported for tests only (not from the package's index).
 */
export function splitAsides(text: string): { main: string; asides: string[] } {
  const asides: string[] = [];
  let main = '';
  let depth = 0;
  let start = 0;
  let inAside = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '(' && depth === 0) {
      const inner = text.slice(i + 1, matchingParenthesis(text, i));
      // After a figure, its unit word or none between ("8 (14 - 7 + 1 = 8)", "6 MB (...)"); or with
      // a word inside ("x" is a product, not a word).
      inAside = /\d\s*[a-zA-Z]*\s*$/.test(main) || /[a-wyzA-WYZ]/.test(inner);
      start = i;
    }
    if (c === '(') depth++;
    else if (c === ')' && depth > 0 && --depth === 0 && inAside) {
      asides.push(text.slice(start + 1, i));
      main += ' ';
      inAside = false;
      continue;
    }
    if (!inAside) main += c;
  }
  if (inAside) asides.push(text.slice(start + 1));
  return { main, asides };
}

/**
 * The index of the ")" that closes the "(" at `open`, or the text's length when none does.
 * @internal Exported for tests only.
 */
export function matchingParenthesis(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return text.length;
}

/**
 * One piece of a statement in prose, as written: a number, a word, an operator or bracket, or any
 * other mark (a gap).
 * @internal Exported for tests only.
 */
export interface ProseToken {
  readonly kind: 'number' | 'word' | 'op' | 'gap';
  readonly text: string;
}

/**
 * A statement's pieces, left to right, without the numbers that name something ("layer 2",
 * "conv3", "ResNet-50", "a 3-layer net") or that the answer denies ("not 14"); undefined when a
 * number has commas that are not thousands separators ("1,23,456").
 * @internal Exported for tests only.
 */
export function proseTokens(statement: string): ProseToken[] | undefined {
  const tokens: ProseToken[] = [];
  // The numbers that name something (or are denied): read as tokens, then left out.
  const named = new Set<ProseToken>();
  const pattern =
    /(\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:e[+-]?\d+)?(?!\d|,\d)|\d{1,3}(?: \d{3})+(?:\.\d+)?(?:e[+-]?\d+)?(?!\d|,\d)|(\d+,\d)|\d+(?:\.\d+)?(?:e[+-]?\d+)?|\.\d+)|([a-zA-Z]+)|([-+*/×·⋅∙÷=()^])|\S/g;
  for (const match of statement.matchAll(pattern)) {
    const at = match.index;
    // "1,23,456": commas that are not thousands separators make no number a teacher could read
    // (a digit, a comma and a digit that the grouped number before it did not take).
    if (match[2] !== undefined) return undefined;
    if (match[1] !== undefined) {
      const before = statement.slice(0, at);
      // "conv3", "ResNet-50", "VGG16": a number glued to a word names it ("x32", "×32" do not).
      const glued = /[a-wyzA-WYZ]$/.test(before) || /[a-zA-Z]-$/.test(before);
      const previous = tokens[tokens.length - 1];
      // "8, not 14", "25.6M, not the 60M of AlexNet": a figure the answer denies is not one it
      // states ("not" right before it, or before an article or "just" that comes before it).
      // ("fc 2.05M", "fc 2,049,000": a decimal, a number grouped by commas or one with a scale
      // after it is a figure said of the thing named, not its name; "layer 2 180,200" stays a name
      // and its figure, which the tokens group as one.)
      const labelled =
        (previous?.kind === 'word' &&
          LABEL_WORDS.has(previous.text.toLowerCase()) &&
          !/\.|^\d{1,3}(?:,\d{3})+$/.test(match[1]) &&
          !SCALED.test(statement.slice(at + match[1].length)) &&
          // "fc 2048*1000+1000": a number that working goes on from is a term of it ("the conv 2×2
          // layer" is a size naming the layer: its product goes on to no operator).
          !/^\s*(?:[*×x]\s*\d+(?:\.\d+)?\s*[*×x+^=]|[+^])/i.test(statement.slice(at + match[1].length))) ||
        denied(tokens) ||
        countsGiven(tokens, statement.slice(at + match[1].length)) ||
        isPartOfFigureBefore(
          before,
          statement.slice(at + match[1].length),
          tokens.some((t) => t.kind === 'number' && !named.has(t)),
        );
      // "a 3-layer net", "a 224-pixel window", "32-bit floats": a number hyphened to a label word,
      // or to a measure of a thing, names that thing ("a 16448-parameter layer" states its count).
      const hyphened = /^-([a-zA-Z]+)/.exec(statement.slice(at + match[1].length));
      const hyphenWord = (hyphened?.[1] ?? '').toLowerCase();
      const names = LABEL_WORDS.has(hyphenWord) || HYPHENED_MEASURES.has(hyphenWord);
      const number: ProseToken = { kind: 'number', text: match[1] };
      tokens.push(number);
      if (glued || labelled || names) named.add(number);
    } else if (match[3] !== undefined)
      // "conv3_x": a word joined by "_" is part of a name, never the factor sign "x".
      tokens.push({ kind: 'word', text: statement[at - 1] === '_' ? `_${match[3]}` : match[3] });
    else if (match[4] !== undefined) tokens.push({ kind: 'op', text: match[4] });
    else tokens.push({ kind: 'gap', text: match[0] });
  }
  // "rather than 14x14", "layer 3 x 3": a grid whose first side names something or is denied is
  // named or denied whole.
  tokens.forEach((token, i) => {
    const sign = tokens[i + 1];
    if (
      named.has(token) &&
      tokens[i + 2]?.kind === 'number' &&
      ['×', '*', 'x', 'X', 'by'].includes(sign?.text ?? '')
    )
      named.add(sign!).add(tokens[i + 2]!);
  });
  // "the 200×300 image", "the 7×7 conv": a size written before the thing it measures names that
  // thing, as "layer 2" does; no figure of the answer ("an 8×8 grid" is one: grids are answers).
  const placeMaps: ProseToken[] = [];
  tokens.forEach((token, i) => {
    const sign = tokens[i + 1];
    if (token.kind !== 'number' || tokens[i + 2]?.kind !== 'number' || sign === undefined) return;
    if (!['×', '*', 'x', 'X', 'by'].includes(sign.text)) return;
    const after = tokens.slice(i + 3, i + 5).filter((t) => t.kind === 'word');
    // "across the 14×14 map", "on the 14×14 feature map": a map that something slides over or is
    // read from is a given the answer is worked from ("an 8×8 map" as the result stays a figure).
    const word = (at: number) => (tokens[at]?.kind === 'word' ? tokens[at]!.text.toLowerCase() : '');
    const article = ['the', 'a', 'an', 'that', 'its'].includes(word(i - 1)) ? 1 : 0;
    const place = PLACE_PREPOSITIONS.has(word(i - 1 - article));
    const noun = after.find(
      (t) => SIZED_NOUNS.has(t.text.toLowerCase()) || (place && /^maps?$/i.test(t.text)),
    );
    if (noun === undefined || (after[0] !== noun && !SIZE_ADJECTIVES.has(after[0]!.text.toLowerCase())))
      return;
    if (tokens[i + 3] !== after[0]) return;
    // (A map after "the" is one already known, a given; "on an 8x8 map" may be the answer's.)
    if (!SIZED_NOUNS.has(noun.text.toLowerCase()) && !['the', 'that', 'its'].includes(word(i - 1))) {
      placeMaps.push(token, sign, tokens[i + 2]!);
      return;
    }
    named
      .add(token)
      .add(sign)
      .add(tokens[i + 2]!);
  });
  // A map slid over is a given only beside another figure: "class scores on an 8x8 map" states
  // the map as its answer.
  if (tokens.some((t) => t.kind === 'number' && !named.has(t) && !placeMaps.includes(t)))
    for (const t of placeMaps) named.add(t);
  return tokens.filter((t) => !named.has(t));
}

/**
 * Whether a word right after a number is a unit worth keeping with it (of any kind: the strict
 * reader judges): a byte or bit unit in any case ("MB", "Mb", "kbit"), a count's scale ("k",
 * "million", but not "params", "weights": those name what is counted), or "x", "times", "px",
 * "pixels".
 * @internal Exported for tests only.
 */
export function isUnitWord(word: string): boolean {
  const key = word.toLowerCase();
  return (
    key in BYTE_UNITS ||
    key in BIT_UNITS ||
    (key in COUNT_UNITS && !['params', 'parameters', 'weights'].includes(key)) ||
    ['x', 'times', 'px', 'pixels'].includes(key)
  );
}

/**
 * Operators spelt out between two figures (issue 18): "16,384 plus 64", "32 minus 7", and, before
 * "by", "64 multiplied by 256", "448 divided by 32". They are working like "+", "−", "×", "/", and
 * checked the same way ("times" between two figures is read with "x" and "by", above).
 */
const SPELT_OPERATORS: Readonly<Record<string, string>> = { plus: '+', minus: '-' };
const SPELT_BY_OPERATORS: Readonly<Record<string, string>> = { multiplied: '*', divided: '/' };

/**
 * The figures and arithmetic of one statement, each run of them a chunk ("6 MB + 3 MB = 9 MB");
 * undefined when the statement cannot be read without guessing: a malformed number ("1,23,456"),
 * or working left unfinished ("2,800 + lots").
 * @internal Exported for tests only.
 */
export function chunksOf(statement: string): string[] | undefined {
  const tokens = proseTokens(statement);
  if (tokens === undefined) return undefined;
  const chunks: string[][] = [];
  let current: string[] = [];
  // Whether the last kept token ends a value (a number, its unit, a closing bracket), where an
  // operator may follow; false after an operator or with nothing kept yet.
  let afterValue = false;
  // Whether a number (or an opening bracket) comes from `from` on before any other operator or
  // an "x": words and marks between are skipped ("+ params 3.6 MB").
  const numberFollows = (from: number): boolean => {
    for (let j = from; j < tokens.length; j++) {
      const t = tokens[j]!;
      if (t.kind === 'number') return true;
      if (t.kind === 'op') return t.text === '(';
      // (Only a word can read "x": numbers are digits, gaps are marks.)
      if (t.text.toLowerCase() === 'x') return false;
    }
    return false;
  };
  // Whether the words from `from` on label the term before them: an operator and a number follow
  // them ("+ 0.72 MB"), or an "=" follows them inside a sum or difference already begun.
  // A spelt operator at `at` with a number after it ("plus 64", "divided by 32"): the operator and
  // the index of its last word.
  const speltOperator = (at: number): { op: string; last: number } | undefined => {
    const key = tokens[at]?.kind === 'word' ? tokens[at]!.text.toLowerCase() : '';
    const op = SPELT_OPERATORS[key];
    if (op !== undefined) return numberFollows(at + 1) ? { op, last: at } : undefined;
    const byOp = SPELT_BY_OPERATORS[key];
    const by = tokens[at + 1]?.kind === 'word' && tokens[at + 1]!.text.toLowerCase() === 'by';
    return byOp !== undefined && by && numberFollows(at + 2) ? { op: byOp, last: at + 1 } : undefined;
  };
  const labelsTerm = (from: number): boolean => {
    let j = from;
    while (tokens[j]?.kind === 'word') {
      // Words before a spelt operator label the term before it ("9 MB for the layers plus 3.6 MB"),
      // and so do words before a product spelt "x" or "times" ("903,400 parameters x 4 bytes = 3.6
      // MB" is the working of 3.6 MB, as "903,400 x 4 bytes = 3.6 MB" is).
      if (speltOperator(j) !== undefined) return true;
      const word = tokens[j]!.text.toLowerCase();
      if ((word === 'x' || word === 'times') && tokens[j + 1]?.kind === 'number') return j > from;
      j++;
    }
    if (!numberFollows(j + 1)) return false;
    // A number follows, so a token is there; only an operator's text is one of these (numbers are
    // digits, gaps other marks).
    const after = tokens[j]!.text;
    if (['+', '-', '*', '/', '×', '·', '⋅', '∙', '÷'].includes(after)) return true;
    return after === '=' && current.some((t) => ['+', '-', '*', '/'].includes(t));
  };
  // An empty chunk is dropped with the others that state no digit, below.
  const close = () => {
    chunks.push(current);
    current = [];
    afterValue = false;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    if (token.kind === 'number') {
      if (afterValue) close();
      current.push(token.text);
      afterValue = true;
    } else if (token.kind === 'word') {
      const key = token.text.toLowerCase();
      const between = afterValue && next?.kind === 'number';
      const spelt = afterValue ? speltOperator(i) : undefined;
      if (between && ['x', 'by', 'times'].includes(key)) {
        current.push(key === 'times' ? '*' : 'x');
        afterValue = false;
      } else if (spelt !== undefined) {
        current.push(spelt.op);
        afterValue = false;
        i = spelt.last;
      } else if (afterValue && isUnitWord(token.text)) {
        current.push(token.text);
      } else if (key === 'x' && next?.kind === 'number') {
        close();
        current.push('x');
        afterValue = false;
      } else if (afterValue && !labelsTerm(i)) close();
      // Any other word is a label: after an operator it names the next term ("+ params 3.6 MB"),
      // and words naming a term inside a sum ("10.52 MB of activations + 0.72 MB input = 11.24
      // MB") let the arithmetic run on across them.
    } else if (token.kind === 'op') {
      if (token.text === '(') {
        if (afterValue) close();
        current.push('(');
        afterValue = false;
      } else if (token.text === ')') {
        current.push(')');
        afterValue = true;
      } else if (afterValue && numberFollows(i + 1)) {
        current.push(token.text);
        afterValue = false;
      } else if (afterValue && token.text !== '=' && token.text !== '-') {
        // ("-" after a number with no number next is a hyphen: "32-fold", "a 3-layer net".)
        return undefined;
      } else if (token.text === '-' && next?.kind === 'number') {
        // A sign, first or after "(": "-5" and "(-3 + 5)" stay negative, for the strict reader to
        // refuse. (After a figure, with a number next, it was taken as an operator above.)
        current.push('-');
        afterValue = false;
      } else if (afterValue) close();
    } else if (afterValue) close();
  }
  close();
  return chunks
    .map((chunk) => chunk.join(' ').replace(/\s*([()])\s*/g, '$1'))
    .filter((chunk) => /\d/.test(chunk));
}

/**
 * Splits a prose answer into statements; the last one that states a figure is the answer. "≈",
 * "~=" and "~" between figures mean "=" as an arrow does (the working leads to the figure). A
 * statement that opens with an operator ("x50 = 562 MB", "+ 3.6 MB weights ≈ 565.6 MB") carries on
 * from the figure the statement before it arrived at, as a running total is written: it is read
 * with that figure in front ("11.24 MB x50 = 562 MB"), so its arithmetic is checked too.
 */
function statementsOf(text: string, unit?: QuantityUnit): string[] {
  const statements = asProgressions(text)
    // ", plus 64 = 16,448": a running total carried on, as "; + 64 = 16,448" is.
    .replace(/,\s*(?:and\s+)?(?:plus|add|adding)\s+(?=\d)/gi, '; + ')
    // ", + 3.6 MB = 565.6 MB", ", x 50 = 526 MB": an operator after a comma carries on the same way.
    .replace(/,\s*(?=[+*×]\s*\d)/g, '; ')
    // "6 + 3 = 9, 9 + 3.6 = 12.6 MB": a comma before working that starts from the figure just
    // reached is the next step of a running total, a new statement.
    .replace(/(=\s*(\d+(?:[.,]\d+)*)(?:\s*[a-zA-Z]+)?)\s*,\s+(?=\2\s*(?:[a-zA-Z]+\s*)?[-+*/×]\s*\d)/g, '$1; ')
    // "layer1 2800, layer2 180200, layer3 720400 -> total 903400": an arrow (or "=") that leads from
    // a figure ending a list (no operator before it) to "total" (the sum, overall) is the list's total,
    // not the figure before it set equal to it: it ends the statement (no "720400 = 903400" slip).
    .replace(TOTAL_AFTER_LIST, '$1; ')
    // "and with 3.6 MB of weights it's 12.6 MB": what a figure added by "with", "adding", "plus"
    // or "including" makes is the result of the working ("it's", "that's", "you get", "comes to",
    // "the total is"), as "=" would say; not a second answer beside the figure added.
    .replace(RESULT_OF_ADDED, '$1 = ')
    .replace(/\s*(?:->|→|=>|⇒|⟹|≈|≃|~=|=~)\s*/g, ' = ')
    .replace(/(?<=[\da-zA-Z%)])\s+~\s*(?=\d)/g, ' = ')
    // "25.6M, or 25.5M… no, 25.6M": a pause (an ellipsis) before a correction ends the statement,
    // as a comma before it does; what the correction states is the answer.
    .replace(
      /\s*(?:\.{2,}|…)\s*(?=(?:no|nope|wait|actually|sorry|i mean|or rather|oops|scratch that)\b)/gi,
      '; ',
    )
    // (", or 32?", ", maybe 32": another candidate in the same statement, never a new one.)
    // "16 or 32? I'd say 32": a question ends its statement when what follows is no question and
    // offers no other candidate ("? Or 16?"): the figure chosen after it is the answer (issue 18).
    // Two candidates with none chosen ("16 or 32?", "16? 32?") stay in one statement, refused.
    .split(
      /[;\n]+|\b(?:(?:so|then|thus|hence|therefore)\b|i\.e\.)|,\s+(?=[a-zA-Z])(?!(?:or|maybe|perhaps)\s+(?:[a-zA-Z]+\s+)?[~≈]?\d)|\.\s+(?=[A-Z])|:\s+|\?\s+(?![Oo]r\b|[Mm]aybe\b|[Pp]erhaps\b)(?=[^?]*$)/,
    )
    .map((s) => s.trim())
    .filter((s) => /\d/.test(s));
  return statements.map((written, i) => {
    const previous = statements[i - 1];
    // "then added the 700 biases", "adding the 64 biases gives 16,448": a statement that opens by
    // adding a figure carries on from the figure before it, as "+ 700" does (issue 18).
    const added = written.replace(ADDED, '+ ');
    // (With no figure before it to carry on from, the statement is read as written.)
    const statement = previous === undefined ? written : added;
    if (previous === undefined || !/^(?:[+*/×·]|[x×]\s*\d)/i.test(statement)) return statement;
    // For a factor, "x32" alone is how the factor is written ("first x16, so x32"), no running product.
    if (unit === 'ratio' && /^[x×]\s*\d+$/i.test(statement)) return statement;
    // The figure it arrived at: after its last "=", or the statement itself when it has none
    // ("11.24 MB per image"); carried only when that part states one number, with its unit.
    const arrivedAt = previous.slice(previous.lastIndexOf('=') + 1);
    // (A figure grouped by spaces, "782 946", is one figure.)
    // (One scan: the first figure, and whether there is another.)
    const figures = [...arrivedAt.matchAll(STATEMENT_FIGURES)];
    const figure = figures[0];
    if (figure === undefined || figures.length > 1) return written;
    const unitWord = isUnitWord(figure[2]!) ? ` ${figure[2]}` : '';
    return `${figure[1]}${unitWord} ${statement}`;
  });
}

/**
 * A figure named as a former attempt: "I first got 902,700", "I initially said 16", "my first guess
 * was 16,384", "I had 16,384 before", "I got 14 at first" (one of the three groups is the figure).
 */
const FORMER_ATTEMPT = new RegExp(
  [
    String.raw`\b(?:(?:i|we)\s+)?(?:first|initially|originally|previously|earlier|at\s+first)\s+(?:got|had|said|wrote|thought|put|answered|guessed|computed|calculated|counted|came\s+up\s+with|went\s+with)\s+(?:it\s+(?:was|as)\s+)?(?:(?:the|a|an)\s+)?~?(\d[\d,.]*)`,
    String.raw`\bmy\s+(?:first|initial|original|earlier|previous|old)\s+(?:guess|try|attempt|answer|figure|result|thought|idea|count)\s+(?:was\s+|is\s+|:\s*)?~?(\d[\d,.]*)`,
    String.raw`\b(?:i|we)\s+(?:got|had|said|wrote|thought|put)\s+~?(\d[\d,.]*)(?=(?:\s*[a-zA-Z]+)?\s+(?:at\s+first|initially|originally|before|first|earlier)\b)`,
  ].join('|'),
  'gi',
);

/**
 * A figure, with its unit, said to be by a convention that no quiz part counts by: every count
 * has its biases (Keras and PyTorch layers have them by default) and memory neglects gradients.
 * Not one that working arrives at ("= 2,700 without biases"), nor one offered with "or" (a second
 * candidate, as "16,448 (or 16,384 without the bias)" is).
 */
const OTHER_CONVENTION =
  /(?<![\d.,]|[=+*/×-]\s*|\b(?:or|maybe|perhaps)\s+)~?\d[\d,.]*(?:\s*[a-zA-Z]+)?(?=\s*\(?\s*(?:(?:without|w\/o|excluding|ignoring|not\s+counting|leaving\s+out|minus)\s+(?:the\s+|any\s+)?bias(?:es)?\b|without\s*(?:[.,;)!]|$)|(?:with|including|counting)\s+(?:the\s+)?gradients?\b|if\s+(?:you\s+)?(?:don'?t|do\s+not)\s+count\s+(?:the\s+)?bias(?:es)?\b|(?:in|per|by|for|from)\s+(?:tf\.)?keras\b|\(\s*(?:tf\.)?keras\b))/gi;

/**
 * The same convention said before the figure ("with gradients it would be 1.13 GB", "without the
 * biases it's 902,700"; group 1 is the figure); not in a statement that offers it with "or" ("—
 * or do you want it without the biases, 902,700?" offers a second candidate).
 */
const UNDER_OTHER_CONVENTION =
  /(?<!\b(?:or|maybe|perhaps)\b[^.;]*)\b(?:(?:with|including|counting)\s+(?:the\s+)?gradients?|(?:without|excluding|ignoring|not\s+counting)\s+(?:the\s+)?bias(?:es)?)\b[^.;\d]{0,30}?~?(\d[\d,.]*)/gi;

/**
 * A figure said to be Keras's ("Keras 25,636,712", "Keras reports 25,583,592 trainable"): no
 * question's key is counted the Keras way (question 6 names torchvision), so beside another
 * figure it is a remark on that reference; alone it is graded as Keras's convention (group 1 is
 * the figure).
 */
const BY_KERAS =
  /\b(?:tf\.)?keras(?:'s?)?\s*(?:(?:says|reports|counts|gives|shows|has|lists)\s+)?(?:(?:total|trainable)\s*(?:params|parameters)?\s*:?\s*)?:?\s*~?(\d[\d,.]*(?:\s*[a-zA-Z]+)?)/gi;

/** A statement that opens by adding a figure: "then I added the 700 biases", "adding 64", "plus the 64 biases". */
const ADDED =
  /^(?:(?:and|then)\s+)?(?:(?:i|we|you)\s+)?(?:add|added|adding|plus)\s+(?:(?:back\s+)?(?:the|a|an|its|their|all|those|these|another)\s+)?(?=\d|\()/i;

/**
 * A figure that ends a list (no operator, "plus"/"minus"/"times" or figure before it), perhaps its unit, then an arrow or "="
 * and the word "total" ("the sum", "overall", "altogether", "in total"): see `statementsOf`.
 */
/**
 * A figure added by "with", "adding", "plus", "including" or "counting", a few words naming it, and a
 * phrase that gives what it makes ("it's", "that's", "you get", "comes to", "the total is") before
 * the next figure; group 1 is all before that phrase.
 */
const RESULT_OF_ADDED =
  /(\b(?:with|adding|plus|including|counting)\s+(?:the\s+|another\s+)?~?\d[\d,.]*\s*[a-zA-Z]*(?:\s+[a-zA-Z'’]+){0,4}?)\s*,?\s*(?:it['’]?s|it\s+is|that['’]?s|that\s+is|this\s+is|you\s+get|we\s+get|(?:it|that|this)\s+(?:comes|adds\s+up)\s+to|comes\s+to|the\s+total\s+is|in\s+total)\s+(?=(?:about\s+|roughly\s+|~\s*)?\d)/gi;
const TOTAL_AFTER_LIST =
  /(?<![\d.,])(?<![-+*/×^=]\s*)(?<!\b(?:plus|minus|times)\s+)(?<!\d\s*[x×]\s*)(\d(?:[\d,.]*\d)?(?:\s*[a-zA-Z]+)?)\s*(?:->|→|=>|⇒|⟹|=)\s*(?=(?:the\s+|a\s+|in\s+)?(?:total|sum|overall|altogether)\b)/gi;
/** An arrow between two figures ("->", "→", "=>"). */
const ARROW = String.raw`\s*(?:->|→|=>|⇒|⟹)\s*`;
/** A bare figure, with at most a word after it ("224", "112 px", "7x"): no operator, no grid. */
const BARE_FIGURE = String.raw`\d[\d,.]*(?:\s?[a-zA-Z]+)?`;
/**
 * Three or more bare figures joined by arrows, not part of an operation on either side ("224 → 112
 * → 56 → 28 → 14 → 7", "2 -> 4 -> 8 -> 16 -> 32").
 */
const PROGRESSION = new RegExp(
  String.raw`(?<![\d.,^*/×+=-]\s*)${BARE_FIGURE}(?:${ARROW}${BARE_FIGURE}){2,}(?!\s*(?:[-+*/×^(=]|->|→|=>))`,
  'g',
);

/** Two arrows, anywhere. */
const TWO_ARROWS = /(?:->|→|=>|⇒|⟹)[\s\S]*(?:->|→|=>|⇒|⟹)/;
/** A text that ends with a progression. */
const ENDS_IN_PROGRESSION = new RegExp(String.raw`(?:${PROGRESSION.source})\s*$`);

/**
 * A progression (issue 18): three or more bare figures joined by arrows say how a size goes from
 * step to step ("224 → 112 → 56 → 28 → 14 → 7": halved five times), each arrow "becomes", not
 * "equals"; no figure of it is set equal to the next, so none is a slip. The figures are read as
 * statements one after another: the last is where the progression ends. (Two figures joined by one
 * arrow, "14 → 8" or "224 → 7", keep their reading as a step and what it leads to.)
 */
function asProgressions(text: string): string {
  // (Most answers have fewer than two arrows: nothing to look for.)
  if (!TWO_ARROWS.test(text)) return text;
  return text.replace(PROGRESSION, (chain) => chain.replace(new RegExp(ARROW, 'g'), '; '));
}

/**
 * "3.125%" or "3.125 percent" of the input's side, for a ratio: the factor is its reciprocal, the
 * whole number n whose 100 / n is the share written, at the precision written (3.125% → 32; "3.1%"
 * → 32, since 100/31 and 100/33 round to 3.2 and 3.0). A share that fits no whole number, or more
 * than one ("3%", "1%"), is left as written, and graded as the figure it is.
 *
 * The whole numbers that fit are worked out as a range, never counted one by one: "1%" fits every
 * n from 67 to 200, and "0.00000000002%" some 10^12 of them, which a loop would walk for minutes
 * while the bot waited.
 */
function sharesAsFactors(text: string): string {
  return text.replace(
    /(\d+(?:\.(\d+))?)\s*(?:%|per\s*cent\b)/gi,
    (whole, share: string, decimals?: string) => {
      const p = Number(share);
      if (!(p > 0 && p < 100)) return whole;
      const step = 10 ** -(decimals?.length ?? 0);
      const written = Math.round(p / step);
      const fits = (n: number) => Math.round(100 / n / step + 1e-9) === written;
      // 100 / n rounds to the share written for n in (100 / (share + step/2), 100 / (share - step/2)].
      const low = Math.max(2, Math.floor(100 / ((written + 0.5) * step)));
      const high = Math.ceil(100 / ((written - 0.5) * step));
      // More than three whole numbers in the range: at least two of them fit, so it is ambiguous.
      if (!(high - low <= 3)) return whole;
      const found: number[] = [];
      for (let n = low; n <= high; n++) if (fits(n)) found.push(n);
      return found.length === 1 ? `${found[0]}x` : whole;
    },
  );
}

/** Words that correct what was said before them ("…; actually 32", "…, no wait, 32"): a reason they follow is not the end. */
const REASON_CORRECTED =
  /\b(?:actually|no wait|nope|wait|sorry|oops|correction|scratch that|make that|i mean)\b/i;

/**
 * "8. Because 448/32 = 14 and a 7x7 valid conv gives 14-7+1.": a reason given after the answer, to
 * the end of the answer, is an aside (issue 18): its arithmetic is checked as working, it never is
 * the answer. Not when the reason goes on to a conclusion or a correction ("since …, so 32",
 * "because …. Actually 14", "because …; no wait, 32"): what follows those is read as written.
 */
function reasonAsAside(text: string): string {
  // (Most answers give no reason: nothing to look for.)
  if (!/\b(?:because|since)\b/i.test(text)) return text;
  const reason = /^([^()]*\d[^()]*?)(?:[.,;:]\s*|\s+)(because|since)\b([^()]*)$/i.exec(text);
  if (
    reason === null ||
    /[.!?]\s+\S|\b(?:so|then|thus|hence|therefore)\b/i.test(reason[3]!) ||
    REASON_CORRECTED.test(reason[3]!)
  )
    return text;
  return `${reason[1]} (${reason[2]}${reason[3]})`;
}

/** The most halvings a network's count can be: 2^10 = 1024 is past any input side in these questions. */
const MAX_HALVINGS = 10;

/**
 * For a factor (issue 18): "halves the resolution five times", "5 halvings" is the factor 2^5 = 32,
 * as a teacher reads it. Not a count past MAX_HALVINGS, nor one followed by a comparative: "halves
 * the map, so 32 times smaller" says the factor itself.
 */
function halvingsAsFactors(text: string): string {
  const halvings = (whole: string, n: string, said = '') =>
    Number(n) >= 1 && Number(n) <= MAX_HALVINGS ? `${said}${2 ** Number(n)}x` : whole;
  return text
    .replace(
      /\b(halv(?:e|es|ed|ing)\b[^.;:\d]{0,40}?)\b(\d{1,2})\s+times\b(?!\s+(?:smaller|fewer|less|lower|bigger|larger|more|greater|coarser|finer)\b)/gi,
      (whole, said: string, n: string) => halvings(whole, n, said),
    )
    .replace(/\b(\d{1,2})\s+halvings\b/gi, (whole, n: string) => halvings(whole, n));
}

/**
 * For a factor (issue 18): two square sizes joined by an arrow ("224x224 -> 7x7", "from 224×224 to
 * 7×7") are the input and the output map, their sides' quotient the factor: read as "224/7", so
 * the factor stated beside them is checked against it, not against 224 × 224 = 50,176.
 */
function squaresAsQuotients(text: string): string {
  return text.replace(
    /(?:\bfrom\s+)?\b(\d+)\s*[x×]\s*\1\b\s*(?:->|→|=>|\bto\b)\s*(\d+)\s*[x×]\s*\2\b/gi,
    '$1/$2',
  );
}

/** Words that say a figure counts positions over the whole map (an area), not along one side. */
const AREA_WORDS = /\b(?:positions?|pixels?|locations?|cells?|area|overall|in total|total)\b/i;

/**
 * Whether a statement is an example of a factor: exactly two sizes (numbers, "7x7" read as its side
 * 7, "px" allowed), one the factor times the other, said as an example: in words ("so a 224 image
 * becomes 7x7", "from 224 down to 7", "224 px shrink to 7 px"), or `led` by what introduces one ("i.e.
 * 224 -> 7", "32: 224 -> 7"). A bare "128 -> 8" is a step of its own; a non-square grid ("7x5") or a
 * third size is no example. (One rule for every form, stop 33: four patterns did this before.)
 */
function illustratesFactor(statement: string, factor: number, led = false): boolean {
  if (!led && !/[a-zA-Z]{2,}/.test(statement.replace(/\b(?:px|pixels?)\b/gi, ''))) return false;
  const sizes: number[] = [];
  // (A number glued to a word names it: "ResNet-50", "conv5" are no sizes; "7x7" is one.)
  const unnamed = statement.replace(/\b[a-wyz][a-z]*-?\d+/gi, ' ');
  for (const match of unnamed.matchAll(/(\d+(?:\.\d+)?)(?:\s*[x×*]\s*(\d+(?:\.\d+)?))?/g)) {
    if (match[2] !== undefined && match[2] !== match[1]) return false;
    sizes.push(Number(match[1]));
  }
  if (sizes.length !== 2 || factor <= 1) return false;
  const [small, large] = [Math.min(...sizes), Math.max(...sizes)];
  return small > 0 && large === small * factor;
}

/** A RegExp alternation of literal words, longest first (so "approx." wins over "approx"). */
const anyOf = (words: readonly string[]): string =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'))
    .join('|');

/** Words that round the figure after them ("about 3.6 MB", "~100 MB"). */
const ROUNDING_WORDS = ['~', '≈', 'about', 'around', 'roughly', 'approx', 'approx.', 'approximately'];

/** The precisions a count is stored at ("at 32 bits", "in fp32"), said between "which" and "is". */
const STORED_AT = [
  '32[- ]?bits?',
  '4[- ]?bytes?(?:\\s+(?:each|apiece))?',
  'float32',
  'fp32',
  'f32',
  'single[- ]precision',
].join('|');

/**
 * The words that lead from a figure to the same thing said again in another unit ("903,400 params,
 * which at 32 bits is 3.6 MB", "12.6 MB, that's 3.15M floats", "…, i.e. 3.6 MB"): one list for
 * both directions below.
 */
const RESTATEMENT_LEAD = `(?:(?:which|that)\\s+(?:(?:at|in|with|using)\\s+(?:${STORED_AT})\\s+)?is|that['’]?s|i\\.?e\\.?|so)`;

/**
 * A restated figure in the given unit, with the words that lead to it and round it; not one that
 * working goes on from or arrives at ("903,400 × 4 bytes = 3.6 MB", "903,400 times 4 bytes is 3.6
 * MB", "3.15M floats x 4 bytes = 12.6 MB" answer with the product).
 */
const restatedFigure = (unit: string): RegExp =>
  new RegExp(
    `(?<![-+*/×x=→>]\\s*)(?<!\\b(?:times|by)\\s*)\\s*(?:${RESTATEMENT_LEAD}\\s*)?(?:${anyOf(ROUNDING_WORDS)})?\\s*(?<![\\d.,])\\d[\\d.,]*\\s*${unit}\\b(?!\\s*(?:[-+*/×x·=]|times|at)\\s*\\d)`,
    'gi',
  );

/** A figure in a unit of memory ("~100 MB", "which is 102MB", "which at 32 bits is 3.6 MB"). */
const MEMORY_FIGURE = restatedFigure('(?:[kmgt]i?b|bytes?|kilobytes?|megabytes?|gigabytes?|megs?|gigs?)');

/**
 * For memory, the mirror: a count of the values held ("that's 3.15 million floats", "(3.15M
 * values)") beside the figure in bytes is what those bytes hold.
 */
const VALUES_FIGURE = restatedFigure(
  '(?:k|m|million|thousand|billion)?\\s+(?:floats?|values?|numbers?|activations?)',
);

/**
 * For a count, a figure in a unit of memory after a count ("25.6M params, ~100 MB in float32",
 * "903,400 params = 3.6 MB") is what that count takes in memory, a remark beside the answer: it is
 * left out. Alone ("3.6 MB") or first ("3.6 MB, since there are 903,400 parameters") it is the
 * answer, and is refused as a unit of memory for a count.
 */
function withoutMemoryOfCount(text: string, unit: QuantityUnit): string {
  const beside = unit === 'count' ? MEMORY_FIGURE : unit === 'bytes' ? VALUES_FIGURE : undefined;
  if (beside === undefined) return text;
  // Only after a figure of the kind asked for: "3.6 MB, since there are 903,400 parameters" gives
  // the memory as its answer (a wrong unit for a count), with the count as its reason.
  const first = text.search(beside);
  if (first < 0 || !/\d/.test(text.slice(0, first))) return text;
  const left = text.replace(beside, ' ');
  return /\d/.test(left) ? left : text;
}

/** Words that say a figure counts a grid's cells (its area), not its side. */
const CELL_WORDS =
  /\b(?:positions?|locations?|cells?|windows?|predictions?|boxes|outputs|area|overall|in (?:total|all)|total)\b/i;

/** Whether two readings are the same figure at the precision either was written to. */
function sameFigure(a: ParsedQuantity, b: ParsedQuantity): boolean {
  return Math.abs(a.value - b.value) <= (Math.max(a.precision, b.precision) / 2) * (1 + 1e-9);
}

/**
 * Reads a prose answer as its final stated figure (see above), or undefined when it states none
 * that `parseStated` can read. Throws when the final statement states two different figures.
 */
function readAsTeacher(text: string, raw: string, unit: QuantityUnit): ParsedQuantity | undefined {
  if (text.length > MAX_ANSWER_PROSE) return undefined;
  let spelled = withHalves(spelledNumbers(withoutMemoryOfCount(text, unit)))
    .replace(/(\d)\s*-?\s*fold\b/gi, '$1x')
    // "16,384 (+64 biases = 16,448)": a bracket that opens with an operator carries the figure
    // before it on, a running total, not an aside.
    .replace(/(\d[a-zA-Z ]*?)\s*\(\s*([+×*]\s*\d[^()]*)\)/g, '$1 $2');
  spelled = reasonAsAside(spelled);
  if (unit === 'ratio') spelled = squaresAsQuotients(halvingsAsFactors(sharesAsFactors(spelled)));
  const split = splitAsides(spelled);
  const asides = [...split.asides];
  // "8 cells, each looking at a 224-pixel window, 32 pixels apart": what follows ", each" after a
  // figure, to the end of the sentence, describes each of the things counted; it is an aside, its
  // figures no answer.
  const main = split.main.replace(/(?<=\d[^\d,.;:]{0,24}),\s*each\b[^.;\n]*/gi, (remark) => {
    asides.push(remark.replace(/^,\s*/, ''));
    return ' ';
  });
  // Each statement's figures; one that cannot be read is left unchecked unless it is the last.
  const statements = statementsOf(explainedLast(main, unit), unit);
  const read = statements.map(chunksOf);
  // "32, I initially said 16", "16,448; I had 16,384 before adding the biases", "my first guess was
  // 16,384 but it is 16,448": a figure the learner names as a former attempt is one they rejected,
  // never the answer (issue 18); when another figure is stated, it is left out of the last statement.
  const lastStatement = statements.at(-1) ?? '';
  // The same for a figure said to be by a convention no quiz part counts by ("903,400, 902,700
  // without the biases", "565.6 MB, 1.13 GB with the gradients"): a remark on the other
  // convention beside the answer, not a second answer. (Alone, such a figure is the answer.)
  // (Only a statement with one of their words can name either: most answers are not searched.)
  const withoutFormer =
    /first|initial|original|previous|earlier|before|old|bias|gradient|keras|tensorflow/i.test(lastStatement)
      ? lastStatement
          .replace(FORMER_ATTEMPT, (attempt, first?: string, second?: string, third?: string) =>
            attempt.replace((first ?? second ?? third)!, ''),
          )
          .replace(OTHER_CONVENTION, '')
          .replace(BY_KERAS, (said, figure: string) => said.replace(figure, ''))
          .replace(UNDER_OTHER_CONVENTION, (said, figure: string) => said.replace(figure, ''))
      : lastStatement;
  if (
    withoutFormer !== lastStatement &&
    (/\d/.test(withoutFormer) || read.slice(0, -1).some((chunks) => (chunks?.length ?? 0) > 0))
  ) {
    statements[statements.length - 1] = withoutFormer;
    read[read.length - 1] = chunksOf(withoutFormer);
  }
  while (read.at(-1)?.length === 0) {
    read.pop();
    statements.pop();
  }
  // Working left unfinished after the answer ("565.6 MB, ~10.5 MB per image x 50 + inputs +
  // params") says how it was reached in words: the answer before it stands, the words unchecked.
  if (read.length > 1 && read.at(-1) === undefined && read.slice(0, -1).some((c) => (c?.length ?? 0) > 0)) {
    read.pop();
    statements.pop();
  }
  // A ratio is a factor per side: a last figure counting positions ("so 1024 times fewer pixels")
  // that is the square of the figure before it ("32 on each side") is that figure's area, a
  // consequence stated beside the answer, not another answer.
  // The same for a grid's side (issue 18): "14 − 7 + 1 = 8 per side, 64 windows in all" counts the
  // grid's cells beside its side; the side is the answer.
  if (unit === 'ratio' || unit === 'pixels') {
    // A statement's one figure (chunks are joined with one space: "32 x"), NaN when it has another
    // number or none (or there is no such statement): NaN squared is no area. Working that arrives
    // at a figure ("14 - 7 + 1 = 8") states the figure it arrives at.
    const single = (chunks: string[] | undefined) => {
      const arrived = chunks?.length === 1 ? chunks[0]!.slice(chunks[0]!.lastIndexOf('=') + 1).trim() : '';
      const figure = /^(\d+(?:\.\d+)?)(?: x| times)?$/i.exec(arrived);
      return figure === null ? Number.NaN : Number(figure[1]);
    };
    const side = single(read.at(-2));
    const area = unit === 'ratio' ? AREA_WORDS : CELL_WORDS;
    if (side * side === single(read.at(-1)) && area.test(statements.at(-1)!)) {
      read.pop();
      statements.pop();
    }
    // The same within the last statement ("14 − 7 + 1 = 8 per side, 64 windows in all"): the cells
    // and what follows them are cut off, the side before them stands.
    const chunks = read.at(-1) ?? [];
    const cells = chunks.length >= 2 ? single(chunks.slice(-1)) : Number.NaN;
    const last = statements.at(-1) ?? '';
    const at = last.lastIndexOf(/^[\d.,]+/.exec(chunks.at(-1) ?? '')?.[0] ?? '\u0000');
    if (single(chunks.slice(-2, -1)) ** 2 === cells && at > 0 && area.test(last.slice(at))) {
      read[read.length - 1] = chunks.slice(0, -1);
      statements[statements.length - 1] = last.slice(0, at);
    } else if (chunks.length === 2 && single(chunks.slice(1)) ** 2 === single(chunks.slice(0, 1))) {
      // The cells first, then the side ("64 cells, 8 a side"): the cells and their words go (the
      // statement is read again from the side on, below, as a figure after two figures is).
      const side = last.lastIndexOf(/^[\d.,]+/.exec(chunks[1]!)?.[0] ?? '\u0000');
      if (side > 0 && area.test(last.slice(0, side))) statements[statements.length - 1] = last.slice(side);
    }
  }
  // A last statement that restates the figure before it, as coarsely or more ("12.6 MB, i.e. about
  // 12 MiB"), counts the cells of the grid before it ("8x8, i.e. 64 windows"), or gives a count of
  // zero for the other side of a comparison ("the conv adds 16,448, max pooling adds 0": 16,448 − 0
  // more), is a remark on that figure, not another answer: the figure before it stands.
  const one = (chunks: string[] | undefined) =>
    chunks?.length === 1 ? statedOrNone(chunks[0]!, raw, unit) : undefined;
  const [before, after] = [one(read.at(-2)), one(read.at(-1))];
  // "32; a 224 image becomes 7x7", "it's 32, so a 448 input gives 14", "32x, i.e. 224 → 7", "32,
  // the final map is 2x2 for a 64 input": for a factor, a last statement naming two sizes the factor
  // apart, in words or led by "i.e.", "e.g.", "since", "because", is an example of the factor stated
  // before it, not another answer. (A size does not become another by an equation: "32, i.e. 224 =
  // 7" is such an example too.)
  if (unit === 'ratio' && before !== undefined) {
    // (Led: the answer ends with such a word and the sizes after it, nothing else in words.)
    const led = /(?:\bi\.?e\.?|\be\.?g\.?|\bsince|\bbecause)(?:[^a-zA-Z]|\bpx\b|\bpixels?\b)*$/i.test(main);
    if (illustratesFactor(statements.at(-1) ?? '', before.value, led)) {
      read.pop();
      statements.pop();
    }
  }
  if (
    before !== undefined &&
    after !== undefined &&
    // (Not when the last statement is working that goes on from it: "14,115 x 64 = 903,360; + 40 =
    // 903,400" arrives at 903,400, which only rounds like 903,360 because its zeros are ambiguous.)
    ((after.precision >= before.precision && sameFigure(before, after) && after.working === undefined) ||
      (before.writtenUnit === 'grid' && after.value === before.value * before.value) ||
      (unit === 'count' && after.value === 0 && before.value > 0))
  ) {
    read.pop();
    statements.pop();
  }
  // "903,400. The weights are 902,700 and the biases 700": figures after the answer that add up to
  // it are its parts, a breakdown beside it, not other answers: the answer before them stands.
  const parts = read.at(-1);
  const whole = read.length > 1 ? one(read.at(-2)) : undefined;
  if (
    whole !== undefined &&
    parts !== undefined &&
    parts.length > 1 &&
    parts.every((chunk) => !/[-+*/=^]| x \d/.test(chunk))
  ) {
    const sum = statedOrNone(parts.join(' + '), raw, unit);
    if (sum !== undefined && sameFigure(sum, whole)) {
      read.pop();
      statements.pop();
    }
  }
  const aside = asides.flatMap((a) => statementsOf(a).flatMap((s) => chunksOf(s) ?? []));
  const earlier = read.slice(0, -1).flatMap((chunks) => chunks ?? []);
  let final = read.at(-1);
  if (final === undefined) return undefined;
  if (unit === 'ratio') final = final.map((chunk) => chunk.replace(/^1 \/ (\d+)$/, '$1x'));
  const figures = final.filter((chunk) => !/[-+*/=^]| x \d/.test(chunk) || /^\d+ x \d+$/.test(chunk));
  const workings = final.filter((chunk) => !figures.includes(chunk));
  const readings = figures.map((figure) => statedOrNone(figure, raw, unit));
  if (readings.some((r) => r === undefined)) return undefined;
  // "16,448 vs 0", "the conv 16,448 while pooling has 0": a count of zero set against another is the
  // other side of the comparison (16,448 − 0 more), not a second answer.
  if (unit === 'count' && COMPARING.test(statements.at(-1)!) && readings.some((r) => r!.value > 0))
    for (let i = readings.length - 1; i >= 0; i--)
      if (readings[i]!.value === 0) {
        readings.splice(i, 1);
        figures.splice(i, 1);
      }
  // A square grid beside its number of cells ("8x8 grid, 64 predictions"): N² is the grid's
  // area, a consequence stated beside it; the grid (its side) is the answer.
  const gridAt = unit === 'pixels' ? readings.findIndex((r) => r!.writtenUnit === 'grid') : -1;
  const side = readings[gridAt];
  if (
    side !== undefined &&
    readings.every((r) => sameFigure(r!, side) || r!.value === side.value * side.value)
  ) {
    readings.splice(0, readings.length, side);
    figures.splice(0, figures.length, figures[gridAt]!);
  }
  // (With no figure there is no answer, and no other figure either: `find` reads nothing.)
  const answer = readings[readings.length - 1]!;
  const other = readings.find((r) => !sameFigure(r!, answer));
  if (other !== undefined) {
    // Figures on both sides of an "=" or an arrow ("14x14 map, 7x7 kernel -> 8x8"): the figure the
    // arrow leads to is the result, those before it are what it was worked from (read as working).
    // With no "=", the tail is the whole statement, as many chunks as `final`: nothing to re-read.
    const finalText = statements.at(-1)!;
    // The working the arrow leads to, set equal to its figure ("16,384 weights, 64 biases ->
    // 16,384 + 64 = 16,500"), is the last step: it stays whole, so its sum is checked against
    // that figure; the figures before it are what it was worked from.
    const lastChunk = final.at(-1)!;
    if (lastChunk.includes('=') && /[-+*/^]| x \d/.test(lastChunk))
      return readAsTeacher(
        [...asides, ...statements.slice(0, -1), ...final.slice(0, -1), lastChunk].join('; '),
        raw,
        unit,
      );
    const arrow = finalText.lastIndexOf('=');
    const tail = chunksOf(finalText.slice(arrow + 1));
    const head = chunksOf(finalText.slice(0, arrow)) ?? [];
    if (tail !== undefined && tail.length > 0 && tail.length < final.length)
      return readAsTeacher(
        [...asides, ...statements.slice(0, -1), ...head, tail.join(' ')].join('; '),
        raw,
        unit,
      );
    throw new QuizError(
      'invalid_answer',
      `"${cutText(text)}" states two different figures, ${other.written} and ${answer.written}: give one final figure, ${ALLOWED[unit]}`,
      { context: { answer: raw.slice(0, MAX_INPUT) } },
    );
  }
  // The working, then the last figure (none when the statement is all working).
  const stated = [...workings, ...figures.slice(-1)].join(' = ');
  const stated_ = statedOrNone([...aside, ...earlier, stated].join('; '), raw, unit);
  // "903k (903,400 exactly)": an aside that states the same figure more finely is the answer
  // written out; the finer figure is graded.
  const finer = asides
    .map((a) =>
      /\d/.test(a)
        ? statedOrNone(a.replace(/\b(?:exactly|precisely|to be exact)\b/gi, ''), raw, unit)
        : undefined,
    )
    .find(
      (r) =>
        r !== undefined && stated_ !== undefined && r.precision < stated_.precision && sameFigure(r, stated_),
    );
  const result =
    finer === undefined
      ? stated_
      : { ...finer, ...(stated_?.working === undefined ? {} : { working: stated_.working }) };
  // "16,448 (or 16,384 without the bias)": an aside that offers another figure with "or" is a
  // second candidate answer, as "16,448 or 16,384" is: there is no one answer.
  // (An aside that itself states two figures, "(or 16,384 or 16,000)", offers others all the same.)
  // ("903,400 (no: 902,700)": an aside that corrects the figure offers another all the same.)
  for (const offered of asides.filter(
    (a) => (/^\s*(?:or|maybe|perhaps)\b/i.test(a) || CORRECTION.test(a)) && /\d/.test(a),
  )) {
    let candidate: ParsedQuantity | undefined;
    try {
      candidate = readAsTeacher(offered, raw, unit);
    } catch {
      candidate = undefined;
    }
    if (result !== undefined && (candidate === undefined || !sameFigure(candidate, result)))
      throw new QuizError(
        'invalid_answer',
        `"${cutText(text)}" offers another figure beside ${result.written} ("${cutText(offered.trim())}"): give one final figure, ${ALLOWED[unit]}`,
        { context: { answer: raw.slice(0, MAX_INPUT) } },
      );
  }
  // "The area shrinks by 32", "1024 in area": a factor said of the area is the square of the
  // factor on each side, which is what a ratio part asks: it is read as its square root ("1024 in
  // area" is 32 a side; "32 in area" is 5.66 a side, wrong).
  if (unit === 'ratio' && result !== undefined && /\barea\b/i.test(statements.at(-1)!)) {
    const side = Math.sqrt(result.value);
    return {
      ...result,
      value: side,
      precision: Number.isInteger(side) ? 1 : 0.01,
      significantDigits: significantDigitsOf(Number.isInteger(side) ? side : Number(side.toFixed(2))),
      written: `${result.written} of the area (${Number.isInteger(side) ? side : side.toFixed(2)} a side)`,
      unitFactor: 1,
    };
  }
  return result;
}

/**
 * The answer first, then its explanation after a colon (issue 18): "2^5 = 32: the first conv has
 * stride 2, the max pool stride 2, …", "Need minimum 12.6 MB: 9 MB for the two largest layers plus
 * 3.6 MB for the weights". The figure before the colon is the answer; what follows explains how it
 * was reached, so it is read as the working that leads to it (its sum checked against it), never
 * as a later answer. Only when the part before the colon ends with a figure, or a figure and its
 * unit (not "Answer:", "layer 1:", nor "the conv eats 6 of them: 8 per side", whose colon leads to
 * the answer), and the explanation reaches no figure of its own ("448/32 = 14: 14 − 7 + 1 = 8" goes
 * on to 8 as written).
 */
function explainedLast(main: string, unit: QuantityUnit): string {
  // A dash after the answer opens its explanation as a colon does ("32 — 224 becomes 7"); so does a
  // spaced hyphen right after a first figure when words follow it ("903,400 - 2,800 for the first,
  // …"): "903,400 - 2,800" alone stays a subtraction.
  const text = main.includes(':')
    ? main
    : /—|--/.test(main)
      ? main.replace(/\s*(?:—|--)\s*/, ': ')
      : (breakdownAfterHyphen(main, unit) ?? main);
  // A dash before a correction ends the statement: "32 — or rather 16" goes on to 16.
  const dash = /\s*(?:—|--)\s*/.exec(main);
  if (text !== main && dash !== null && CORRECTION.test(main.slice(dash.index + dash[0].length)))
    return main.replace(/\s*(?:—|--)\s*/, '; ');
  const read = explainedAfterColon(text, unit);
  return read === text ? main : read;
}

/**
 * "903,400 - 2,800 for the first, 180,200 for the second and 720,400 for the third": a spaced hyphen
 * right after the first figure opens its breakdown when the figures after it, with no operator among
 * them, add up to it (2,800 + 180,200 + 720,400 = 903,400). Any other spaced hyphen is a minus
 * ("14 - 7 + 1 gives 8", "903,400 - 700 biases", "565.6 MB - 36 MB for the inputs").
 */
function breakdownAfterHyphen(main: string, unit: QuantityUnit): string | undefined {
  const hyphen = /^([^\d-]{0,24}\d[\d.,]*\s*[a-zA-Z]{0,5})\s+-\s+/.exec(main);
  if (hyphen === null) return undefined;
  const rest = main.slice(hyphen[0].length);
  if (/[-+*/×=^]|\bx\s*\d/i.test(rest)) return undefined;
  const parts = statementsOf(rest).flatMap((statement) => chunksOf(statement) ?? []);
  if (parts.length < 2) return undefined;
  const whole = statedOrNone(hyphen[1]!, main, unit);
  const sum = statedOrNone(parts.join(' + '), main, unit);
  return whole !== undefined && sum !== undefined && sameFigure(sum, whole)
    ? `${hyphen[1]}: ${rest}`
    : undefined;
}

function explainedAfterColon(main: string, unit: QuantityUnit): string {
  const colon = /^([^:]*\d[^:]*?):\s+([\s\S]*\d[\s\S]*)$/.exec(main);
  if (colon === null) return main;
  // "32: 224 -> 7": for a factor, the two sizes it maps between after the colon illustrate it
  // (224 / 7 = 32); the figure before the colon is the answer.
  const stated = /^\D*?(\d+)\s*(?:x|times)?\s*$/i.exec(colon[1]!);
  if (unit === 'ratio' && stated !== null && illustratesFactor(colon[2]!, Number(stated[1]), true))
    return colon[1]!;
  if (/=|->|→|⇒|⟹|≈|≃|~/.test(colon[2]!)) return main;
  // "903,400 — no wait, 902,700", "32: actually 16": what follows corrects the figure, it does not
  // explain it; the later figure is the answer.
  if (CORRECTION.test(colon[2]!)) return main;
  // "903,400 — or do you want it without the biases, 902,700?": what follows offers another
  // figure; it explains nothing (issue 18: two candidates are no committed answer).
  if (/^\s*(?:or|maybe|perhaps)\b/i.test(colon[2]!)) return main;
  // "outputs 526 MB, inputs 36 MB, weights 3.6 MB: 565.6 MB in all": one figure said to be the
  // total, or that the figures before the colon add up to (526 + 36 + 3.6 = 565.6), is the answer
  // they make, not an explanation of the last of them.
  const after = chunksOf(colon[2]!) ?? [];
  if (after.length === 1 && TOTAL_WORDS.test(colon[2]!)) return main;
  const parts =
    after.length === 1 ? statementsOf(colon[1]!).flatMap((statement) => chunksOf(statement) ?? []) : [];
  if (parts.length > 1 && parts.every((part) => !/[-+*/=^]| x \d/.test(part))) {
    const total = statedOrNone(after[0]!, main, unit);
    const sum = statedOrNone(parts.join(' + '), main, unit);
    if (total !== undefined && sum !== undefined && sameFigure(sum, total)) return main;
  }
  // "224 → 112 → 56 → 28 → 14 → 7: the stride is 32": a progression before the colon ends at a
  // size it went through, not at an answer; the colon leads on to the answer.
  if (TWO_ARROWS.test(colon[1]!) && ENDS_IN_PROGRESSION.test(colon[1]!)) return main;
  // The figure ends the part before the colon ("… = 32:", "12.6 MB:"), with at most its unit.
  const ending = /\d\s*([a-zA-Z]*)\s*$/.exec(colon[1]!);
  // ("903,400, not 902,700: I didn't forget the 700 biases": a figure denied after the answer
  // ends the part before the colon; the answer is the figure before the denial.)
  const heads = statementsOf(colon[1]!);
  while (heads.length > 1 && /^not\b/i.test(heads.at(-1)!) && (chunksOf(heads.at(-1)!) ?? []).length === 0)
    heads.pop();
  const head = heads.at(-1);
  if (ending === null || (ending[1] !== '' && !isUnitWord(ending[1]!))) return main;
  if (head === undefined || (chunksOf(head) ?? []).length === 0) return main;
  // Its last statement all working ("9 MB plus 3.6 MB") is set equal to the answer; otherwise the
  // explanation's figures (strides, sizes) stand before the answer, as statements of their own.
  const explanation = colon[2]!.replace(/[.\s]+$/, '');
  const last = chunksOf(statementsOf(explanation).at(-1) ?? '') ?? [];
  const working = last.length > 0 && last.every((c) => /[-+*/^]| x \d/.test(c) && !/^\d+ x \d+$/.test(c));
  return `${explanation}${working ? ' =' : ';'} ${colon[1]}`;
}

/** Words that say a figure is a total ("in all", "total", "altogether"). */
const TOTAL_WORDS =
  /\b(?:in\s+all|in\s+total|total|altogether|all\s+together|overall|combined|all\s+told|summed)\b/i;

/**
 * Words that open a correction of the figure just written ("no wait", "actually", "or rather"): the
 * shared vocabulary (corrections.ts), hedged words included (a figure is bare), and the words a figure's
 * correction also opens with ("no", "sorry", "rather", a hesitation).
 */
const CORRECTION = new RegExp(
  `^\\s*(?:${takeBackSource([...TAKE_BACK_PHRASES, ...HEDGED_TAKE_BACK_PHRASES])}|no|sorry|rather|um+|er+|hmm+)\\b`,
  'i',
);

/** `parseStated`'s reading of `text`, or undefined where it refuses it. */
function statedOrNone(text: string, raw: string, unit: QuantityUnit): ParsedQuantity | undefined {
  try {
    return parseStated(text, raw, unit);
    // (Emptied, the catch block gives undefined all the same: an equivalent mutant, see docs/mutation-testing.md.)
  } catch {
    return undefined;
  }
}

/** The longest answer read as prose: long enough for a paragraph of working, short of an essay. */
const MAX_ANSWER_PROSE = 600;

const cutText = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);
