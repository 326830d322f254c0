import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';

const run = promisify(execFile);
const cli = join(import.meta.dirname, '../src/cli.ts');

async function shapeMath(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', cli, ...args], {
      timeout: 20_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('shape-math command line', () => {
  test('summarises exercise 2 with both memory readings', async () => {
    const { code, stdout } = await shapeMath('summary', '--example', 'exercise2', '--batch', '50');
    expect(code).toBe(0);
    expect(stdout).toContain('Total params: 903,400');
    expect(stdout).toContain('(a) Inference, one instance (minimum): 12,613,600 bytes');
    expect(stdout).toContain('(b) Training, batch 50 (minimum): 565,613,600 bytes');
  });

  test('reads a JSON spec and prints JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shape-math-'));
    const file = join(dir, 'spec.json');
    writeFileSync(
      file,
      JSON.stringify({ input: [28, 28, 1], layers: [{ kind: 'flatten' }, { kind: 'dense', units: 10 }] }),
    );
    const { code, stdout } = await shapeMath('summary', file, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).totals.params.total).toBe(7_850);
  });

  test('a bad spec exits non-zero with the error, not a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shape-math-'));
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({ input: [4, 4, 3], layers: [{ kind: 'conv2d', filters: 2, kernelSize: 5 }] }),
    );
    const { code, stderr } = await shapeMath('summary', file);
    expect(code).toBe(65);
    expect(stderr).toContain('kernelSize 5 at layer 0 ("conv2d_0"): kernel 5×5 does not fit');
    expect(stderr).not.toContain('    at ');
  });

  test('bad options and usage errors', async () => {
    expect((await shapeMath('summary', '--example', 'exercise2', '--batch', 'many')).stderr).toContain(
      'options.batchSize',
    );
    expect((await shapeMath('summary', '--example', 'nope')).code).toBe(64);
    expect((await shapeMath('frobnicate')).code).toBe(64);
    expect((await shapeMath('summary', '--no-such-flag')).code).toBe(64);
  });
});
