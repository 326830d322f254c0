/**
 * Timestamps of an answer's hops (gateway event, dispatch, grade, write, reply…), keyed by the
 * answer's idempotency key (`discord:<interaction id>` for the Discord bot), for
 * bench/discord.bench.ts `--hops` (issue 20: where a lone answer's time goes). Off unless a bench
 * installs a recorder: a mark then costs one `undefined` check. Times are epoch ms with
 * sub-millisecond precision (`performance.timeOrigin + performance.now()`).
 */
export type HopRecorder = (key: string, hop: string, at: number) => void;

let recorder: HopRecorder | undefined;

/** Installs (or, with undefined, removes) the recorder every `hop` mark goes to. */
export function recordHops(next: HopRecorder | undefined): void {
  recorder = next;
}

/** True while a recorder is installed (a caller may skip building a key otherwise). */
export function hopsRecorded(): boolean {
  return recorder !== undefined;
}

/** Marks that the answer `key` reached `name` now (nothing when no recorder is installed, or no key). */
export function hop(key: string | undefined, name: string): void {
  if (recorder !== undefined && key !== undefined)
    recorder(key, name, performance.timeOrigin + performance.now());
}
