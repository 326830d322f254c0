import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ON_ITS_WAY } from '../src/discord/commands/explain';
import { QuizError } from '../src/index';
import type { SegmentationPicture } from '../src/verify/segmentation-picture';
import { MeasurementService } from '../src/verify/service';
import { opt } from './discord-emulator/emulator';
import { type Harness, startHarness, users } from './discord-emulator/harness';

/**
 * Issue 20: the first `/explain 8` under load. A started training runs to the end and is cached
 * (never cut at the measurement timeout, never trained twice); whoever asks meanwhile is told the
 * picture is on its way. And a shutdown mid-run is a restart, not "out of memory".
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
  h = await startHarness({ measurer: pictures, pictureWaitMs: 300 });
});
afterAll(async () => {
  pictures.release();
  await h?.close();
});

describe('/explain 8 while its models train', () => {
  test('the first requester gets the text after the wait, the next one at once; one training', async () => {
    const first = await h.emulator
      .slash({ user: users.ada }, 'explain', [opt.integer('question', 8)])
      .message();
    const picture = (embed: { fields: { name: string; value: string }[] }) =>
      embed.fields.find((f) => f.name === 'Picture')?.value;
    expect(picture(first.embeds[0])).toBe(ON_ITS_WAY);
    const started = Date.now();
    const second = await h.emulator
      .slash({ user: users.grace }, 'explain', [opt.integer('question', 8)])
      .message();
    expect(picture(second.embeds[0])).toBe(ON_ITS_WAY);
    expect(Date.now() - started).toBeLessThan(3_000); // not another full wait
    expect(pictures.calls).toBe(1);
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
