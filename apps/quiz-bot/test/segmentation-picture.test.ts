import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { liveVerdict } from '../src/verify/segmentation-demonstration';
import {
  type SegmentationProgress,
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

  test("the live run's text is labelled live and read from its numbers, beside the baseline", () => {
    const verdict = liveVerdict(first);
    expect(verdict.header).toMatch(/^Live small run \(not the committed result/);
    for (const row of first.rows) {
      expect(row.baselineAccuracy).toBeGreaterThan(0);
      expect(row.classesPredicted.length).toBeGreaterThan(0);
    }
    first.rows.forEach((row, k) => {
      expect(verdict.models[k]).toContain(`pixel accuracy ${row.pixelAccuracy.toFixed(3)}`);
      expect(verdict.models[k]).toContain(`all-background ${row.baselineAccuracy.toFixed(3)}`);
    });
    // One seed: whatever the order at the edges, the text may not claim more than noise allows.
    expect(verdict.reading).not.toMatch(/on every seed/);
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
