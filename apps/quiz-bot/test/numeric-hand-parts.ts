import { type NumericPart, numericPartSchema } from '../src/questions/schemas';
import {
  type Measurement,
  type MeasurementRequestInput,
  measurementRequestSchema,
} from '../src/verify/requests';

/*
 * A numeric part and a measurement written by hand, for the numeric grading rule suites that import
 * the grading modules alone (no engine, no model: Stryker reruns them for every mutant).
 */

/** A computed numeric part with neutral texts; `fields` set the rule under test (and may override any). */
export const handNumericPart = (fields: Record<string, unknown>): NumericPart =>
  numericPartSchema.parse({
    id: 'part',
    kind: 'numeric',
    prompt: 'How much is it?',
    modelAnswer: 'The model answer.',
    explanation: 'Why it is what it is.',
    sources: ['written for this test'],
    rule: 'computed',
    ...fields,
  });

/** A measurement of `request` that found `value` (the theory's figure `theory`, the same by default). */
export const measuredAs = (request: MeasurementRequestInput, value: number, theory = value): Measurement => ({
  request: measurementRequestSchema.parse(request),
  measured: value,
  theory,
  unit: 'count',
  details: ['How it was measured.'],
  backend: 'test',
  engine: 'tfjs',
  elapsedMs: 0,
});
