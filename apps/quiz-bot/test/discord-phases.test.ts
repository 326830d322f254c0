import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { RunningBot } from '../src/discord/bot';
import type { PhaseProbe } from '../src/discord/phases';
import { DiscordEmulator, opt, snowflake } from './discord-emulator/emulator';
import { startBotOnSqlite, TEST_TOKEN } from './discord-emulator/harness';

/*
 * The bench's phase marks (`--phases`) belong to one bot: each bot gets its probe from startBot, so
 * two bots in one process (the bench runs the cnnkit bot and a bare one; a test may start two)
 * never mark each other's interactions. Was: one module-level probe that the last installer owned.
 */

/** A probe that keeps every mark: interaction id → the phases marked, in order. */
class RecordingProbe implements PhaseProbe {
  readonly marks = new Map<string, string[]>();
  mark(interactionId: string, phase: string): void {
    const phases = this.marks.get(interactionId) ?? [];
    phases.push(phase);
    this.marks.set(interactionId, phases);
  }
}

interface Running {
  emulator: DiscordEmulator;
  bot: RunningBot;
  probe: RecordingProbe;
  folder: string;
}
const bots: Running[] = [];

beforeAll(async () => {
  for (let i = 0; i < 2; i++) {
    // An emulator each: a second bot on one emulator would take the first one's gateway.
    const emulator = await DiscordEmulator.start({ token: TEST_TOKEN });
    const folder = mkdtempSync(join(tmpdir(), 'cnnkit-phases-'));
    const probe = new RecordingProbe();
    const bot = await startBotOnSqlite(emulator, folder, { phaseProbe: probe });
    bots.push({ emulator, bot, probe, folder });
  }
}, 60_000);

afterAll(async () => {
  for (const { emulator, bot, folder } of bots) {
    await bot.stop();
    await emulator.close();
    rmSync(folder, { recursive: true, force: true });
  }
});

/** A right choice answer (question 5, part across, "b") on `running`'s emulator; resolves with its interaction id once replied. */
async function answerOn(running: Running): Promise<string> {
  const handle = running.emulator.slash(
    { user: { id: snowflake(), username: 'ada' }, guildId: running.emulator.guilds[0]!.id },
    'answer',
    [opt.integer('question', 5), opt.string('part', 'across'), opt.string('answer', 'b')],
  );
  await handle.message(10_000);
  return handle.id;
}

test("each bot marks its own interactions' phases on its own probe, and only those", async () => {
  const [a, b] = bots as [Running, Running];
  const onA = await answerOn(a);
  // Every phase a model-free answer is marked at on its way to the reply (bot.ts, dispatcher.ts,
  // answering.ts), in that order: its gateway packet, dispatch, resolved, a place in the lane, scored, the reply.
  expect(a.probe.marks.get(onA)).toEqual(['packet', 'dispatch', 'resolved', 'lane', 'scored', 'reply']);
  expect([...b.probe.marks.keys()]).toEqual([]);

  const onB = await answerOn(b);
  expect(b.probe.marks.get(onB)).toEqual(['packet', 'dispatch', 'resolved', 'lane', 'scored', 'reply']);
  // A's probe still has its one interaction only.
  expect([...a.probe.marks.keys()]).toEqual([onA]);
});
