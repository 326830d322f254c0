import { QuizError } from '../errors';

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

const ALLOWED: Record<QuantityUnit, string> = {
  count: 'a number such as 903400, 903,400, 903 400, 9.034e5, 0.9M or 0.9 million',
  bytes:
    'a number of bytes such as 12613600 or 12,613,600 bytes, or with a unit: kB, MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024)',
  ratio: 'a number such as 32 or 32x',
  pixels: 'a number such as 8, or a grid such as 8x8',
};

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
 * Reads a learner's numeric answer leniently but never guesses: thousands separators (",", " ",
 * "_", "'"), decimals, exponents, and the units that make sense for the question. What it cannot
 * read without guessing (a bare "12.6" for memory, a European "903.400") is refused with a hint.
 */
export function parseQuantity(raw: string, unit: QuantityUnit): ParsedQuantity {
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
