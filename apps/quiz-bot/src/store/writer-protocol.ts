import type { MessagePort } from 'node:worker_threads';
import { QuizError, type QuizErrorCode } from '../errors';
import type { QuizStore } from './api';

/**
 * The store's writes that go to the writer thread (every write of the Discord bot's paths; reads
 * stay on the calling thread, which WAL never blocks). A method of the round store is named
 * `rounds.<method>`. With all of them on one connection, the bot's thread never waits on SQLite's
 * write lock (a write there while the writer commits would sleep in SQLite's busy handler).
 */
export const WRITER_METHODS = [
  'recordAttempt',
  'takeRateToken',
  'setSetting',
  'createGroup',
  'joinGroup',
  'leaveGroup',
  'rounds.openRound',
  'rounds.claimClose',
  'rounds.enterAnswer',
  'rounds.settleAnswer',
  'rounds.claimAnnouncement',
  'rounds.takeHint',
  'rounds.payHint',
  'rounds.bumpBoard',
] as const;
/** One of {@link WRITER_METHODS}. */
export type WriterMethod = (typeof WRITER_METHODS)[number];

/**
 * The writes that may be run again after the writer failed without replying, because running one
 * twice does what running it once did: an answer (its idempotency key), a round entry and its
 * settlement, a hint (its interaction). Any other write the writer owed is refused instead
 * (`storage_failed`: it may or may not have been done).
 */
export const REPEATABLE_METHODS: ReadonlySet<WriterMethod> = new Set([
  'recordAttempt',
  'rounds.enterAnswer',
  'rounds.settleAnswer',
  'rounds.takeHint',
]);

/** One write for the writer, numbered by it (see writer.ts). */
export interface WriterRequest {
  readonly id: number;
  readonly method: WriterMethod;
  readonly args: readonly unknown[];
}

/** `method` of `store` (`rounds.x` on its round store), bound to it. */
export function storeMethod(
  store: QuizStore,
  method: WriterMethod,
): (...args: unknown[]) => Promise<unknown> {
  const [owner, name] = method.startsWith('rounds.')
    ? [store.rounds as unknown as Record<string, unknown>, method.slice('rounds.'.length)]
    : [store as unknown as Record<string, unknown>, method];
  return (owner[name] as (...args: unknown[]) => Promise<unknown>).bind(owner);
}

/** An error as it crosses the thread boundary: a QuizError keeps its code and context. */
export interface WriterError {
  readonly code: QuizErrorCode | undefined;
  readonly message: string;
  readonly context: Readonly<Record<string, unknown>> | undefined;
}

/** The writer worker's reply to one request: what the write returned, or why it failed. */
export type WriterReply =
  | { readonly id: number; readonly value: unknown }
  | { readonly id: number; readonly error: WriterError };

/** The message form of `error` (a QuizError keeps its code and context; anything else its message). */
export function toWriterError(error: unknown): WriterError {
  if (error instanceof QuizError) return { code: error.code, message: error.message, context: error.context };
  return {
    code: undefined,
    message: error instanceof Error ? error.message : String(error),
    context: undefined,
  };
}

/**
 * The error a {@link WriterError} stands for: the same QuizError (code, message, context), or a
 * `storage_failed` QuizError with the message when the worker's error was not a QuizError.
 */
export function fromWriterError(error: WriterError): QuizError {
  return new QuizError(
    error.code ?? 'storage_failed',
    error.code === undefined ? `the answer could not be saved: ${error.message}` : error.message,
    error.context === undefined ? {} : { context: { ...error.context } },
  );
}

/**
 * Most answers one write transaction of the worker records: a burst's answers arrive in one
 * message, and one group commit of hundreds would hold SQLite's write lock (and every reply) until
 * the last of them is scored. In groups of this size the first replies go back after the first
 * commit, and another connection's write waits for one group at most.
 */
export const WRITER_GROUP = 16;

/**
 * The writer worker's loop: each message is a batch of requests (those of one turn of the bot's
 * event loop); they are run on `store` in order, `WRITER_GROUP` at a time (one group commit each:
 * the store groups the writes asked for in one turn), and each group's replies go back in one
 * message once its commit is done, so a reply never says recorded before the answer is on disk.
 */
export function serveWriter(port: MessagePort, store: QuizStore): void {
  const queue: WriterRequest[] = [];
  let running = false;
  const next = async () => {
    running = true;
    while (queue.length > 0) {
      const group = queue.splice(0, WRITER_GROUP);
      const settled = await Promise.allSettled(group.map((r) => storeMethod(store, r.method)(...r.args)));
      port.postMessage(
        settled.map(
          (outcome, i): WriterReply =>
            outcome.status === 'fulfilled'
              ? { id: group[i]!.id, value: outcome.value }
              : { id: group[i]!.id, error: toWriterError(outcome.reason) },
        ),
      );
      // The next group from a fresh macrotask: its writes are one group commit of their own.
      await new Promise((resolve) => setImmediate(resolve));
    }
    running = false;
  };
  port.on('message', (batch: readonly WriterRequest[]) => {
    queue.push(...batch);
    if (!running) void next();
  });
}
