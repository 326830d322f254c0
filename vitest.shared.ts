import { defineProject } from 'vitest/config';

/** Slow suites (big networks, PostgreSQL) run in CI and `pnpm test:all`, not in the inner loop. */
export const includeSlowSuites = process.env.CNNKIT_SLOW === '1';

/**
 * One vitest project per package. Tests import sibling packages through the
 * `@cnnkit/source` export condition, so they run on `src/` without a build.
 */
export function createVitestProject(name: string, options: { testTimeoutMs?: number } = {}) {
  return defineProject({
    resolve: { conditions: ['@cnnkit/source', 'import', 'module', 'node', 'default'] },
    ssr: { resolve: { conditions: ['@cnnkit/source', 'import', 'module', 'node', 'default'] } },
    test: {
      name,
      environment: 'node',
      include: ['test/**/*.test.ts', ...(includeSlowSuites ? ['test/**/*.slow.ts'] : [])],
      testTimeout: options.testTimeoutMs ?? 20_000,
      typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    },
  });
}
