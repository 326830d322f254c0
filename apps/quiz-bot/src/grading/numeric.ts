import { formatBytes } from '@cnnkit/shape-math';
import { inferenceConventions } from '../questions/q02-parameters-and-ram';
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
 * "0.9M" is a coarse rounding and earns nothing, with that said. A recalled figure (ResNet-50's
 * parameters) is right within 1% of the key, the teacher's standard for a figure quoted from memory
 * (three significant figures always are: 25.6M for 25,557,032; so is 25.5M, 0.2% off), and "26M" is
 * too coarse (1.7% off); but a figure written with every digit of the key states an exact count
 * and is held to it ("25,556,032" is a wrong count, not a rounding). Numeric parts are all-or-nothing, as the teacher's labelled sets grade them: a coarse
 * rounding cannot show the figure was worked out (903k also rounds 902,700, the count without the
 * biases), and the right amount in bits is a wrong unit.
 * A memory size is also right within 1% of the key (the teachers' standard, test/fixtures/
 * grading-eval-fresh/README.md: "the exact value, a rounding of it to at least 3 significant
 * figures, or within 1% of it"; a 3-figure rounding is always within 0.5%): "12.5 MB" is 0.9% off
 * 12.61 MB and right, "13 MB" (3%) too coarse; a figure that a known mistake makes ("562 MB", the
 * training batch without its parameters, 0.64% off) is that mistake. Hand-computable counts stay
 * exact (903k also rounds 902,700).
 * Another reference's convention, or the book's own rounding, is accepted with a note. Wrong
 * answers that a known mistake explains get that mistake named, worked out on the question's numbers.
 */
export function gradeNumeric(
  part: NumericPart,
  answer: string,
  measurement: Measurement,
  conventions: readonly ConventionFigure[] = [],
  /** The answer already read by `parseQuantity` (the engine reads it once, before grading). */
  parsed: ParsedQuantity = parseQuantity(answer, part.unit),
): Grade {
  const truth = measurement.measured;
  const accepted = [...conventions, ...countingConventions(measurement.request)];
  const needed = requiredDigits(part, truth);
  const yours = parsed.written;
  const answerText = describeValue(truth, part.unit);
  const feedback: string[] = [];
  let score = 0;
  const notes: string[] = [];

  const fits = (value: number) => fitsAtWrittenPrecision(value, parsed);
  const recalled = part.rule === 'recalled';
  // A recalled figure is held to 1% of the figure it stands for, not to a number of digits; one
  // written with every digit of that figure states it exactly, and is held to that.
  const exact = (value: number) => parsed.significantDigits >= significantDigitsOf(value);
  const precise = (value: number) =>
    recalled
      ? exact(value)
        ? fits(value)
        : withinRecall(parsed.value, value)
      : parsed.significantDigits >= needed || withinRelative(part, parsed, needed);
  const enoughDigits = precise(truth);
  // A memory size (issue 18, the teacher's standard): right within 1% of the figure it stands for,
  // whatever digits it has ("12.5 MB" is 0.9% off 12.61 MB); a figure in bits never is.
  const memory = part.unit === 'bytes' && part.significantDigits !== 'all' && parsed.bits !== true;
  // A figure that a known mistake makes, to the digits written, is that mistake, though within 1%
  // ("562 MB" is the training batch without its parameters, 0.64% off 565.6 MB).
  // (A coarse figure that rounds both ways is the one it is nearer: "12 MiB" is 0.24% off the key's
  // 12.03 MiB and 1.35% off the "valid" padding's 11.84 MiB: it is the key, rounded.)
  let mistakes: readonly number[] | undefined;
  const mistakeFigures = () =>
    (mistakes ??= safely(() => likelyMistakes(measurement.request, truth))
      .map((m) => m.value)
      .filter((m) => fits(m)));
  const isMistake = (value: number) =>
    mistakeFigures().some((m) => Math.abs(parsed.value - m) <= Math.abs(parsed.value - value));
  // A figure written to the byte ("1,234,567 bytes", "12,613,601 bytes") states the size exactly
  // and is held to that, as a recalled count written with every digit is: the 1% is for roundings.
  const near = (value: number) =>
    memory && parsed.precision > 1 && withinRecall(parsed.value, value) && !isMistake(value);
  // The book's figure by the same rule as the key: rounded to the precision the learner wrote,
  // it is what they wrote ("about 565 MB" is the book's 564.6 MB to the megabyte).
  // (Read only when needed: a right answer never looks at them.)
  let read: (NumericPart['bookFigures'][number] & { value: number })[] | undefined;
  const bookFigures = () =>
    (read ??= part.bookFigures.map((figure) => ({
      ...figure,
      value: parseQuantity(figure.answer, part.unit).value,
    })));
  if (parsed.bits && fits(truth)) {
    feedback.push(
      `Wrong unit: ${yours} is the right amount, but in bits; memory is counted in bytes (1 byte = 8 bits): ${answerText}.`,
    );
  } else if (fits(truth) && enoughDigits) {
    score = 1;
    feedback.push(
      Math.abs(parsed.value - truth) > 1e-9 * truth
        ? `Correct: ${yours} is ${answerText} rounded to ${describeStep(parsed)}.`
        : `Correct: ${answerText}.`,
    );
  } else if (
    near(truth) &&
    !accepted.some((c) => fits(c.measured)) &&
    !bookFigures().some((figure) => fits(figure.value))
  ) {
    score = 1;
    feedback.push(
      `Correct: ${yours} is ${percentOff(parsed.value, truth)} off ${answerText}: within 1%, close enough for a memory size.`,
    );
  } else if (fits(truth)) {
    feedback.push(
      recalled
        ? `Too coarse: ${yours} is ${answerText} rounded to ${describeStep(parsed)}, ${percentOff(parsed.value, truth)} off it; a figure quoted from memory must be within 1% of it (three significant figures are): ${answerText}.`
        : `Too coarse: ${yours} is ${answerText} rounded to ${describeStep(parsed)}, but the exact figure was asked for (${needed} significant digits): ${answerText}.`,
    );
  } else if (recalled && enoughDigits && !accepted.some((c) => fits(c.measured))) {
    // (Another convention's own figure, "25,583,592", is named as that convention's, below.)
    score = 1;
    feedback.push(
      `Correct: ${yours} is within 1% of ${answerText} (${percentOff(parsed.value, truth)} off), close enough for a figure quoted from memory.`,
    );
  } else {
    // A convention's figure as written, else (recalled) one that the figure is within 1% of.
    const convention =
      accepted.find((c) => fits(c.measured) && (precise(c.measured) || near(c.measured))) ??
      accepted.find((c) => (recalled && precise(c.measured)) || near(c.measured));
    const book =
      bookFigures().find((figure) => fits(figure.value)) ??
      bookFigures().find((figure) => near(figure.value));
    if (convention !== undefined) {
      score = 1;
      feedback.push(
        fits(convention.measured)
          ? `Correct, by the ${convention.name} convention: ${describeValue(convention.measured, part.unit)}.`
          : `Correct, by the ${convention.name} convention: ${describeValue(convention.measured, part.unit)}, which ${yours} is within 1% of (${percentOff(parsed.value, convention.measured)} off).`,
      );
      notes.push(convention.note);
    } else if (book !== undefined) {
      const enough = enoughDigits || near(book.value);
      score = enough ? 1 : 0;
      const rounded = Math.abs(parsed.value - book.value) > 1e-9 * book.value;
      feedback.push(
        fits(book.value)
          ? `${enough ? 'Accepted' : 'Too coarse'}: ${yours} is the book's ${book.answer}${rounded ? ` rounded to ${describeStep(parsed)}` : ''} (${book.source}); the exact figure is ${answerText}${enough ? '' : `, and ${needed} significant digits were asked for`}.`
          : `Accepted: ${yours} is within 1% of the book's ${book.answer} (${percentOff(parsed.value, book.value)} off; ${book.source}); the exact figure is ${answerText}.`,
      );
      notes.push(book.note);
    } else {
      feedback.push(`Not quite: you answered ${yours}; the answer is ${answerText}.`);
      if (recalled)
        feedback.push(
          exact(truth)
            ? `${yours} states every digit, so it is read as the exact count, and it is ${format(Math.abs(parsed.value - truth))} ${parsed.value < truth ? 'short' : 'over'}; a rounded figure need only be within 1%.`
            : `${yours} is ${percentOff(parsed.value, truth)} off it; a figure quoted from memory must be within 1%.`,
        );
      feedback.push(...fromTheNotes(part, parsed));
      feedback.push(...safely(() => diagnose(part, parsed, measurement)));
    }
  }
  feedback.push(...aboutTheWorking(parsed, truth, score, part.unit));
  feedback.push(...notes);
  feedback.push(
    measurement.theory === truth
      ? `Measured on the real model (${measurement.backend}), as shape-math's theory predicts.`
      : `Measured on the real model (${measurement.backend}): ${answerText}; shape-math's theory says ${describeValue(measurement.theory, part.unit)}.`,
  );
  feedback.push(...measurement.details);
  return { score, correct: score === 1, feedback };
}

/**
 * The rounding rule for a memory size (issue 18): N significant figures are asked so that the
 * figure pins the size to within 10^(1−N) of itself (1% for three). A figure in a larger unit
 * states it as finely with fewer digits: "0.57 GB" is 565.6 MB to within ±0.005 GB = ±0.9%, as
 * a teacher reads it, so it is precise enough; "0.6 GB" (±8%) or "13 MB" (±4%) are not. Counts
 * ("all" digits) and recalled figures keep the digit count.
 */
function withinRelative(part: NumericPart, parsed: ParsedQuantity, needed: number): boolean {
  if (part.unit !== 'bytes' || part.significantDigits === 'all' || parsed.value <= 0) return false;
  return parsed.precision / 2 <= 10 ** (1 - needed) * parsed.value * (1 + 1e-9);
}

/**
 * The rule for a recalled figure (issue 18, the teacher's standard in the labelled sets): within 1%
 * of the figure it stands for. Rounding to three significant figures always is (at most half a unit
 * in the third digit: 0.5%), so "25.6M" is right for 25,557,032; a rounding to two figures is right
 * only where it happens to be that close ("26M" is 1.7% off 25,557,032: too coarse).
 */
const RECALL_TOLERANCE = 0.01;

function withinRecall(value: number, figure: number): boolean {
  return Math.abs(value - figure) <= RECALL_TOLERANCE * figure * (1 + 1e-9);
}

/** "1.73%": how far a figure is from another, as a share of the other (to 0.01% below 10%, so 1.01% never shows as 1.0%). */
function percentOff(value: number, figure: number): string {
  const percent = (Math.abs(value - figure) / figure) * 100;
  return `${percent.toFixed(percent < 10 ? 2 : 1)}%`;
}

/** A diagnosis is a help: one that cannot be worked out is left out, never a reason to fail (issue 18). */
function safely<T>(work: () => T[]): T[] {
  try {
    return work();
  } catch {
    return [];
  }
}

const sameText = (a: string, b: string) =>
  a
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s×*]+/g, (m) => (/[×*x]/.test(m) ? 'x' : '')) ===
  b
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s×*]+/g, (m) => (/[×*x]/.test(m) ? 'x' : ''));

/**
 * The study notes' own wrong answer, with its correction; and a size written as a count ("28 x 99"
 * is a feature map's height × width, not a number of parameters).
 */
function fromTheNotes(part: NumericPart, parsed: ParsedQuantity): string[] {
  const notes = part.notesFigures.find((figure) => sameText(figure.answer, parsed.written));
  if (notes !== undefined)
    return [
      `That is the study notes' own figure ("${notes.answer}"), and it is not right: ${notes.correction}`,
    ];
  const size = /^(\d+)\s*[x×*]\s*(\d+)$/i.exec(parsed.written);
  if (part.unit === 'count' && size !== null)
    return [
      `${size[1]} × ${size[2]} reads as a size (height × width), not a count: ${format(parsed.value)} is not the number asked for.`,
    ];
  return [];
}

/**
 * What the working says (issue 18): a step that does not make the figure it is set equal to is
 * named, whatever the grade; a working that makes the right figure beside a wrong stated one
 * says the slip is in the last step. The grade is always for the figure stated.
 */
function aboutTheWorking(
  parsed: ParsedQuantity,
  truth: number,
  score: number,
  unit: NumericPart['unit'],
): string[] {
  const steps = parsed.working ?? [];
  const fitsTruth = (value: number) => fitsAtWrittenPrecision(truth, { value, precision: parsed.precision });
  // Not for a figure that is itself the truth too coarsely written: its slip is not in a step. A
  // step is right when it makes the truth at the precision written and is nearer it than the figure
  // stated: "64 x 256 = 16,384" beside "16,500" rounds like 16,448 to the hundred, but is no nearer.
  const nearer = (value: number) => Math.abs(value - truth) < Math.abs(parsed.value - truth);
  const right =
    score === 0 && !fitsTruth(parsed.value)
      ? steps.find((step) => fitsTruth(step.value) && nearer(step.value))
      : undefined;
  const lines = steps
    .filter((step) => !step.agrees && step !== right)
    .map((step) =>
      step.text === step.shown
        ? `You set ${step.text} equal to ${step.equals}, but they differ${score > 0 ? '; the last figure is what is graded' : ''}.`
        : `Your working does not add up: ${step.text} makes ${step.shown}, not ${step.equals}${score > 0 ? '; the figure you stated is what is graded, so check the arithmetic' : ''}.`,
    );
  if (right !== undefined)
    lines.push(
      right.text === right.shown
        ? `You wrote ${right.text}, which is right (${describeValue(truth, unit)}), but the last figure, ${parsed.written}, is the answer graded.`
        : `Your working ${right.text} makes ${right.shown}, which is right (${describeValue(truth, unit)}): the slip is in the figure you stated, ${parsed.written}.`,
    );
  return lines;
}

/**
 * Figures of the same quantity by another counting convention, worked out by shape-math on the
 * question's own network: exercise 2's inference RAM with the input held beside the first layer's
 * output (what is measured) or Géron's "two consecutive layers" (the input not counted).
 */
function countingConventions(request: Measurement['request']): ConventionFigure[] {
  if (request.kind !== 'exercise2' || request.quantity !== 'inferenceBytes') return [];
  return safely(() => {
    const figures = inferenceConventions(request.network, request.dtype);
    if (figures.layersOnly === figures.inputHeld) return [];
    return [
      {
        name: 'Géron ("two consecutive layers", the input not counted)',
        measured: figures.layersOnly,
        note: `This quiz counts the input (${format(figures.inputBytes)} bytes) beside the first layer's output, since the layer still reads it while writing its output (the real forward pass holds both); on this network that pair is the largest, which gives ${describeValue(figures.inputHeld, 'bytes')}.`,
      },
    ];
  });
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
