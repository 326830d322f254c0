import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../src/cli/main';
import type { MeasurementRequestInput } from '../src/verify/requests';
import { opt, type SlashOption } from './discord-emulator/emulator';
import { type Harness, startHarness, users } from './discord-emulator/harness';

/**
 * Issue 17's "one resolver in the engine", issue 20's `/compute stride` defect: the same requests
 * typed in the terminal and on Discord reach the measurer as the same request, defaults included.
 */

/** Records what it is asked and answers a stand-in figure (what is checked is the request). */
function recordingMeasurer() {
  const requests: MeasurementRequestInput[] = [];
  return {
    requests,
    async measure(request: MeasurementRequestInput) {
      requests.push(request);
      return {
        request: request as never,
        measured: 1,
        theory: 1,
        unit: 'count' as const,
        details: ['recorded'],
        backend: 'recorded',
        engine: 'tfjs' as const,
        elapsedMs: 0,
        cached: false,
        queuedMs: 0,
        lane: 'light' as const,
      };
    },
    async segmentationPicture(): Promise<never> {
      throw new Error('not used');
    },
    async close() {},
  };
}

const discordMeasurer = recordingMeasurer();
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ measurer: discordMeasurer });
});
afterAll(async () => {
  await h?.close();
});

async function viaCli(argv: string[]) {
  const measurer = recordingMeasurer();
  let err = '';
  const sink = new Writable({
    write(c, _e, done) {
      err += String(c);
      done();
    },
  });
  const code = await main(argv, { out: sink as never, err: sink as never }, { measurer });
  return { code, request: measurer.requests[0], err };
}

async function viaDiscord(sub: string, options: SlashOption[]) {
  const before = discordMeasurer.requests.length;
  const reply = await h.emulator.slash({ user: users.ada }, 'compute', [opt.sub(sub, options)]).message();
  return { request: discordMeasurer.requests[before], reply };
}

// Smallest input sides, derived independently of the library:
// - Xception 71 and Inception-v3 75: Keras' application docs ("width and height should be no smaller
//   than 71" / "than 75").
// - AlexNet 67 (Krizhevsky et al. 2012, 11×11/4 valid conv, then 3×3/2 max pools after conv1, conv2
//   and conv5): side 67 gives (67−11)/4+1 = 15 → pool 7 → pool 3 → pool 1; side 66 gives 14 → 6 → 2,
//   and the last 3×3 pool does not fit.
// - ResNet-50 has no larger minimum than the default 64.
const table: [string, string[], SlashOption[], number][] = [
  ['alexnet, no side', ['--arch', 'alexnet'], [opt.string('arch', 'alexnet')], 67],
  [
    'alexnet-one-tower, no side',
    ['--arch', 'alexnet-one-tower'],
    [opt.string('arch', 'alexnet-one-tower')],
    67,
  ],
  ['inception-v3, no side', ['--arch', 'inception-v3'], [opt.string('arch', 'inception-v3')], 75],
  ['xception, no side', ['--arch', 'xception'], [opt.string('arch', 'xception')], 71],
  ['resnet50, no side', ['--arch', 'resnet50'], [opt.string('arch', 'resnet50')], 64],
  [
    'xception at 299',
    ['--arch', 'xception', '--side', '299'],
    [opt.string('arch', 'xception'), opt.integer('side', 299)],
    299,
  ],
];

describe('compute stride: one resolver, two adapters', () => {
  test.each(table)('%s: both adapters ask for the same side', async (_name, argv, options, side) => {
    const cli = await viaCli(['compute', 'stride', ...argv]);
    const discord = await viaDiscord('stride', options);
    expect(cli.code).toBe(0);
    expect(discord.reply.embeds[0].title).toBe('Measured: 1');
    expect(cli.request).toEqual(discord.request);
    expect(discord.request).toEqual({
      kind: 'outputStride',
      architecture: argv[1],
      inputSide: side,
    });
  });

  test('a side below the network minimum is refused by both, naming the side to try', async () => {
    const cli = await viaCli(['compute', 'stride', '--arch', 'alexnet', '--side', '66']);
    const discord = await h.emulator
      .slash({ user: users.ada }, 'compute', [
        opt.sub('stride', [opt.string('arch', 'alexnet'), opt.integer('side', 66)]),
      ])
      .callback();
    expect(cli.code).toBe(2);
    expect(cli.err).toContain(
      '--side 66 is too small for alexnet: its input must be at least 67×67; try --side 67',
    );
    expect(discord.data.content).toContain(
      'side: 66 is too small for alexnet: its input must be at least 67×67; try side: 67',
    );
    expect(cli.request).toBeUndefined();
  });

  test('exercise 2 training RAM: the exercise batch of 50 on both (Géron, ch. 14 exercise 2)', async () => {
    const cli = await viaCli(['compute', 'exercise2', '--quantity', 'trainingBytes']);
    const discord = await viaDiscord('memory', [opt.string('quantity', 'trainingBytes')]);
    expect(cli.request).toEqual(discord.request);
    expect(discord.request).toEqual({ kind: 'exercise2', quantity: 'trainingBytes', batchSize: 50 });
  });
});
