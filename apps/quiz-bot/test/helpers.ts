import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MeasurementService, openStore, QuizEngine, type QuizStore } from '../src/index';

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
