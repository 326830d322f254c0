import type { Concept, RubricPart } from '../src/questions/schemas';

/*
 * Small rubric parts written for the rubric rule suites (rubric-rules, rubric-reading-rules,
 * rubric-verdict-rules): ids no table of `claims/` knows, so only their own patterns, opposites,
 * claims and groups count. Each call returns a fresh part object (parts are compiled and their
 * lexicon built once per object), so no test sees another's cache.
 */

/** A concept of a test part: its id, label and patterns, and any other field. */
export const concept = (
  id: string,
  label: string,
  patterns: string[],
  extra: Partial<Concept> = {},
): Concept => ({
  id,
  label,
  patterns,
  ...extra,
});

/**
 * The parts of one suite, their ids prefixed with `prefix`: `pooling` (question 4's shape: fewer
 * parameters, shift invariance, faster training; two required), `networks` (question 6's rule:
 * an innovation counts for the network it is said of, one per network) and `resolution` (resolution
 * lost, dilated convolutions).
 */
export function rubricParts(prefix: string) {
  const pooling = (over: Partial<RubricPart> = {}): RubricPart => ({
    id: `${prefix}-pooling`,
    kind: 'rubric',
    prompt: 'Why does a pooling layer help a CNN?',
    modelAnswer: 'Pooling has fewer parameters and gives shift invariance.',
    explanation: 'A pooling layer has no weights; its output barely moves when the input shifts.',
    sources: ['written for this test'],
    required: 2,
    concepts: [
      concept('params', 'fewer parameters', ['parameters?'], { direction: 'less' }),
      concept('shift', 'shift invariance', ['invarian\\w*'], { opposites: ['sensitive to shifts?'] }),
      concept('speed', 'faster training', ['faster']),
    ],
    ...over,
  });
  const networks = (): RubricPart =>
    pooling({
      id: `${prefix}-networks`,
      prompt: 'Name an innovation of ResNet and of AlexNet.',
      modelAnswer: 'ResNet: skip connections. AlexNet: ReLU.',
      explanation: 'ResNet added skip connections; AlexNet used ReLU.',
      required: 2,
      perGroup: 1,
      subjects: {
        rule: 'owns',
        list: [
          { id: 'resnet', patterns: ['resnet'] },
          { id: 'alexnet', patterns: ['alexnet'] },
          { id: 'lenet', patterns: ['lenet'] },
        ],
      },
      concepts: [
        concept('skip', 'skip connections', ['skip connections?'], { group: 'resnet' }),
        concept('relu', 'ReLU', ['relu'], { group: 'alexnet' }),
        concept('huge', 'much larger', ['huge'], { group: 'alexnet' }),
      ],
    });
  // Question 8's shape: resolution lost, and dilated convolutions (a remedy that keeps it).
  const resolution = (): RubricPart =>
    pooling({
      concepts: [
        concept(
          'lost',
          'resolution is lost',
          ['los(?:es|ing) (?:the )?resolution', 'reduc\\w* (?:the )?resolution'],
          {
            opposites: ['keeps? the resolution'],
          },
        ),
        concept('dilated', 'dilated convolutions', ['dilated convolutions?']),
      ],
    });
  return { pooling, networks, resolution };
}
