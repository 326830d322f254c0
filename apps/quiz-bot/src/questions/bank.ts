import type { QuestionDefinition } from './define';
import { cnnVersusDense } from './q01-cnn-vs-dense';
import { parametersAndRam } from './q02-parameters-and-ram';
import { gpuOutOfMemory } from './q03-gpu-out-of-memory';
import { poolingVersusStridedConv } from './q04-pooling-vs-strided-conv';
import { localResponseNormalization } from './q05-local-response-normalization';
import { classicInnovations } from './q06-classic-innovations';
import { fullyConvolutional } from './q07-fully-convolutional';
import { semanticSegmentation } from './q08-semantic-segmentation';
import type { Question } from './schemas';

/**
 * Every question, one file each (text, rubric and variant generator together), in one static list:
 * type-checked and bundled, no globbing. Adapters read the ids and which questions have variants
 * from here.
 */
export const QUESTION_DEFINITIONS = [
  cnnVersusDense,
  parametersAndRam,
  gpuOutOfMemory,
  poolingVersusStridedConv,
  localResponseNormalization,
  classicInnovations,
  fullyConvolutional,
  semanticSegmentation,
] as const satisfies readonly QuestionDefinition[];

/** The base questions, validated once at load. */
export const QUESTIONS: readonly Question[] = QUESTION_DEFINITIONS.map((d) => d.base);

export const QUESTION_IDS: readonly number[] = QUESTIONS.map((q) => q.id);

/** The ids of the questions that have generated variants. */
export const VARIANT_QUESTION_IDS: readonly number[] = QUESTION_DEFINITIONS.filter(
  (d: QuestionDefinition) => d.variant !== undefined,
).map((d) => d.id);

export function questionDefinition(id: number): QuestionDefinition | undefined {
  return QUESTION_DEFINITIONS.find((d) => d.id === id);
}
