/**
 * Summarises a V8 CPU profile (`discord.bench.ts --profile DIR` writes one per scenario and bot):
 * self time by package (or source file) and the top functions, as a share of the thread's busy time.
 *
 *   tsx bench/cpuprofile-summary.ts DIR/burst-cnnkit.cpuprofile [--top 40] [--cap-ms 1.2]
 *
 * V8 samples by wall clock (about every millisecond here). On a shared machine a thread that loses
 * its core mid-function is sampled once when it runs again, and that one sample carries the whole
 * wait: at load 17–23 (2026-12-06) the median gap between samples was 1.2 ms, the 90th percentile
 * 16 ms and the 99th 103 ms, so a syscall that wakes another thread (a worker's postMessage, a
 * socket's writev) looked like 20% of the bot's thread. `--cap-ms` (default 1.2: about one sampling
 * interval) counts each sample for at most that long, so the figures approach CPU time: the burst's
 * cnnkit profile then summed to 0.9 ms per interaction against the 1.00 ms of CPU the bench measured.
 * `--cap-ms 0` keeps the raw wall-clock times.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '40' }, 'cap-ms': { type: 'string', default: '1.2' } },
});
const file = positionals[0];
if (file === undefined) {
  console.error('usage: tsx bench/cpuprofile-summary.ts FILE.cpuprofile [--top 40] [--cap-ms 1.2]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const capUs = Number(values['cap-ms']) * 1000;
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));

/** The package a frame belongs to (pnpm's layout understood), else its node: module or source file. */
function owner(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (url === '') return functionName || '(native)';
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg !== null) return pkg[1]!;
  return url.replace(/^.*\/apps\/quiz-bot\//, '').replace(/^.*\/packages\//, 'packages/');
}

// A sample's time is the gap to the next one (the last has none).
const selfUs = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) {
  const gap = profile.timeDeltas[i + 1] ?? 0;
  const us = capUs > 0 ? Math.min(gap, capUs) : gap;
  selfUs.set(profile.samples[i]!, (selfUs.get(profile.samples[i]!) ?? 0) + us);
}
const byOwner = new Map<string, number>();
const byFunction = new Map<string, number>();
let idleUs = 0;
let totalUs = 0;
for (const [id, us] of selfUs) {
  const node = nodes.get(id)!;
  totalUs += us;
  if (node.callFrame.functionName === '(idle)') {
    idleUs += us;
    continue;
  }
  const where = owner(node);
  byOwner.set(where, (byOwner.get(where) ?? 0) + us);
  const name = `${node.callFrame.functionName || '(anonymous)'} ${where}:${node.callFrame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + us);
}
const busyUs = totalUs - idleUs;
const share = (us: number) => `${((100 * us) / Math.max(1, busyUs)).toFixed(1).padStart(5)}%`;
const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(6)} ms`;
console.log(
  `${file}: busy ${ms(busyUs).trim()} of ${ms(totalUs).trim()} (${capUs > 0 ? `samples capped at ${values['cap-ms']} ms` : 'wall-clock samples'})`,
);
for (const [where, us] of [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, 30))
  console.log(`${share(us)} ${ms(us)}  ${where}`);
console.log('top functions (self time):');
for (const [name, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top)))
  console.log(`${share(us)}  ${name}`);
