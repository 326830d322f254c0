import { z } from 'zod';
import { measurementRequestSchema } from '../verify/requests';

/** A concept the grader looks for in a free-text answer: any one of its patterns counts. */
export const conceptSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** How the concept is named back to the learner. */
  label: z.string().min(3),
  /**
   * Phrases that show the concept, as lower-case regular-expression sources matched on the
   * normalised answer (accents and punctuation folded, British/American spellings both listed).
   */
  patterns: z.array(z.string().min(2)).min(1),
  /** Which group the concept belongs to (question 6: the network it is an innovation of). */
  group: z.string().optional(),
});
export type Concept = z.infer<typeof conceptSchema>;

const partBase = {
  id: z.string().regex(/^[a-z0-9-]+$/),
  prompt: z.string().min(10),
  /** The model answer, shown after grading. */
  modelAnswer: z.string().min(3),
  explanation: z.string().min(10),
  /** Where the numbers and claims come from. */
  sources: z.array(z.string().min(3)).min(1),
};

export const numericPartSchema = z.object({
  ...partBase,
  kind: z.literal('numeric'),
  unit: z.enum(['count', 'bytes', 'ratio', 'pixels']),
  /** Relative tolerance for full credit (0.01 = 1%); an answer within 5× that earns half. */
  tolerance: z.number().positive().max(0.5),
  /** What to build and measure: the expected value is never stored, it is measured. */
  measure: measurementRequestSchema,
});

export const rubricPartSchema = z.object({
  ...partBase,
  kind: z.literal('rubric'),
  concepts: z.array(conceptSchema).min(1),
  /** Concepts needed for full credit (question 3 asks for five remedies). */
  required: z.number().int().positive(),
  /** For grouped rubrics: at least this many concepts from every group (question 6: one per network). */
  perGroup: z.number().int().positive().optional(),
});

export const choicePartSchema = z.object({
  ...partBase,
  kind: z.literal('choice'),
  options: z.array(z.string().min(1)).min(2).max(8),
  correct: z.number().int().nonnegative(),
});

export const partSchema = z.discriminatedUnion('kind', [
  numericPartSchema,
  rubricPartSchema,
  choicePartSchema,
]);
export type Part = z.infer<typeof partSchema>;
export type NumericPart = z.infer<typeof numericPartSchema>;
export type RubricPart = z.infer<typeof rubricPartSchema>;
export type ChoicePart = z.infer<typeof choicePartSchema>;

export const questionSchema = z
  .object({
    id: z.number().int().min(1),
    title: z.string().min(3),
    prompt: z.string().min(10),
    /** 1 (recall) to 3 (multi-step computation); scales the points. */
    difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    parts: z.array(partSchema).min(1),
    /** What the study notes got wrong or left out, corrected here. */
    correctionsToNotes: z.array(z.string()).default([]),
  })
  .superRefine((question, ctx) => {
    const ids = question.parts.map((p) => p.id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: 'custom', message: `question ${question.id}: duplicate part ids` });
    for (const part of question.parts) {
      if (part.kind === 'rubric' && part.required > part.concepts.length) {
        ctx.addIssue({
          code: 'custom',
          message: `question ${question.id} part ${part.id}: requires more concepts than it lists`,
        });
      }
      if (part.kind === 'choice' && part.correct >= part.options.length) {
        ctx.addIssue({
          code: 'custom',
          message: `question ${question.id} part ${part.id}: correct option out of range`,
        });
      }
    }
  });
export type Question = z.infer<typeof questionSchema>;
