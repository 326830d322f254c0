import { defineProject } from 'vitest/config';

/** Slow suites (big networks, PostgreSQL) run in CI and `pnpm test:all`, not in the inner loop. */
export const includeSlowSuites = process.env.CNNKIT_SLOW === '1';

/**
 * One vitest project per package. Suites that need TensorFlow.js start the wasm backend on one
 * thread (`initBackend({ env: {}, wasmThreads: 1 })`): vitest already runs files side by side, and
 * the threaded build's eight preallocated workers per test process only crowd two cores. The
 * threaded default is covered by its own tests (layers-gpu wasm-threads*.test.ts).
 * Tests import sibling packages through the
 * `@cnnkit/source` export condition, so they run on `src/` without a build. `import`/`require` are
 * not listed: Vite adds the right one per import, and listing `import` made Node resolve pg-pool to
 * its ESM build under pg's CommonJS `require` in package-local runs.
 */
export function createVitestProject(name: string, options: { testTimeoutMs?: number } = {}) {
  return defineProject({
    resolve: { conditions: ['@cnnkit/source', 'module', 'node', 'default'] },
    ssr: { resolve: { conditions: ['@cnnkit/source', 'module', 'node', 'default'] } },
    test: {
      name,
      environment: 'node',
      include: ['test/**/*.test.ts', ...(includeSlowSuites ? ['test/**/*.slow.ts'] : [])],
      // Timeouts here guard against hangs; they are not speed checks (benchmarks are). A CI machine
      // shared with other jobs can take many seconds to start a backend in a hook, so both are wide.
      testTimeout: options.testTimeoutMs ?? 60_000,
      hookTimeout: 120_000,
      typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    },
  });
}
