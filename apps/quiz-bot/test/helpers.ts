import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MeasurementService, openStore, QuizEngine, type QuizStore } from '../src/index';
import type { AttemptToRecord } from '../src/store/api';

/**
 * One right answer to question 1's part 'p' for the store's tests: who, where and when; names are the
 * ids unless `more` says otherwise, and any other field can be overridden there.
 */
export function attemptFor(
  key: string,
  user: string,
  group: string,
  at: number,
  more: Partial<AttemptToRecord> = {},
): AttemptToRecord {
  return {
    idempotencyKey: key,
    user: { id: user, displayName: user },
    group: { id: group, name: group },
    questionId: 1,
    partId: 'p',
    variantSeed: null,
    answer: 'x',
    score: 1,
    correct: true,
    difficulty: 1,
    at,
    ...more,
  };
}

/** A real SQLite file in a fresh temporary folder, and a real worker pool. */
export async function makeEngine(options: { now?: () => number } = {}) {
  const folder = mkdtempSync(join(tmpdir(), 'cnnkit-quiz-'));
  const store = await openStore({ sqlitePath: join(folder, 'quiz.db') });
  const measurer = new MeasurementService();
  const engine = new QuizEngine({
    store,
    measurer,
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  return {
    engine,
    store,
    measurer,
    folder,
    async close() {
      await store.close();
      await measurer.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

export const alice = {
  userId: 'alice',
  displayName: 'Alice',
  groupId: 'study-group',
  groupName: 'Study group',
} as const;
export type Harness = Awaited<ReturnType<typeof makeEngine>>;
export type { QuizStore };

const cliMain = new URL('../src/cli/main.ts', import.meta.url).pathname;

/**
 * The real command, from source, on a SQLite file in `folder`; no token, no network. The data
 * folder is the test's own too: nothing is written outside it.
 */
export function quizCli(folder: string) {
  return (args: string[], input = '') => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--conditions=@cnnkit/source', cliMain, '--db', join(folder, 'cli.db'), ...args],
      {
        input,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', DATABASE_URL: '', XDG_DATA_HOME: folder },
        timeout: 60_000,
      },
    );
    return { code: result.status, out: result.stdout, err: result.stderr };
  };
}

/**
 * The CLI's `main()` in this process, its stdout and stderr collected: fast, for commands that run
 * no model (usage errors, `show`, `questions`).
 */
export async function cliInProcess(args: string[]) {
  const { main } = await import('../src/cli/main');
  const written = { out: '', err: '' };
  const stream = (name: 'out' | 'err') => ({
    write: (text: string) => {
      written[name] += text;
      return true;
    },
  });
  const io = { out: stream('out'), err: stream('err') } as unknown as Parameters<typeof main>[1];
  return { code: await main(args, io), ...written };
}
