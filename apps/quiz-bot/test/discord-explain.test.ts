import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { QuizError } from '../src/index';
import type { SegmentationPicture } from '../src/verify/segmentation-picture';
import { MeasurementService } from '../src/verify/service';
import { opt } from './discord-emulator/emulator';
import { type Harness, startHarness, users } from './discord-emulator/harness';

/**
 * Issue 20: `/explain 8` under load reads the committed run (no training on Discord). In the service,
 * a started training runs to the end and is cached (never cut at the measurement timeout, never
 * trained twice, for the terminal's `--live`). And a shutdown mid-run is a restart, not "out of memory".
 */

/** A picture source whose one training ends when the test says so. */
function gatedPictures() {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let state: 'none' | 'training' | 'cached' = 'none';
  const source = {
    calls: 0,
    release: () => release(),
    async measure(): Promise<never> {
      throw new Error('not used');
    },
    segmentationPictureState: () => state,
    async segmentationPicture(): Promise<SegmentationPicture> {
      source.calls++;
      state = 'training';
      await gate;
      state = 'cached';
      throw new QuizError('measurement_failed', 'the gated stand-in draws nothing');
    },
    async close() {},
  };
  return source;
}

const pictures = gatedPictures();
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ measurer: pictures });
});
afterAll(async () => {
  pictures.release();
  await h?.close();
});

describe('/explain 8 under load', () => {
  // Question 8's picture is the committed multi-seed run (issue 19): Discord never trains for it,
  // so a burst of requests cannot queue a training behind the 3 s limit.
  test('answers from the committed run at once, for everyone, and starts no training', async () => {
    for (const user of [users.ada, users.grace]) {
      const started = Date.now();
      const reply = await h.emulator.slash({ user }, 'explain', [opt.integer('question', 8)]).message();
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(JSON.stringify(reply)).toMatch(/U-Net/);
    }
    expect(pictures.calls).toBe(0);
  });
});

describe('the measurement service', () => {
  const folder = mkdtempSync(join(tmpdir(), 'cnnkit-picture-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  test('a training is not cut at the measurement timeout: it finishes, and the next request reads the cache', async () => {
    // 50 ms is far below any training (8 images of 32×32, one epoch: about a second at best).
    const service = new MeasurementService({
      timeoutMs: 50,
      segmentationPicture: {
        settings: { size: 32, trainCount: 8, testCount: 2, epochs: 1, examples: 2 },
        cacheFolder: folder,
      },
    });
    try {
      const first = service.segmentationPicture();
      expect(service.segmentationPictureState()).toBe('training');
      expect((await first).cached).toBe(false);
      expect(service.segmentationPictureState()).toBe('cached');
      expect((await service.segmentationPicture()).cached).toBe(true);
    } finally {
      await service.close();
    }
  }, 120_000);

  test('a run cut by a shutdown says the quiz is restarting, not that the model ran out of memory', async () => {
    const service = new MeasurementService({
      runOnWorker: () =>
        new Promise((_resolve, reject) => setTimeout(() => reject(new Error('worker terminated')), 100)),
    });
    const running = service.measure({ kind: 'poolVersusConv' });
    await service.close();
    await expect(running).rejects.toMatchObject({ code: 'service_restarting' });
    const { friendlyMessage } = await import('../src/discord/errors');
    expect(friendlyMessage(await running.catch((error: unknown) => error))).toBe(
      'The bot is restarting, so that model run was stopped. Please try again in a minute.',
    );
  });
});
