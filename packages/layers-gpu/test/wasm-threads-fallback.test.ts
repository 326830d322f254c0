import { describe, expect, test } from 'vitest';
import { initBackend } from '../src/index';

describe('when the threaded wasm build cannot start', () => {
  test('initBackend falls back to one thread and says why', async () => {
    // The worker scripts go to the temporary folder; make it impossible to create.
    const tmp = process.env.TMPDIR;
    process.env.TMPDIR = '/nonexistent/cnnkit-test';
    try {
      const report = await initBackend({ force: 'wasm', env: {}, wasmThreads: 2 });
      expect(report.backend).toBe('wasm');
      expect(report.wasm?.threads).toBe(1);
      expect(report.wasm?.threadsReason).toMatch(/^1 thread, because the threaded-SIMD build failed/);
      expect(report.warnings.join('\n')).toMatch(/runs on 1 thread, because .*ENOENT/);
    } finally {
      if (tmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmp;
    }
  });
});
