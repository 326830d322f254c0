import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import fc from 'fast-check';

/*
 * A fast-check property that cannot hang CI silently. fast-check's own limits (`timeout`,
 * `interruptAfterTimeLimit`) act only between predicate calls or on asynchronous predicates (its
 * docs, "Timeouts": "the timeout option only works with asynchronous properties as it needs a way
 * to interrupt another running script"); a synchronous predicate that loops blocks its thread, and
 * vitest's test timeout with it: CI once sat 16 minutes on one answer ("1%") with no name for it.
 * So the property runs in a worker thread, which reports each case before and after grading it; the
 * test's thread stays free, and when one case (or the drawing of the next) takes over `caseLimitMs`
 * it terminates the worker (V8 stops its JavaScript mid-loop) and fails naming that case and the
 * seed. A failing case fails the same way as before, named in words, with the seed and path that
 * replay it (`CNNKIT_FC_SEED`, `CNNKIT_FC_PATH`).
 */

/** What the test thread sends the worker. */
interface WatchedRunData {
  readonly numRuns: number;
  readonly seed: number;
  readonly path?: string;
}

/** What the worker sends back: a case starts or ends, or the run's result. */
type WatchMessage =
  | { readonly kind: 'start'; readonly text: string }
  | { readonly kind: 'end' }
  | { readonly kind: 'result'; readonly failure?: string; readonly numRuns: number };

/** The seed of this run: `CNNKIT_FC_SEED` to replay one, else a random one (named when a case fails). */
export function propertySeed(): number {
  const fromEnvironment = process.env.CNNKIT_FC_SEED;
  if (fromEnvironment !== undefined && fromEnvironment !== '') {
    const seed = Number(fromEnvironment);
    if (!Number.isSafeInteger(seed))
      throw new Error(`CNNKIT_FC_SEED=${fromEnvironment}: give a whole number`);
    return seed;
  }
  return Math.floor(Math.random() * 2 ** 31);
}

/**
 * Worker side: checks `predicate` on `numRuns` cases of `arbitrary` (seed and count from the test
 * thread), reporting each case's start (as `describe` words it) and end; the predicate throws or
 * returns false to fail. Call it at the top level of the worker module.
 */
export function checkInWorker<T>(
  arbitrary: fc.Arbitrary<T>,
  describe: (value: T) => string,
  predicate: (value: T) => boolean | undefined,
): void {
  if (isMainThread || parentPort === null)
    throw new Error('checkInWorker runs in the worker that runWatched starts');
  const port = parentPort;
  const { numRuns, seed, path } = workerData as WatchedRunData;
  const post = (message: WatchMessage) => port.postMessage(message);
  const details = fc.check(
    fc.property(arbitrary, (value) => {
      post({ kind: 'start', text: describe(value) });
      try {
        return predicate(value);
      } finally {
        post({ kind: 'end' });
      }
    }),
    { numRuns, seed, ...(path === undefined ? {} : { path }) },
  );
  if (!details.failed) {
    post({ kind: 'result', numRuns: details.numRuns });
    return;
  }
  const counterexample = details.counterexample === null ? undefined : describe(details.counterexample[0]);
  const reason =
    details.errorInstance instanceof Error ? details.errorInstance.message : 'the predicate returned false';
  post({
    kind: 'result',
    numRuns: details.numRuns,
    failure:
      counterexample === undefined
        ? (fc.defaultReportMessage(details) ?? 'the property failed')
        : `${counterexample}: ${reason} (after ${details.numRuns} cases, shrunk ${details.numShrinks} times; ` +
          `replay with CNNKIT_FC_SEED=${seed} CNNKIT_FC_PATH=${details.counterexamplePath})`,
  });
}

/** How a watched run is started; see `runWatched`. */
export interface WatchedRunOptions extends WatchedRunData {
  /** Longest a case may take, or the drawing of the next one, before the run is stopped and fails. */
  readonly caseLimitMs: number;
  /** The test's signal (vitest's context): aborted when the test times out; the worker is stopped then too. */
  readonly signal?: AbortSignal;
  /** Arguments the worker sees at the end of its `process.argv`. */
  readonly argv?: readonly string[];
}

/**
 * Test side: runs the worker module at `entry` (whose top level calls `checkInWorker`) and resolves
 * once every case passed; rejects naming the failing case, or the case that ran past `caseLimitMs`,
 * with the seed. Source-mode workers need `entry` to be an `.mjs` file that registers tsx first.
 */
export function runWatched(entry: URL, options: WatchedRunOptions): Promise<number> {
  const { caseLimitMs, signal, argv = [], ...data } = options;
  const seedWords = `fast-check seed ${data.seed}`;
  return new Promise<number>((resolve, reject) => {
    const worker = new Worker(entry, {
      workerData: data,
      argv: [...argv],
      // Source mode resolves sibling packages to their src/ through this export condition.
      execArgv: ['--conditions=@cnnkit/source'],
    });
    let started = 0;
    let current: string | undefined;
    let since: number | undefined;
    let settled = false;
    const finish = (error: Error | undefined, numRuns = 0) => {
      if (settled) return;
      settled = true;
      clearInterval(watch);
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      if (error === undefined) resolve(numRuns);
      else reject(error);
    };
    const where = () =>
      since === undefined
        ? 'the start of the worker (no case drawn yet)'
        : current === undefined
          ? `drawing case ${started + 1} (the last one graded in time)`
          : `case ${started}, ${current}`;
    const watch = setInterval(() => {
      if (since === undefined || performance.now() - since <= caseLimitMs) return;
      finish(new Error(`stopped after ${caseLimitMs / 1000} s on ${where()}; ${seedWords}`));
    }, 250);
    const onAbort = () => finish(new Error(`the test was stopped while on ${where()}; ${seedWords}`));
    signal?.addEventListener('abort', onAbort);
    worker.on('message', (message: WatchMessage) => {
      if (message.kind === 'start') {
        started++;
        current = message.text;
        since = performance.now();
      } else if (message.kind === 'end') {
        current = undefined;
        since = performance.now();
      } else if (message.failure !== undefined) {
        finish(new Error(`${message.failure}; ${seedWords}`));
      } else {
        finish(undefined, message.numRuns);
      }
    });
    worker.on('error', (error) =>
      finish(new Error(`the property's worker failed on ${where()}: ${error.message}; ${seedWords}`)),
    );
    worker.on('exit', (code) =>
      finish(new Error(`the property's worker exited (${code}) before its result; ${seedWords}`)),
    );
  });
}
