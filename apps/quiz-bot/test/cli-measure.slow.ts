import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { quizCli } from './helpers';

const folder = mkdtempSync(join(tmpdir(), 'cnnkit-cli-slow-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const quiz = quizCli(folder);

// Slow suite: these build ResNet-50, Xception and AlexNet for real (several seconds each).
describe('cnnkit-quiz compute on the large networks', () => {
  // He 2016; Chollet 2017: five stride-2 stages, whatever the input side (side / last map gave
  // 25 for ResNet-50 at 100 and 29.9 for Xception at 299).
  test.each([
    [['--arch', 'resnet50', '--side', '100'], 32],
    [['--arch', 'xception', '--side', '299'], 32],
  ])('compute stride %j measures the product of the strides: %i', (args, stride) => {
    const { code, out } = quiz(['compute', 'stride', ...args, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ measured: stride, theory: stride });
  });

  test('compute params names the convention of its count and the others on offer', () => {
    const { code, out } = quiz(['compute', 'params', '--arch', 'alexnet']);
    expect(code).toBe(0);
    expect(out).toContain('Convention: Caffe bvlc_alexnet (60,965,224 parameters');
    expect(out).toContain('--arch alexnet-torchvision');
  });
});
