import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '../src/index';

const packageDirectory = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Every suite runs on the default backend of a machine without native TensorFlow: wasm, on one
 * thread (the threaded build has its own tests in wasm-threads.test.ts; see vitest.shared.ts).
 */
export async function useDefaultBackend() {
  return initBackend({ env: {}, wasmThreads: 1 });
}

/**
 * Runs a TypeScript module (lines joined) in a fresh Node process from the package folder, on src/
 * (what vitest's workers cannot show: a process with no backend yet, or one that must exit by
 * itself). `name` labels the temporary file, which is removed afterwards.
 */
export function runScriptInFreshProcess(name: string, lines: readonly string[]): SpawnSyncReturns<string> {
  const file = join(packageDirectory, `.${name}-${process.pid}.ts`);
  writeFileSync(file, lines.join('\n'));
  try {
    return spawnSync(process.execPath, ['--import', 'tsx', '--conditions=@cnnkit/source', file], {
      cwd: packageDirectory,
      encoding: 'utf8',
      timeout: 60_000,
    });
  } finally {
    rmSync(file, { force: true });
  }
}
