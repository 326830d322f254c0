/**
 * `--phases` of bench/discord.bench.ts: where each interaction's time to its first reply goes, for
 * the interactions above the p95 and the median ones (45th–55th percentile), the cnnkit bot and
 * the bare bot side by side. The bots' thread marks each interaction's phases (src/discord/phases.ts;
 * the bare bot's marks are made here), the users' thread gives when it was dispatched and when the
 * emulator received its first response; all in ms since the epoch. GC pauses of the bots' thread
 * are taken from a PerformanceObserver and charged to every interaction in flight during them.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import type { PhaseProbe } from '../src/discord/phases';
import type { ScenarioResult } from './discord-compare-worker';

const now = () => performance.timeOrigin + performance.now();

/** The phases of one bot's interactions, and the bots' thread's GC pauses, over a measured window. */
export class PhaseRecorder implements PhaseProbe {
  readonly marks = new Map<string, Record<string, number>>();
  readonly gcs: { start: number; end: number }[] = [];
  /** The last interaction marked 'resolved' (its rubric grade, if any, starts right after). */
  lastResolved: string | undefined;
  private readonly observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      this.gcs.push({
        start: performance.timeOrigin + entry.startTime,
        end: performance.timeOrigin + entry.startTime + entry.duration,
      });
  });

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  mark(interactionId: string, phase: string): void {
    let marks = this.marks.get(interactionId);
    if (marks === undefined) {
      marks = {};
      this.marks.set(interactionId, marks);
    }
    marks[phase] ??= now();
    if (phase === 'resolved') this.lastResolved = interactionId;
  }

  stop(): void {
    this.observer.disconnect();
  }
}

/** The phases printed, in order: [label, from, to] (marks, or 'sent' / 'received' of the users' thread). */
const CNNKIT_STEPS: [string, string, string][] = [
  ['sent→packet', 'sent', 'packet'],
  ['packet→dispatch', 'packet', 'dispatch'],
  ['dispatch→resolved', 'dispatch', 'resolved'],
  ['resolved→lane', 'resolved', 'lane'],
  ['lane→scored', 'lane', 'scored'],
  ['scored→reply', 'scored', 'reply'],
  ['reply→received', 'reply', 'received'],
];
const BARE_STEPS: [string, string, string][] = [
  ['sent→packet', 'sent', 'packet'],
  ['packet→dispatch', 'packet', 'dispatch'],
  ['dispatch→reply', 'dispatch', 'reply'],
  ['reply→received', 'reply', 'received'],
];

const mean = (values: readonly number[]) =>
  values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;

/** Lines of the phase table of one bot's run. */
export function phaseLines(
  bot: 'cnnkit' | 'bare',
  result: ScenarioResult,
  recorder: PhaseRecorder,
): string[] {
  const steps = bot === 'cnnkit' ? CNNKIT_STEPS : BARE_STEPS;
  const rows = result.timings
    .map((t) => ({ ...t, total: t.received - t.sent, marks: recorder.marks.get(t.id) ?? {} }))
    .sort((a, b) => a.total - b.total);
  if (rows.length === 0) return [];
  const at = (row: (typeof rows)[number], name: string) =>
    name === 'sent' ? row.sent : name === 'received' ? row.received : row.marks[name];
  const groups: [string, typeof rows][] = [
    ['median (p45–p55)', rows.slice(Math.floor(rows.length * 0.45), Math.ceil(rows.length * 0.55))],
    ['above p95', rows.slice(Math.floor(rows.length * 0.95))],
  ];
  const lines: string[] = [];
  for (const [name, group] of groups) {
    const parts = steps.map(([label, from, to]) => {
      const spans = group
        .map((row) => {
          const a = at(row, from);
          const b = at(row, to);
          return a === undefined || b === undefined ? undefined : b - a;
        })
        .filter((ms): ms is number => ms !== undefined);
      return `${label} ${mean(spans).toFixed(2)}`;
    });
    const free = group.filter((row) => row.freeText);
    const span = (rows: typeof group, from: string, to: string) =>
      mean(
        rows
          .map((row) => (row.marks[to] ?? Number.NaN) - (row.marks[from] ?? Number.NaN))
          .filter((ms) => Number.isFinite(ms)),
      );
    const choice = group.filter((row) => !row.freeText);
    // GC pauses of the bots' thread while it was in flight, and how many others were in flight.
    const gc = group.map((row) =>
      recorder.gcs.reduce(
        (sum, g) => sum + Math.max(0, Math.min(g.end, row.received) - Math.max(g.start, row.sent)),
        0,
      ),
    );
    const inFlight = group.map(
      (row) => rows.filter((o) => o !== row && o.sent <= row.sent && o.received > row.sent).length,
    );
    lines.push(
      `    ${bot.padEnd(7)} ${name} (${group.length}, ${free.length} free text): total ${mean(group.map((r) => r.total)).toFixed(2)} ms = ${parts.join(', ')}`,
      `            GC ${mean(gc).toFixed(2)} ms in flight; ${mean(inFlight).toFixed(1)} others in flight at dispatch` +
        (bot === 'cnnkit'
          ? `; free text: total ${mean(free.map((r) => r.total)).toFixed(2)}, resolved→graded ${span(free, 'resolved', 'graded').toFixed(2)}, lane→scored ${span(free, 'lane', 'scored').toFixed(2)}, graded→scored ${span(free, 'graded', 'scored').toFixed(2)}; choice: total ${mean(choice.map((r) => r.total)).toFixed(2)}, lane→scored ${span(choice, 'lane', 'scored').toFixed(2)} ms`
          : ''),
    );
  }
  return lines;
}
