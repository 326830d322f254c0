import { QuizError } from '../errors';
import { FORMAT_EXAMPLES } from '../questions/hints';

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
const CASE_SENSITIVE_BITS: Record<string, string> = { Kb: 'kbit', Mb: 'mbit', Gb: 'gbit', Tb: 'tbit' };
BIT_UNITS.tbit = { factor: 1e12, base: 'decimal', label: 'Tbit' };

const COUNT_UNITS: Record<string, { factor: number; label: string }> = {
  k: { factor: 1e3, label: 'thousand' },
  thousand: { factor: 1e3, label: 'thousand' },
  m: { factor: 1e6, label: 'million' },
  mio: { factor: 1e6, label: 'million' },
  mil: { factor: 1e6, label: 'million' },
  million: { factor: 1e6, label: 'million' },
  millions: { factor: 1e6, label: 'million' },
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

  // "903.400" or "1.234.567": dots between groups of three read as a European thousands separator.
  const european = /^(\d{1,3})((?:\.\d{3})+)\s*([a-zA-Z]*)$/.exec(text);
  if (european && (unit === 'count' || unit === 'bytes') && european[1] !== '0') {
    const groups = european[2]!.split('.').length - 1;
    const asThousands = `${european[1]}${european[2]!.replace(/\./g, ',')}`;
    if (groups > 1 || european[3] === '') {
      throw refuse(
        `"${text}" is ambiguous: in English a dot marks decimals (${groups > 1 ? 'two dots cannot be' : `${european[1]}.${european[2]!.slice(1)} would be read`}), in much of Europe it separates thousands`,
        `write ${asThousands} (or ${asThousands.replace(/,/g, '')}) for the whole number${groups === 1 ? `, or ${european[1]}.${european[2]!.slice(1).replace(/0+$/, '') || '0'} if you meant the decimal` : ''}`,
      );
    }
  }

  // "12,6 MB": a decimal comma, as much of Europe writes it.
  const decimalComma = /^(\d+),(\d{1,2})\s*([a-zA-Z]*)$/.exec(text);
  if (decimalComma) {
    const asDot = `${decimalComma[1]}.${decimalComma[2]}${decimalComma[3] === '' ? '' : ` ${decimalComma[3]}`}`;
    throw refuse(
      `"${text}" reads as a decimal comma`,
      `write the decimals with a dot (${asDot}); commas separate thousands, in groups of three`,
    );
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
    ? { ...read, precision: 1, significantDigits: integerPart.replace(/^0+/, '').length || 1 }
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
    if (unitKey !== 'b' && unitKey in BYTE_UNITS)
      throw refuse(`"${rawUnit}" is a unit of memory, but this asks for a count`);
    if (unitKey === '') return { ...scaled(1), writtenUnit: '' };
    const found = COUNT_UNITS[unitKey];
    if (found === undefined) throw refuse(`unknown unit "${rawUnit}"`);
    return { ...scaled(found.factor), writtenUnit: found.label };
  }
  if (unit === 'ratio' && (unitKey === 'x' || unitKey === 'times' || unitKey === ''))
    return { ...scaled(1), writtenUnit: unitKey === '' ? '' : 'x' };
  if (unit === 'pixels' && (unitKey === '' || unitKey === 'px' || unitKey === 'pixels'))
    return { ...scaled(1), writtenUnit: unitKey };
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
const LEADING_WORDS = new Set([
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
const TRAILING_WORDS = new Set([
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

/** Splits a piece of working into numbers, unit words and operators; undefined when it is not arithmetic. */
function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  const pattern =
    /\s*(?:(\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:e[+-]?\d+)?|\d+(?:\.\d+)?(?:e[+-]?\d+)?|\.\d+)|([a-zA-Z]+)|([-+*/×·⋅∙÷−–()]))/iy;
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
      const between =
        previous !== undefined &&
        (previous.kind !== 'op' || previous.text === ')') &&
        next !== undefined &&
        /[\d(.]/.test(next);
      if (/^x$/i.test(match[2]) && between) tokens.push({ kind: 'op', text: '*' });
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
    if (token.kind !== 'number') return fail();
    const [mantissa = '', exponent] = token.text.toLowerCase().split('e');
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
  const product = (): Term => {
    let left = operand();
    while (peek()?.kind === 'op' && ['*', '/'].includes(peek()!.text)) {
      const op = tokens[at++]!.text;
      left = combine(left, operand(), op);
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
  if (term.value < 0) throw refuse('a negative amount cannot be right');
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
  const text = raw.normalize('NFKC').trim();
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
  statements.forEach((statement, index) => {
    const last = index === statements.length - 1;
    const segments = stripWords(statement)
      .split('=')
      .map((segment) => stripWords(segment))
      .filter((segment) => segment.length > 0);
    const grid = unit === 'pixels' ? segments.filter((s) => /^\d+\s*[x×*]\s*\d+$/i.test(s)) : [];
    const read = segments.map((segment) => (grid.includes(segment) ? undefined : evaluate(segment, unit)));
    // The figure this statement states: its last single figure, else its (last) working.
    const figureAt = read
      .map((term, i) => (term === undefined ? i : -1))
      .filter((i) => i >= 0)
      .pop();
    const at = figureAt ?? read.length - 1;
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
    read.forEach((evaluated, i) => {
      if (i === at) return;
      // Another figure set equal to the answer ("12.6 MB = 12,613,600 bytes") is checked too.
      const term = evaluated ?? figureTerm(segments[i]!, unit);
      if (term === undefined) return;
      working.push({
        text: segments[i]!,
        value: readingOf(term, figure),
        shown: evaluated === undefined ? segments[i]! : shownValue(term),
        equals: figure.written,
        agrees: agrees(term, figure),
      });
    });
    if (last) answer = figure;
  });
  return working.length === 0 ? answer! : { ...answer!, working };
}
