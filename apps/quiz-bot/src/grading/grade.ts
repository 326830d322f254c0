import { formatBytes } from '@cnnkit/shape-math';
import type { ChoicePart, Concept, NumericPart, Part, RubricPart } from '../questions/schemas';
import type { Measurement } from '../verify/requests';
import { parseQuantity } from './quantity';

export interface Grade {
  /** 0 to 1. */
  readonly score: number;
  readonly correct: boolean;
  /** Sentences for the learner: what was right, what was missed. */
  readonly feedback: readonly string[];
  readonly covered?: readonly string[];
  readonly missed?: readonly string[];
}

const format = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

function describeValue(value: number, unit: NumericPart['unit']): string {
  if (unit === 'bytes')
    return `${format(Math.round(value))} bytes (${formatBytes(value)}, ${(value / 2 ** 20).toFixed(2)} MiB)`;
  return format(value);
}

/**
 * Grades a numeric answer against what was measured on the real model: full credit within the
 * part's relative tolerance, half within five times it. MB vs MiB mix-ups are named.
 */
export function gradeNumeric(part: NumericPart, answer: string, measurement: Measurement): Grade {
  const parsed = parseQuantity(answer, part.unit);
  const expected = measurement.measured;
  const error = Math.abs(parsed.value - expected) / expected;
  const score = error <= part.tolerance ? 1 : error <= part.tolerance * 5 ? 0.5 : 0;
  const feedback: string[] = [];
  const yours = describeValue(parsed.value, part.unit);
  if (score === 1) feedback.push(`Correct: ${yours}.`);
  else if (score === 0.5) feedback.push(`Close: ${yours} is ${(error * 100).toFixed(1)}% off.`);
  else feedback.push(`Not quite: you answered ${yours}.`);
  if (part.unit === 'bytes' && parsed.base !== undefined && score < 1) {
    // Would the other base have been right? Then the number was right and the unit was not.
    const other = parsed.base === 'binary' ? 'decimal' : 'binary';
    const swapped =
      parsed.base === 'binary' ? (parsed.value * 1e6) / 2 ** 20 : (parsed.value * 2 ** 20) / 1e6;
    if (Math.abs(swapped - expected) / expected <= part.tolerance) {
      feedback.push(
        `Your number fits the ${other} unit: 1 MB = 1,000,000 bytes but 1 MiB = 1,048,576 bytes, so the answer is ${formatBytes(expected)} or ${(expected / 2 ** 20).toFixed(2)} MiB.`,
      );
    }
  }
  feedback.push(
    `Measured on the real model (${measurement.backend}): ${describeValue(expected, part.unit)}; shape-math's theory: ${describeValue(measurement.theory, part.unit)}.`,
  );
  feedback.push(...measurement.details);
  return { score, correct: score === 1, feedback };
}

/** Lower case, accents and punctuation removed, "×" read as "x", single spaces. */
export function normaliseText(text: string): string {
  return ` ${text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/×/g, 'x')
    .toLowerCase()
    .replace(/[^a-z0-9/]+/g, ' ')
    .trim()} `;
}

const compiled = new Map<string, RegExp>();
function patternOf(source: string): RegExp {
  let pattern = compiled.get(source);
  if (pattern === undefined) {
    // Anchored at a word start, so "stride" does not match inside "bestride" and "gap" not inside "gaps" unless allowed.
    pattern = new RegExp(`(?<=[ /])${source}`);
    compiled.set(source, pattern);
  }
  return pattern;
}

export function matchesConcept(normalised: string, concept: Concept): boolean {
  return concept.patterns.some((source) => patternOf(source).test(normalised));
}

/**
 * Grades free text against a rubric of concepts: deterministic, explainable, no network. The
 * score is the share of required concepts covered, or for grouped rubrics (question 6) the mean
 * over groups of the share of `perGroup` covered in each.
 */
export function gradeRubric(part: RubricPart, answer: string): Grade {
  const text = normaliseText(answer);
  const covered = part.concepts.filter((c) => matchesConcept(text, c));
  const missed = part.concepts.filter((c) => !covered.includes(c));
  let score: number;
  if (part.perGroup !== undefined) {
    const groups = [...new Set(part.concepts.map((c) => c.group ?? ''))];
    const shares = groups.map((g) =>
      Math.min(1, covered.filter((c) => (c.group ?? '') === g).length / part.perGroup!),
    );
    score = shares.reduce((a, b) => a + b, 0) / groups.length;
  } else {
    score = Math.min(1, covered.length / part.required);
  }
  score = Math.round(score * 1000) / 1000;
  const feedback: string[] = [];
  if (covered.length > 0) feedback.push(`You covered: ${covered.map((c) => c.label).join('; ')}.`);
  else feedback.push('None of the expected points was recognised.');
  if (score < 1) {
    const needed =
      part.perGroup === undefined
        ? `${part.required} for full credit`
        : `${part.perGroup} per network for full credit`;
    feedback.push(`Missing (${needed}): ${missed.map((c) => c.label).join('; ')}.`);
  }
  return {
    score,
    correct: score === 1,
    feedback,
    covered: covered.map((c) => c.id),
    missed: missed.map((c) => c.id),
  };
}

export function gradeChoice(part: ChoicePart, answer: string): Grade | { invalid: string } {
  const trimmed = answer.trim().toLowerCase().replace(/[).]$/, '');
  let index = -1;
  if (/^[a-h]$/.test(trimmed)) index = trimmed.charCodeAt(0) - 97;
  else if (/^[1-8]$/.test(trimmed)) index = Number(trimmed) - 1;
  else index = part.options.findIndex((o) => normaliseText(o) === normaliseText(answer));
  if (index < 0 || index >= part.options.length) {
    const letters = part.options.map((_, i) => String.fromCharCode(97 + i));
    return { invalid: `choose one of ${letters.join(', ')} (or 1–${part.options.length})` };
  }
  const correct = index === part.correct;
  return {
    score: correct ? 1 : 0,
    correct,
    feedback: [
      correct
        ? 'Correct.'
        : `Not this one: the answer is ${String.fromCharCode(97 + part.correct)}) ${part.options[part.correct]}.`,
    ],
  };
}

export type PartKind = Part['kind'];
