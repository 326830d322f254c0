/**
 * What one interaction callback costs the sending thread, by REST client setting and body: an
 * HTTP server in a worker thread (204 with Discord's rate-limit headers, as the emulator answers a
 * callback), and this thread posting `--count` callbacks through discord.js' REST, one at a time
 * with a pause between them (paced: a kept-alive connection, idle when the next one goes) or all
 * at once (burst). Prints this thread's CPU per request (/proc/thread-self/stat, 10 ms ticks) and
 * the TCP connections the server accepted.
 *
 *   tsx --conditions=@cnnkit/source bench/rest-cost.bench.ts [--count 2000] [--rounds 3]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { REST } from 'discord.js';
import { Agent } from 'undici';
import { createRest, restAgent, withServerErrorBackoff } from '../src/discord/bot';
import { ReplyQueue } from '../src/discord/queue';
import { lateCallbackRule } from '../src/discord/reply-in-time';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '3' } },
});
const count = Number(values.count);

const threadCpuMs = () => {
  const stat = readFileSync('/proc/thread-self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

const server = new Worker(
  `
  const { createServer } = require('node:http');
  const { parentPort } = require('node:worker_threads');
  let connections = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(204, {
        'x-ratelimit-limit': '50', 'x-ratelimit-remaining': '49', 'x-ratelimit-reset-after': '1',
        'x-ratelimit-reset': String(Date.now() / 1000 + 1), 'x-ratelimit-bucket': 'bucket-interactions',
      });
      res.end();
    });
  });
  server.on('connection', () => connections++);
  server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
  parentPort.on('message', () => parentPort.postMessage({ connections }));
  `,
  { eval: true },
);
const { port } = await new Promise<{ port: number }>((resolve) => server.once('message', resolve));
const connections = () =>
  new Promise<number>((resolve) => {
    server.once('message', (m: { connections: number }) => resolve(m.connections));
    server.postMessage('count');
  });
const api = `http://127.0.0.1:${port}/api`;

/**
 * The cnnkit bot's reply to a right choice answer, as the emulator received it (the harness bot,
 * /answer question 5 part across "b", 2026-12-07: 653 B of JSON).
 */
const oursBody = {
  type: 4,
  data: {
    embeds: [
      {
        color: 3055195,
        title: '✅ Correct · +20 points',
        description: 'Correct.',
        footer: { text: 'Question 5, across · Next review of question 5: in 10 minutes.' },
        fields: [
          {
            name: 'Why',
            value: 'The first option is batch normalization; the third is closer to instance normalization.',
          },
          {
            name: 'What the study notes got wrong',
            value:
              '• The notes omit where LRN goes (after ReLU in the early layers), its mechanism (lateral inhibition across neighbouring maps) and that batch normalization has largely replaced it.',
          },
          { name: 'Sources', value: 'Krizhevsky et al. 2012, §3.3' },
        ],
      },
    ],
    flags: 64,
    allowed_mentions: { parse: [] },
  },
};
/** The bare bot's reply (bench/discord-compare.ts' `interaction.reply`), as the emulator received it (147 B). */
const bareBody = {
  type: 4,
  data: {
    tts: false,
    enforce_nonce: false,
    embeds: [{ title: '✅ Correct · +20 points', description: 'The answer is b).' }],
    flags: 64,
  },
};
/** A body's size as sent: its JSON's UTF-8 bytes (the labels below are computed, not typed). */
const bodyBytes = (body: object) => Buffer.byteLength(JSON.stringify(body));

const fast = { globalRequestsPerSecond: 1_000_000 };
const variants: Record<string, () => REST> = {
  // undici's global agent's settings (no bound on connections), fresh for each variant: the global
  // one's connections would outlive it and serve the next.
  'bare: undici defaults (as the global agent)': () => new REST({ ...fast, api, agent: new Agent() }),
  'cnnkit: agent(128) + back-off + 429 rule': () =>
    new REST({
      ...fast,
      api,
      agent: restAgent(),
      makeRequest: withServerErrorBackoff(),
      rejectOnRateLimit: lateCallbackRule(new ReplyQueue()),
    }),
  'agent(128) only': () => new REST({ ...fast, api, agent: restAgent() }),
  'back-off only (createRest)': () =>
    createRest(
      { token: 't', applicationId: '1', apiUrl: api, databaseUrl: undefined },
      { ...fast, agent: new Agent() },
    ),
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let id = 1_000_000_000_000_000_000n;
async function measure(rest: REST, body: object, mode: 'paced' | 'burst') {
  const post = () => rest.post(`/interactions/${id++}/token/callback`, { auth: false, body });
  // Warm-up: JIT and a connection.
  for (let i = 0; i < 200; i++) await post();
  const before = await connections();
  const start = threadCpuMs();
  if (mode === 'burst') {
    for (let done = 0; done < count; done += 400)
      await Promise.all(Array.from({ length: Math.min(400, count - done) }, post));
  } else {
    for (let i = 0; i < count; i++) {
      await post();
      await sleep(1);
    }
  }
  const cpu = threadCpuMs() - start;
  return { cpuPerRequest: cpu / count, connections: (await connections()) - before };
}

for (let round = 0; round < Number(values.rounds); round++) {
  for (const mode of ['paced', 'burst'] as const)
    for (const [name, make] of Object.entries(variants))
      for (const [bodyName, body] of [
        [`cnnkit's ${bodyBytes(oursBody)} B body`, oursBody],
        [`bare ${bodyBytes(bareBody)} B body`, bareBody],
      ] as const) {
        const rest = make();
        const r = await measure(rest, body, mode);
        console.log(
          `${mode.padEnd(5)} ${name.padEnd(42)} ${bodyName}: ${(r.cpuPerRequest * 1000).toFixed(0)} µs of this thread per request, ${r.connections} connections for ${count}`,
        );
        const agent = (rest as unknown as { agent: { destroy?(): Promise<void> } | null }).agent;
        await agent?.destroy?.();
      }
}
await server.terminate();
