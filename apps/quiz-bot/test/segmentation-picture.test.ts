import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  edgeVerdict,
  type SegmentationProgress,
  type SegmenterScore,
  segmentationPictureKey,
  segmentationPictureSettingsSchema,
} from '../src/verify/segmentation-picture';
import { MeasurementService } from '../src/verify/service';

// Tiny on purpose (8 images of 32×32, one epoch): this checks the plumbing, not the models; the
// package's own slow suite checks that the skips win on a real run.
const TINY = { size: 32, trainCount: 8, testCount: 2, epochs: 1, examples: 2 } as const;
const folder = mkdtempSync(join(tmpdir(), 'cnnkit-pictures-'));
const services: MeasurementService[] = [];
const service = () => {
  const created = new MeasurementService({ segmentationPicture: { settings: TINY, cacheFolder: folder } });
  services.push(created);
  return created;
};
afterAll(async () => {
  await Promise.all(services.map((s) => s.close()));
  rmSync(folder, { recursive: true, force: true });
});

/** A PNG's width and height, read from its IHDR chunk (PNG spec, section 11.2.2). */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('question 8: FCN-32s, FCN-8s and U-Net trained in the worker, their masks side by side', () => {
  let first: Awaited<ReturnType<MeasurementService['segmentationPicture']>>;
  const progress: SegmentationProgress[] = [];

  test('the first request trains the three models in the worker and writes the PNG and its numbers', async () => {
    const concurrent = service();
    // Two requests at once share one run: progress arrives once per model and epoch, not twice.
    const [a, b] = await Promise.all([
      concurrent.segmentationPicture({ onProgress: (p) => progress.push(p) }),
      concurrent.segmentationPicture(),
    ]);
    first = a;
    expect(b).toEqual(a);
    expect(first.cached).toBe(false);
    expect(first.rows.map((r) => r.model)).toEqual(['fcn32s', 'fcn8s', 'unet']);
    expect(first.rows.map((r) => r.finestSkipStride)).toEqual([32, 8, 1]);
    expect(first.backend).toMatch(/^backend (wasm|cpu)/);
    expect(progress.map((p) => [p.model, p.epoch, p.epochs])).toEqual([
      ['fcn32s', 1, 1],
      ['fcn8s', 1, 1],
      ['unet', 1, 1],
    ]);
    expect(progress[0]!.line).toMatch(/^fcn32s epoch 1\/1 loss \d+\.\d{3}/);
    // One row per example; input, ground truth and three masks per row, each 32 px × scale 4, with
    // 8 px gaps, an 18 px title per row and a 24 px legend (segmentation's render.ts layout).
    const { width, height } = pngSize(readFileSync(first.path));
    expect(width).toBe(8 + 5 * (32 * 4 + 8));
    expect(height).toBe(TINY.examples * (18 + 32 * 4 + 8) + 8 + 24);
    const stored = JSON.parse(readFileSync(first.path.replace(/\.png$/, '.json'), 'utf8'));
    expect(stored.rows).toEqual(first.rows);
  });

  test('a second request, even from a new service (a restarted bot), comes from the cache without training', async () => {
    const before = statSync(first.path).mtimeMs;
    const events: SegmentationProgress[] = [];
    const again = await service().segmentationPicture({ onProgress: (p) => events.push(p) });
    expect(again.cached).toBe(true);
    expect(again.path).toBe(first.path);
    expect(again.rows).toEqual(first.rows);
    expect(events).toEqual([]);
    expect(statSync(first.path).mtimeMs).toBe(before);
  });

  test("the text names the run's winner at the edges: the row with the highest boundary F1", () => {
    const best = [...first.rows].sort((a, b) => b.boundaryF1 - a.boundaryF1);
    const verdict = edgeVerdict(first);
    const name = { fcn32s: 'FCN-32s', fcn8s: 'FCN-8s', unet: 'U-Net' }[best[0]!.model];
    if (best[0]!.boundaryF1 > best[1]!.boundaryF1) expect(verdict).toContain(`At the edges ${name} won`);
    else expect(verdict).toMatch(/tied/);
    for (const row of first.rows) expect(verdict).toContain(row.boundaryF1.toFixed(3));
  });
});

describe('the sentence about the edges is read from the numbers', () => {
  const row = (model: SegmenterScore['model'], boundaryF1: number, meanIoU = 0.5): SegmenterScore => ({
    model,
    params: 1,
    finestSkipStride: { fcn32s: 32, fcn8s: 8, unet: 1 }[model],
    pixelAccuracy: 0.9,
    meanIoU,
    boundaryF1,
    trainMs: 1,
  });

  test('the finest skips winning is said so', () => {
    expect(
      edgeVerdict({ rows: [row('fcn32s', 0.1, 0.2), row('fcn8s', 0.5, 0.6), row('unet', 0.7, 0.8)] }),
    ).toMatchInlineSnapshot(
      `"At the edges U-Net won: boundary F1 U-Net 0.700 (mean IoU 0.800), FCN-8s 0.500 (mean IoU 0.600), FCN-32s 0.100 (mean IoU 0.200). In this run the model whose skips bring the finest maps back (stride 1) drew the sharpest edges."`,
    );
  });

  test('a run where the coarse model won says the run was too short, not that skips help', () => {
    const verdict = edgeVerdict({ rows: [row('fcn32s', 0.4), row('fcn8s', 0.2), row('unet', 0.3)] });
    expect(verdict).toMatch(/^At the edges FCN-32s won: boundary F1 FCN-32s 0\.400/);
    expect(verdict).toContain('did not separate the models by their skips');
  });

  test('a tie is a tie', () => {
    expect(edgeVerdict({ rows: [row('fcn32s', 0), row('fcn8s', 0), row('unet', 0)] })).toMatch(
      /^At the edges FCN-32s and FCN-8s and U-Net tied/,
    );
  });
});

describe('the cache key', () => {
  const parse = (input: object) => segmentationPictureSettingsSchema.parse(input);
  test('changes with any setting and is stable for the same settings', () => {
    expect(segmentationPictureKey(parse(TINY))).toBe(segmentationPictureKey(parse({ ...TINY })));
    expect(segmentationPictureKey(parse(TINY))).not.toBe(segmentationPictureKey(parse({ ...TINY, seed: 2 })));
    expect(segmentationPictureKey(parse(TINY))).not.toBe(
      segmentationPictureKey(parse({ ...TINY, epochs: 2 })),
    );
  });
});
