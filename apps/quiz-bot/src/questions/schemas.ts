import { z } from 'zod';
import { strictObject } from '../strict';
import { measurementRequestSchema } from '../verify/requests';
import { questionPictureSchema } from './pictures';

/** A concept the grader looks for in a free-text answer: any one of its patterns counts. */
export const conceptSchema = strictObject({
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
  /**
   * Phrases that assert the contrary ("64-bit floats" against "16-bit floats", "preserves the
   * resolution" against "resolution is lost"): said plainly, they contradict the concept.
   */
  opposites: z.array(z.string().min(2)).optional(),
  /**
   * The concept says something is less (fewer parameters, a smaller batch) or more: a comparative
   * or verb of the other direction next to it ("increase the batch size") contradicts it.
   */
  direction: z.enum(['less', 'more']).optional(),
  /** Phrases that show the concept whatever comparative stands next to them ("reduce dimensionality"). */
  undirected: z.array(z.string().min(2)).optional(),
  /**
   * Paraphrases as data: sequences of slots matched on the answer's lemmas in order inside one
   * clause ("@less @parameter", "split|spread @gpu"; "@name" is a shared synonym list, a word
   * ending in "*" a prefix). They carry their own direction, and are judged like `patterns`
   * (asserted, not negated, of the right subject).
   */
  claims: z.array(z.string().min(2)).optional(),
  /** Paraphrases of the opposite, in the same form as `claims` ("@more @batch"). */
  counterclaims: z.array(z.string().min(2)).optional(),
  /**
   * Phrases that say what the concept brings about, not the concept ("restore the detail" for
   * upsampling), matched like `patterns`; `notOf` names the other things that bring it about: in a
   * clause whose subject names only those ("skip connections from the encoder restore the detail")
   * the effect is theirs. A subject with something else beside them ("skip connections and a
   * decoder restore …") still says it.
   */
  effects: strictObject({
    patterns: z.array(z.string().min(2)).min(1),
    notOf: z.array(z.string().min(2)).min(1),
  }).optional(),
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

export const numericPartSchema = strictObject({
  ...partBase,
  kind: z.literal('numeric'),
  unit: z.enum(['count', 'bytes', 'ratio', 'pixels']),
  /**
   * `computed`: the learner works the figure out (exercise 2, question 4), so it must be the true
   * value rounded to the precision they wrote, with `significantDigits` at least; a coarser
   * rounding earns half. `recalled`: a figure one remembers (ResNet-50's parameters).
   */
  rule: z.enum(['computed', 'recalled']),
  /** Digits needed for full credit: `all` (an exact count), or a number (3 for 12.6 MB, 2 for 25.6M). */
  significantDigits: z.union([z.literal('all'), z.number().int().min(1).max(6)]),
  /** What to build and measure: the expected value is never stored, it is measured. */
  measure: measurementRequestSchema,
  /** Other references' figures for the same quantity, measured too, and accepted with a note. */
  conventions: z
    .array(
      strictObject({ name: z.string().min(2), measure: measurementRequestSchema, note: z.string().min(10) }),
    )
    .default([]),
  /**
   * The study notes' own wrong answers to this part ("28 x 99"), each with its correction: a
   * learner who repeats one is shown the correction, not a bare "wrong".
   */
  notesFigures: z
    .array(strictObject({ answer: z.string().min(1), correction: z.string().min(10) }))
    .default([]),
  /** A published rounding that differs from the exact figure (the book's 564.6 MB), accepted with a note. */
  bookFigures: z
    .array(strictObject({ answer: z.string().min(1), source: z.string().min(3), note: z.string().min(10) }))
    .default([]),
});

export const rubricPartSchema = strictObject({
  ...partBase,
  kind: z.literal('rubric'),
  concepts: z.array(conceptSchema).min(1),
  /** Concepts needed for full credit (question 3 asks for five remedies). */
  required: z.number().int().positive(),
  /** For grouped rubrics: at least this many concepts from every group (question 6: one per network). */
  perGroup: z.number().int().positive().optional(),
  /**
   * The things the question pairs, each named by patterns. `owns`: a concept counts only when said
   * of the subject its `group` names (question 6: an innovation counts for the network it is said
   * of). `contrast`: the concepts speak of the first subject; said of the second, a comparative
   * turns round ("a conv layer has more parameters" = pooling has fewer).
   */
  subjects: strictObject({
    rule: z.enum(['owns', 'contrast']),
    list: z
      .array(strictObject({ id: z.string().min(1), patterns: z.array(z.string().min(2)).min(1) }))
      .min(1),
  }).optional(),
});

export const choicePartSchema = strictObject({
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

export const questionSchema = strictObject({
  id: z.number().int().min(1),
  title: z.string().min(3),
  prompt: z.string().min(10),
  /** 1 (recall) to 3 (multi-step computation); scales the points. */
  difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  parts: z.array(partSchema).min(1),
  /** What the study notes got wrong or left out, corrected here. */
  correctionsToNotes: z.array(z.string()).default([]),
  /** The pictures that explain it, in the order shown (`explain`); none by default. */
  pictures: z.array(questionPictureSchema).default([]),
}).superRefine((question, ctx) => {
  const ids = question.parts.map((p) => p.id);
  if (new Set(ids).size !== ids.length)
    ctx.addIssue({ code: 'custom', message: `question ${question.id}: duplicate part ids` });
  // Picture file names are `question-<id>-<name>.png`: two pictures of one name would overwrite.
  const names = question.pictures.map((p) => (p.kind === 'blockDiagram' ? p.name : p.kind));
  if (new Set(names).size !== names.length)
    ctx.addIssue({ code: 'custom', message: `question ${question.id}: duplicate picture names` });
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
export type QuestionInput = z.input<typeof questionSchema>;
