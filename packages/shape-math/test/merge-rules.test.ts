import { describe, expect, test } from 'vitest';
import { analyze } from '../src/index';

/*
 * Receptive fields through merges, which mutation testing found unchecked (issue 17). A merged
 * output sees everything either input saw, so its receptive field and jump are the larger of its
 * inputs' (Araujo et al., "Computing Receptive Fields of CNNs", Distill 2019, section on
 * multi-path networks: the receptive field of a merge is the maximum over its paths).
 */
describe('merges take the largest receptive field and jump of their inputs', () => {
  test('a residual add of two 3×3 convolutions and the identity sees 5×5', () => {
    // Path 1: 3×3 then 3×3 → 1 + 2 + 2 = 5. Path 2: the input itself → 1. Max: 5; jumps both 1.
    const report = analyze({
      input: [16, 16, 8],
      layers: [
        { kind: 'conv2d', name: 'c1', filters: 8, kernelSize: 3, padding: 'same' },
        { kind: 'conv2d', name: 'c2', filters: 8, kernelSize: 3, padding: 'same' },
        { kind: 'add', name: 'add', inputs: ['input', 'c2'] },
      ],
    });
    expect(report.layers.find((l) => l.name === 'add')!.receptiveField).toEqual([5, 5]);
  });

  test("a concatenation of a 1×1, a dilated 3×1 and a 1×3 branch takes each axis's maximum", () => {
    // Branch a: 1×1 conv → r [1, 1], jump [1, 1]. Branch b: 3×1 conv, stride 1, dilation [2, 1]
    // → r [1 + 2·2, 1] = [5, 1]. Concatenated: r [5, 1], jump [1, 1]. With a 1×3 branch c as well,
    // r [1, 3] → overall [5, 3]: the maximum per axis, not the field of any one branch.
    const report = analyze({
      input: [16, 16, 4],
      layers: [
        { kind: 'conv2d', name: 'a', inputs: ['input'], filters: 2, kernelSize: 1 },
        {
          kind: 'conv2d',
          name: 'b',
          inputs: ['input'],
          filters: 2,
          kernelSize: [3, 1],
          dilationRate: [2, 1],
          padding: 'same',
        },
        { kind: 'conv2d', name: 'c', inputs: ['input'], filters: 2, kernelSize: [1, 3], padding: 'same' },
        { kind: 'concatenate', name: 'cat', inputs: ['a', 'b', 'c'] },
      ],
    });
    const cat = report.layers.find((l) => l.name === 'cat')!;
    expect(cat.receptiveField).toEqual([5, 3]);
    expect(cat.outputShape).toEqual([16, 16, 6]);
  });

  test('two stride-2 paths of different fields: the sum sees the larger, 3, at jump 2', () => {
    // Path p: 2×2 max pool, stride 2 → r 2, jump 2. Path q: 3×3 conv, stride 2, "same" → r 3,
    // jump 2. Both are 8×8×4, so add(p, q) is allowed: r max(2, 3) = 3, jump 2.
    const report = analyze({
      input: [16, 16, 4],
      layers: [
        { kind: 'maxPooling2d', name: 'p', inputs: ['input'], poolSize: 2 },
        {
          kind: 'conv2d',
          name: 'q',
          inputs: ['input'],
          filters: 4,
          kernelSize: 3,
          strides: 2,
          padding: 'same',
        },
        { kind: 'add', name: 'sum', inputs: ['p', 'q'] },
      ],
    });
    const sum = report.layers.find((l) => l.name === 'sum')!;
    expect(sum.receptiveField).toEqual([3, 3]);
    expect(sum.effectiveStride).toEqual([2, 2]);
  });
});
