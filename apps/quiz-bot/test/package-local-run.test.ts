import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const appRoot = fileURLToPath(new URL('..', import.meta.url));

// `pnpm test` inside apps/quiz-bot uses this app's own vitest config, not the root's projects. With
// the `import` condition listed by hand, Node resolved pg-pool to its ESM build under pg's CommonJS
// `require` and every suite that loads the store failed ("Class extends value [object Module]").
test('the quiz’s own test script runs a store suite from inside apps/quiz-bot', () => {
  const env = { ...process.env };
  delete env.CNNKIT_VITEST_JSON; // the root run's report is not this child's to write
  delete env.CNNKIT_SLOW;
  const run = spawnSync('pnpm', ['exec', 'vitest', 'run', 'test/store-sqlite.test.ts', '--typecheck=false'], {
    cwd: appRoot,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const output = `${run.stdout}\n${run.stderr}`;
  expect(output).not.toMatch(/Class extends value/);
  expect(run.status, output.slice(-2000)).toBe(0);
});
