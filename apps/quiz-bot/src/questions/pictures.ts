import { type ModelSpecInput, modelSpecSchema } from '@cnnkit/shape-math';
import { z } from 'zod';
import { strictObject } from '../strict';

/**
 * A picture that explains a question, as data beside the question's text (issue 17: each question's
 * pictures with its question). The views draw it (`picturesFor`), the adapters show what the
 * question lists; neither knows which question has which picture.
 *
 * - `exercise2FeatureMaps`: exercise 2's feature maps to scale, drawn from shape-math's shapes.
 * - `blockDiagram`: a small network's blocks with every tensor's shape, drawn from `spec`; `source`
 *   names the paper the spec follows (printed under the picture).
 * - `segmentationRun`: the committed FCN-32s / FCN-8s / U-Net run, read from the segmentation
 *   package's files (never trained on Discord; the terminal's `explain --live` adds a small live run).
 */
export const questionPictureSchema = z.discriminatedUnion('kind', [
  strictObject({ kind: z.literal('exercise2FeatureMaps') }),
  strictObject({
    kind: z.literal('blockDiagram'),
    /** A file name without extension: "inception-module". */
    name: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(3),
    spec: z.custom<ModelSpecInput>((value) => modelSpecSchema.safeParse(value).success, {
      message: 'must be a shape-math model spec that validates',
    }),
    source: z.string().min(3),
  }),
  strictObject({ kind: z.literal('segmentationRun') }),
]);
/** One picture of a question (see `questionPictureSchema`). */
export type QuestionPicture = z.infer<typeof questionPictureSchema>;

/** Whether a question shows the committed segmentation run (and offers the terminal's live run). */
export function showsSegmentationRun(question: { readonly pictures: readonly QuestionPicture[] }): boolean {
  return question.pictures.some((p) => p.kind === 'segmentationRun');
}
