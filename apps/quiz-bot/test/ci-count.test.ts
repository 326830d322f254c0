import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

// CI's `N passed, N failed` line (.ci/count-results.cjs, run by .ci/run), checked on a real vitest
// JSON report of two small files: one whose beforeAll throws, one that passes with a skipped test.
const folder = mkdtempSync(join(tmpdir(), 'cnnkit-ci-count-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const root = new URL('../../..', import.meta.url).pathname;

describe('.ci/count-results.cjs', () => {
  test('a file whose beforeAll throws counts its tests as failed, not skipped', () => {
    writeFileSync(
      join(folder, 'broken.test.ts'),
      "import { beforeAll, expect, test } from 'vitest';\nbeforeAll(() => { throw new Error('no database'); });\ntest('one', () => expect(1).toBe(1));\ntest('two', () => expect(1).toBe(1));\n",
    );
    writeFileSync(
      join(folder, 'fine.test.ts'),
      "import { expect, test } from 'vitest';\ntest('ok', () => expect(1).toBe(1));\ntest.skip('skipped on purpose', () => {});\n",
    );
    writeFileSync(join(folder, 'vitest.config.mjs'), 'export default {};\n');
    const report = join(folder, 'report.json');
    const vitest = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules/vitest/vitest.mjs'),
        'run',
        '--root',
        folder,
        '--config',
        join(folder, 'vitest.config.mjs'),
        '--reporter=json',
        `--outputFile=${report}`,
      ],
      { encoding: 'utf8', cwd: root, timeout: 60_000, env: { ...process.env, CNNKIT_VITEST_JSON: '' } },
    );
    expect(vitest.status).toBe(1);
    const count = spawnSync(process.execPath, [join(root, '.ci/count-results.cjs'), report, '1'], {
      encoding: 'utf8',
    });
    expect(count.stdout).toBe('1 passed, 2 failed, 1 skipped\n');
  });

  test('a non-zero exit with no test failing still counts one failure', () => {
    const count = spawnSync(
      process.execPath,
      [join(root, '.ci/count-results.cjs'), join(folder, 'none.json'), '2'],
      {
        encoding: 'utf8',
      },
    );
    expect(count.stdout).toBe('0 passed, 1 failed\n');
  });
});
