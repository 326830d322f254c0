import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from './open';
import { serveWriter } from './writer-protocol';

// The answers' write transactions, on a SQLite connection of their own, off the bot's thread.
// The opener (the bot's thread) has migrated and checked the file already.
const { sqlitePath, busyTimeoutMs } = workerData as { sqlitePath: string; busyTimeoutMs: number };
if (parentPort !== null) {
  const port = parentPort;
  const store = await openStore({ sqlitePath, busyTimeoutMs });
  serveWriter(port, store);
  port.postMessage('ready');
}
