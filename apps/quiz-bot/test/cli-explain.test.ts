import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { main } from '../src/cli/main';

const folder = mkdtempSync(join(tmpdir(), 'cnnkit-explain-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// Tiny models (about a second); the real default settings are run by the slow CLI suite.
const options = {
  segmentationPicture: {
    settings: { size: 32, trainCount: 8, testCount: 2, epochs: 1, examples: 1 } as const,
    cacheFolder: join(folder, 'cache'),
  },
};

async function explain(args: string[], cliOptions: Parameters<typeof main>[2] = options) {
  const written = { out: '', err: '' };
  const stream = (name: 'out' | 'err') => ({
    write: (text: string) => {
      written[name] += text;
      return true;
    },
  });
  const io = { out: stream('out'), err: stream('err') } as unknown as Parameters<typeof main>[1];
  const code = await main(['explain', ...args], io, cliOptions);
  return { code, ...written };
}

describe('cnnkit-quiz explain -q 8: the segmentation picture in a terminal', () => {
  test('--json prints one JSON document (no progress), with the picture written and the verdict from the run', async () => {
    const out = join(folder, 'json');
    const result = await explain(['-q', '8', '--out', out, '--json']);
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    const report = JSON.parse(result.out);
    expect(report.question).toBe(8);
    expect(report.pictures).toEqual([join(out, 'question-8-segmentation-comparison.png')]);
    expect(readFileSync(report.pictures[0]).subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(report.segmentation.cached).toBe(false);
    expect(report.segmentation.rows.map((r: { model: string }) => r.model)).toEqual([
      'fcn32s',
      'fcn8s',
      'unet',
    ]);
    expect(report.segmentation.verdict).toMatch(/^At the edges (FCN-32s|FCN-8s|U-Net) (won|and)/);
  });

  test('in words: the verdict and where the file was written; the second run comes from the cache, so no training progress', async () => {
    const out = join(folder, 'words');
    const result = await explain(['-q', '8', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Question 8: Semantic segmentation');
    expect(result.out).toMatch(/\nAt the edges .*boundary F1 /);
    expect(result.out).toContain(
      `Pictures written:\n  ${join(out, 'question-8-segmentation-comparison.png')}`,
    );
    expect(existsSync(join(out, 'question-8-segmentation-comparison.png'))).toBe(true);
    expect(result.err).toBe('');
  });

  test('with a new cache folder the terminal user sees each epoch on stderr, stdout untouched by it', async () => {
    const { code, out, err } = await explain(['-q', '8', '--out', join(folder, 'fresh')], {
      segmentationPicture: { ...options.segmentationPicture, cacheFolder: join(folder, 'cache2') },
    });
    expect(code).toBe(0);
    expect(err.split('\n')[0]).toMatch(/^› training FCN-32s, FCN-8s and U-Net/);
    expect(err.split('\n').filter((l) => /epoch 1\/1 loss/.test(l))).toHaveLength(3);
    expect(out).not.toMatch(/epoch/);
  });
});
