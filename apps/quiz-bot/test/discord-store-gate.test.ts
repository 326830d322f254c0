import { expect, test } from 'vitest';
import { BotError } from '../src/discord/errors';
import { StoreGate } from '../src/discord/store-gate';
import type { QuizStore } from '../src/store/store';

/** A stand-in store: each call is recorded; `held` calls wait for the test to settle them. */
function standInStore() {
  const calls: string[] = [];
  const held: { resolve: (value: unknown) => void; reject: (error: unknown) => void }[] = [];
  const hold = () =>
    new Promise((resolve, reject) => {
      held.push({ resolve, reject });
    });
  let closed = 0;
  const store = {
    dialect: 'sqlite',
    async countAttempts() {
      calls.push('countAttempts');
      return 7;
    },
    recordAttempt() {
      calls.push('recordAttempt');
      return hold();
    },
    async setSetting() {
      calls.push('setSetting');
      throw new Error('disk full');
    },
    rounds: {
      async takeHint() {
        calls.push('rounds.takeHint');
      },
    },
    async close() {
      closed++;
    },
  };
  return { store: store as unknown as QuizStore, calls, held, closed: () => closed };
}

const stopping = new BotError('bot_restarting', 'the bot is stopping: the store is closing');

test('while open, calls go through with their own results and errors', async () => {
  const { store, calls } = standInStore();
  const gate = new StoreGate(store);
  expect(await gate.store.countAttempts()).toBe(7);
  await expect(gate.store.setSetting('s', 'k', 'v', 1)).rejects.toThrow('disk full');
  await gate.store.rounds.takeHint({} as never);
  expect(calls).toEqual(['countAttempts', 'setSetting', 'rounds.takeHint']);
  expect((gate.store as unknown as { dialect: string }).dialect).toBe('sqlite');
});

test('once closed, a call that starts is refused with the reason and never reaches the store; close passes through', async () => {
  const { store, calls, closed } = standInStore();
  const gate = new StoreGate(store);
  gate.close(stopping);
  await expect(gate.store.countAttempts()).rejects.toBe(stopping);
  await expect(gate.store.rounds.takeHint({} as never)).rejects.toBe(stopping);
  expect(calls).toEqual([]);
  await gate.store.close();
  expect(closed()).toBe(1);
});

test('a call under way when the gate closes ends as it ends: its value if it succeeds, "restarting" (its cause kept) if it fails', async () => {
  const { store, held } = standInStore();
  const gate = new StoreGate(store);
  const stored = gate.store.recordAttempt({} as never);
  const failed = gate.store.recordAttempt({} as never);
  expect(gate.pending).toBe(2);
  gate.close(stopping);
  const cause = new Error('The database connection is not open');
  held[0]!.resolve({ points: 3 });
  held[1]!.reject(cause);
  await expect(stored).resolves.toEqual({ points: 3 });
  const error = await failed.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BotError);
  expect(error).toMatchObject({ code: 'bot_restarting', cause });
  expect(gate.pending).toBe(0);
});

test('settled: at once with nothing under way, once the last call settles, or false when the time is up first', async () => {
  const { store, held } = standInStore();
  const gate = new StoreGate(store);
  expect(await gate.settled(0)).toBe(true);
  const first = gate.store.recordAttempt({} as never);
  // Nothing settles it: the wait ends with the time (0 ms), and says so.
  expect(await gate.settled(0)).toBe(false);
  const waiting = gate.settled(60_000);
  held[0]!.resolve({});
  await first;
  expect(await waiting).toBe(true);
});

test('a method replaced on the store after a first call (a spy) is the one called', async () => {
  const { store } = standInStore();
  const gate = new StoreGate(store);
  expect(await gate.store.countAttempts()).toBe(7);
  (store as unknown as { countAttempts: () => Promise<number> }).countAttempts = async () => 8;
  expect(await gate.store.countAttempts()).toBe(8);
});
