/**
 * The answer path's store calls (issue 20): what one answer costs the bot's thread in the store,
 * and what building and compiling its queries would add per answer (the work the store now does
 * once, at open). SQLite, one process. Figures, not timed tests: run alone (`tsx bench/store.bench.ts`),
 * and read them beside the load average printed with them.
 *
 * Issue 20, one run each, back to back (2-core machine shared by 7 engineers, Node 20, load ~6.6–7.3):
 *   before (groups read with one query per group, every compiled statement through Kysely, the board
 *   bumped in a second write): 501 µs per answer, 2.00 Kysely compilations per answer; per call
 *   groupsOf 70, findRecordedAttempt 15, unpaidHint 16, bumpBoard 20, boardVersion 10 µs.
 *   after (groups in one compiled query, kept under `PRAGMA data_version`; compiled statements straight
 *   on better-sqlite3; the board bumped inside the recording transaction): 275 µs per answer, 0.00
 *   compilations; per call groupsOf 6, findRecordedAttempt 13, unpaidHint 14, bumpBoard 18, boardVersion 8 µs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { DefaultQueryCompiler, Kysely, SqliteDialect } from 'kysely';
import { openStore } from '../src/index';
import { AttemptLog } from '../src/store/attempts';
import { storeContext } from '../src/store/context';
import { Standings } from '../src/store/leaderboard';
import { RateBuckets } from '../src/store/rate-buckets';
import { KyselyRoundStore } from '../src/store/rounds';
import type { Database } from '../src/store/schema';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const folder = mkdtempSync(join(tmpdir(), 'cnnkit-store-bench-'));
try {
  const store = await openStore({ sqlitePath: join(folder, 'quiz.db') });
  // Every user is in a named group of a server, as on Discord after /group join.
  await store.createGroup({ id: 'discord:1:owls', name: 'Owls' }, 1);
  for (let u = 0; u < 200; u++) await store.joinGroup('discord:1:owls', `user-${u}`, `user-${u}`, 2 + u);
  let compiles = 0;
  const compile = DefaultQueryCompiler.prototype.compileQuery;
  DefaultQueryCompiler.prototype.compileQuery = function (...args) {
    compiles++;
    return compile.apply(this, args);
  };
  const answers = 2_000;
  const perAnswer: number[] = [];
  for (let i = 0; i < answers; i++) {
    const user = `user-${i % 200}`;
    const attempt = {
      idempotencyKey: `k${i}`,
      user: { id: user, displayName: user },
      group: { id: 'g', name: 'G' },
      questionId: 1 + (i % 8),
      partId: 'p',
      variantSeed: i % 5,
      answer: `${i}`,
      score: i % 3 === 0 ? 0 : 1,
      correct: i % 3 !== 0,
      difficulty: 2 as const,
      at: 1_700_000_000_000 + i * 1000,
    };
    const t = performance.now();
    await store.groupsOf(user, 'discord:1:');
    await store.rounds.unpaidHint(user, attempt.questionId, attempt.at, 0);
    await store.takeRateToken(user, attempt.at, { capacity: 5, perSecond: 1 });
    await store.findRecordedAttempt({ ...attempt, userId: user, groupId: 'g' });
    // Moves the group's board version too, in its own transaction (the bot bumped it separately before).
    await store.recordAttempt(attempt);
    perAnswer.push(performance.now() - t);
  }
  const t = performance.now();
  for (let i = 0; i < 200; i++) await store.leaderboard('g');
  const board = (performance.now() - t) / 200;
  console.log(
    `Discord answer path in the store (current group, hint look-up, rate token, idempotency look-up, record with its board bump): median ${(median(perAnswer) * 1000).toFixed(0)} µs per answer over ${answers.toLocaleString('en-US')} answers; Kysely compilations per answer: ${(compiles / answers).toFixed(2)}; leaderboard read ${(board * 1000).toFixed(0)} µs (load average ${load()})`,
  );
  // The Discord answer path's store calls, one by one (what `currentGroup`, `runOwingHint`, the
  // engine and, before issue 20, a separate board bump asked per answer), against the same store: median per call.
  const calls: [string, (i: number) => Promise<unknown>][] = [
    ['groupsOf (currentGroup)', (i) => store.groupsOf(`user-${i % 200}`, 'discord:1:')],
    [
      'findRecordedAttempt (attempt by key)',
      (i) =>
        store.findRecordedAttempt({
          idempotencyKey: `k${i}`,
          userId: `user-${i % 200}`,
          groupId: 'g',
          questionId: 1 + (i % 8),
          partId: 'p',
          variantSeed: i % 5,
          answer: `${i}`,
        }),
    ],
    ['unpaidHint', (i) => store.rounds.unpaidHint(`user-${i % 200}`, 1 + (i % 8), 1_700_000_000_000, 0)],
    ['bumpBoard', () => store.rounds.bumpBoard('g')],
    ['boardVersion', () => store.rounds.boardVersion('g')],
  ];
  const perCall: string[] = [];
  for (const [name, call] of calls) {
    const times: number[] = [];
    for (let i = 0; i < answers; i++) {
      const t0 = performance.now();
      await call(i);
      times.push(performance.now() - t0);
    }
    perCall.push(`${name} ${(median(times) * 1000).toFixed(0)} µs`);
  }
  console.log(
    `per call, median over ${answers.toLocaleString('en-US')} calls: ${perCall.join('; ')} (load average ${load()})`,
  );

  await store.close();

  // What compiling the same queries per call costs: build and compile them all, many times.
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: new SqliteDatabase(':memory:') }),
  });
  const context = storeContext(db, 'sqlite');
  const rounds = 300;
  const start = performance.now();
  for (let i = 0; i < rounds; i++) {
    new AttemptLog(context);
    new RateBuckets(context);
    new Standings(context);
    new KyselyRoundStore(context);
  }
  const perSet = (performance.now() - start) / rounds;
  console.log(
    `building and compiling every compiled store query once (14 attempt, 3 rate-limit, 1 leaderboard, 13 round and hint queries): ${(perSet * 1000).toFixed(0)} µs, done once per store instead of per call (load average ${load()})`,
  );
  await db.destroy();
} finally {
  rmSync(folder, { recursive: true, force: true });
}
