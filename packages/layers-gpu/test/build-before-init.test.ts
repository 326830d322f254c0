import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const packageDirectory = join(dirname(fileURLToPath(import.meta.url)), '..');

// Other tests in a vitest worker initialise the backend; only a fresh process has none.
describe('buildModel called before initBackend, in a fresh process', () => {
  test('fails at once with a coded error that says to call initBackend() first', () => {
    const script = [
      "import { buildModel } from './src/index';",
      'const spec = { name: "small", input: [8, 8, 3], layers: [{ kind: "conv2d", filters: 4, kernelSize: 3 }] };',
      'try { buildModel(spec); console.log(JSON.stringify({ built: true })); }',
      'catch (e) { console.log(JSON.stringify({ name: e.name, code: e.code, message: e.message })); }',
    ].join('\n');
    const file = join(packageDirectory, `.before-init-${process.pid}.ts`);
    writeFileSync(file, script);
    try {
      const result = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=@cnnkit/source', file], {
        cwd: packageDirectory,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(result.stderr).toBe('');
      const outcome = JSON.parse(result.stdout.trim()) as { name: string; code: string; message: string };
      expect(outcome).toMatchObject({ name: 'LayersGpuError', code: 'backend_not_initialised' });
      expect(outcome.message).toMatch(/call `await initBackend\(\)`.* before buildModel/);
    } finally {
      rmSync(file, { force: true });
    }
  }, 70_000);
});
