import { type Grade, gradeRubric } from './grading/grade';
import { QUESTIONS, questionDefinition } from './questions/bank';
import type { Question } from './questions/schemas';

/** A rubric part's answer to grade, named by plain data (it crosses to the grading worker). */
export interface RubricRequest {
  readonly questionId: number;
  /** The variant's seed, for a generated variant of the question. */
  readonly variantSeed?: number | undefined;
  readonly partId: string;
  /** The answer, already cleaned (`cleanAnswer`). */
  readonly answer: string;
}

/** Grades rubric answers somewhere (the grading worker: grading-pool.ts); the engine awaits it. */
export interface RubricGrader {
  grade(request: RubricRequest): Promise<Grade>;
}

/** Variants built here, per process (the worker has its own); a few are enough: answers repeat them. */
const VARIANTS_KEPT = 64;
const variants = new Map<string, Question>();

function questionOf(id: number, variantSeed: number | undefined): Question {
  const definition = questionDefinition(id);
  if (definition === undefined) throw new Error(`there is no question ${id}`);
  if (variantSeed === undefined) return definition.base;
  if (definition.variant === undefined) throw new Error(`question ${id} has no variants`);
  const key = `${id}:${variantSeed}`;
  let question = variants.get(key);
  if (question === undefined) {
    question = definition.variant(variantSeed);
    variants.set(key, question);
    if (variants.size > VARIANTS_KEPT) variants.delete(variants.keys().next().value!);
  }
  return question;
}

/**
 * Grades a rubric answer named by `request` (`gradeRubric` on the part the engine found, built again
 * from the question bank): the grading worker's task, and its fallback on the calling thread. Throws
 * for a question or part that is not a rubric part (the engine checked it before asking).
 */
export function gradeRubricRequest(request: RubricRequest): Grade {
  const part = questionOf(request.questionId, request.variantSeed).parts.find((p) => p.id === request.partId);
  if (part === undefined || part.kind !== 'rubric')
    throw new Error(`question ${request.questionId} has no rubric part "${request.partId}"`);
  return gradeRubric(part, request.answer);
}

/**
 * Answers from the question bank itself for the grading worker's background warm-up (see
 * `serveGrading`): each rubric part's model answer, whole and clause by clause (a clause ends at
 * `.`, `;` or `:`), so the grader runs on answers of many lengths and claims, right and partial.
 * None comes from a learner or a labelled set.
 */
export function warmupRequests(): RubricRequest[] {
  const requests: RubricRequest[] = [];
  for (const question of QUESTIONS)
    for (const part of question.parts) {
      if (part.kind !== 'rubric') continue;
      const request = (answer: string) => ({ questionId: question.id, partId: part.id, answer });
      requests.push(request(part.modelAnswer));
      for (const clause of part.modelAnswer.split(/(?<=[.;:])\s+/))
        if (clause.length >= 10 && clause !== part.modelAnswer) requests.push(request(clause));
    }
  return requests;
}
