import { describe, expect, test } from 'vitest';
import { likelyMistakes } from '../src/grading/mistakes';
import { type MeasurementRequestInput, measurementRequestSchema } from '../src/verify/requests';

/*
 * The diagnoses added after mistakes.ts' last mutation run (question 4's depthwise count and other
 * kernels, question 6's other depth and total count), one case each; every figure worked out by hand
 * beside it or taken from the source named there.
 */

const request = (input: MeasurementRequestInput) => measurementRequestSchema.parse(input);

describe('what each diagnosis says (the explanation is the feedback a learner reads)', () => {
  test('pooling versus a strided conv, 64 channels, a 2×2 window: a depthwise count and a 3×3 kernel', () => {
    // The conv layer: (2·2·64 + 1)·64 = 16,448. Depthwise: 2·2·64 + 64 = 320; 3×3: (3·3·64 + 1)·64 = 36,928.
    const mistakes = likelyMistakes(request({ kind: 'poolVersusConv', channels: 64, window: 2 }), 16_448);
    expect(mistakes.find((m) => m.id === 'depthwise-only')?.explanation).toBe(
      'That counts one 2×2 filter per channel (a depthwise conv, 2·2·64 + 64): a conv layer keeping 64 channels has 64 filters, each 2·2·64, plus a bias each.',
    );
    expect(mistakes.find((m) => m.id === 'other-kernel')?.explanation).toBe(
      'That is a 3×3 kernel ((3·3·64 + 1)·64): a conv replacing a 2×2 pooling layer has a 2×2 kernel, (2·2·64 + 1)·64.',
    );
  });

  test("another depth of the family names that network's count", () => {
    // ResNet-18's count, torchvision's: 11,689,512 (as in numeric-mistakes' ResNet-50 case).
    const mistakes = likelyMistakes(
      request({ kind: 'architectureParams', architecture: 'resnet50', count: 'trainable' }),
      25_557_032,
    );
    expect(mistakes.find((m) => m.id === 'other-depth')?.explanation).toMatch(
      /^That is \S.*'s count \(11,689,512\), another depth of the same family\.$/,
    );
  });
});

describe('a network count asked in total, and a name that is no family and depth', () => {
  test("Keras' ResNet-50 in total: without its classifier is the total less the dense layer; no other depth", () => {
    // Keras Applications' ResNet50 summary: 25,636,712 parameters in total, 53,120 of them the batch
    // norms' moving statistics (not trainable); without its top, 23,587,712 (= 25,636,712 − the
    // 2048·1000 + 1000 = 2,049,000 of the dense layer). "resnet50-keras" is no name of the form
    // family + depth, so no other depth is offered.
    const mistakes = likelyMistakes(
      request({ kind: 'architectureParams', architecture: 'resnet50-keras', count: 'total' }),
      25_636_712,
    );
    // Its classifier's 1,000 biases left out: 25,636,712 − 1,000 = 25,635,712.
    expect(mistakes.map((m) => [m.id, m.value])).toEqual([
      ['classifier-left-out', 23_587_712],
      ['classifier-biases-left-out', 25_635_712],
    ]);
  });
});
