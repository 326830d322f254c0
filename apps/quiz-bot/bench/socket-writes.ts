/**
 * bench/discord.bench.ts `--socket-writes`: times every write a connected TCP socket makes on this
 * thread (net.Socket's `_writeGeneric`, which both a kept-alive socket's write and a new socket's
 * first write after its connect go through; a write queued while the socket still connects is
 * left out, as it sends nothing), in wall time and in time this thread spent waiting on the run
 * queue during it (/proc/thread-self/schedstat's second field, in ns: a write on loopback wakes the
 * emulator's thread, which may take this thread's core). Installed once, for the bots' thread.
 */
import { openSync, readSync } from 'node:fs';
import { Socket } from 'node:net';

export interface SocketWrites {
  /** Writes so far. */
  readonly count: number;
  /** Their wall time so far (µs). */
  readonly wallUs: number;
  /** This thread's run-queue wait during them so far (µs; NaN without /proc). */
  readonly waitUs: number;
}

let totals: { count: number; wallUs: number; waitUs: number } | undefined;

/** Starts timing this thread's socket writes (idempotent); returns a reader of the totals. */
export function timeSocketWrites(): () => SocketWrites {
  if (totals === undefined) {
    const sums = { count: 0, wallUs: 0, waitUs: 0 };
    totals = sums;
    let fd: number | undefined;
    try {
      fd = openSync('/proc/thread-self/schedstat', 'r');
    } catch {
      fd = undefined;
    }
    const buffer = Buffer.alloc(128);
    /** ns this thread has waited on a run queue (schedstat(5)'s second field). */
    const waitedNs = () => {
      if (fd === undefined) return Number.NaN;
      const n = readSync(fd, buffer, 0, buffer.length, 0);
      return Number(buffer.toString('latin1', 0, n).split(' ')[1]);
    };
    const proto = Socket.prototype as unknown as {
      _writeGeneric(this: Socket & { connecting: boolean }, ...args: unknown[]): unknown;
    };
    const write = proto._writeGeneric;
    proto._writeGeneric = function (this: Socket & { connecting: boolean }, ...args: unknown[]) {
      if (this.connecting) return write.apply(this, args);
      const waited = waitedNs();
      const start = performance.now();
      try {
        return write.apply(this, args);
      } finally {
        sums.wallUs += (performance.now() - start) * 1000;
        sums.waitUs += (waitedNs() - waited) / 1000;
        sums.count++;
      }
    };
  }
  const sums = totals;
  return () => ({ ...sums });
}
