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

/** The smallest question id: the adapters' lower limit for a question option. */
export const FIRST_QUESTION_ID = Math.min(...QUESTION_IDS);
/** The largest question id: the adapters' upper limit for a question option. */
export const LAST_QUESTION_ID = Math.max(...QUESTION_IDS);

/** "1 to 8" when the ids run without a gap, else the list. */
function describeIds(ids: readonly number[]): string {
  const contiguous = ids.every((id, i) => i === 0 || id === ids[i - 1]! + 1);
  return contiguous && ids.length > 1 ? `${ids[0]} to ${ids[ids.length - 1]}` : ids.join(', ');
}

/** The question ids as the adapters and messages say them: "1 to 8". */
export const QUESTION_IDS_TEXT = describeIds(QUESTION_IDS);

/** The questions with variants as a sentence says them: "2, 4, 7 and 8". */
export const VARIANT_QUESTION_IDS_TEXT =
  VARIANT_QUESTION_IDS.length < 2
    ? VARIANT_QUESTION_IDS.join('')
    : `${VARIANT_QUESTION_IDS.slice(0, -1).join(', ')} and ${VARIANT_QUESTION_IDS[VARIANT_QUESTION_IDS.length - 1]}`;

/** The definition of question `id`, or undefined when there is none. */
export function questionDefinition(id: number): QuestionDefinition | undefined {
  return QUESTION_DEFINITIONS.find((d) => d.id === id);
}
