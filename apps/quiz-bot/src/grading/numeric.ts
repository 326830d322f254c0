import { formatBytes } from '@cnnkit/shape-math';
import type { NumericPart } from '../questions/schemas';
import type { Measurement } from '../verify/requests';
import type { Grade } from './grade';
import { likelyMistakes } from './mistakes';
import { fitsAtWrittenPrecision, type ParsedQuantity, parseQuantity, significantDigitsOf } from './quantity';

/** Another reference's figure for the same quantity (Keras' count where the question names torchvision). */
export interface ConventionFigure {
  readonly name: string;
  readonly measured: number;
  readonly note: string;
}

const format = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** A figure, each number once: "903,400", or "12,613,600 bytes (12.61 MB, 12.03 MiB)". */
export function describeValue(value: number, unit: NumericPart['unit']): string {
  if (unit === 'bytes') return formatBytes(Math.round(value));
  return format(value);
}

/** "0.1 MB", "100", "0.01 MiB": the step the learner rounded to, in their own unit. */
function describeStep(parsed: ParsedQuantity): string {
  const step = parsed.precision / parsed.unitFactor;
  const unit = parsed.writtenUnit === '' || parsed.writtenUnit === 'grid' ? '' : ` ${parsed.writtenUnit}`;
  return `${step.toLocaleString('en-US', { maximumSignificantDigits: 6 })}${unit}`;
}

function requiredDigits(part: NumericPart, truth: number): number {
  const all = significantDigitsOf(truth);
  return part.significantDigits === 'all' ? all : Math.min(part.significantDigits, all);
}

/**
 * Grades a numeric answer against what was measured on the real model, by the rule a teacher
 * would state. A computed figure is right when the true value, rounded to the precision the
 * learner wrote, is what they wrote, and they wrote enough digits (all of a count; three
 * significant figures of a memory size): "903.4k" is right, "903,401" and "904,000" are wrong,
 * "0.9M" is a coarse rounding and earns half. A recalled figure needs two significant digits.
 * Another reference's convention, or the book's own rounding, is accepted with a note. Wrong
 * answers that a known mistake explains get that mistake named, worked out on the question's numbers.
 */
export function gradeNumeric(
  part: NumericPart,
  answer: string,
  measurement: Measurement,
  conventions: readonly ConventionFigure[] = [],
): Grade {
  const parsed = parseQuantity(answer, part.unit);
  const truth = measurement.measured;
  const needed = requiredDigits(part, truth);
  const yours = parsed.written;
  const answerText = describeValue(truth, part.unit);
  const feedback: string[] = [];
  let score = 0;
  const notes: string[] = [];

  const fits = (value: number) => fitsAtWrittenPrecision(value, parsed);
  const enoughDigits = parsed.significantDigits >= needed;
  if (parsed.bits && fits(truth)) {
    score = 0.5;
    feedback.push(
      `Partly right: ${yours} is the right amount, but in bits; memory is counted in bytes (1 byte = 8 bits): ${answerText}.`,
    );
  } else if (fits(truth) && enoughDigits) {
    score = 1;
    feedback.push(
      Math.abs(parsed.value - truth) > 1e-9 * truth
        ? `Correct: ${yours} is ${answerText} rounded to ${describeStep(parsed)}.`
        : `Correct: ${answerText}.`,
    );
  } else if (fits(truth)) {
    score = 0.5;
    feedback.push(
      part.rule === 'computed'
        ? `Partly right: ${yours} is ${answerText} rounded to ${describeStep(parsed)}, but the exact figure was asked for (${needed} significant digits): ${answerText}.`
        : `Partly right: ${yours} is ${answerText} rounded to ${describeStep(parsed)}; give at least ${needed} significant digits: ${answerText}.`,
    );
  } else {
    const convention = conventions.find((c) => fits(c.measured) && parsed.significantDigits >= needed);
    const book = part.bookFigures.find((figure) => {
      const value = parseQuantity(figure.answer, part.unit);
      return Math.abs(parsed.value - value.value) <= value.precision / 2 && enoughDigits;
    });
    if (convention !== undefined) {
      score = 1;
      feedback.push(
        `Correct, by the ${convention.name} convention: ${describeValue(convention.measured, part.unit)}.`,
      );
      notes.push(convention.note);
    } else if (book !== undefined) {
      score = 1;
      feedback.push(
        `Accepted: ${yours} is the book's figure (${book.source}); the exact one is ${answerText}.`,
      );
      notes.push(book.note);
    } else {
      feedback.push(`Not quite: you answered ${yours}; the answer is ${answerText}.`);
      feedback.push(...diagnose(part, parsed, measurement));
    }
  }
  feedback.push(...notes);
  feedback.push(
    measurement.theory === truth
      ? `Measured on the real model (${measurement.backend}), as shape-math's theory predicts.`
      : `Measured on the real model (${measurement.backend}): ${answerText}; shape-math's theory says ${describeValue(measurement.theory, part.unit)}.`,
  );
  feedback.push(...measurement.details);
  return { score, correct: score === 1, feedback };
}

/** Why a wrong figure is wrong, when a known mistake (or a unit mix-up) explains it exactly. */
function diagnose(part: NumericPart, parsed: ParsedQuantity, measurement: Measurement): string[] {
  const truth = measurement.measured;
  const fitsValue = (value: number, as: Pick<ParsedQuantity, 'value' | 'precision'> = parsed) =>
    fitsAtWrittenPrecision(value, as);
  for (const mistake of likelyMistakes(measurement.request, truth)) {
    if (fitsValue(mistake.value) && !fitsValue(truth)) return [mistake.explanation];
  }
  if (part.unit !== 'bytes') return [];
  if (parsed.bits) {
    // "12.6 Mb": megabits, an eighth of the megabytes meant.
    if (fitsValue(truth, { value: parsed.value * 8, precision: parsed.precision * 8 }))
      return [
        `"${parsed.writtenUnit}" is bits, not bytes: ${parsed.written} is only ${describeValue(parsed.value, 'bytes')}. A capital B means bytes (MB), a small b bits (Mb); 1 byte = 8 bits.`,
      ];
    return [`${parsed.written} is in bits; memory is counted in bytes (1 byte = 8 bits).`];
  }
  if (fitsValue(truth * 8) || fitsValue(truth / 8))
    return [
      'Your figure is off by a factor of 8: bits and bytes are mixed up (1 byte = 8 bits, a 32-bit float takes 4 bytes).',
    ];
  if (parsed.base !== undefined) {
    // Would the other base have been right? Then the number was right and the unit was not.
    const ratio = parsed.base === 'binary' ? 1e6 / 2 ** 20 : 2 ** 20 / 1e6;
    if (fitsValue(truth, { value: parsed.value * ratio, precision: parsed.precision * ratio })) {
      const other = parsed.base === 'binary' ? 'decimal (MB)' : 'binary (MiB)';
      return [
        `Your number fits the ${other} unit: 1 MB = 1,000,000 bytes but 1 MiB = 1,048,576 bytes, so the answer is ${describeValue(truth, 'bytes')}.`,
      ];
    }
  }
  return [];
}
