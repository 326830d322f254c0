import { describe, expect, test } from 'vitest';
import { gradeChoice, gradeRubric, normaliseText, QUESTIONS, type RubricPart } from '../src/index';

const rubricParts = QUESTIONS.flatMap((q) =>
  q.parts.filter((p): p is RubricPart => p.kind === 'rubric').map((p) => [q.id, p] as const),
);

describe('the question bank', () => {
  test('has the eight questions, each with a model answer, an explanation and sources for every part', () => {
    expect(QUESTIONS.map((q) => q.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const q of QUESTIONS) for (const p of q.parts) expect(p.sources.length).toBeGreaterThan(0);
  });

  test('numeric parts name a model to measure and store no expected value', () => {
    const numeric = QUESTIONS.flatMap((q) => q.parts.filter((p) => p.kind === 'numeric'));
    expect(numeric.length).toBeGreaterThanOrEqual(7);
    for (const p of numeric) expect(Object.keys(p)).not.toContain('expected');
  });

  test('question 2 corrects the notes\' "28 x 99" and supplies the missing RAM answers', () => {
    const q2 = QUESTIONS[1]!;
    expect(q2.correctionsToNotes.join(' ')).toMatch(/28 x 99.*ceil\(input\/stride\): 100×150/);
    expect(q2.parts.map((p) => p.id)).toEqual(['params', 'ram-inference', 'ram-training']);
  });

  test.each(rubricParts)('question %i: the model answer earns full credit on its own rubric', (_, part) => {
    const grade = gradeRubric(part, part.modelAnswer);
    expect(grade.missed?.filter(() => grade.score < 1)).toEqual([]);
    expect(grade.score).toBe(1);
  });
});

describe('free-text grading against a rubric', () => {
  const q3 = QUESTIONS[2]!.parts[0] as RubricPart;
  const q6 = QUESTIONS[5]!.parts[0] as RubricPart;

  test("question 3: the study notes' five remedies earn full credit, each named back", () => {
    const notes =
      'Reduce mini-batch size; reduce dimensionality using a stride; remove layers; use 16-bit floats; distribute the CNN across multiple devices';
    const grade = gradeRubric(q3, notes);
    expect(grade.score).toBe(1);
    expect(grade.covered).toEqual(['batch', 'stride', 'smaller-model', 'precision', 'distribute']);
  });

  test('question 3: three remedies earn 3/5, and the feedback lists what was missed', () => {
    const grade = gradeRubric(q3, 'use a smaller batch, mixed precision, and gradient checkpointing');
    expect(grade.score).toBe(0.6);
    expect(grade.covered).toEqual(['batch', 'precision', 'checkpointing']);
    expect(grade.feedback.join(' ')).toMatch(
      /Missing \(5 for full credit\): reduce dimensionality early with a larger stride/,
    );
  });

  test('synonyms and spelling variants count; unrelated text does not', () => {
    expect(gradeRubric(q3, 'Halve the minibatch size').covered).toEqual(['batch']);
    expect(gradeRubric(q3, 'I would buy a bigger monitor and drink coffee').score).toBe(0);
  });

  test('question 6 is graded per network: all five must be covered for full credit', () => {
    const onlyTwo = gradeRubric(
      q6,
      'ResNet uses skip connections and batch norm; Xception uses depthwise separable convolutions, spatial and cross-channel separately.',
    );
    expect(onlyTwo.score).toBe(0.4);
    const notes =
      'AlexNet is larger and deeper, stacks conv layers on top of each other, uses local response normalization. GoogLeNet: inception modules, 1x1 kernels as bottleneck layers, global average pooling. ResNet: skip connections, residual learning, even deeper. Xception replaces inception modules with depthwise separable convolutional layers and looks at spatial patterns and depthwise patterns separately. SENet: adds an SE block to every unit that recalibrates the feature maps.';
    expect(gradeRubric(q6, notes).score).toBe(1);
  });

  test('grading is deterministic and quick (no network service)', () => {
    const answer = 'smaller batch, stride, fewer layers, fp16, several GPUs';
    expect(gradeRubric(q3, answer)).toEqual(gradeRubric(q3, answer));
  });

  test('normalisation folds case, accents, punctuation and ×', () => {
    expect(normaliseText('Généralisation: 1×1 CONVS!')).toBe(' generalisation 1x1 convs ');
  });
});

describe('multiple choice', () => {
  const part = QUESTIONS[4]!.parts.find((p) => p.kind === 'choice')!;
  if (part.kind !== 'choice') throw new Error('question 5 has a choice part');

  test.each(['b', 'B', 'b)', '2', 'the activations at the same position in neighbouring channels'])(
    '%j is the right answer',
    (answer) => {
      expect(gradeChoice(part, answer)).toMatchObject({ score: 1, correct: true });
    },
  );

  test('a wrong option names the right one', () => {
    expect(gradeChoice(part, 'a')).toMatchObject({
      score: 0,
      feedback: [expect.stringMatching(/the answer is b\) the activations at the same position/)],
    });
  });

  test('an answer that is no option says which are', () => {
    expect(gradeChoice(part, 'z')).toEqual({ invalid: 'choose one of a, b, c, d (or 1–4)' });
  });
});
