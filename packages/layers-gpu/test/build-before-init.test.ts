import { describe, expect, test } from 'vitest';
import { runScriptInFreshProcess } from './helpers';

// Other tests in a vitest worker initialise the backend; only a fresh process has none.
describe('buildModel called before initBackend, in a fresh process', () => {
  test('fails at once with a coded error that says to call initBackend() first', () => {
    const script = [
      "import { buildModel } from './src/index';",
      'const spec = { name: "small", input: [8, 8, 3], layers: [{ kind: "conv2d", filters: 4, kernelSize: 3 }] };',
      'try { buildModel(spec); console.log(JSON.stringify({ built: true })); }',
      'catch (e) { console.log(JSON.stringify({ name: e.name, code: e.code, message: e.message })); }',
    ];
    const result = runScriptInFreshProcess('before-init', script);
    expect(result.stderr).toBe('');
    const outcome = JSON.parse(result.stdout.trim()) as { name: string; code: string; message: string };
    expect(outcome).toMatchObject({ name: 'LayersGpuError', code: 'backend_not_initialised' });
    expect(outcome.message).toMatch(/call `await initBackend\(\)`.* before buildModel/);
  }, 70_000);
});
