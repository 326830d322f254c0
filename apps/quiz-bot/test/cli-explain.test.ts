import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { main } from '../src/cli/main';
import { committedVerdict, readDemonstration, verdictText } from '../src/verify/segmentation-demonstration';

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

describe('cnnkit-quiz explain -q 8: the committed run at once, a live small run on request', () => {
  const committed = readDemonstration();

  test('--json: the committed run per model (pixel accuracy beside the baseline, classes, mean IoU) and its seeds, with no training', async () => {
    const out = join(folder, 'json');
    const result = await explain(['-q', '8', '--out', out, '--json']);
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    const report = JSON.parse(result.out);
    expect(report.question).toBe(8);
    expect(report.pictures).toEqual([join(out, 'question-8-segmentation-comparison.png')]);
    expect(readFileSync(report.pictures[0])).toEqual(readFileSync(committed.png));
    expect(report.segmentation.source).toBe('committed');
    expect(report.segmentation.seeds).toEqual(committed.run.seeds);
    expect(report.segmentation.models.map((m: { model: string }) => m.model)).toEqual([
      'fcn32s',
      'fcn8s',
      'unet',
    ]);
    for (const model of report.segmentation.models) {
      expect(Object.keys(model)).toEqual(
        expect.arrayContaining(['pixelAccuracy', 'baselineAccuracy', 'classesPredicted', 'meanIoU']),
      );
    }
    expect(report.segmentation.verdict).toBe(verdictText(committedVerdict(committed.run)));
    expect(report.liveSegmentation).toBeUndefined();
    // Nothing was trained: the live cache folder was never created.
    expect(existsSync(options.segmentationPicture.cacheFolder)).toBe(false);
  });

  test('in words: the committed verdict and where the picture was written', async () => {
    const out = join(folder, 'words');
    const result = await explain(['-q', '8', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Question 8: Semantic segmentation');
    expect(result.out).toContain(`\n${verdictText(committedVerdict(committed.run))}\n`);
    expect(result.out).toContain(
      `Pictures written:\n  ${join(out, 'question-8-segmentation-comparison.png')}`,
    );
    expect(result.err).toBe('');
  });

  test('--live also trains the small run, labelled live, its progress on stderr only', async () => {
    const out = join(folder, 'live');
    const { code, out: stdout, err } = await explain(['-q', '8', '--out', out, '--live']);
    expect(code).toBe(0);
    expect(err.split('\n')[0]).toMatch(/^› live small run: training FCN-32s, FCN-8s and U-Net/);
    expect(err.split('\n').filter((l) => /epoch 1\/1 loss/.test(l))).toHaveLength(3);
    expect(stdout).not.toMatch(/epoch \d+\/\d+ loss/);
    expect(stdout).toContain('\nLive small run (not the committed result;');
    expect(stdout).toContain(join(out, 'question-8-segmentation-live.png'));
    expect(existsSync(join(out, 'question-8-segmentation-live.png'))).toBe(true);
    // It trains three models in a worker: on a loaded 2-core machine that can pass a minute.
  }, 180_000);
});
