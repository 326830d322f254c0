/**
 * The load side of bench/discord.bench.ts, in a worker thread of its own: the Discord API emulator
 * and the simulated users, so the bot's event loop (measured on the main thread) carries the bot only.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DiscordEmulator, opt, snowflake } from '../test/discord-emulator/emulator';

const { token, seconds, userCount, serverCount } = workerData as {
  token: string;
  seconds: number;
  userCount: number;
  serverCount: number;
};
const port = parentPort!;
const guilds = Array.from({ length: serverCount }, (_, i) => ({ id: snowflake(), name: `Server ${i + 1}` }));
const emulator = await DiscordEmulator.start({ token, guilds });
port.postMessage({ kind: 'ready', apiUrl: emulator.apiUrl, applicationId: emulator.applicationId });
await new Promise<void>((resolve) => port.once('message', () => resolve()));

const users = Array.from({ length: userCount }, (_, i) => ({
  user: { id: snowflake(), username: `user${i}` },
  guildId: guilds[i % serverCount]!.id,
}));
// Model-free answers (free text and multiple choice), and one in ten a numeric answer whose
// expected value is measured on a real model (question 2 and a few of its variants).
const ANSWERS = [
  () => [
    opt.integer('question', 1),
    opt.string('answer', 'weight sharing, detects features anywhere, a hierarchy of local features'),
  ],
  () => [opt.integer('question', 5), opt.string('part', 'across'), opt.string('answer', 'b')],
  () => [opt.integer('question', 5), opt.string('part', 'across'), opt.string('answer', 'a')],
  () => [opt.integer('question', 3), opt.string('answer', 'smaller batches, fp16, fewer layers')],
];
const numericAnswer = (i: number) => [
  opt.integer('question', 2),
  opt.string('part', 'params'),
  opt.integer('variant', [3, 17, 29][i % 3]!),
  opt.string('answer', '100000'),
];

const plain: number[] = [];
const model: number[] = [];
let sent = 0;
let failed = 0;
let errors = 0;
const started = performance.now();
const endAt = started + seconds * 1000;

async function runUser(index: number) {
  const actor = users[index]!;
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 1000));
  for (let n = 0; performance.now() < endAt; n++) {
    const isModel = (index + n) % 10 === 0;
    const options = isModel ? numericAnswer(n) : ANSWERS[(index + n) % ANSWERS.length]!();
    sent++;
    const handle = emulator.slash(actor, 'answer', options);
    try {
      await handle.callback(10_000);
      (isModel ? model : plain).push(Date.now() - handle.sentAt);
      const message = await handle.message(60_000);
      if (typeof message.content === 'string' && message.content.startsWith('⚠️')) errors++;
    } catch {
      failed++;
    }
    await new Promise((resolve) => setTimeout(resolve, 500 + Math.random() * 1000));
  }
}
await Promise.all(users.map((_, i) => runUser(i)));
const elapsed = (performance.now() - started) / 1000;
port.postMessage({ kind: 'done', plain, model, sent, failed, errors, elapsed });
await new Promise<void>((resolve) => port.once('message', () => resolve()));
await emulator.close();
