import { QuizError } from '../errors';

export type QuantityUnit = 'count' | 'bytes' | 'ratio' | 'pixels';

export interface ParsedQuantity {
  readonly value: number;
  /** The unit as written, normalised ("MB", "MiB", "million", "bytes"…); empty for a bare number. */
  readonly writtenUnit: string;
  /** For bytes: whether the unit was binary (KiB, MiB, GiB) or decimal (kB, MB, GB). */
  readonly base?: 'binary' | 'decimal';
}

const BYTE_UNITS: Record<string, { factor: number; base?: 'binary' | 'decimal'; label: string }> = {
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

/**
 * Reads a learner's numeric answer leniently but never guesses: thousands separators (",", " ",
 * "_", "'"), decimals, exponents, and the units that make sense for the question. Anything else is
 * refused with the formats allowed.
 */
export function parseQuantity(raw: string, unit: QuantityUnit): ParsedQuantity {
  const refuse = (why: string) =>
    new QuizError('invalid_answer', `${why}: expected ${ALLOWED[unit]}`, {
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
      return { value: Number(grid[1]), writtenUnit: 'grid' };
    }
  }

  const match =
    /^([+-]?)(\d{1,3}(?:[,\s_'](?:\d{3}))+|\d+)?(?:\.(\d+))?(?:e([+-]?\d+))?\s*([a-zA-Z]*)\.?$/i.exec(text);
  if (!match || (match[2] === undefined && match[3] === undefined))
    throw refuse(`"${text.slice(0, MAX_INPUT)}" is not a number`);
  const [, sign, integerPart = '0', fraction, exponent, rawUnit = ''] = match;
  if (sign === '-') throw refuse('a negative amount cannot be right');
  const number = Number(
    `${integerPart.replace(/[,\s_']/g, '')}${fraction === undefined ? '' : `.${fraction}`}${exponent === undefined ? '' : `e${exponent}`}`,
  );
  if (!Number.isFinite(number)) throw refuse('the number is too large');
  const unitKey = rawUnit.toLowerCase();

  if (unit === 'bytes') {
    if (unitKey === '') return { value: number, writtenUnit: '' };
    if (/^(bit|bits|kbit|mbit|gbit)$/.test(unitKey) || /^[kmgt]?bit/.test(unitKey))
      throw refuse('bits are not bytes (1 byte = 8 bits)');
    const found = BYTE_UNITS[unitKey];
    if (found === undefined) throw refuse(`unknown unit "${rawUnit}"`);
    return {
      value: number * found.factor,
      writtenUnit: found.label,
      ...(found.base === undefined ? {} : { base: found.base }),
    };
  }
  if (unit === 'count') {
    // "M" is million here; a byte unit on a count is a mix-up worth naming.
    if (unitKey !== 'b' && unitKey in BYTE_UNITS)
      throw refuse(`"${rawUnit}" is a unit of memory, but this asks for a count`);
    if (unitKey === '') return { value: number, writtenUnit: '' };
    const found = COUNT_UNITS[unitKey];
    if (found === undefined) throw refuse(`unknown unit "${rawUnit}"`);
    return { value: number * found.factor, writtenUnit: found.label };
  }
  if (unit === 'ratio' && (unitKey === 'x' || unitKey === 'times' || unitKey === ''))
    return { value: number, writtenUnit: unitKey === '' ? '' : 'x' };
  if (unit === 'pixels' && (unitKey === '' || unitKey === 'px' || unitKey === 'pixels'))
    return { value: number, writtenUnit: unitKey };
  throw refuse(`unknown unit "${rawUnit}"`);
}
