/**
 * The store's share of a Discord burst (issue 20): 200 users answer twice each, all at once, and
 * each answer makes the two store calls the bot makes for it, as it makes them: its user's current
 * group (`groupsOf`, what `currentGroup` asks) and the recording with its rate token and hint
 * penalty in one transaction (the answers of one turn share a group commit). Each burst has new
 * users, so half its answers are first answers (each joins the whole-server group); they are worked
 * on a few at a time in arrival order, as the bot's answer lane does. Prints the
 * thread CPU per answer (process.cpuUsage: this process runs nothing else), median over the bursts,
 * with the load average. SQLite, one process. Figures, not timed tests: run alone
 * (`tsx --conditions=@cnnkit/source bench/store-burst.bench.ts [--bursts 15]`). Uses only the store's
 * public API, so the same file runs on an older checkout for a before/after pair.
 *
 * Issue 20, three pairs back to back (2-core machine shared by 6 engineers, Node 20, load 16.5–19,
 * 2026-12-06 09:36–09:40 UTC), before (every first answer emptied every user's kept groups; the
 * hint penalty read in every answer's transaction) → after (only the lists the membership changes;
 * the hint list kept under the group commit's data version): 384 → 453, 499 → 489, 500 → 449 µs per
 * answer. The bursts of one run spread ±30%: the change (about one SQLite read fewer per answer) is
 * inside that noise on this machine; not measured on a quiet one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../src/index';

const { values } = parseArgs({ options: { bursts: { type: 'string', default: '15' } } });
const bursts = Math.min(50, Number(values.bursts));
const USERS = 200;
/** Answers worked on at once (the Discord adapter's WorkLane lets a few in). */
const LANE_WIDTH = 4;
const HINT_TTL_MS = 15 * 60_000;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;

const folder = mkdtempSync(join(tmpdir(), 'cnnkit-store-burst-'));
try {
  const store = await openStore({ sqlitePath: join(folder, 'quiz.db') });
  await store.createGroup({ id: 'discord-1', name: 'Server' }, 1);
  const rateLimit = { capacity: 10, perSecond: 1 };
  const perAnswerUs: number[] = [];
  const startLoad = load();
  for (let burst = 0; burst <= bursts; burst++) {
    const at = 1_700_000_000_000 + burst * 60_000;
    const answers = Array.from({ length: 2 * USERS }, (_, i) => ({
      user: `discord:${burst}-${i % USERS}`,
      key: `discord:${burst}-${i}`,
      questionId: 1 + (i % 8),
      at: at + i,
    }));
    const cpu = process.cpuUsage();
    // A few at a time, in arrival order, as the bot's answer lane runs them (LANE_WIDTH).
    let next = 0;
    const lane = async () => {
      for (let a = answers[next++]; a !== undefined; a = answers[next++]) await answer(a);
    };
    const answer = async (a: (typeof answers)[number]) => {
      const [latest] = await store.groupsOf(a.user, 'discord-1-');
      const group = latest ?? { id: 'discord-1', name: 'Server' };
      await store.recordAttempt(
        {
          idempotencyKey: a.key,
          user: { id: a.user, displayName: a.user },
          group: { id: group.id, name: group.name },
          questionId: a.questionId,
          partId: 'p',
          variantSeed: null,
          answer: 'b',
          score: 1,
          correct: true,
          difficulty: 1,
          at: a.at,
        },
        { rateLimit, hint: { answeredAt: a.at, since: a.at - HINT_TTL_MS, interactionId: a.key } },
      );
    };
    await Promise.all(Array.from({ length: LANE_WIDTH }, lane));
    const used = process.cpuUsage(cpu);
    // The first burst warms the JIT and the statement caches: left out.
    if (burst > 0) perAnswerUs.push((used.user + used.system) / answers.length);
  }
  console.log(
    `store share of a burst (groupsOf + recordAttempt with rate token and hint, ${2 * USERS} answers of ${USERS} new users at once): median ${median(perAnswerUs).toFixed(1)} µs of thread CPU per answer over ${bursts} bursts (each: ${perAnswerUs.map((u) => u.toFixed(0)).join(', ')}); load average ${startLoad} at start, ${load()} at end`,
  );
  await store.close();
} finally {
  rmSync(folder, { recursive: true, force: true });
}
