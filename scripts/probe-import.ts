/**
 * Runs scripts/import-probe.mjs in a fresh Node process: what importing one module costs, and
 * which `@tensorflow/*` modules, native addons and Node builtins it loads. Used by the import-graph tests and `pnpm bench`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ImportProbe {
  readonly target: string;
  readonly importMs: number;
  /** Files and URLs of `@tensorflow/*` modules loaded by the import (empty for a pure entry). */
  readonly tensorflowModules: readonly string[];
  /** Files and URLs of native addons loaded by the import: `@resvg/*` packages and `.node` binaries. */
  readonly nativeModules: readonly string[];
  /**
   * Node builtins the imported code asked for through the ESM loader, as `specifier ← importer URL`
   * (tsx's own imports left out). A module a browser can load asks for none.
   */
  readonly nodeBuiltins: readonly string[];
  /** Whether tfjs-core's global engine exists after the import (it is created when tfjs-core loads). */
  readonly tfjsEngineCreated: boolean;
}

const PROBE = fileURLToPath(new URL('./import-probe.mjs', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * `source: true` runs TypeScript sources through tsx with the `@cnnkit/source` condition (as the
 * tests do); `source: false` imports built JavaScript with Node's default conditions.
 */
export function probeImport(file: string, options: { source: boolean }): ImportProbe {
  const flags = options.source ? ['--conditions=@cnnkit/source', '--import', 'tsx'] : [];
  const result = spawnSync(process.execPath, [...flags, PROBE, file], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  if (result.status !== 0 || !line.startsWith('{')) {
    throw new Error(`import probe of ${file} failed (exit ${result.status}): ${result.stderr.slice(-2000)}`);
  }
  return JSON.parse(line) as ImportProbe;
}
