import { type Question, type QuestionInput, questionSchema } from './schemas';

/** One question: its base text, parts and rubric, and (when it has them) its generated variants. */
export interface QuestionDefinition {
  readonly id: number;
  readonly base: Question;
  /**
   * A variant drawn from a seed, with its own prompt, model answers and explanations worked out
   * from its own numbers; its expected values are measured on its own real model, like the base's.
   */
  readonly variant?: (seed: number) => Question;
}

/** Validates the base question once, at load; a variant is built from the validated base. */
export function defineQuestion(definition: {
  readonly base: QuestionInput;
  readonly variant?: (base: Question, seed: number) => Question;
}): QuestionDefinition {
  const base = questionSchema.parse(definition.base);
  const make = definition.variant;
  return make === undefined
    ? { id: base.id, base }
    : { id: base.id, base, variant: (seed) => make(base, seed) };
}

/** Replaces the numeric part `id` of a question, keeping the others (and their rubrics) as they are. */
export function withPart(
  question: Question,
  seed: number,
  replace: Readonly<Record<string, (part: Question['parts'][number]) => Question['parts'][number]>>,
  prompt = question.prompt,
): Question {
  return {
    ...question,
    title: `${question.title} (variant ${seed})`,
    prompt,
    parts: question.parts.map((part) => replace[part.id]?.(part) ?? part),
    correctionsToNotes: [],
  };
}
